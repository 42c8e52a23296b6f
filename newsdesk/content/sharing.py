"""Share links as plain addresses: no third-party script runs and nothing is sent until a reader clicks."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    href: str


def share_links(url: str, title: str) -> list[ShareLink]:
    """Links that open each network's own share page with the article's headline and address."""
    text = f"{title} {url}"
    return [
        ShareLink("x", "X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
        ShareLink("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ShareLink("linkedin", "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
        ShareLink("email", "Email", f"mailto:?subject={quote(title)}&body={quote(text)}"),
    ]
