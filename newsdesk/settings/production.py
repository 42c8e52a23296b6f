"""Production: HTTPS only and no debug, whatever the environment says about either."""

import os

os.environ["NEWSDESK_SECURE"] = "true"
os.environ["NEWSDESK_DEBUG"] = "false"

from newsdesk.settings.base import *  # noqa: E402,F403
