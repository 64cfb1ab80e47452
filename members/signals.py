"""A newsletter subscriber who proves their address becomes a free member (one identity);
payments' webhook events keep memberships and members' status as the provider has them."""

from django.dispatch import receiver

from newsletters.signals import subscriber_confirmed
from payments.models import PaymentEvent
from payments.signals import payment_event

from . import services


@receiver(subscriber_confirmed)
def member_for_confirmed_subscriber(sender, subscriber, **kwargs):
    services.member_for_subscriber(subscriber=subscriber)


@receiver(payment_event, sender=PaymentEvent, dispatch_uid="members.memberships")
def membership_for_payment_event(sender, event, **kwargs):
    """Subscriptions' events, re-read from the provider (inside the webhook's transaction: an
    error rolls the event back, and the provider sends it again)."""
    services.membership_event(event)
