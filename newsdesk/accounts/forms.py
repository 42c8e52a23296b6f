"""The two-factor forms: a code at sign-in, an administrator's enrolment code, and a code to confirm a
newly set-up app."""

from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code", max_length=32, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
        error_messages={"required": "Enter the six-digit code from your app, or one of your recovery codes."},
    )  # fmt: skip


class ConfirmAppForm(forms.Form):
    code = forms.CharField(
        label="Code from the app", max_length=16, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={"required": "Enter the six-digit code your app shows now."},
    )  # fmt: skip


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(
        label="Enrolment code", max_length=32, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True, "spellcheck": "false"}),
        error_messages={"required": "Enter the enrolment code an administrator gave you."},
    )  # fmt: skip
