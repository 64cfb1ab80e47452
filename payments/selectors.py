"""Reads of the catalogue, donations and gifts, for pages here and in the apps above."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet

from .models import GIFT_MONTHS, Cadence, Donation, Gift, GiftStatus, Offer, Tier, gift_amount
from .money import format_money, to_minor


@dataclass(frozen=True)
class TierPrice:
    """One of a tier's prices as readers see it."""

    cadence: str  # "month" or "year"
    amount: int
    currency: str
    price_id: str  # "" until the provider has it

    @property
    def display(self) -> str:
        return format_money(self.amount, self.currency)

    @property
    def per(self) -> str:
        return f"{self.display} a {self.cadence}"


def active_tiers() -> QuerySet[Tier]:
    """The tiers offered to readers, in their order."""
    return Tier.objects.active()


def tier_prices(tier: Tier) -> list[TierPrice]:
    """A tier's monthly price, then its yearly one if it has one."""
    return [
        TierPrice(
            cadence=cadence,
            amount=amount,
            currency=tier.currency,
            price_id=tier.price_id_for(cadence),
        )
        for cadence in (Cadence.MONTHLY, Cadence.YEARLY)
        if (amount := tier.amount_for(cadence))
    ]


def tier_by_slug(slug: str) -> Tier | None:
    return active_tiers().filter(slug=slug).first()


def tier_for_provider(*, product_id: str = "", price_id: str = "") -> Tier | None:
    """The tier a subscription's product or price belongs to (its product stays the tier's
    when its prices change; an archived price still names that product)."""
    if product_id:
        tier = Tier.objects.filter(product_id=product_id).first()
        if tier is not None:
            return tier
    if price_id:
        return Tier.objects.filter(
            Q(monthly_price_id=price_id) | Q(yearly_price_id=price_id)
        ).first()
    return None


def offer_by_slug(slug: str) -> Offer | None:
    """An active offer on an active tier, by its shareable link's slug."""
    return Offer.objects.active().select_related("tier").filter(slug=slug).first()


@dataclass(frozen=True)
class DonationChoices:
    """What /support/ offers: the suggested amounts and the bounds of one's own, in minor
    units of ``currency``."""

    currency: str
    suggested: list[int]
    minimum: int
    maximum: int

    def display(self, amount: int) -> str:
        return format_money(amount, self.currency)


def donation_choices() -> DonationChoices:
    currency = settings.MASTHEAD_CURRENCY
    return DonationChoices(
        currency=currency,
        suggested=[to_minor(amount, currency) for amount in settings.MASTHEAD_DONATION_AMOUNTS],
        minimum=to_minor(settings.MASTHEAD_DONATION_MIN, currency),
        maximum=to_minor(settings.MASTHEAD_DONATION_MAX, currency),
    )


def donations_by_email(email: str) -> QuerySet[Donation]:
    return Donation.objects.filter(email__iexact=email)


@dataclass(frozen=True)
class GiftChoice:
    """A tier on /gift/, with what each length of gift costs: [(months, "€15"), …]."""

    tier: Tier
    prices: list


def gift_choices() -> list[GiftChoice]:
    """The active tiers with a monthly price, and their gifts' prices (``gift_amount``)."""
    return [
        GiftChoice(
            tier=tier,
            prices=[
                (months, format_money(gift_amount(tier, months), tier.currency))
                for months in GIFT_MONTHS
            ],
        )
        for tier in active_tiers()
        if tier.monthly_amount
    ]


def redeemable_gift(gift_id: object) -> Gift | None:
    """Gift ``gift_id`` if it is paid and not yet redeemed, refunded or disputed."""
    if not isinstance(gift_id, int):
        return None
    return Gift.objects.select_related("tier").filter(pk=gift_id, status=GiftStatus.PAID).first()
