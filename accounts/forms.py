"""The admin's forms: the 6-digit code of every two-step form, and the password reset."""

import logging
import re

from django import forms
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from core.client_ip import client_ip

from . import services

logger = logging.getLogger(__name__)


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


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's (``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``), sending no email past the limits
    of ``services.password_reset_allowed``. The view answers every request the same way (a
    redirect to "check your email"): an email sent, held back, or no account with the address.
    """

    def save(self, *args, request=None, **kwargs):
        if not services.password_reset_allowed(
            email=self.cleaned_data["email"], ip=client_ip(request)
        ):
            logger.info("Password reset email held back: limit reached")
            return
        super().save(*args, request=request, **kwargs)
