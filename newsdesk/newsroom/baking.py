"""The newsroom's baked page: /corrections/, which lists every public correction and update."""

from django.urls import reverse


def all_paths() -> list[str]:
    return [reverse("newsroom:corrections")]
