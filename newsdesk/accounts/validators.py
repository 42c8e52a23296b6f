"""Password rules beyond Django's own."""

from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    """Refuse only absurd lengths (a pasted file): long passphrases are welcome, 64 characters and more."""

    def __init__(self, max_length: int = 1024):
        self.max_length = max_length

    def validate(self, password: str, user=None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                f"This password is longer than {self.max_length} characters; choose a shorter passphrase.",
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return f"Your password can be up to {self.max_length} characters long."
