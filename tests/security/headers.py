"""What every response must carry, checked the same way for Django, the baked-file server and nginx."""

REQUIRED_CSP = {"object-src": "'none'", "base-uri": "'none'", "frame-ancestors": "'none'"}


def csp_directives(value: str) -> dict[str, str]:
    directives = {}
    for part in value.split(";"):
        name, _, rest = part.strip().partition(" ")
        if name:
            directives[name] = rest.strip()
    return directives


def assert_security_headers(headers, *, where: str, hsts: bool = False) -> None:
    """`headers`: anything with .get(name) (Django responses, email.message headers)."""
    policy = headers.get("Content-Security-Policy")
    assert policy, f"{where}: no Content-Security-Policy"
    directives = csp_directives(policy)
    for name, value in REQUIRED_CSP.items():
        assert directives.get(name) == value, f"{where}: {name} is {directives.get(name)!r}"
    scripts = directives.get("script-src", directives.get("default-src", ""))
    assert scripts and "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, f"{where}: script-src {scripts!r}"
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") == "strict-origin-when-cross-origin", where
    assert headers.get("Cross-Origin-Opener-Policy") == "same-origin", where
    if hsts:
        assert (headers.get("Strict-Transport-Security") or "").startswith("max-age=63072000"), where
