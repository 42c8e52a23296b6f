"""The media library's costs: checking and re-encoding a camera-sized upload, drawing its renditions,
refusing a decompression bomb, and rendering the theme's <picture> for it.

Runs in-process on a scratch var/ (SQLite, test settings) with a 24-megapixel JPEG drawn by Pillow
(noise over a gradient, so it compresses like a photo, not like a flat colour).

Run: .venv/bin/python bench/media.py   (BENCH_MEDIA_SIDE=6000 is the default photo width)
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NEWSDESK_VAR_DIR", tempfile.mkdtemp(prefix="newsdesk-bench-media-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")

import django  # noqa: E402

django.setup()

from django.test.utils import override_settings  # noqa: E402

# Renditions are timed on their own below, not made by the upload's task as the worker would.
override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}).enable()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.template import Context, Template  # noqa: E402
from PIL import Image  # noqa: E402

from newsdesk.media import services  # noqa: E402
from tests.media.conftest import png_bomb  # noqa: E402

WIDTH = int(os.environ.get("BENCH_MEDIA_SIDE", "6000"))
HEIGHT = WIDTH * 2 // 3


def photo() -> bytes:
    noise = Image.effect_noise((WIDTH, HEIGHT), 40).convert("RGB")
    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT)).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(noise, gradient, 0.6).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def main() -> None:
    call_command("migrate", verbosity=0)
    data = photo()
    print(f"media library, one {WIDTH}×{HEIGHT} JPEG of {len(data) / 1e6:.1f} MB:")
    image, seconds = timed(lambda: services.store_upload(SimpleUploadedFile("camera.jpg", data), alt_text="A photo"))
    print(f"  check + re-encode + store          {seconds:6.2f} s")
    made, seconds = timed(lambda: services.make_renditions(image))
    print(f"  {len(made)} renditions (WebP + JPEG)        {seconds:6.2f} s")
    _, seconds = timed(lambda: services.store_upload(SimpleUploadedFile("camera.jpg", data), alt_text="Again"))
    print(f"  the same file uploaded again       {seconds:6.2f} s  (stored once: header check only)")
    bomb = png_bomb()

    def refuse():
        try:
            services.store_upload(SimpleUploadedFile("bomb.png", bomb), alt_text="Bomb")
        except ValidationError:
            return

    _, seconds = timed(refuse)
    print(f"  refusing a 900-megapixel PNG bomb  {seconds * 1000:6.1f} ms  ({len(bomb) / 1e3:.0f} kB file)")
    template = Template('{% load media %}{% responsive_image image sizes="(min-width: 46rem) 42rem, 100vw" %}')
    image = type(image).objects.prefetch_related("renditions").get(pk=image.pk)
    _, seconds = timed(lambda: [template.render(Context({"image": image})) for _ in range(1000)])
    print(f"  rendering its <picture>            {seconds * 1000 / 1000:6.3f} ms each (renditions prefetched)")


if __name__ == "__main__":
    main()
