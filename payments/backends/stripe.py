"""Stripe, through its official SDK: the real API, or the stand-in at STRIPE_API_BASE.

Products are found by an id of ours (``masthead_<tier key>``) and prices by lookup keys
(``masthead_<tier key>_month``), so ``ensure_tier_prices`` can run at every save of a tier.
Every POST carries an idempotency key (the SDK's, with its retries), so a retried call never
makes two of anything.
"""

import json

import stripe

from .base import (
    INTERVALS,
    Charge,
    CheckoutSession,
    Coupon,
    Customer,
    Dispute,
    NotFound,
    PaymentsBackend,
    PaymentsError,
    PortalSession,
    Price,
    Subscription,
    TierPrices,
    WebhookError,
    WebhookEvent,
    check_amount,
    check_currency,
)

# How old a webhook signature may be, in seconds: Stripe's own default.
WEBHOOK_TOLERANCE = 300


def _calling(function):
    """Run an SDK call, turning the SDK's errors into ours."""

    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except stripe.InvalidRequestError as error:
            code = error.code or ""
            kind = NotFound if code == "resource_missing" else PaymentsError
            raise kind(error.user_message or str(error), code=code) from error
        except stripe.StripeError as error:
            raise PaymentsError(error.user_message or str(error), code=error.code or "") from error

    wrapper.__name__, wrapper.__doc__ = function.__name__, function.__doc__
    return wrapper


def _metadata(values):
    return {str(key): str(value) for key, value in (values or {}).items()}


