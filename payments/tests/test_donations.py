"""Support us just once: the form, the hosted Checkout (the stand-in's), and the donation the
webhook records, with its refunds and dispute, whatever order the events come in."""

import pytest

from payments.models import Donation, DonationStatus
from testkit.payments import DECLINED_CARD
from testkit.servers import wait_until

SUPPORT = "/support/"


def donation_where(condition, what):
    wait_until(
        lambda: (d := Donation.objects.first()) is not None and condition(d),
        timeout=20,
        what=what,
        details=lambda: str(list(Donation.objects.values())),
    )
    return Donation.objects.get()


@pytest.mark.django_db
def test_the_page_offers_the_suggested_amounts_and_ones_own(client, payments_backend):
    response = client.get(SUPPORT)
    assert response.status_code == 200
    html = response.content.decode()
    for value, label in (("500", "€5"), ("1000", "€10"), ("2500", "€25")):
        assert f'value="{value}" class="support__amount">{label}</button>' in html
    assert "From €2 to €1,000." in html
    assert 'name="custom_amount"' in html


@pytest.mark.django_db
def test_with_payments_off_the_page_says_so(client, settings):
    settings.MASTHEAD_PAYMENTS = "off"
    assert b"not taking contributions" in client.get(SUPPORT).content
    assert client.post(SUPPORT, {"amount": "500"}).status_code == 503


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"amount": "custom", "custom_amount": "abc"}, "Enter an amount in numbers"),
        ({"amount": "custom", "custom_amount": "1.234"}, "Enter an amount in numbers"),
        ({"amount": "custom", "custom_amount": "-5"}, "Enter an amount in numbers"),
        ({"amount": "custom", "custom_amount": "1.50"}, "Enter an amount from €2 to €1,000."),
        ({"amount": "custom", "custom_amount": "1000.01"}, "Enter an amount from €2 to €1,000."),
        ({"amount": "custom", "custom_amount": ""}, "Choose an amount, or enter your own."),
        ({}, "Choose an amount, or enter your own."),
        ({"amount": "1"}, "Choose one of the amounts, or enter your own."),
        ({"amount": "NaN"}, "Choose one of the amounts, or enter your own."),
    ],
)
def test_a_bad_amount_is_explained_on_the_form(client, payments_backend, standin, form, message):
    response = client.post(SUPPORT, form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert standin.objects("checkout.session") == []


@pytest.mark.django_db
def test_an_own_amount_goes_to_checkout(client, payments_backend, standin):
    response = client.post(SUPPORT, {"amount": "custom", "custom_amount": "12,50"})
    assert response.status_code == 303
    (session,) = standin.objects("checkout.session")
    assert response["Location"] == session["url"]
    assert (session["amount_total"], session["currency"], session["mode"]) == (
        1250,
        "eur",
        "payment",
    )
    assert session["submit_type"] == "donate"
    assert session["metadata"] == {"masthead_kind": "donation"}
    assert session["success_url"].endswith("/support/thanks/?session={CHECKOUT_SESSION_ID}")
    assert session["cancel_url"].endswith("/support/cancelled/")


@pytest.mark.django_db
def test_checkouts_are_rate_limited_per_client(client, payments_backend, standin, settings):
    settings.MASTHEAD_DONATION_IP_LIMIT = 2
    assert client.post(SUPPORT, {"amount": "500"}).status_code == 303
    assert client.post(SUPPORT, {"amount": "500"}).status_code == 303
    response = client.post(SUPPORT, {"amount": "500"})
    assert response.status_code == 429
    assert "several payments in the last hour" in response.content.decode()
    assert len(standin.objects("checkout.session")) == 2


@pytest.mark.django_db
def test_an_unreachable_provider_is_a_clear_error(client, payments_backend, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    response = client.post(SUPPORT, {"amount": "500"})
    assert response.status_code == 503
    assert "reach our payment provider just now" in response.content.decode()


@pytest.mark.django_db
def test_the_pages_to_come_back_to(client):
    assert b"Thank you" in client.get("/support/thanks/?session=cs_test_x").content
    assert b"nothing was charged" in client.get("/support/cancelled/").content


@pytest.mark.django_db(transaction=True)
def test_a_donation_end_to_end_then_refunded_and_disputed(client, site_webhooks, standin):
    response = client.post(SUPPORT, {"amount": "1000"})
    assert response.status_code == 303

    status, _, text = standin.pay_checkout(response["Location"], card=DECLINED_CARD)
    assert "declined" in text
    assert not Donation.objects.exists()
    status, location, _ = standin.pay_checkout(response["Location"], email="donor@example.org")
    assert status in (302, 303)
    (session,) = standin.objects("checkout.session")
    assert location.endswith(f"/support/thanks/?session={session['id']}")

    donation = donation_where(lambda d: d.email, "the donation recorded")
    assert (donation.amount, donation.currency, donation.email) == (
        1000,
        "eur",
        "donor@example.org",
    )
    assert donation.status == DonationStatus.PAID
    assert donation.customer_id == session["customer"]
    assert donation.payment_intent_id == session["payment_intent"]
    assert donation.checkout_session_id == session["id"]

    (charge,) = standin.objects("charge")
    standin.refund(charge["id"], amount=400)
    donation = donation_where(lambda d: d.amount_refunded == 400, "the refund recorded")
    assert donation.status == DonationStatus.PARTLY_REFUNDED
    assert donation.charge_id == charge["id"]

    dispute = standin.dispute(charge["id"])
    donation = donation_where(lambda d: d.dispute_id, "the dispute recorded")
    assert (donation.status, donation.dispute_status) == (DonationStatus.DISPUTED, "needs_response")

    standin.control(f"disputes/{dispute['id']}/close", status="lost")
    donation = donation_where(lambda d: d.dispute_status == "lost", "the lost dispute")
    assert donation.status == DonationStatus.DISPUTE_LOST
    standin.wait_idle()
    assert Donation.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("order", ["reverse", "created"])
def test_events_in_any_order_end_in_the_same_donation(client, site_webhooks, standin, order):
    standin.hold()
    response = client.post(SUPPORT, {"amount": "2500"})
    standin.pay_checkout(response["Location"], email="donor@example.org")
    (charge,) = standin.objects("charge")
    standin.refund(charge["id"], amount=1000)
    standin.refund(charge["id"])
    standin.release(order=order)
    standin.wait_idle()

    donation = Donation.objects.get()
    assert (donation.amount, donation.amount_refunded) == (2500, 2500)
    assert donation.status == DonationStatus.REFUNDED
    assert donation.email == "donor@example.org"
    assert donation.checkout_session_id


@pytest.mark.django_db
def test_a_subscription_checkout_is_no_donation(payments_backend, standin, webhook_receiver):
    from payments import services

    tier = payments_backend.ensure_tier_prices(
        key="supporter", name="Supporter", currency="eur", monthly_amount=500
    )
    session = payments_backend.create_subscription_checkout(
        price_id=tier.monthly.id, success_url="http://x/", cancel_url="http://x/"
    )
    standin.pay_checkout(session.url)
    assert services.donation_record_checkout(session_id=session.id) is None
    assert not Donation.objects.exists()


@pytest.mark.django_db
def test_the_page_lets_its_form_lead_to_checkout_and_nowhere_else(
    client, payments_backend, standin
):
    csp = client.get(SUPPORT)["Content-Security-Policy"]
    assert f"form-action 'self' {standin.url};" in csp
    assert "script-src 'self';" in csp


def test_stripes_checkout_lives_on_its_own_origin(settings):
    from payments.backends import checkout_origin

    settings.MASTHEAD_PAYMENTS = "stripe"
    settings.STRIPE_API_BASE = "https://api.stripe.com"
    assert checkout_origin() == "https://checkout.stripe.com"
    settings.MASTHEAD_PAYMENTS = "off"
    assert checkout_origin() == ""
