"""StripeBackend, the official SDK and all, against the stand-in: what Masthead asks of Stripe,
what a reader does on the hosted pages, and the signed webhooks that tell us."""

import json
import time

import pytest

from payments.backends.base import NotFound, PaymentsError, WebhookError
from testkit.payments import DECLINED_CARD, WEBHOOK_SECRET, signature_header

DAY = 86400
SUCCESS = "https://news.example.org/members/welcome/?session={CHECKOUT_SESSION_ID}"
CANCEL = "https://news.example.org/members/tiers/"


@pytest.fixture
def tier(payments_backend):
    return payments_backend.ensure_tier_prices(
        key="supporter", name="Supporter", currency="EUR", monthly_amount=500, yearly_amount=5000
    )


def subscribe(backend, standin, price, **options):
    """A reader subscribes through Checkout and pays: the completed session."""
    session = backend.create_subscription_checkout(
        price_id=price.id, success_url=SUCCESS, cancel_url=CANCEL, **options
    )
    status, location, _ = standin.pay_checkout(session.url)
    assert status == 303
    assert location == SUCCESS.replace("{CHECKOUT_SESSION_ID}", session.id)
    return backend.retrieve_checkout_session(session.id)


def verified(backend, receiver):
    """Every delivery received, verified as the webhook view will: the parsed events."""
    return [
        backend.parse_webhook(payload=body, signature=headers["Stripe-Signature"])
        for headers, body in receiver.received
    ]


def test_tier_prices_are_made_once_and_replaced_when_the_amount_changes(payments_backend, tier):
    assert tier.product_id == "masthead_supporter"
    assert (tier.monthly.amount, tier.monthly.interval, tier.monthly.currency) == (
        500,
        "month",
        "eur",
    )
    assert (tier.yearly.amount, tier.yearly.interval) == (5000, "year")

    again = payments_backend.ensure_tier_prices(
        key="supporter", name="Supporter", currency="eur", monthly_amount=500, yearly_amount=5000
    )
    assert again == tier

    dearer = payments_backend.ensure_tier_prices(
        key="supporter", name="Supporters", currency="eur", monthly_amount=700, yearly_amount=5000
    )
    assert dearer.monthly.id != tier.monthly.id
    assert dearer.monthly.amount == 700
    assert dearer.monthly.lookup_key == "masthead_supporter_month"
    assert dearer.yearly == tier.yearly
    old = payments_backend.client.v1.prices.retrieve(tier.monthly.id)
    assert not old.active
    assert payments_backend.client.v1.products.retrieve(tier.product_id).name == "Supporters"

    monthly_only = payments_backend.ensure_tier_prices(
        key="supporter", name="Supporters", currency="eur", monthly_amount=700
    )
    assert monthly_only.yearly is None
    assert not payments_backend.client.v1.prices.retrieve(tier.yearly.id).active


@pytest.mark.parametrize(
    "bad",
    [
        {"currency": "euro"},
        {"monthly_amount": 0},
        {"monthly_amount": 4.5},
        {"key": "no spaces"},
    ],
)
def test_tier_prices_refuse_bad_input_before_any_call(payments_backend, bad):
    arguments = {"key": "gold", "name": "Gold", "currency": "eur", "monthly_amount": 900, **bad}
    with pytest.raises(ValueError):
        payments_backend.ensure_tier_prices(**arguments)


def test_a_customer_is_found_by_email_or_made(payments_backend):
    made = payments_backend.ensure_customer(email="olha@example.org", name="Olha")
    assert made.id.startswith("cus_")
    assert payments_backend.ensure_customer(email="olha@example.org") == made
    assert payments_backend.retrieve_customer(made.id) == made
    assert payments_backend.ensure_customer(email="other@example.org").id != made.id
    with pytest.raises(NotFound):
        payments_backend.retrieve_customer("cus_missing")