class StripeBackend(PaymentsBackend):
    def __init__(self, *, api_key, webhook_secret, api_base="https://api.stripe.com"):
        if not api_key:
            raise PaymentsError("No Stripe secret key (STRIPE_SECRET_KEY).")
        self.client = stripe.StripeClient(
            api_key, base_addresses={"api": api_base}, max_network_retries=2
        )
        self.webhook_secret = webhook_secret

    # Products and prices

    @_calling
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
    ):
        currency = check_currency(currency)
        amounts = {"month": monthly_amount, "year": yearly_amount}
        for amount in amounts.values():
            if amount is not None:
                check_amount(amount)
        if not key or not key.replace("-", "_").isidentifier():
            raise ValueError(f"a tier key is letters, digits, - and _, not {key!r}")
        product = self._ensure_product(key, name, description, trial_days)
        lookup_keys = {interval: f"masthead_{key}_{interval}" for interval in INTERVALS}
        listing = self.client.v1.prices.list(
            {"lookup_keys": list(lookup_keys.values()), "limit": 10}
        )
        found = {price["lookup_key"]: price for price in map(_plain, listing.data)}
        prices = {}
        for interval, amount in amounts.items():
            current = found.get(lookup_keys[interval])
            if amount is None:
                if current is not None:
                    self.client.v1.prices.update(current["id"], {"active": False})
                prices[interval] = None
                continue
            if current is not None and self._same_price(current, product["id"], currency, amount):
                prices[interval] = _price(current)
                continue
            created = self.client.v1.prices.create(
                {
                    "product": product["id"],
                    "currency": currency,
                    "unit_amount": amount,
                    "recurring": {"interval": interval},
                    "lookup_key": lookup_keys[interval],
                    "transfer_lookup_key": True,
                    "metadata": {"masthead_tier": key},
                }
            )
            if current is not None:
                self.client.v1.prices.update(current["id"], {"active": False})
            prices[interval] = _price(created)
        return TierPrices(
            product_id=product["id"],
            monthly=prices["month"],
            yearly=prices["year"],
            trial_days=trial_days,
        )

    def _ensure_product(self, key, name, description, trial_days):
        product_id = f"masthead_{key}"
        fields = {
            "name": name,
            "active": True,
            "metadata": {"masthead_tier": key, "trial_days": str(trial_days)},
        }
        if description:
            fields["description"] = description
        try:
            product = _plain(self.client.v1.products.retrieve(product_id))
        except stripe.InvalidRequestError as error:
            if error.code != "resource_missing":
                raise
            return _plain(self.client.v1.products.create({"id": product_id, **fields}))
        if (
            product["name"] != name
            or not product["active"]
            or product["metadata"] != fields["metadata"]
            or (description and product.get("description") != description)
        ):
            product = _plain(self.client.v1.products.update(product_id, fields))
        return product

    @staticmethod
    def _same_price(price, product_id, currency, amount):
        return (
            price["active"]
            and _id(price["product"]) == product_id
            and price["currency"] == currency
            and price["unit_amount"] == amount
        )

    # Customers

    @_calling
    def ensure_customer(self, *, email, name="", metadata=None):
        if not email or "@" not in email:
            raise ValueError(f"not an email address: {email!r}")
        found = self.client.v1.customers.list({"email": email, "limit": 1}).data
        if found:
            return _customer(found[0])
        params = {"email": email, "metadata": _metadata(metadata)}
        if name:
            params["name"] = name
        return _customer(self.client.v1.customers.create(params))

    @_calling
    def retrieve_customer(self, customer_id):
        customer = _plain(self.client.v1.customers.retrieve(customer_id))
        if customer.get("deleted"):
            raise NotFound(f"Customer {customer_id} was deleted.", code="resource_missing")
        return _customer(customer)

    # Checkout

    @_calling
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
    ):
        if not price_id:
            raise ValueError("a subscription needs a price")
        if customer_id and customer_email:
            raise ValueError("give customer_id or customer_email, not both")
        if isinstance(trial_days, bool) or not isinstance(trial_days, int) or trial_days < 0:
            raise ValueError(f"trial_days must be a whole number of days, not {trial_days!r}")
        subscription_data = {"metadata": _metadata(metadata)}
        if trial_days:
            subscription_data["trial_period_days"] = trial_days
        params = {
            "mode": "subscription",
            "line_items": [{"price": price_id, "quantity": 1}],
            "success_url": success_url,
            "cancel_url": cancel_url,
            "subscription_data": subscription_data,
            "metadata": _metadata(metadata),
        }
        params.update(_who(customer_id, customer_email, client_reference_id))
        if coupon_id:
            params["discounts"] = [{"coupon": coupon_id}]
        return _checkout(self.client.v1.checkout.sessions.create(params))

    @_calling
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
    ):
        return self._one_time_checkout(
            "donate",
            amount,
            currency,
            success_url,
            cancel_url,
            description,
            customer_email,
            client_reference_id,
            metadata,
        )

    @_calling
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
    ):
        return self._one_time_checkout(
            "pay",
            amount,
            currency,
            success_url,
            cancel_url,
            description,
            customer_email,
            client_reference_id,
            metadata,
        )

    def _one_time_checkout(
        self,
        submit_type,
        amount,
        currency,
        success_url,
        cancel_url,
        description,
        customer_email,
        client_reference_id,
        metadata,
    ):
        check_amount(amount)
        params = {
            "mode": "payment",
            "submit_type": submit_type,
            "customer_creation": "always",
            "line_items": [
                {
                    "price_data": {
                        "currency": check_currency(currency),
                        "unit_amount": amount,
                        "product_data": {"name": description},
                    },
                    "quantity": 1,
                }
            ],
            "success_url": success_url,
            "cancel_url": cancel_url,
            "metadata": _metadata(metadata),
            "payment_intent_data": {"metadata": _metadata(metadata)},
        }
        params.update(_who("", customer_email, client_reference_id))
        return _checkout(self.client.v1.checkout.sessions.create(params))

    @_calling
    def retrieve_checkout_session(self, session_id):
        return _checkout(self.client.v1.checkout.sessions.retrieve(session_id))

    @_calling
    def create_portal_session(self, *, customer_id, return_url):
        session = self.client.v1.billing_portal.sessions.create(
            {"customer": customer_id, "return_url": return_url}
        )
        return PortalSession(id=session["id"], url=session["url"])

    # Subscriptions

    @_calling
    def retrieve_subscription(self, subscription_id):
        return _subscription(self.client.v1.subscriptions.retrieve(subscription_id))

    @_calling
    def customer_subscriptions(self, customer_id):
        listing = self.client.v1.subscriptions.list(
            {"customer": customer_id, "status": "all", "limit": 100}
        )
        return [_subscription(item) for item in listing.auto_paging_iter()]

    @_calling
    def cancel_subscription(self, subscription_id, *, at_period_end=True):
        if at_period_end:
            subscription = self.client.v1.subscriptions.update(
                subscription_id, {"cancel_at_period_end": True}
            )
        else:
            subscription = self.client.v1.subscriptions.cancel(subscription_id)
        return _subscription(subscription)

    @_calling
    def resume_subscription(self, subscription_id):
        return _subscription(
            self.client.v1.subscriptions.update(subscription_id, {"cancel_at_period_end": False})
        )

    # Coupons

    @_calling
    def create_coupon(
        self,
        *,
        name,
        percent_off=None,
        amount_off=None,
        currency="",
        duration_in_months=None,
        once=False,
    ):
        if (percent_off is None) == (amount_off is None):
            raise ValueError("a coupon takes percent_off or amount_off, one of them")
        params = {"name": name}
        if percent_off is not None:
            if not 0 < percent_off <= 100:
                raise ValueError(f"percent_off must be over 0 and at most 100, not {percent_off}")
            params["percent_off"] = percent_off
        else:
            params["amount_off"] = check_amount(amount_off)
            params["currency"] = check_currency(currency)
        if once and duration_in_months is not None:
            raise ValueError("a coupon is for once or for some months, not both")
        if once:
            params["duration"] = "once"
        elif duration_in_months is None:
            params["duration"] = "forever"
        else:
            check_amount(duration_in_months)
            params.update(duration="repeating", duration_in_months=duration_in_months)
        return _coupon(self.client.v1.coupons.create(params))

    # Charges and disputes

    @_calling
    def retrieve_charge(self, charge_id):
        return _charge(self.client.v1.charges.retrieve(charge_id))

    @_calling
    def retrieve_dispute(self, dispute_id):
        return _dispute(self.client.v1.disputes.retrieve(dispute_id))

    # Webhooks

    def parse_webhook(self, *, payload, signature):
        if not self.webhook_secret:
            raise WebhookError("No webhook signing secret is configured (STRIPE_WEBHOOK_SECRET).")
        if isinstance(payload, bytes):
            try:
                payload = payload.decode("utf-8")
            except UnicodeDecodeError:
                raise WebhookError("The body is not UTF-8.") from None
        try:
            stripe.Webhook.construct_event(
                payload, signature, self.webhook_secret, tolerance=WEBHOOK_TOLERANCE
            )
        except stripe.SignatureVerificationError as error:
            raise WebhookError(f"Bad signature: {error.user_message or error}") from None
        except ValueError as error:
            raise WebhookError(f"Not a JSON body: {error}") from None
        except (AttributeError, KeyError, TypeError):  # JSON, signed, but not an object
            raise WebhookError("Not an event.") from None
        data = json.loads(payload)
        try:
            if data.get("object") != "event" or not isinstance(data["data"]["object"], dict):
                raise WebhookError("Not an event.")
            return WebhookEvent(
                id=data["id"],
                type=data["type"],
                created=data["created"],
                object=data["data"]["object"],
                previous_attributes=data["data"].get("previous_attributes") or {},
                livemode=bool(data.get("livemode")),
            )
        except (KeyError, TypeError, AttributeError):
            raise WebhookError("Not an event.") from None


