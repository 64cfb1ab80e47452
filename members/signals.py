"""A newsletter subscriber who proves their address becomes a free member (one identity);
payments' webhook events keep memberships and members' status as the provider has them; any
change to a member or membership has the member's page variant read again."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsletters.signals import subscriber_confirmed
from payments.models import PaymentEvent
from payments.signals import payment_event

from . import services
from .middleware import reader_changed
from .models import Member, Membership


@receiver(subscriber_confirmed)
def member_for_confirmed_subscriber(sender, subscriber, **kwargs):
    services.member_for_subscriber(subscriber=subscriber)


@receiver(payment_event, sender=PaymentEvent, dispatch_uid="members.memberships")
def membership_for_payment_event(sender, event, **kwargs):
    """Subscriptions' events, re-read from the provider (inside the webhook's transaction: an
    error rolls the event back, and the provider sends it again)."""
    services.membership_event(event)


@receiver(post_save, sender=Member, dispatch_uid="members.variant.member_saved")
@receiver(post_delete, sender=Member, dispatch_uid="members.variant.member_deleted")
def member_reader_changed(sender, instance, **kwargs):
    """A member's status may open or close paid pages: their page variant is read again."""
    reader_changed(instance.pk)


@receiver(post_save, sender=Membership, dispatch_uid="members.variant.membership_saved")
@receiver(post_delete, sender=Membership, dispatch_uid="members.variant.membership_deleted")
def membership_reader_changed(sender, instance, **kwargs):
    reader_changed(instance.member_id)
