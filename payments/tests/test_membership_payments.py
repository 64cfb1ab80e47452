"""A membership's payments, as the webhook records them: each charge of a subscription once,
with its refunds and dispute, whatever order the events come in; access is the subscription's
business, so a refund changes no subscription."""

import pytest

from payments.models import Donation, DonationStatus, MembershipPayment
from testkit.servers import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def subscribe(payments_backend, standin, site_webhooks):
    """Pay for a Supporter subscription on the hosted Checkout: its subscription id."""
    tier = payments_backend.ensure_tier_prices(
        key="supporter", name="Supporter", currency="eur", monthly_amount=500
    )

    def pay(email="member@example.org"):
        session = payments_backend.create_subscription_checkout(
            price_id=tier.monthly.id, success_url="http://x/", cancel_url="http://x/"
        )
        standin.pay_checkout(session.url, email=email)
        (subscription,) = [
            s for s in standin.objects("subscription") if s["customer"] == _customer(standin, email)
        ]
        return subscription["id"]

    return pay


def _customer(standin, email):
    return next(c["id"] for c in standin.objects("customer") if c["email"] == email)


def payments_where(condition, what):
    wait_until(
        lambda: condition(list(MembershipPayment.objects.order_by("paid_at", "pk"))),
        timeout=20,
        what=what,
        details=lambda: str(list(MembershipPayment.objects.values())),
    )
    return list(MembershipPayment.objects.order_by("paid_at", "pk"))


def test_each_charge_is_recorded_once_then_refunded_and_disputed(
    subscribe, standin, payments_backend
):
    subscription_id = subscribe()
    (first,) = payments_where(lambda p: len(p) == 1, "the first payment")
    customer = _customer(standin, "member@example.org")
    assert (first.amount, first.currency, first.customer_id, first.status) == (
        500,
        "eur",
        customer,
        DonationStatus.PAID,
    )
    assert first.paid_at is not None

    standin.advance(days=32)  # the subscription renews: a second charge
    first, second = payments_where(lambda p: len(p) == 2, "the renewal's payment")

    standin.refund(first.charge_id)
    payments_where(lambda p: p[0].status == DonationStatus.REFUNDED, "the refund")
    standin.dispute(second.charge_id)
    first, second = payments_where(lambda p: p[1].dispute_id, "the dispute")
    assert (first.amount_refunded, second.status) == (500, DonationStatus.DISPUTED)

    # Recorded, and nobody's access changed: the subscription is still paid for.
    assert payments_backend.retrieve_subscription(subscription_id).status == "active"
    for delivery in standin.deliveries():
        standin.resend(delivery["event"])
    standin.wait_idle()
    assert MembershipPayment.objects.count() == 2
    assert not Donation.objects.exists()


@pytest.mark.parametrize("order", ["reverse", "created"])
def test_events_in_any_order_end_in_the_same_payment(subscribe, standin, order):
    standin.hold()
    subscribe()
    (charge,) = standin.objects("charge")
    standin.refund(charge["id"], amount=200)
    standin.release(order=order)
    standin.wait_idle()

    payment = MembershipPayment.objects.get()
    assert (payment.amount, payment.amount_refunded) == (500, 200)
    assert payment.status == DonationStatus.PARTLY_REFUNDED


def test_a_declined_card_or_a_donation_is_no_membership_payment(
    client, subscribe, standin, payments_backend
):
    standin.fail_next_payment()
    with pytest.raises(ValueError):  # no subscription: the card was declined
        subscribe("declined@example.org")
    response = client.post("/support/", {"amount": "1000"})
    standin.pay_checkout(response["Location"], email="donor@example.org")
    wait_until(Donation.objects.exists, timeout=20, what="the donation")
    standin.wait_idle()
    assert not MembershipPayment.objects.exists()
    (charge,) = [c for c in standin.objects("charge") if c["status"] == "succeeded"]
    assert charge["metadata"]["masthead_kind"] == "donation"