def test_subscription_checkout_pays_and_webhooks_arrive_signed_in_order(
    payments_backend, standin, webhook_receiver, tier
):
    session = subscribe(
        payments_backend,
        standin,
        tier.monthly,
        customer_email="reader@example.org",
        client_reference_id="member-7",
        metadata={"tier": "supporter"},
    )
    assert (session.status, session.payment_status) == ("complete", "paid")
    assert session.client_reference_id == "member-7"
    assert session.customer_email == "reader@example.org"
    subscription = payments_backend.retrieve_subscription(session.subscription_id)
    assert subscription.status == "active"
    assert subscription.customer_id == session.customer_id
    assert subscription.price_id == tier.monthly.id
    assert subscription.product_id == "masthead_supporter"
    assert subscription.metadata == {"tier": "supporter"}
    assert not subscription.cancel_at_period_end
    assert (
        28 * DAY <= subscription.current_period_end - subscription.current_period_start <= 31 * DAY
    )

    webhook_receiver.wait_for("checkout.session.completed")
    events = verified(payments_backend, webhook_receiver)
    types = [event.type for event in events]
    # First attempts in the order things happened, as Stripe does when nothing fails.
    expected = [
        "customer.created",
        "customer.subscription.created",
        "invoice.created",
        "invoice.finalized",
        "payment_intent.created",
        "charge.succeeded",
        "payment_intent.succeeded",
        "invoice.paid",
        "invoice.payment_succeeded",
        "customer.subscription.updated",
        "checkout.session.completed",
    ]
    assert [t for t in types if t in expected] == expected
    assert len({event.id for event in events}) == len(events)
    assert all(event.id.startswith("evt_") for event in events)
    completed = events[types.index("checkout.session.completed")]
    assert completed.object["id"] == session.id
    assert completed.object["subscription"] == subscription.id
    activated = events[types.index("customer.subscription.updated")]
    assert activated.object["status"] == "active"
    assert activated.previous_attributes == {"status": "incomplete"}
    invoice = events[types.index("invoice.paid")].object
    assert invoice["parent"]["subscription_details"]["subscription"] == subscription.id
    assert invoice["amount_paid"] == 500
    # The signature is Stripe's: HMAC-SHA256 of "<t>.<body>" with the endpoint's secret.
    headers, body = webhook_receiver.received[0]
    timestamp = headers["Stripe-Signature"].split(",")[0].removeprefix("t=")
    assert headers["Stripe-Signature"] == signature_header(body, WEBHOOK_SECRET, timestamp)


def test_a_trial_costs_nothing_now_then_the_first_payment_starts_it(
    payments_backend, standin, webhook_receiver, tier
):
    session = subscribe(payments_backend, standin, tier.yearly, trial_days=14)
    assert session.payment_status == "no_payment_required"
    assert session.amount_total == 0
    subscription = payments_backend.retrieve_subscription(session.subscription_id)
    assert subscription.status == "trialing"
    assert subscription.trial_end == subscription.current_period_end
    assert subscription.current_period_end - subscription.current_period_start == 14 * DAY

    standin.advance(days=12)
    webhook_receiver.wait_for("customer.subscription.trial_will_end")
    assert payments_backend.retrieve_subscription(subscription.id).status == "trialing"

    standin.advance(days=3)
    ended = payments_backend.retrieve_subscription(subscription.id)
    assert ended.status == "active"
    assert ended.current_period_start == subscription.trial_end
    assert 365 * DAY <= ended.current_period_end - ended.current_period_start <= 366 * DAY
    (paid,) = [
        e
        for e in webhook_receiver.wait_for("invoice.paid", count=2)
        if e["data"]["object"]["amount_paid"]
    ]
    assert paid["data"]["object"]["billing_reason"] == "subscription_cycle"
    assert paid["data"]["object"]["amount_paid"] == 5000


