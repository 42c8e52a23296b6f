"""The search page's form: what a reader may ask for, checked before any query runs."""

from __future__ import annotations

from django import forms

from newsdesk.content.models import Author, Section
from newsdesk.core.pagination import page_from_query


class SearchForm(forms.Form):
    # No max_length: a long query is shortened (and the page says so), never refused.
    q = forms.CharField(required=False, strip=True, label="Search for")
    section = forms.ModelChoiceField(
        Section.objects.all(), required=False, to_field_name="slug", empty_label="All sections",
        error_messages={"invalid_choice": "There is no such section; choose one from the list."},
    )  # fmt: skip
    author = forms.ModelChoiceField(
        Author.objects.all(), required=False, to_field_name="slug", empty_label="All authors",
        error_messages={"invalid_choice": "There is no such author; choose one from the list."},
    )  # fmt: skip
    published_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the first day as a date, e.g. 2026-02-01."},
    )  # fmt: skip
    published_until = forms.DateField(
        required=False, label="Until", widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the last day as a date, e.g. 2026-02-28."},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A NUL or other control character in a query is dropped by the parser, not refused.
        self.fields["q"].validators = []

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("published_from"), data.get("published_until")
        if start and end and start > end:
            self.add_error("published_until", "The last day comes before the first; swap them.")
        return data

    def page(self) -> int:
        """The result page asked for: anything but a positive whole number is page 1."""
        return page_from_query(self.data.get("page")) or 1
