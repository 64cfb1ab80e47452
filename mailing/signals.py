"""Bounce and complaint webhooks: anymail's ``tracking`` signal suppresses the address.

The events come from ``webhooks.py``, which has checked who sent them; what they hold is still
the ESP's text, so an address that is not one we could ever have mailed is left alone.
"""

import logging

from anymail.signals import tracking
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.dispatch import receiver

from newsletters.models import Suppression

from . import services

logger = logging.getLogger(__name__)

REASONS = {"bounced": Suppression.Reason.BOUNCE, "complained": Suppression.Reason.COMPLAINT}


def _could_be_ours(address):
    """An address we could have mailed. Not newsletters' ``emails.normalise``: with its DNS check
    on, the bounce of an address whose domain is gone would never suppress it."""
    try:
        validate_email(address)
    except ValidationError:
        return False
    return len(address) <= Suppression._meta.get_field("email").max_length


@receiver(tracking, dispatch_uid="mailing.suppress_on_bounce_or_complaint")
def suppress_on_bounce_or_complaint(sender, event, esp_name, **kwargs):
    reason = REASONS.get(event.event_type)
    if reason is None or not event.recipient:
        return
    address = str(event.recipient).strip()
    if not _could_be_ours(address):
        logger.warning("%s %s event for an address that is not one: ignored", esp_name, reason)
        return
    detail = f"{esp_name}: {event.description or event.mta_response or event.event_type}"
    # PostgreSQL refuses NUL in text; the ESP's text is kept for people to read.
    services.address_suppress(email=address, reason=reason, detail=detail.replace("\x00", ""))
