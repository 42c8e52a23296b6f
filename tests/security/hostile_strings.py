"""A corpus of hostile strings, assembled here: written-out attacks, then varied and combined.

Categories: unicode edge cases, right-to-left and bidi controls, zero-width characters, control
characters, very long strings, and injections for HTML, SQL, templates, shells and paths. Every string
is valid UTF-8 (what a browser can send); `HOSTILE` is the de-duplicated list, at least 400 strings.
"""

from __future__ import annotations

from tests.comments.payloads import XSS_PAYLOADS

UNICODE = [
    "é" "e\u0301",  # composed and decomposed
    "Z\u0351\u0352\u0357\u035b\u0346a\u0344\u0342\u0308l\u0350\u0300g\u0301\u0311o\u034b",  # "zalgo"
    "e" + "\u0301" * 300,  # one letter, 300 accents
    "👩‍👩‍👧‍👦", "🏳️‍🌈", "🇺🇳", "👍🏽", "\U0001f600" * 50, "\U0010fffd", "\U000e0041\U000e0042",  # tag characters
    "\ufffe\uffff", "\ufdd0", "\ufffd", "\ufeffBOM at the start", "ﬁﬂ ligatures", "Ⅻ", "①②③", "𝕳𝖊𝖆𝖉𝖑𝖎𝖓𝖊",
    "ＦＵＬＬＷＩＤＴＨ", "ß→SS", "İstanbul ı", "Ꭿ Cherokee", "ǅ titlecase", "\u3000ideographic space",
    "раураl (Cyrillic а)", "аррӏе.com", "中文标题 日本語 한국어", "ภาษาไทย", "ᚠᛇᚻ", "\u0e01\u0e31\u0e49\u0e48\u0e4a",
    "\u00a0non-breaking\u00a0", "\u2028line separator\u2029paragraph", "\u0085next line", "tab\tinside",
    "emoji in slug 🔥", "Ω≈ç√∫˜µ≤≥÷", "åß∂ƒ©˙∆˚¬…æ", "œ∑´®†¥¨ˆøπ“‘", "¡™£¢∞§¶•ªº–≠", "👾 🙇 💁 🙅 🙆 🙋 🙎 🙍",
    "\u0000", "null\u0000byte", "\U0001d11e", "a\u0338", "\u1680ogham space", "\u180emongolian vowel separator",
]

BIDI = [
    "\u202eevil.exe\u202dtxt.", "abc\u202edef", "\u202dforced ltr", "\u2066isolate\u2069", "\u2067rtl isolate",
    "\u2068first strong", "\u2069pop without push", "\u200fRLM\u200e LRM", "\u061calm", "שלום \u202eworld",
    "مرحبا\u202aembedded\u202c", "\u202b\u202b\u202b nested", "admin\u202e", "user\u202enimda", "\u202e" * 100,
    "Hello שלום world مرحبا 123", "(\u05d0)[\u05d1]", "1\u200f2\u200f3",
]

ZERO_WIDTH = [
    "zero\u200bwidth", "\u200b", "\u200c\u200d", "join\u2060word", "\ufeff", "ad\u200bmin", "e\u200bd\u200bi\u200bt\u200bo\u200br",
    "\u200b" * 1000, "\u034fcombining grapheme joiner", "\u115f\u1160hangul fillers", "\u3164", "\u2800braille blank",
    "\u17b4\u17b5", "\u180b\u180c\u180d", "\ufe00variation\ufe0f", "invisible\u2062times\u2063sep\u2064plus",
]

CONTROL = [chr(code) for code in range(1, 32)] + ["\x7f"] + [chr(code) for code in range(0x80, 0xA0, 4)] + [
    "bell\x07ring", "esc\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "back\x08\x08\x08space", "form\x0cfeed",
    "vertical\x0btab", "carriage\rreturn", "\r\n\r\n", "line\nbreak", "a\r\nSet-Cookie: injected=1",
    "Subject: x\r\nBcc: victim@example.org", "%0d%0aSet-Cookie:%20x=1", "\x00\x01\x02\x03",
]

LONG = [
    "a" * 101, "a" * 201, "a" * 256, "a" * 1025, "x" * 5001, "word " * 2000, "€" * 20_000, "\U0001f600" * 5_000,
    "<b>" * 3000, "(" * 5000, "[" * 5000 + "]" * 5000, "*" * 10_000, "#" * 500 + " heading", "> " * 3000,
    "https://example.org/" + "a" * 3000, "a" * 60 + "@" + "b" * 250 + ".org", "x" * 300_000,
]