def _who(customer_id, customer_email, client_reference_id):
    params = {}
    if customer_id:
        params["customer"] = customer_id
    elif customer_email:
        params["customer_email"] = customer_email
    if client_reference_id:
        params["client_reference_id"] = client_reference_id
    return params


def _id(value):
    """An expandable field's id, whether it came as an id or as the object."""
    if not value:
        return ""
    return value if isinstance(value, str) else value["id"]


def _price(price):
    price = _plain(price)
    recurring = price.get("recurring") or {}
    return Price(
        id=price["id"],
        product_id=_id(price["product"]),
        currency=price["currency"],
        amount=price["unit_amount"],
        interval=recurring.get("interval", ""),
        lookup_key=price.get("lookup_key") or "",
        active=price["active"],
    )


def _customer(customer):
    customer = _plain(customer)
    return Customer(
        id=customer["id"],
        email=customer.get("email") or "",
        name=customer.get("name") or "",
        metadata=customer.get("metadata") or {},
    )


def _checkout(session):
    session = _plain(session)
    return CheckoutSession(
        id=session["id"],
        url=session.get("url") or "",
        mode=session["mode"],
        status=session["status"],
        payment_status=session["payment_status"],
        customer_id=_id(session.get("customer")),
        customer_email=session.get("customer_email")
        or (session.get("customer_details") or {}).get("email")
        or "",
        subscription_id=_id(session.get("subscription")),
        payment_intent_id=_id(session.get("payment_intent")),
        amount_total=session.get("amount_total"),
        currency=session.get("currency") or "",
        client_reference_id=session.get("client_reference_id") or "",
        metadata=session.get("metadata") or {},
    )


