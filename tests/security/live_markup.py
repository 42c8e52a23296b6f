"""Find markup in a page that would run or change the page if it came from a hostile string."""

from __future__ import annotations

from bs4 import BeautifulSoup

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
NEVER = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "portal"}
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "srcdoc")


def live_markup(html: str | bytes) -> list[str]:
    """What in the page could execute: inline scripts, event-handler attributes, javascript: addresses,
    frames and plugins, <base>, refresh headers. The theme and the admin use none of these."""
    problems = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        name = element.name.lower()
        if name in NEVER:
            problems.append(f"<{name}>")
        if name == "script" and not element.get("src") and (element.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
            problems.append(f"inline <script>: {element.get_text()[:60]!r}")
        if name == "meta" and element.get("http-equiv"):
            problems.append(f"<meta http-equiv={element.get('http-equiv')!r}>")
        for attribute, value in element.attrs.items():
            if attribute.lower().startswith("on"):
                problems.append(f"<{name} {attribute}=…>")
            if attribute.lower() in URL_ATTRIBUTES and isinstance(value, str):
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text")):
                    problems.append(f"<{name} {attribute}={value[:40]!r}>")
    return problems
