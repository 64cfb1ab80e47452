"""What payments keeps: the catalogue (tiers and offers, with the provider's ids for them), the
webhook events received, one-time donations and membership payments.

Tiers and offers are edited in the admin; the provider's products, prices and coupons follow
them after each save (``tasks.py``), and the ids and the amounts they were made for are stored
here, so a changed amount is seen and a new price made. Nothing here knows a member: donations
are keyed by the provider's payment intent, membership payments by its charge, each with the
payer's email and customer id.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.html import format_html
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel

from .backends.base import check_currency
from .money import format_money


def default_currency():
    return settings.MASTHEAD_CURRENCY


def _validate_currency(value):
    try:
        check_currency(value)
    except ValueError:
        raise ValidationError(
            "Enter a three-letter currency code, such as EUR, USD or GBP."
        ) from None


class Cadence(models.TextChoices):
    MONTHLY = "month", "Monthly"
    YEARLY = "year", "Yearly"


class SyncState(models.TextChoices):
    PENDING = "pending", "Waiting to be sent to the provider"
    SYNCED = "synced", "Ready at the provider"
    FAILED = "failed", "Failed: will be tried again"
    OFF = "off", "Payments are off"


class SyncPanel(HelpPanel):
    """On the edit form: whether the provider has this row yet, and the last error if not."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            instance = self.instance
            if instance is None or instance.pk is None:
                self.content = "Sent to the payment provider once saved."
            elif instance.sync_state == SyncState.FAILED:
                self.content = format_html(
                    "<strong>{}</strong> ({})",
                    instance.get_sync_state_display(),
                    instance.sync_error,
                )
            else:
                self.content = format_html("<strong>{}</strong>", instance.get_sync_state_display())


class Synced(models.Model):
    """What the provider has of a catalogue row: how it went the last time it was sent."""

    sync_state = models.CharField(
        "at the provider", max_length=10, choices=SyncState, default=SyncState.PENDING
    )
    sync_error = models.TextField(blank=True, editable=False)
    synced_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class TierQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True).order_by("sort_order", "monthly_amount", "name")


