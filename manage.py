#!/usr/bin/env python
"""Django's command-line utility for newsdesk (`python -m newsdesk` does the same)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