def test_a_coupon_takes_its_share_for_its_months(payments_backend, standin, webhook_receiver, tier):
    coupon = payments_backend.create_coupon(
        name="Launch offer", percent_off=40, duration_in_months=2
    )
    assert (coupon.percent_off, coupon.duration, coupon.duration_in_months) == (40, "repeating", 2)
    session = subscribe(payments_backend, standin, tier.monthly, coupon_id=coupon.id)
    assert session.amount_total == 300

    standin.advance(days=31)
    standin.advance(days=31)
    standin.wait_idle()
    paid = [
        e["data"]["object"]["amount_paid"]
        for e in webhook_receiver.events()
        if e["type"] == "invoice.paid"
    ]
    assert paid == [300, 300, 500]


def test_an_amount_off_coupon_and_bad_coupons(payments_backend):
    coupon = payments_backend.create_coupon(name="Two off", amount_off=200, currency="eur")
    assert (coupon.amount_off, coupon.currency, coupon.duration) == (200, "eur", "forever")
    with pytest.raises(ValueError):
        payments_backend.create_coupon(name="Both", percent_off=10, amount_off=100, currency="eur")
    with pytest.raises(ValueError):
        payments_backend.create_coupon(name="Too much", percent_off=150)


def test_a_donation_makes_a_customer_and_a_payment(payments_backend, standin, webhook_receiver):
    session = payments_backend.create_donation_checkout(
        amount=2500,
        currency="eur",
        success_url=SUCCESS,
        cancel_url=CANCEL,
        metadata={"kind": "donation"},
    )
    assert (session.mode, session.amount_total, session.status) == ("payment", 2500, "open")
    status, _, _ = standin.pay_checkout(session.url, email="donor@example.org")
    assert status == 303
    done = payments_backend.retrieve_checkout_session(session.id)
    assert done.payment_status == "paid"
    assert done.customer_id.startswith("cus_")
    assert done.customer_email == "donor@example.org"
    assert done.payment_intent_id.startswith("pi_")
    (completed,) = webhook_receiver.wait_for("checkout.session.completed")
    assert completed["data"]["object"]["mode"] == "payment"
    (charge,) = [
        e["data"]["object"] for e in webhook_receiver.events() if e["type"] == "charge.succeeded"
    ]
    assert (charge["amount"], charge["metadata"]) == (2500, {"kind": "donation"})
    with pytest.raises(ValueError):
        payments_backend.create_donation_checkout(
            amount=-5, currency="eur", success_url=SUCCESS, cancel_url=CANCEL
        )


def test_a_declined_card_stays_on_checkout(payments_backend, standin, tier):
    session = payments_backend.create_subscription_checkout(
        price_id=tier.monthly.id, success_url=SUCCESS, cancel_url=CANCEL
    )
    status, location, page = standin.pay_checkout(session.url, card=DECLINED_CARD)
    assert (status, location) == (402, None)
    assert "Your card was declined." in page
    assert payments_backend.retrieve_checkout_session(session.id).status == "open"
    assert CANCEL in page  # the way back


def test_portal_cancel_at_period_end_then_the_clock_ends_it(
    payments_backend, standin, webhook_receiver, tier
):
    session = subscribe(payments_backend, standin, tier.monthly)
    portal = payments_backend.create_portal_session(
        customer_id=session.customer_id, return_url="https://news.example.org/account/"
    )
    assert portal.url.startswith(f"{standin.url}/billing/")
    status, _, _ = standin.portal_action(
        portal.url, action="cancel", subscription_id=session.subscription_id
    )
    assert status == 303
    cancelling = payments_backend.retrieve_subscription(session.subscription_id)
    assert cancelling.status == "active"
    assert cancelling.cancel_at_period_end
    assert cancelling.cancel_at == cancelling.current_period_end

    standin.advance(days=10)
    assert payments_backend.retrieve_subscription(session.subscription_id).status == "active"
    standin.advance(days=25)
    ended = payments_backend.retrieve_subscription(session.subscription_id)
    assert ended.status == "canceled"
    assert ended.ended_at == cancelling.current_period_end
    (deleted,) = webhook_receiver.wait_for("customer.subscription.deleted")
    assert deleted["data"]["object"]["status"] == "canceled"
    assert payments_backend.customer_subscriptions(session.customer_id)[0].status == "canceled"


