"""This app's own receivers: catalogue saves queue their provider work, and webhook events
about donations, membership payments and gift memberships are recorded (connected in
``apps.ready``)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache import invalidate

from . import cache, services
from .models import Offer, PaymentEvent, Tier
from .signals import payment_event

CHARGE_EVENTS = {
    "charge.refunded",
    "charge.dispute.created",
    "charge.dispute.updated",
    "charge.dispute.closed",
}


@receiver(post_save, sender=Tier, dispatch_uid="payments.tier_saved")
@receiver(post_save, sender=Offer, dispatch_uid="payments.offer_saved")
def catalogue_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        services.catalogue_changed(instance=instance)


@receiver(post_save, sender=Tier, dispatch_uid="payments.tier_shown")
@receiver(post_delete, sender=Tier, dispatch_uid="payments.tier_gone")
def tiers_changed(sender, instance, raw=False, **kwargs):
    """/gift/ lists the tiers and their prices."""
    if not raw:
        invalidate({cache.TIERS}, cache.gift_paths)


@receiver(payment_event, sender=PaymentEvent, dispatch_uid="payments.charges")
def charge_events(sender, event, **kwargs):
    obj = event.object
    if event.type == "checkout.session.completed" and obj.get("mode") == "payment":
        services.donation_record_checkout(session_id=obj["id"])
    elif event.type in {"charge.succeeded", "charge.refunded"}:
        services.charge_record(charge_id=obj["id"])
    elif event.type in CHARGE_EVENTS and obj.get("charge"):
        services.charge_record(charge_id=obj["charge"], dispute_id=obj["id"])


@receiver(payment_event, sender=PaymentEvent, dispatch_uid="payments.gifts")
def gift_events(sender, event, **kwargs):
    """A gift's Checkout (its metadata says so), and any charge's refund or dispute (the
    charge, re-read, says whether it paid for a gift)."""
    obj = event.object
    if event.type == "checkout.session.completed" and obj.get("mode") == "payment":
        if (obj.get("metadata") or {}).get("masthead_kind") == services.GIFT_KIND:
            services.gift_record_checkout(session_id=obj["id"])
    elif event.type == "charge.refunded":
        services.gift_record_charge(charge_id=obj["id"])
    elif event.type in CHARGE_EVENTS and obj.get("charge"):
        services.gift_record_charge(charge_id=obj["charge"], dispute_id=obj["id"])
