"""Production: HTTPS only, no debug and two-factor sign-in for publishers, whatever the environment says."""

import os

os.environ["NEWSDESK_SECURE"] = "true"
os.environ["NEWSDESK_DEBUG"] = "false"
os.environ["NEWSDESK_REQUIRE_2FA"] = "true"

from newsdesk.settings.base import *  # noqa: E402,F403
