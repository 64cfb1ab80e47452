"""Email addresses as readers type them, checked and brought to the one form we store.

``normalise`` trims, rejects anything but exactly one address, checks syntax and domain with
email-validator (DNS only when MASTHEAD_NEWSLETTER_CHECK_DNS is on), writes the domain in
lower-case ASCII (IDNA: ``bücher.example`` → ``xn--bcher-kva.example``) and keeps the local
part as typed. Every failure has the same message.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from email_validator import EmailNotValidError, validate_email

INVALID_MESSAGE = "Please enter a correct email address"

# Separators people use to paste several addresses into one field.
_SEVERAL = re.compile(r"[\s,;<>]")


def normalise(raw):
    """The stored form of ``raw``, or ValidationError(INVALID_MESSAGE)."""
    value = (raw or "").strip()
    if not value or len(value) > 254 or _SEVERAL.search(value) or value.count("@") != 1:
        raise ValidationError(INVALID_MESSAGE, code="invalid")
    try:
        checked = validate_email(
            value,
            check_deliverability=settings.MASTHEAD_NEWSLETTER_CHECK_DNS,
            allow_smtputf8=False,
            allow_display_name=False,
            allow_quoted_local=False,
            allow_domain_literal=False,
        )
    except EmailNotValidError as error:
        raise ValidationError(INVALID_MESSAGE, code="invalid") from error
    return f"{checked.local_part}@{checked.ascii_domain.lower()}"


def is_valid(raw):
    try:
        normalise(raw)
    except ValidationError:
        return False
    return True
