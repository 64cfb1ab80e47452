"""The one field every two-step form has: the 6-digit code from the authenticator app."""

import re

from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="6-digit code",
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": "",
                "placeholder": "123456",
                "size": 8,
            }
        ),
        error_messages={"required": "Enter the 6-digit code from your authenticator app."},
    )

    def clean_code(self):
        # Apps show "123 456"; people paste it with the space.
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("Enter the 6-digit code from your authenticator app.")
        return code
