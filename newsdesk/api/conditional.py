"""ETags and 304s for the read API: the tag is a hash of the body, so it changes exactly when the JSON does."""

from __future__ import annotations

import hashlib
from functools import wraps

from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

CACHE_SECONDS = 60


def conditional(run):
    """Wrap a read operation: add ETag and Cache-Control to a 200, answer 304 when If-None-Match matches."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
            return response
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        patch_vary_headers(response, ["Accept-Encoding"])
        not_modified = get_conditional_response(request, etag=etag, response=response)
        return not_modified

    return wrapper