def test_portal_resume_and_switch_plan(payments_backend, standin, webhook_receiver, tier):
    session = subscribe(payments_backend, standin, tier.monthly)
    portal = payments_backend.create_portal_session(
        customer_id=session.customer_id, return_url="https://news.example.org/account/"
    )
    standin.portal_action(portal.url, action="cancel", subscription_id=session.subscription_id)
    standin.portal_action(portal.url, action="resume", subscription_id=session.subscription_id)
    assert not payments_backend.retrieve_subscription(session.subscription_id).cancel_at_period_end
    standin.portal_action(
        portal.url,
        action="switch",
        subscription_id=session.subscription_id,
        price_id=tier.yearly.id,
    )
    assert (
        payments_backend.retrieve_subscription(session.subscription_id).price_id == tier.yearly.id
    )
    standin.wait_idle()
    updates = [e for e in webhook_receiver.events() if e["type"] == "customer.subscription.updated"]
    assert [sorted(e["data"]["previous_attributes"]) for e in updates[-3:]] == [
        ["cancel_at", "cancel_at_period_end", "canceled_at", "cancellation_details"],
        ["cancel_at", "cancel_at_period_end", "canceled_at", "cancellation_details"],
        ["items"],
    ]


def test_cancel_through_the_api_at_period_end_or_at_once(payments_backend, standin, tier):
    first = subscribe(payments_backend, standin, tier.monthly)
    later = payments_backend.cancel_subscription(first.subscription_id)
    assert (later.status, later.cancel_at_period_end) == ("active", True)
    assert not payments_backend.resume_subscription(first.subscription_id).cancel_at_period_end
    now = payments_backend.cancel_subscription(first.subscription_id, at_period_end=False)
    assert now.status == "canceled"
    with pytest.raises(PaymentsError):
        payments_backend.cancel_subscription(first.subscription_id, at_period_end=False)
    with pytest.raises(NotFound):
        payments_backend.retrieve_subscription("sub_missing")


def test_a_failed_renewal_is_past_due_until_paid(payments_backend, standin, webhook_receiver, tier):
    session = subscribe(payments_backend, standin, tier.monthly)
    standin.fail_next_payment()
    standin.advance(days=31)
    subscription = payments_backend.retrieve_subscription(session.subscription_id)
    assert subscription.status == "past_due"
    (failed,) = webhook_receiver.wait_for("invoice.payment_failed")
    invoice = failed["data"]["object"]
    assert (invoice["status"], invoice["attempt_count"], invoice["amount_paid"]) == ("open", 1, 0)
    past_due = [
        e
        for e in webhook_receiver.events()
        if e["type"] == "customer.subscription.updated"
        and e["data"]["object"]["status"] == "past_due"
    ]
    assert past_due[0]["data"]["previous_attributes"] == {"status": "active"}

    standin.pay_invoice(invoice["id"])
    assert payments_backend.retrieve_subscription(session.subscription_id).status == "active"


def test_an_unpaid_period_ends_the_subscription(payments_backend, standin, tier):
    session = subscribe(payments_backend, standin, tier.monthly)
    standin.fail_next_payment()
    standin.advance(days=31)
    standin.advance(days=31)
    ended = payments_backend.retrieve_subscription(session.subscription_id)
    assert ended.status == "canceled"


