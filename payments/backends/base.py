"""What every payments backend does, in Masthead's words, and what it hands back.

A backend is the one place that talks to a payment provider. Its callers (the ``members``
app) pass plain values and get these dataclasses back, never a provider's objects, so a second
provider is a second file here. Amounts are integers in the currency's smallest unit (cents),
currencies lower-case ISO codes ("eur"), times Unix timestamps in seconds (UTC), as Stripe has
them. Errors: ``PaymentsError`` for anything the provider refused or could not be reached for
(``NotFound`` when the object does not exist), ``ValueError`` for bad input before any call,
``WebhookError`` for a webhook that must not be believed.
"""

from dataclasses import dataclass, field

MONTH = "month"
YEAR = "year"
INTERVALS = (MONTH, YEAR)

# Subscription statuses (Stripe's): who has access is the members app's rule, not ours.
TRIALING, ACTIVE, PAST_DUE, CANCELED = "trialing", "active", "past_due", "canceled"
INCOMPLETE, INCOMPLETE_EXPIRED, UNPAID, PAUSED = (
    "incomplete",
    "incomplete_expired",
    "unpaid",
    "paused",
)


class PaymentsError(Exception):
    """The provider refused a call, or could not be reached. ``code`` is the provider's error
    code when it gave one ("resource_missing", "card_declined"…)."""

    def __init__(self, message, *, code=""):
        super().__init__(message)
        self.code = code


class NotFound(PaymentsError):
    """No such object at the provider (a wrong id, or one from another account or mode)."""


class PaymentsOff(PaymentsError):
    """MASTHEAD_PAYMENTS=off: no backend to ask."""


class WebhookError(Exception):
    """A webhook body to refuse: unsigned, signed with another secret, signed too long ago
    (a replay), or not an event at all. Answer 400 and do nothing."""


@dataclass(frozen=True)
class Price:
    id: str
    product_id: str
    currency: str
    amount: int
    interval: str  # "month", "year", or "" for a one-time price
    lookup_key: str = ""
    active: bool = True


@dataclass(frozen=True)
class TierPrices:
    """A tier's product and its current prices (``None`` where the tier has no such price)."""

    product_id: str
    monthly: Price | None
    yearly: Price | None
    trial_days: int = 0


@dataclass(frozen=True)
class Customer:
    id: str
    email: str
    name: str = ""
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str  # where to send the reader: the provider's hosted payment page
    mode: str  # "subscription" or "payment"
    status: str  # "open", "complete", "expired"
    payment_status: str  # "unpaid", "paid", "no_payment_required"
    customer_id: str = ""
    customer_email: str = ""
    subscription_id: str = ""
    payment_intent_id: str = ""
    amount_total: int | None = None
    currency: str = ""
    client_reference_id: str = ""
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PortalSession:
    id: str
    url: str


@dataclass(frozen=True)
class Subscription:
    id: str
    customer_id: str
    status: str
    cancel_at_period_end: bool
    # End of the period paid for (or of the trial): in current Stripe API versions this is on
    # each subscription item, not on the subscription.
    current_period_end: int | None
    current_period_start: int | None
    price_id: str
    product_id: str
    interval: str
    amount: int
    currency: str
    cancel_at: int | None = None
    canceled_at: int | None = None
    ended_at: int | None = None
    trial_end: int | None = None
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Coupon:
    id: str
    percent_off: float | None
    amount_off: int | None
    currency: str
    duration: str  # "once", "repeating", "forever"
    duration_in_months: int | None
    name: str = ""


@dataclass(frozen=True)
class Charge:
    """A payment's charge as it stands now: what was refunded, and whether it is disputed."""

    id: str
    payment_intent_id: str
    customer_id: str
    amount: int
    amount_refunded: int
    currency: str
    status: str  # "succeeded", "pending", "failed"
    refunded: bool
    disputed: bool
    created: int
    email: str = ""
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Dispute:
    id: str
    charge_id: str
    payment_intent_id: str
    amount: int
    currency: str
    reason: str
    status: str  # "needs_response", "under_review", "won", "lost", …
    created: int


@dataclass(frozen=True)
class WebhookEvent:
    """A verified webhook: the event's id (deduplicate by it), type, creation time, and the
    object it is about as the provider sent it (a plain dict; re-read what matters, as events
    may arrive late, twice, or out of order)."""

    id: str
    type: str
    created: int
    object: dict
    previous_attributes: dict = field(default_factory=dict)
    livemode: bool = False