class Tier(Synced):
    """A paid tier: its prices per month and per year, in the currency's minor units."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True, max_length=500)
    benefits = models.TextField(
        blank=True,
        help_text="One benefit per line, short: “Every article, no limits”.",
    )
    monthly_amount = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="In cents (the currency's smallest unit): 500 is 5.00 a month.",
    )
    yearly_amount = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="In cents: 5000 is 50.00 a year. Optional; a tier with a yearly price "
        "needs a monthly one too.",
    )
    currency = models.CharField(
        max_length=3, default=default_currency, validators=[_validate_currency]
    )
    trial_days = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(730)],
        help_text="Free days before the first payment.",
    )
    active = models.BooleanField(default=True, help_text="Offered to readers.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    # The provider's side. The key names the product and its prices' lookup keys: set once
    # (from the first slug), so renaming a tier keeps its product and its subscribers.
    provider_key = models.CharField(max_length=80, blank=True, editable=False)
    product_id = models.CharField(max_length=255, blank=True, editable=False)
    monthly_price_id = models.CharField(max_length=255, blank=True, editable=False)
    yearly_price_id = models.CharField(max_length=255, blank=True, editable=False)
    # What the stored prices were made for (amounts, currency): a difference means a new price.
    priced_monthly_amount = models.PositiveIntegerField(null=True, blank=True, editable=False)
    priced_yearly_amount = models.PositiveIntegerField(null=True, blank=True, editable=False)
    priced_currency = models.CharField(max_length=3, blank=True, editable=False)
    priced_trial_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    objects = TierQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("benefits"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("monthly_amount"), FieldPanel("yearly_amount")]),
                FieldRowPanel([FieldPanel("currency"), FieldPanel("trial_days")]),
            ],
            heading="Prices",
        ),
        FieldRowPanel([FieldPanel("active"), FieldPanel("sort_order")]),
        SyncPanel(heading="At the provider"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def benefit_lines(self):
        return [line.strip() for line in self.benefits.splitlines() if line.strip()]

    def amount_for(self, cadence):
        return self.monthly_amount if cadence == Cadence.MONTHLY else self.yearly_amount

    def price_id_for(self, cadence):
        return self.monthly_price_id if cadence == Cadence.MONTHLY else self.yearly_price_id

    def needs_prices(self):
        """True when the stored prices were not made for what the tier says now."""
        return (
            not self.product_id
            or self.priced_monthly_amount != self.monthly_amount
            or self.priced_yearly_amount != self.yearly_amount
            or self.priced_currency != self.currency
            or self.priced_trial_days != self.trial_days
        )

    def clean(self):
        errors = {}
        self.currency = (self.currency or "").strip().lower()
        for field in ("monthly_amount", "yearly_amount"):
            if getattr(self, field) == 0:
                errors[field] = "An amount must be more than 0 (leave it empty for none)."
        if "monthly_amount" in errors:
            pass
        elif self.yearly_amount and self.monthly_amount is None:
            errors["monthly_amount"] = "A tier with a yearly price needs a monthly price too."
        elif self.monthly_amount is None:
            errors["monthly_amount"] = "A paid tier needs a monthly price."
        long_lines = [line for line in self.benefit_lines if len(line) > 120]
        if long_lines:
            errors["benefits"] = (
                "Keep each benefit to a short line (120 characters at most): "
                f"“{long_lines[0][:40]}…”"
            )
        if errors:
            raise ValidationError(errors)


class OfferDuration(models.TextChoices):
    ONCE = "once", "The first payment only"
    MONTHS = "repeating", "A number of months"
    FOREVER = "forever", "Forever"
    TRIAL = "trial", "A free trial (no discount)"


class OfferQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True, tier__active=True)


class Offer(Synced):
    """A discount on a tier's monthly or yearly price, or a free trial, at a shareable link."""

    name = models.CharField(max_length=80, help_text="Shown to readers: “Spring offer”.")
    slug = models.SlugField(max_length=80, unique=True, help_text="The shareable link's last part.")
    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="offers")
    cadence = models.CharField(max_length=5, choices=Cadence, default=Cadence.MONTHLY)
    percent_off = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    amount_off = models.PositiveIntegerField(
        null=True, blank=True, help_text="In cents, in the tier's currency."
    )
    duration = models.CharField(max_length=10, choices=OfferDuration, default=OfferDuration.ONCE)
    duration_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For a discount over a number of months."
    )
    trial_days = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(730)], help_text="For a free trial."
    )
    active = models.BooleanField(default=True)

    coupon_id = models.CharField(max_length=255, blank=True, editable=False)
    # What the coupon was made for ("percent:40:repeating:3"): a changed offer needs a new one.
    coupon_for = models.CharField(max_length=100, blank=True, editable=False)

    objects = OfferQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("tier"), FieldPanel("cadence")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("percent_off"), FieldPanel("amount_off")]),
                FieldPanel("duration"),
                FieldRowPanel([FieldPanel("duration_months"), FieldPanel("trial_days")]),
            ],
            heading="Discount or trial",
        ),
        FieldPanel("active"),
        SyncPanel(heading="At the provider"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_trial(self):
        return self.duration == OfferDuration.TRIAL

    def coupon_terms(self):
        """What the coupon says, as a string to compare ("" for a trial: no coupon)."""
        if self.is_trial:
            return ""
        off = (
            f"percent:{self.percent_off}"
            if self.percent_off is not None
            else f"amount:{self.amount_off}:{self.tier.currency}"
        )
        months = self.duration_months if self.duration == OfferDuration.MONTHS else ""
        return f"{off}:{self.duration}:{months}"

    def needs_coupon(self):
        return self.coupon_terms() != self.coupon_for or bool(
            self.coupon_terms() and not self.coupon_id
        )

    def clean(self):
        errors = {}
        discount = self.percent_off is not None or self.amount_off is not None
        if self.is_trial:
            if discount:
                errors["duration"] = (
                    "A free trial takes no discount: clear the percent or amount off."
                )
            if not self.trial_days:
                errors["trial_days"] = "Give the trial's length in days (1 or more)."
        else:
            if self.percent_off is not None and self.amount_off is not None:
                errors["amount_off"] = "Give a percent off or an amount off, not both."
            elif not discount:
                errors["percent_off"] = "Give a percent off or an amount off."
            if self.percent_off is not None and not 1 <= self.percent_off <= 100:
                errors["percent_off"] = "A percent off is between 1 and 100."
            if self.amount_off == 0:
                errors["amount_off"] = "An amount off must be more than 0."
            if self.trial_days:
                errors["trial_days"] = "Only a free trial has trial days."
            if self.duration == OfferDuration.MONTHS and not self.duration_months:
                errors["duration_months"] = "Give the number of months (1 or more)."
            if self.duration != OfferDuration.MONTHS and self.duration_months:
                errors["duration_months"] = "Months are only for a discount over some months."
        tier = self.tier if self.tier_id else None
        if tier is not None:
            price = tier.amount_for(self.cadence)
            if price is None:
                errors["cadence"] = (
                    f"{tier.name} has no {self.get_cadence_display().lower()} price."
                )
            elif self.amount_off and self.amount_off >= price and "amount_off" not in errors:
                errors["amount_off"] = (
                    f"The amount off must be less than the price "
                    f"({format_money(price, tier.currency)})."
                )
        if errors:
            raise ValidationError(errors)


class PaymentEvent(models.Model):
    """A webhook event, kept once by its id: a second delivery of it changes nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    created = models.DateTimeField(help_text="When the provider made the event.")
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class DonationStatus(models.TextChoices):
    """Where a recorded charge stands (a donation's, or a membership payment's)."""

    PAID = "paid", "Paid"
    PARTLY_REFUNDED = "partly_refunded", "Partly refunded"
    REFUNDED = "refunded", "Refunded"
    DISPUTED = "disputed", "Disputed"
    DISPUTE_WON = "dispute_won", "Dispute won"
    DISPUTE_LOST = "dispute_lost", "Dispute lost"


class RecordedCharge(models.Model):
    """A charge as the provider last told us of it: its amount, refunds and dispute."""

    amount = models.PositiveIntegerField(help_text="In the currency's smallest unit.")
    currency = models.CharField(max_length=3)
    email = models.EmailField(blank=True)
    customer_id = models.CharField(max_length=255, blank=True, db_index=True)
    amount_refunded = models.PositiveIntegerField(default=0)
    dispute_id = models.CharField(max_length=255, blank=True)
    dispute_status = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=20, choices=DonationStatus, default=DonationStatus.PAID)
    paid_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def amount_display(self):
        return format_money(self.amount, self.currency)

    def status_now(self):
        """The status that the refunds and dispute recorded add up to."""
        if self.dispute_status == "won":
            return DonationStatus.DISPUTE_WON
        if self.dispute_status == "lost":
            return DonationStatus.DISPUTE_LOST
        if self.dispute_id:
            return DonationStatus.DISPUTED
        if self.amount_refunded and self.amount_refunded >= self.amount:
            return DonationStatus.REFUNDED
        if self.amount_refunded:
            return DonationStatus.PARTLY_REFUNDED
        return DonationStatus.PAID


class Donation(RecordedCharge):
    """A one-time contribution, as the provider last told us of it."""

    payment_intent_id = models.CharField(max_length=255, unique=True)
    checkout_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    charge_id = models.CharField(max_length=255, blank=True, db_index=True)

    class Meta(RecordedCharge.Meta):
        pass

    def __str__(self):
        return f"{format_money(self.amount, self.currency)} from {self.email or 'a donor'}"


class MembershipPayment(RecordedCharge):
    """A membership's payment: a subscription invoice's charge, keyed by the provider's charge
    and customer (members find their member by the customer). A refund or a dispute is
    recorded here and changes nobody's access: the subscription alone decides that."""

    charge_id = models.CharField(max_length=255, unique=True)
    payment_intent_id = models.CharField(max_length=255, blank=True)
    description = models.CharField(max_length=255, blank=True)

    class Meta(RecordedCharge.Meta):
        pass

    def __str__(self):
        return f"{format_money(self.amount, self.currency)} from {self.email or self.customer_id}"


# The lengths a gift membership is sold for, in months.
GIFT_MONTHS = (1, 3, 6, 12)


def gift_amount(tier, months):
    """What ``months`` of ``tier`` cost as a gift: the monthly price times the months, and a
    year at the yearly price when the tier has one (its discount holds for a gift too)."""
    if months == 12 and tier.yearly_amount:
        return tier.yearly_amount
    return (tier.monthly_amount or 0) * months


class GiftStatus(models.TextChoices):
    PENDING = "pending", "Waiting for payment"
    PAID = "paid", "Paid, not yet redeemed"
    REDEEMED = "redeemed", "Redeemed"
    REFUNDED = "refunded", "Refunded"
    DISPUTED = "disputed", "Disputed"


class Gift(models.Model):
    """A gift membership: months of a tier bought by one reader for another, keyed by their
    addresses. Made pending when the buyer goes to Checkout; paid from the webhook, when its
    redemption code is made (only the code's keyed hash is kept: the code itself is only in
    the emails); redeemed once, by the member who proves the code."""

    class Delivery(models.TextChoices):
        RECIPIENT = "recipient", "Email it to the recipient now"
        BUYER = "buyer", "Send it to me, to give myself"

    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="gifts")
    months = models.PositiveSmallIntegerField()
    amount = models.PositiveIntegerField(help_text="In the currency's smallest unit.")
    currency = models.CharField(max_length=3)
    buyer_email = models.EmailField()
    buyer_name = models.CharField(max_length=120)
    recipient_email = models.EmailField()
    message = models.TextField(blank=True, max_length=500)
    delivery = models.CharField(max_length=10, choices=Delivery, default=Delivery.RECIPIENT)
    status = models.CharField(max_length=10, choices=GiftStatus, default=GiftStatus.PENDING)
    code_hash = models.CharField(max_length=64, blank=True, db_index=True)
    checkout_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    customer_id = models.CharField(max_length=255, blank=True)
    amount_refunded = models.PositiveIntegerField(default=0)
    dispute_id = models.CharField(max_length=255, blank=True)
    dispute_status = models.CharField(max_length=40, blank=True)
    redeemed_by_email = models.EmailField(blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    redeemed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.tier} for {self.months} months, to {self.recipient_email}"

    @property
    def amount_display(self):
        return format_money(self.amount, self.currency)

    @property
    def redeemable(self):
        return self.status == GiftStatus.PAID
