"""Writes for payments: the catalogue's trips to the provider, webhook events, donations.

- A saved tier or offer is marked pending and its task queued after the commit
  (``catalogue_changed``); the task records how it went on the row.
- ``payment_event_receive`` keeps each webhook event once by its id and, in the same
  transaction, sends ``signals.payment_event``: what any receiver does commits with the record
  or not at all.
- Donations and membership payments are recorded by this app's own receiver (``receivers.py``)
  from what the provider says now (re-read by id), so events arriving late, twice or in any
  order end in the same row.
"""

import logging
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import signals, tasks
from .backends import get_backend
from .backends.base import Charge, WebhookEvent
from .models import Donation, MembershipPayment, Offer, PaymentEvent, SyncState, Tier

logger = logging.getLogger(__name__)

DONATION_KIND = {"masthead_kind": "donation"}


def _queue_tier(tier_id: int) -> None:
    transaction.on_commit(lambda: tasks.tier_prices_sync.enqueue(tier_id=tier_id))


def _queue_offer(offer_id: int) -> None:
    transaction.on_commit(lambda: tasks.offer_coupon_sync.enqueue(offer_id=offer_id))


def catalogue_changed(*, instance: Tier | Offer) -> None:
    """A tier or offer was saved: mark it pending, and after the commit send it to the
    provider (with a tier, its offers too: an amount off is in the tier's currency)."""
    if isinstance(instance, Tier):
        Tier.objects.filter(pk=instance.pk).update(sync_state=SyncState.PENDING, sync_error="")
        _queue_tier(instance.pk)
        offers = Offer.objects.filter(tier_id=instance.pk)
        offer_ids = list(offers.values_list("pk", flat=True))
        offers.update(sync_state=SyncState.PENDING, sync_error="")
    else:
        offer_ids = [instance.pk]
        Offer.objects.filter(pk=instance.pk).update(sync_state=SyncState.PENDING, sync_error="")
    for offer_id in offer_ids:
        _queue_offer(offer_id)


def catalogue_retry() -> None:
    """Queue again every tier and offer that is pending or failed (the worker's clock)."""
    waiting = [SyncState.PENDING, SyncState.FAILED]
    for tier_id in Tier.objects.filter(sync_state__in=waiting).values_list("pk", flat=True):
        tasks.tier_prices_sync.enqueue(tier_id=tier_id)
    for offer_id in Offer.objects.filter(sync_state__in=waiting).values_list("pk", flat=True):
        tasks.offer_coupon_sync.enqueue(offer_id=offer_id)


@transaction.atomic
def payment_event_receive(*, event: WebhookEvent) -> bool:
    """Keep ``event`` and tell the receivers of ``payment_event``, once per event id: False,
    and nothing done, for an id already kept. A receiver's error propagates and rolls back the
    record, so that the provider's next delivery runs it all again."""
    if PaymentEvent.objects.filter(event_id=event.id).exists():
        return False
    try:
        with transaction.atomic():
            record = PaymentEvent.objects.create(
                event_id=event.id,
                type=event.type,
                created=datetime.fromtimestamp(event.created, tz=UTC),
                payload={
                    "object": event.object,
                    "previous_attributes": event.previous_attributes,
                    "livemode": event.livemode,
                },
            )
    except IntegrityError:  # the same event, delivered twice at once: the other one has it
        return False
    signals.payment_event.send(sender=PaymentEvent, event=event)
    record.processed_at = timezone.now()
    record.save(update_fields=["processed_at"])
    return True


def _donation_for(payment_intent_id, *, amount, currency):
    donation, _ = Donation.objects.select_for_update().get_or_create(
        payment_intent_id=payment_intent_id, defaults={"amount": amount, "currency": currency}
    )
    return donation


def _save(record):
    record.status = record.status_now()
    record.full_clean()
    record.save()
    return record


def donation_record_checkout(*, session_id: str) -> Donation | None:
    """A completed donation Checkout: the donation as the provider has it now (None when the
    session is not a paid donation of ours)."""
    session = get_backend().retrieve_checkout_session(session_id)
    if (
        session.mode != "payment"
        or session.payment_status != "paid"
        or not session.payment_intent_id
        or session.metadata.get("masthead_kind") != DONATION_KIND["masthead_kind"]
    ):
        return None
    donation = _donation_for(
        session.payment_intent_id, amount=session.amount_total or 0, currency=session.currency
    )
    donation.checkout_session_id = session.id
    donation.amount = session.amount_total or donation.amount
    donation.currency = session.currency or donation.currency
    donation.email = session.customer_email or donation.email
    donation.customer_id = session.customer_id or donation.customer_id
    donation.paid_at = donation.paid_at or timezone.now()
    return _save(donation)


def _is_donation(charge: Charge) -> bool:
    return charge.metadata.get("masthead_kind") == DONATION_KIND["masthead_kind"]


def charge_record(*, charge_id: str, dispute_id: str = "") -> Donation | MembershipPayment | None:
    """A charge succeeded, or was refunded or disputed: recorded as it stands now, as the
    donation or the membership payment it is (None for any other, or one that never
    succeeded). The first we hear of a donation makes it (its Checkout's event may come later,
    and fills in the rest)."""
    backend = get_backend()
    charge = backend.retrieve_charge(charge_id)
    dispute = backend.retrieve_dispute(dispute_id) if dispute_id else None
    if _is_donation(charge) and charge.payment_intent_id:
        record = _donation_for(
            charge.payment_intent_id, amount=charge.amount, currency=charge.currency
        )
        record.charge_id = charge.id
        record.customer_id = record.customer_id or charge.customer_id
        record.email = record.email or charge.email
    elif _is_membership_payment(charge) and charge.status == "succeeded":
        record, _ = MembershipPayment.objects.select_for_update().get_or_create(
            charge_id=charge.id, defaults={"amount": charge.amount, "currency": charge.currency}
        )
        record.payment_intent_id = charge.payment_intent_id
        record.customer_id = charge.customer_id
        record.email = charge.email or record.email
    else:
        return None
    if charge.status == "succeeded":
        record.paid_at = record.paid_at or datetime.fromtimestamp(charge.created, tz=UTC)
    record.amount_refunded = charge.amount_refunded
    if dispute is not None:
        record.dispute_id = dispute.id
        record.dispute_status = dispute.status
    return _save(record)


def _is_membership_payment(charge: Charge) -> bool:
    """A customer's charge that no Checkout of ours made for one payment (those carry
    ``masthead_kind``): a subscription's invoice."""
    return bool(charge.customer_id) and "masthead_kind" not in charge.metadata
