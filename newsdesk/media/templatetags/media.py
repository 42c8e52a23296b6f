"""The theme's one way to show a library image: `{% responsive_image image sizes="..." %}`.

    {% load media %}
    {% responsive_image article.lead_image sizes="(min-width: 60rem) 46rem, 100vw" fetchpriority="high" %}
    {% responsive_image author.photo sizes="96px" alt="" class="author-bio__photo" width=96 height=96 %}

gives a <picture> whose WebP <source> and <img> list the image's renditions in `srcset` with the
`sizes` given, and width and height on the <img> so the page keeps the image's place while it
loads. Until the renditions are made (in the background, after upload) it is a plain <img> of the
stored file. `alt` defaults to the image's alt text; pass alt="" where the image repeats a link
beside it. Other attributes (class, loading, decoding, fetchpriority) go onto the <img>.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join

from newsdesk.media.models import Image, Rendition

register = template.Library()

_IMG_ATTRIBUTES = ("class", "loading", "decoding", "fetchpriority")


@register.simple_tag
def responsive_image(image: Image | None, *, sizes: str = "100vw", alt: str | None = None,
                     width: int | None = None, height: int | None = None, **attributes) -> str:  # fmt: skip
    """A <picture> (or, before renditions exist, an <img>) for `image`; nothing when there is none."""
    if image is None or not image.file:
        return ""
    unknown = set(attributes) - set(_IMG_ATTRIBUTES)
    if unknown:
        raise template.TemplateSyntaxError(f"responsive_image does not know {', '.join(sorted(unknown))}")
    by_format: dict[str, list[Rendition]] = {}
    for rendition in image.renditions.all():  # prefetch_related("…__renditions") makes this free
        by_format.setdefault(rendition.format, []).append(rendition)
    own = by_format.get(image.format, [])
    webp = by_format.get("WEBP", []) if image.format != "WEBP" else []
    img_attributes = {
        "src": max(own, key=lambda r: r.width).file.url if own else image.file.url,
        "srcset": _srcset(own),
        "sizes": sizes if own else "",
        "width": width or image.width or "",
        "height": height or image.height or "",
        "alt": image.alt_text if alt is None else alt,
        **{key: value for key, value in attributes.items() if value},
    }
    img = format_html("<img{}>", _attributes(img_attributes))
    if not webp:
        return img
    source = format_html('<source type="image/webp" srcset="{}" sizes="{}">', _srcset(webp), sizes)
    return format_html("<picture>{}{}</picture>", source, img)


def _srcset(renditions: list[Rendition]) -> str:
    return ", ".join(f"{r.file.url} {r.width}w" for r in sorted(renditions, key=lambda r: r.width))


def _attributes(values: dict) -> str:
    # alt is kept even when empty: alt="" is how a decorative image says so.
    kept = [(k, v) for k, v in values.items() if v not in ("", None) or k == "alt"]
    return format_html_join("", ' {}="{}"', kept)
