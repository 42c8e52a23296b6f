"""The comment form readers fill in, and the privacy request form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from newsdesk.comments.text import has_control_characters

HONEYPOT = "homepage"


def no_control_characters(value: str) -> None:
    if has_control_characters(value):
        raise ValidationError("This contains control characters that cannot be stored; remove them.")


class CommentForm(forms.Form):
    """Name, email, website, comment; plus the reply target, the signed form token and a honeypot."""

    name = forms.CharField(
        max_length=100, validators=[no_control_characters],
        error_messages={"required": "Enter your name; it is shown with your comment."},
    )  # fmt: skip
    email = forms.EmailField(
        max_length=254, validators=[no_control_characters],
        error_messages={
            "required": "Enter your email address; it is never published.",
            "invalid": "Enter a valid email address, such as name@example.com.",
        },
    )  # fmt: skip
    website = forms.URLField(
        required=False, max_length=200, assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"]), no_control_characters],
        error_messages={"invalid": "Enter a web address starting with http:// or https://, or leave it empty."},
    )  # fmt: skip
    # Named "comment" as in WordPress, so password managers and browsers' autofill leave it alone.
    comment = forms.CharField(
        strip=True, validators=[no_control_characters], widget=forms.Textarea(attrs={"rows": 8, "cols": 45}),
        error_messages={"required": "Write a comment before sending it."},
    )  # fmt: skip
    notify_replies = forms.BooleanField(required=False, label="Email me when someone replies")
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    homepage = forms.CharField(required=False, label="Leave this field empty")

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        if not name.strip():
            raise ValidationError("Enter your name; it is shown with your comment.")
        return name


class PrivacyRequestForm(forms.Form):
    email = forms.EmailField(
        max_length=254, error_messages={"required": "Enter the email address you commented with."}
    )
    action = forms.ChoiceField(
        choices=[("export", "Send me a copy of my comments"), ("delete", "Delete all my comments")],
        widget=forms.RadioSelect, initial="export",
    )  # fmt: skip
    homepage = forms.CharField(required=False, label="Leave this field empty")