def _subscription(subscription):
    subscription = _plain(subscription)
    items = subscription["items"]["data"]
    item = items[0] if items else {}
    price = item.get("price") or {}
    recurring = price.get("recurring") or {}
    return Subscription(
        id=subscription["id"],
        customer_id=_id(subscription["customer"]),
        status=subscription["status"],
        cancel_at_period_end=bool(subscription.get("cancel_at_period_end")),
        current_period_end=item.get("current_period_end"),
        current_period_start=item.get("current_period_start"),
        price_id=price.get("id", ""),
        product_id=_id(price.get("product")),
        interval=recurring.get("interval", ""),
        amount=price.get("unit_amount") or 0,
        currency=subscription.get("currency") or price.get("currency", ""),
        cancel_at=subscription.get("cancel_at"),
        canceled_at=subscription.get("canceled_at"),
        ended_at=subscription.get("ended_at"),
        trial_end=subscription.get("trial_end"),
        metadata=subscription.get("metadata") or {},
    )


def _coupon(coupon):
    coupon = _plain(coupon)
    return Coupon(
        id=coupon["id"],
        percent_off=coupon.get("percent_off"),
        amount_off=coupon.get("amount_off"),
        currency=coupon.get("currency") or "",
        duration=coupon["duration"],
        duration_in_months=coupon.get("duration_in_months"),
        name=coupon.get("name") or "",
    )


def _charge(charge):
    charge = _plain(charge)
    return Charge(
        id=charge["id"],
        payment_intent_id=_id(charge.get("payment_intent")),
        customer_id=_id(charge.get("customer")),
        amount=charge["amount"],
        amount_refunded=charge.get("amount_refunded") or 0,
        currency=charge["currency"],
        status=charge["status"],
        refunded=bool(charge.get("refunded")),
        disputed=bool(charge.get("disputed")),
        created=charge["created"],
        email=(charge.get("billing_details") or {}).get("email") or "",
        metadata=charge.get("metadata") or {},
    )


def _dispute(dispute):
    dispute = _plain(dispute)
    return Dispute(
        id=dispute["id"],
        charge_id=_id(dispute.get("charge")),
        payment_intent_id=_id(dispute.get("payment_intent")),
        amount=dispute["amount"],
        currency=dispute["currency"],
        reason=dispute.get("reason") or "",
        status=dispute["status"],
        created=dispute["created"],
    )


def _plain(value):
    """A Stripe object as the plain dict it was sent as."""
    return value.to_dict() if isinstance(value, stripe.StripeObject) else value