def test_refund_and_dispute_are_announced(payments_backend, standin, webhook_receiver):
    session = payments_backend.create_donation_checkout(
        amount=1000, currency="usd", success_url=SUCCESS, cancel_url=CANCEL
    )
    standin.pay_checkout(session.url)
    intent = payments_backend.client.v1.payment_intents.retrieve(
        payments_backend.retrieve_checkout_session(session.id).payment_intent_id
    )
    standin.refund(intent.latest_charge, amount=400)
    (refunded,) = webhook_receiver.wait_for("charge.refunded")
    assert refunded["data"]["object"]["amount_refunded"] == 400
    assert not refunded["data"]["object"]["refunded"]
    assert refunded["data"]["previous_attributes"] == {"amount_refunded": 0, "refunded": False}
    (refund,) = webhook_receiver.wait_for("refund.created")
    assert refund["data"]["object"]["charge"] == intent.latest_charge

    dispute = standin.dispute(intent.latest_charge)
    assert dispute["amount"] == 600
    (opened,) = webhook_receiver.wait_for("charge.dispute.created")
    assert opened["data"]["object"]["status"] == "needs_response"
    assert payments_backend.client.v1.charges.retrieve(intent.latest_charge).disputed


def test_failed_deliveries_are_retried(payments_backend, standin, webhook_receiver):
    webhook_receiver.statuses = [500, 500]
    payments_backend.ensure_customer(email="retry@example.org")
    webhook_receiver.wait_for("customer.created", count=3)
    standin.wait_idle()
    attempts = [a for a in standin.deliveries() if a["type"] == "customer.created"]
    assert [(a["attempt"], a["status"], a["delivered"]) for a in attempts] == [
        (1, 500, False),
        (2, 500, False),
        (3, 200, True),
    ]
    ids = {event["id"] for event in webhook_receiver.events()}
    assert len(ids) == 1  # the same event, three times: the receiver dedupes by its id


def test_held_deliveries_arrive_in_another_order_and_resent_ones_again(
    payments_backend, standin, webhook_receiver, tier
):
    standin.wait_idle()
    before = len(webhook_receiver.received)  # the tier's product and prices
    standin.hold()
    session = subscribe(payments_backend, standin, tier.monthly)
    assert len(webhook_receiver.received) == before
    released = standin.release("reverse")
    standin.wait_idle()
    events = webhook_receiver.events()[before:]
    types = [event["type"] for event in events]
    assert types[0] == "checkout.session.completed"
    assert types.index("customer.subscription.updated") < types.index(
        "customer.subscription.created"
    )
    assert [event["id"] for event in events] == released

    completed = events[0]
    standin.resend(completed["id"])
    standin.wait_idle()
    again = webhook_receiver.events()[-1]
    assert again["id"] == completed["id"]
    assert again["data"]["object"]["id"] == session.id


def test_forged_replayed_and_malformed_webhooks_are_refused(
    payments_backend, standin, webhook_receiver
):
    payments_backend.ensure_customer(email="sign@example.org")
    webhook_receiver.wait_for("customer.created")
    headers, body = webhook_receiver.received[0]
    signature = headers["Stripe-Signature"]
    assert (
        payments_backend.parse_webhook(payload=body, signature=signature).type == "customer.created"
    )

    tampered = body.replace(b"sign@example.org", b"evil@example.org")
    forged_with_another_secret = signature_header(body, "whsec_not_ours")
    replayed = signature_header(body, WEBHOOK_SECRET, time.time() - 3600)
    cases = [
        (tampered, signature),
        (body, forged_with_another_secret),
        (body, replayed),
        (body, ""),
        (body, "t=abc,v1=zzz"),
        (b"\xff\xfe", signature),
        (b"not json", signature_header(b"not json", WEBHOOK_SECRET)),
        (b"[1, 2]", signature_header(b"[1, 2]", WEBHOOK_SECRET)),
        (b'{"object": "event"}', signature_header(b'{"object": "event"}', WEBHOOK_SECRET)),
    ]
    for payload, header in cases:
        with pytest.raises(WebhookError):
            payments_backend.parse_webhook(payload=payload, signature=header)


def test_a_webhook_cannot_be_verified_without_the_secret(settings, payments_backend):
    from payments.backends import get_backend

    settings.STRIPE_WEBHOOK_SECRET = ""
    body = json.dumps({"id": "evt_1", "object": "event"}).encode()
    with pytest.raises(WebhookError, match="STRIPE_WEBHOOK_SECRET"):
        get_backend().parse_webhook(payload=body, signature=signature_header(body, ""))
