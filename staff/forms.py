"""The admin's forms: the 6-digit code of every two-step form, and the password reset."""

import logging
import re

from django import forms
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from core import mail
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
    The email comes from the newsroom by name, dated and identified as every email of ours
    (``core/mail``).
    """

    def save(self, *args, request=None, **kwargs):
        if not services.password_reset_allowed(
            email=self.cleaned_data["email"], ip=client_ip(request)
        ):
            logger.info("Password reset email held back: limit reached")
            return
        super().save(*args, request=request, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """As Django's, from the newsroom (``from_email`` is the view's, always the default)."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        message = EmailMultiAlternatives(
            subject,
            loader.render_to_string(email_template_name, context),
            mail.from_header(),
            [to_email],
            headers=mail.identity_headers(),
        )
        if html_email_template_name is not None:
            html = loader.render_to_string(html_email_template_name, context)
            message.attach_alternative(html, "text/html")
        try:
            message.send()
        except Exception:
            # As Django does: the reader sees the same page whether or not the email left.
            logger.exception("Failed to send password reset email to %s", context["user"].pk)