SQL = [
    "' OR '1'='1", "' OR 1=1 --", "\" OR \"\"=\"", "'; DROP TABLE content_article; --", "1; DELETE FROM auth_user",
    "admin'--", "' UNION SELECT username, password FROM auth_user --", "1' AND SLEEP(5) --", "'; SELECT pg_sleep(5); --",
    "%' AND 1=0 UNION SELECT NULL --", "\\'; --", "1 OR 1=1", "' || (SELECT version()) || '", "'\"`;",
    "'); INSERT INTO auth_user VALUES (1); --", "$1", "?", "%s", "%(name)s", "{}", "1e309", "-1", "0", "NaN",
    "Infinity", "99999999999999999999999", "0x7fffffff", "-0", "1.0e-400", "١٢٣", "true", "null", "None",
    "{\"$gt\": \"\"}", "[$ne]=1", "*)(uid=*))(|(uid=*", "admin)(&)", "' and '1'='1'/*",
]

TEMPLATE = [
    "{{ 7*7 }}", "{{7*'7'}}", "{% debug %}", "{% load log %}{% get_admin_log 10 as log %}", "{{ settings.SECRET_KEY }}",
    "{{ request.META }}", "{% include '/etc/passwd' %}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "${{7*7}}", "{{constructor}}",
    "{{''.__class__.__mro__[1].__subclasses__()}}", "{% csrf_token %}", "{{ block.super }}", "{% now 'Y' %}",
    "[[7*7]]", "@(7*7)", "*{7*7}", "{{=7*7}}", "{# comment #}", "{% raw %}", "$(id)", "%{7*7}", "{{ user.password }}",
]

SHELL = [
    "; ls -la", "&& cat /etc/passwd", "| id", "`id`", "$(id)", "$(rm -rf /)", "; rm -rf / --no-preserve-root",
    "& ping -c 1 127.0.0.1 &", "\nid\n", "a;b|c&d", "$HOME", "${IFS}cat${IFS}/etc/passwd", "'; exec /bin/sh; '",
    "> /tmp/pwned", "< /etc/shadow", "-rf", "--help", "-o ProxyCommand=id", "file.txt; shutdown -h now", "*",
]

PATHS = [
    "../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "....//....//etc/passwd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "..%c0%af..%c0%afetc/passwd", "/etc/passwd%00.jpg", "file:///etc/passwd", "\\\\server\\share", "C:\\Windows\\System32",
    "/var/../secret_key", ".git/config", "/.env", "~/.ssh/id_rsa", "CON", "NUL.txt", "aux", "com1", ".", "..", "/", "//",
    "../" * 30, "photo.jpg.php", "name\x00.png", "a/b/c", "%00", "/dev/random", "/proc/self/environ", ".htaccess",
]

URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "http://127.0.0.1:22/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0x7f000001/",
    "https://example.org@evil.example/", "//evil.example", "https://evil.example/%2e%2e", "http://xn--80ak6aa92e.com/",
    "https://example.org/\"><script>alert(1)</script>", "ftp://example.org/", "mailto:x@example.org", "http://", "https://a", "http:/x",
]

EMAILS = [
    "\"<script>alert(1)</script>\"@example.org", "a@b", "user@[127.0.0.1]", "user+tag@example.org", "user@exa_mple.org",
    "\"quoted spaces\"@example.org", "user@example.org\r\nBcc: x@example.org", "ユーザー@例え.jp", "a@b.c" * 60, "@",
]

INJECTION = XSS_PAYLOADS + SQL + TEMPLATE + SHELL + PATHS + URLS + EMAILS
BASE = UNICODE + BIDI + ZERO_WIDTH + CONTROL + LONG + INJECTION


def _variants() -> list[str]:
    """Each injection again behind a right-to-left override, broken by zero-width spaces, padded with
    white space, and upper-cased: filters that match text exactly miss these."""
    variants = []
    for payload in INJECTION[:80]:
        variants += [
            "\u202e" + payload,
            "\u200b".join(payload[i : i + 3] for i in range(0, len(payload), 3)),
            f"  \t{payload}\n ",
            payload.upper(),
        ]
    return variants


HOSTILE: list[str] = list(dict.fromkeys(BASE + _variants()))
assert len(HOSTILE) >= 400, len(HOSTILE)