class PaymentsBackend:
    """The calls Masthead makes. Keyword-only arguments throughout."""

    def ensure_tier_prices(
        self,
        *,
        key,
        name,
        currency,
        monthly_amount=None,
        yearly_amount=None,
        trial_days=0,
        description="",
    ) -> TierPrices:
        """Make the provider's product and prices match a tier, and return them. Idempotent:
        the product is found by ``key``, each price by a lookup key; a changed amount or
        currency makes a new price (prices are immutable) and archives the old one, whose
        subscribers keep paying it until they change plan."""
        raise NotImplementedError

    def ensure_customer(self, *, email, name="", metadata=None) -> Customer:
        """The provider's customer with this email address, created if there is none."""
        raise NotImplementedError

    def retrieve_customer(self, customer_id) -> Customer:
        raise NotImplementedError

    def create_subscription_checkout(
        self,
        *,
        price_id,
        success_url,
        cancel_url,
        customer_id="",
        customer_email="",
        coupon_id="",
        trial_days=0,
        client_reference_id="",
        metadata=None,
    ) -> CheckoutSession:
        """A hosted Checkout page for a subscription to ``price_id``, with an optional
        coupon and free trial. ``success_url`` may hold ``{CHECKOUT_SESSION_ID}``."""
        raise NotImplementedError

    def create_donation_checkout(
        self,
        *,
        amount,
        currency,
        success_url,
        cancel_url,
        description="One-time contribution",
        customer_email="",
        client_reference_id="",
        metadata=None,
    ) -> CheckoutSession:
        """A hosted Checkout page for a one-time payment of ``amount`` (a suggested amount or
        the reader's own); the provider makes a customer for the donor either way."""
        raise NotImplementedError

    def create_payment_checkout(
        self,
        *,
        amount,
        currency,
        success_url,
        cancel_url,
        description,
        customer_email="",
        client_reference_id="",
        metadata=None,
    ) -> CheckoutSession:
        """A hosted Checkout page for a one-time purchase of ``amount`` (a gift membership):
        as a donation's, but the reader presses Pay; the buyer's customer is made too."""
        raise NotImplementedError

    def retrieve_checkout_session(self, session_id) -> CheckoutSession:
        raise NotImplementedError

    def create_portal_session(self, *, customer_id, return_url) -> PortalSession:
        """The provider's billing portal for this customer: cancel, resume, switch plan."""
        raise NotImplementedError

    def retrieve_subscription(self, subscription_id) -> Subscription:
        raise NotImplementedError

    def customer_subscriptions(self, customer_id) -> list[Subscription]:
        """Every subscription of a customer, newest first, ended ones included (to link an
        imported member's existing subscription)."""
        raise NotImplementedError

    def cancel_subscription(self, subscription_id, *, at_period_end=True) -> Subscription:
        """Cancel at the end of the period paid for (the default), or at once."""
        raise NotImplementedError

    def resume_subscription(self, subscription_id) -> Subscription:
        """Undo a cancellation at period end that has not happened yet."""
        raise NotImplementedError

    def create_coupon(
        self,
        *,
        name,
        percent_off=None,
        amount_off=None,
        currency="",
        duration_in_months=None,
        once=False,
    ) -> Coupon:
        """A discount for offers: ``percent_off`` or ``amount_off`` (with ``currency``),
        for ``duration_in_months`` months, for the first payment only (``once``), or forever
        when neither is given."""
        raise NotImplementedError

    def retrieve_charge(self, charge_id) -> Charge:
        """A charge as it is now (refunds and disputes so far): webhooks re-read it."""
        raise NotImplementedError

    def retrieve_dispute(self, dispute_id) -> Dispute:
        raise NotImplementedError

    def parse_webhook(self, *, payload, signature) -> WebhookEvent:
        """Verify ``payload`` (the request body, bytes) against its signature header and the
        signing secret, and parse it; raise ``WebhookError`` for anything else."""
        raise NotImplementedError


def check_amount(amount, *, minimum=1):
    """An amount in the smallest unit: a whole number of at least ``minimum``."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < minimum:
        raise ValueError(f"amount must be a whole number of at least {minimum}, not {amount!r}")
    return amount


def check_currency(currency):
    if not isinstance(currency, str) or len(currency) != 3 or not currency.isalpha():
        raise ValueError(f"currency must be a three-letter ISO code, not {currency!r}")
    return currency.lower()
