"""Logging for the baker: a page that no longer exists is expected while baking, not worth a warning."""

import logging


class NotWhileBaking(logging.Filter):
    """Drop Django's warnings ("Not Found: /section/x/page/9/") for pages being baked; errors stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        from newsdesk.publishing.render import BAKING

        request = getattr(record, "request", None)
        baking = request is not None and request.META.get(BAKING)
        return not baking or record.levelno >= logging.ERROR
