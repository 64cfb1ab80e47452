"""Background work for the catalogue: making the provider's prices and coupons follow the
tiers and offers saved in the admin (queued after the commit by ``services``, and again by the
worker's clock while one is pending or failed: ``periodic.py``).

Each task re-reads its row, asks the backend (idempotent for prices: found by lookup keys), and
records the outcome on the row, so an editor sees a failure in the admin and nothing raises.
"""

import logging

from django.utils import timezone
from django_tasks import task

from .backends import get_backend, payments_enabled
from .backends.base import PaymentsError
from .models import Offer, OfferDuration, SyncState, Tier

logger = logging.getLogger(__name__)


def _failed(model, pk, error):
    logger.warning("payments: %s %s not sent to the provider: %s", model.__name__, pk, error)
    model.objects.filter(pk=pk).update(sync_state=SyncState.FAILED, sync_error=str(error)[:2000])


@task()
def tier_prices_sync(tier_id):
    """Make the provider's product and prices match tier ``tier_id`` (a changed amount gets a
    new price; the old one is archived, and its subscribers keep it)."""
    tier = Tier.objects.filter(pk=tier_id).first()
    if tier is None:
        return
    if not payments_enabled():
        Tier.objects.filter(pk=tier_id).update(sync_state=SyncState.OFF, sync_error="")
        return
    key = tier.provider_key or tier.slug
    try:
        prices = get_backend().ensure_tier_prices(
            key=key,
            name=tier.name,
            currency=tier.currency,
            monthly_amount=tier.monthly_amount,
            yearly_amount=tier.yearly_amount,
            trial_days=tier.trial_days,
            description=tier.description,
        )
    except (PaymentsError, ValueError) as error:
        _failed(Tier, tier_id, error)
        return
    Tier.objects.filter(pk=tier_id).update(
        provider_key=key,
        product_id=prices.product_id,
        monthly_price_id=prices.monthly.id if prices.monthly else "",
        yearly_price_id=prices.yearly.id if prices.yearly else "",
        priced_monthly_amount=prices.monthly.amount if prices.monthly else None,
        priced_yearly_amount=prices.yearly.amount if prices.yearly else None,
        priced_currency=tier.currency,
        priced_trial_days=tier.trial_days,
        sync_state=SyncState.SYNCED,
        sync_error="",
        synced_at=timezone.now(),
    )


@task()
def offer_coupon_sync(offer_id):
    """Give offer ``offer_id`` a coupon made for its terms (coupons cannot change: new terms,
    new coupon). A free trial needs none."""
    offer = Offer.objects.select_related("tier").filter(pk=offer_id).first()
    if offer is None:
        return
    terms = offer.coupon_terms()
    done = {"sync_state": SyncState.SYNCED, "sync_error": "", "synced_at": timezone.now()}
    if not terms:
        Offer.objects.filter(pk=offer_id).update(coupon_id="", coupon_for="", **done)
        return
    if offer.coupon_id and offer.coupon_for == terms:
        Offer.objects.filter(pk=offer_id).update(**done)
        return
    if not payments_enabled():
        Offer.objects.filter(pk=offer_id).update(sync_state=SyncState.OFF, sync_error="")
        return
    amount_off = {}
    if offer.amount_off is not None:
        amount_off = {"amount_off": offer.amount_off, "currency": offer.tier.currency}
    try:
        coupon = get_backend().create_coupon(
            name=offer.name,
            percent_off=offer.percent_off,
            duration_in_months=(
                offer.duration_months if offer.duration == OfferDuration.MONTHS else None
            ),
            once=offer.duration == OfferDuration.ONCE,
            **amount_off,
        )
    except (PaymentsError, ValueError) as error:
        _failed(Offer, offer_id, error)
        return
    Offer.objects.filter(pk=offer_id).update(coupon_id=coupon.id, coupon_for=terms, **done)
