"""Writes for payments: the catalogue's trips to the provider, webhook events, donations.

- A saved tier or offer is marked pending and its task queued after the commit
  (``catalogue_changed``); the task records how it went on the row.
- ``payment_event_receive`` keeps each webhook event once by its id and, in the same
  transaction, sends ``signals.payment_event``: what any receiver does commits with the record
  or not at all.
- Donations and membership payments are recorded by this app's own receiver (``receivers.py``)
  from what the provider says now (re-read by id), so events arriving late, twice or in any
  order end in the same row.
- Gift memberships likewise: pending at Checkout, paid (and their code made and emailed) from
  the webhook, once; refunds and disputes recorded; claimed once when the members app redeems
  them.
"""

import hashlib
import hmac
import logging
import secrets
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import emails, signals, tasks
from .backends import get_backend
from .backends.base import Charge, CheckoutSession, WebhookEvent
from .models import (
    GIFT_MONTHS,
    Donation,
    Gift,
    GiftStatus,
    MembershipPayment,
    Offer,
    PaymentEvent,
    SyncState,
    Tier,
    gift_amount,
)

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


# Gift memberships

GIFT_KIND = "gift"
# The code's alphabet: no 0/O, 1/I/L, so that one read out or typed from paper works.
GIFT_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
GIFT_CODE_LENGTH = 12


class GiftRefused(Exception):
    """No such gift to buy (a tier without a monthly price, a length not on offer), or none
    to redeem (a wrong code, or one redeemed, refunded or disputed: ``reason`` says which)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def gift_code_normalise(code: str) -> str:
    """A code as typed ("abcd efgh-jkmn") as it was made ("ABCDEFGHJKMN")."""
    return "".join(c for c in (code or "").upper() if c.isalnum())[:40]


def gift_code_hash(code: str) -> str:
    key = f"masthead.payments.gift:{settings.SECRET_KEY}".encode()
    return hmac.new(key, gift_code_normalise(code).encode(), hashlib.sha256).hexdigest()


def _gift_code():
    return "".join(secrets.choice(GIFT_CODE_ALPHABET) for _ in range(GIFT_CODE_LENGTH))


def gift_checkout(
    *,
    tier: Tier,
    months: int,
    buyer_email: str,
    buyer_name: str,
    recipient_email: str,
    message: str = "",
    delivery: str = Gift.Delivery.RECIPIENT,
    success_url: str,
    cancel_url: str,
    description: str,
) -> tuple[Gift, CheckoutSession]:
    """A pending gift of ``months`` of ``tier`` and the provider's Checkout page to pay for it
    (once, in payment mode). GiftRefused for a length or tier not on offer; PaymentsError when
    the provider refuses or is down (the pending gift is then not kept)."""
    if months not in GIFT_MONTHS or not tier.active or not tier.monthly_amount:
        raise GiftRefused("not on offer")
    with transaction.atomic():
        gift = Gift(
            tier=tier,
            months=months,
            amount=gift_amount(tier, months),
            currency=tier.currency,
            buyer_email=buyer_email,
            buyer_name=buyer_name,
            recipient_email=recipient_email,
            message=message,
            delivery=delivery,
        )
        gift.full_clean()
        gift.save()
        session = get_backend().create_payment_checkout(
            amount=gift.amount,
            currency=gift.currency,
            success_url=success_url,
            cancel_url=cancel_url,
            description=description,
            customer_email=buyer_email,
            client_reference_id=f"gift:{gift.pk}",
            metadata={"masthead_kind": GIFT_KIND, "masthead_gift": gift.pk},
        )
        gift.checkout_session_id = session.id
        gift.save(update_fields=["checkout_session_id", "updated_at"])
    return gift, session


def _gift_of(metadata):
    if metadata.get("masthead_kind") != GIFT_KIND:
        return None
    gift_id = str(metadata.get("masthead_gift") or "")
    if not gift_id.isdigit():
        return None
    return Gift.objects.select_for_update().filter(pk=int(gift_id)).first()


def _gift_status(gift):
    """What the gift's refunds and dispute make of it (a redeemed or paid one otherwise)."""
    if gift.dispute_id and gift.dispute_status != "won":
        return GiftStatus.DISPUTED
    if gift.amount_refunded and gift.amount_refunded >= gift.amount:
        return GiftStatus.REFUNDED
    if gift.redeemed_at:
        return GiftStatus.REDEEMED
    return GiftStatus.PAID if gift.paid_at else GiftStatus.PENDING


def gift_record_checkout(*, session_id: str) -> Gift | None:
    """A completed gift Checkout, re-read: the gift is paid, its code made, and after the
    commit the code goes to the recipient (or to the buyer, to give themselves) and a receipt
    to the buyer. Only the first time: a second event for it sends nothing. None when the
    session is not a paid gift of ours."""
    session = get_backend().retrieve_checkout_session(session_id)
    if session.mode != "payment" or session.payment_status != "paid":
        return None
    gift = _gift_of(session.metadata)
    if gift is None or gift.checkout_session_id != session.id:
        return None
    if gift.paid_at is not None:
        return gift
    code = _gift_code()
    gift.code_hash = gift_code_hash(code)
    gift.payment_intent_id = session.payment_intent_id
    gift.customer_id = session.customer_id
    gift.paid_at = timezone.now()
    gift.status = _gift_status(gift)
    gift.save()
    gift_id = gift.pk
    transaction.on_commit(lambda: emails.gift_paid_send(gift_id=gift_id, code=code), robust=True)
    return gift


def gift_record_charge(*, charge_id: str, dispute_id: str = "") -> Gift | None:
    """A gift's charge was refunded or disputed: the gift as its refunds and dispute stand
    now (a fully refunded or disputed gift can no longer be redeemed)."""
    backend = get_backend()
    charge = backend.retrieve_charge(charge_id)
    gift = _gift_of(charge.metadata)
    if gift is None:
        return None
    gift.amount_refunded = charge.amount_refunded
    gift.payment_intent_id = gift.payment_intent_id or charge.payment_intent_id
    if dispute_id:
        dispute = backend.retrieve_dispute(dispute_id)
        gift.dispute_id = dispute.id
        gift.dispute_status = dispute.status
    gift.status = _gift_status(gift)
    gift.save()
    return gift


def gift_for_code(code: str) -> Gift:
    """The gift whose code ``code`` is; GiftRefused("unknown"), ("redeemed") or ("refunded")
    for one that cannot be redeemed."""
    code = gift_code_normalise(code)
    gift = None
    if len(code) == GIFT_CODE_LENGTH:
        gift = Gift.objects.select_related("tier").filter(code_hash=gift_code_hash(code)).first()
    return _redeemable(gift)


def _redeemable(gift):
    if gift is None or gift.status == GiftStatus.PENDING:
        raise GiftRefused("unknown")
    if gift.status == GiftStatus.REDEEMED:
        raise GiftRefused("redeemed")
    if gift.status != GiftStatus.PAID:
        raise GiftRefused("refunded")
    return gift


@transaction.atomic
def gift_claim(*, gift_id: int, email: str) -> Gift:
    """Mark the gift redeemed by ``email``, once (a row lock: two presses claim it once).
    GiftRefused when it cannot be redeemed (any more). The caller, in the same transaction,
    gives the membership."""
    gift = _redeemable(
        Gift.objects.select_for_update().select_related("tier").filter(pk=gift_id).first()
    )
    gift.redeemed_at = timezone.now()
    gift.redeemed_by_email = email
    gift.status = _gift_status(gift)
    gift.save()
    return gift
