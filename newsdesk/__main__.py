"""`python -m newsdesk COMMAND`: the same commands as manage.py (demo, migrate, createsuperuser, ...)."""

import os
import sys

from django.core.management import execute_from_command_line


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")
    execute_from_command_line(["python -m newsdesk", *sys.argv[1:]])


if __name__ == "__main__":
    main()
