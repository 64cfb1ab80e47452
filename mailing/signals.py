"""Bounce and complaint webhooks: anymail's ``tracking`` signal suppresses the address."""

from anymail.signals import tracking
from django.dispatch import receiver

from newsletters.models import Suppression

from . import services

REASONS = {"bounced": Suppression.Reason.BOUNCE, "complained": Suppression.Reason.COMPLAINT}


@receiver(tracking, dispatch_uid="mailing.suppress_on_bounce_or_complaint")
def suppress_on_bounce_or_complaint(sender, event, esp_name, **kwargs):
    reason = REASONS.get(event.event_type)
    if reason is None or not event.recipient:
        return
    detail = f"{esp_name}: {event.description or event.mta_response or event.event_type}"
    services.address_suppress(email=event.recipient, reason=reason, detail=detail)
