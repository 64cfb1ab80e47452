"""Gift memberships, payments' half: /gift/ and its prices, the pending gift and its
Checkout (the stand-in's, through the real StripeBackend), and what the webhook makes of it:
paid once with its code emailed, refunded or disputed."""

import re

import pytest
from django.core import mail
from django.test import Client

from payments import services
from payments.backends.base import WebhookEvent
from payments.models import Donation, Gift, GiftStatus, Tier, gift_amount
from payments.services import payment_event_receive

GIFT = "/gift/"
CODE = re.compile(r"\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b")


@pytest.fixture
def tier(payments_backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tier = Tier.objects.create(
            name="Supporter", slug="supporter", monthly_amount=500, yearly_amount=5000
        )
    return tier


def buy(client, tier, /, **extra):
    data = {
        "tier": tier.slug,
        "months": "3",
        "recipient_email": "friend@example.org",
        "buyer_name": "Ben Buyer",
        "buyer_email": "ben@example.org",
        "message": "Happy birthday!",
        **extra,
    }
    return client.post(GIFT, data, REMOTE_ADDR="203.0.113.9")


def deliver(receiver, django_capture_on_commit_callbacks, since=0):
    """Hand the stand-in's events (as the webhook receiver got them) to the webhook's
    service, their emails sent after each commit; how many there were."""
    events = receiver.events()
    for data in events[since:]:
        event = WebhookEvent(
            id=data["id"], type=data["type"], created=data["created"], object=data["data"]["object"]
        )
        with django_capture_on_commit_callbacks(execute=True):
            payment_event_receive(event=event)
    return len(events)


def paid_gift(client, tier, standin, webhook_receiver, capture, **extra):
    response = buy(client, tier, **extra)
    assert response.status_code == 303, response.content
    status, _, text = standin.pay_checkout(response["Location"], email="ben@example.org")
    assert status in (302, 303), text
    webhook_receiver.wait_for("checkout.session.completed")
    standin.wait_idle()
    deliver(webhook_receiver, capture)
    return Gift.objects.get()


@pytest.mark.django_db
def test_a_gift_costs_its_months_and_a_year_its_yearly_price():
    tier = Tier(monthly_amount=500, yearly_amount=5000)
    assert [gift_amount(tier, m) for m in (1, 3, 6, 12)] == [500, 1500, 3000, 5000]
    assert gift_amount(Tier(monthly_amount=500), 12) == 6000


@pytest.mark.django_db
def test_the_page_shows_the_tiers_and_what_each_length_costs(client, tier):
    response = client.get(GIFT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Supporter" in html
    for price in ("1 month €5", "3 months €15", "12 months €50"):
        assert price in html
    assert "csrfmiddlewaretoken" not in html  # the page may be cached: nothing per reader
    assert "public" in response["Cache-Control"]


@pytest.mark.django_db
def test_with_payments_off_the_page_says_so(client, settings):
    settings.MASTHEAD_PAYMENTS = "off"
    assert "not selling gift memberships" in client.get(GIFT).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"recipient_email": "nope"}, "Enter a valid email address."),
        ({"buyer_name": ""}, "Enter your name."),
        ({"months": "2"}, "Choose how long."),
        ({"tier": "nothing"}, "Choose a membership."),
        ({"message": "x" * 501}, "at most 500 characters"),
    ],
)
def test_a_bad_form_is_explained(client, tier, standin, extra, message):
    response = buy(client, tier, **extra)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Gift.objects.exists()
    assert standin.objects("checkout.session") == []


@pytest.mark.django_db
def test_the_gift_goes_to_a_one_time_checkout(client, tier, standin):
    response = buy(client, tier)
    assert response.status_code == 303
    gift = Gift.objects.get()
    assert (gift.status, gift.amount, gift.currency, gift.months) == ("pending", 1500, "eur", 3)
    assert (gift.buyer_email, gift.recipient_email, gift.buyer_name) == (
        "ben@example.org",
        "friend@example.org",
        "Ben Buyer",
    )
    assert gift.code_hash == ""
    (session,) = standin.objects("checkout.session")
    assert response["Location"] == session["url"]
    assert gift.checkout_session_id == session["id"]
    assert (session["mode"], session["submit_type"], session["amount_total"]) == (
        "payment",
        "pay",
        1500,
    )
    assert session["customer_email"] == "ben@example.org"
    assert session["metadata"] == {"masthead_kind": "gift", "masthead_gift": str(gift.pk)}


@pytest.mark.django_db
def test_gift_checkouts_are_rate_limited_per_client(client, tier, standin, settings):
    settings.MASTHEAD_GIFT_IP_LIMIT = 1
    assert buy(client, tier).status_code == 303
    response = buy(client, tier)
    assert response.status_code == 429
    assert "several payments" in response.content.decode()


@pytest.mark.django_db
def test_an_unreachable_provider_keeps_no_gift(client, tier, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    response = buy(client, tier)
    assert response.status_code == 503
    assert not Gift.objects.exists()


@pytest.mark.django_db
def test_paid_from_the_webhook_once_with_the_code_only_in_the_email(
    client, tier, standin, webhook_receiver, django_capture_on_commit_callbacks
):
    gift = paid_gift(client, tier, standin, webhook_receiver, django_capture_on_commit_callbacks)
    assert gift.status == GiftStatus.PAID and gift.paid_at and gift.payment_intent_id
    to_recipient, receipt = mail.outbox
    assert to_recipient.to == ["friend@example.org"]
    assert to_recipient.subject == "Ben Buyer gave you a membership of Masthead"
    assert "Happy birthday!" in to_recipient.body
    code = CODE.search(to_recipient.body).group(1)
    assert f"/gift/redeem/{code.replace('-', '')}/" in to_recipient.body
    assert receipt.to == ["ben@example.org"] and "€15" in receipt.body
    assert code not in receipt.body
    # Only the code's keyed hash is kept.
    assert gift.code_hash == services.gift_code_hash(code) != code
    assert services.gift_for_code(code.lower()).pk == gift.pk

    # The same events again, and again under new ids: nothing more is sent.
    deliver(webhook_receiver, django_capture_on_commit_callbacks)
    for data in webhook_receiver.events():
        event = WebhookEvent(
            id=data["id"] + "_again",
            type=data["type"],
            created=data["created"],
            object=data["data"]["object"],
        )
        with django_capture_on_commit_callbacks(execute=True):
            payment_event_receive(event=event)
    assert len(mail.outbox) == 2
    gift.refresh_from_db()
    assert gift.code_hash == services.gift_code_hash(code)


@pytest.mark.django_db
def test_delivered_to_the_buyer_to_give_themselves(
    client, tier, standin, webhook_receiver, django_capture_on_commit_callbacks
):
    paid_gift(
        client,
        tier,
        standin,
        webhook_receiver,
        django_capture_on_commit_callbacks,
        delivery="buyer",
    )
    assert [m.to for m in mail.outbox] == [["ben@example.org"], ["ben@example.org"]]
    assert CODE.search(mail.outbox[0].body)
    assert "friend@example.org" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_refunded_or_disputed_gift_cannot_be_redeemed(
    client, tier, standin, webhook_receiver, django_capture_on_commit_callbacks
):
    gift = paid_gift(client, tier, standin, webhook_receiver, django_capture_on_commit_callbacks)
    code = CODE.search(mail.outbox[0].body).group(1)
    (charge,) = standin.objects("charge")
    seen = len(webhook_receiver.events())
    standin.refund(charge["id"], amount=500)
    webhook_receiver.wait_for("charge.refunded")
    seen = deliver(webhook_receiver, django_capture_on_commit_callbacks, since=seen)
    gift.refresh_from_db()
    assert (gift.status, gift.amount_refunded) == (GiftStatus.PAID, 500)  # partly: still good

    standin.dispute(charge["id"])
    webhook_receiver.wait_for("charge.dispute.created")
    seen = deliver(webhook_receiver, django_capture_on_commit_callbacks, since=seen)
    gift.refresh_from_db()
    assert gift.status == GiftStatus.DISPUTED
    with pytest.raises(services.GiftRefused, match="refunded"):
        services.gift_for_code(code)


@pytest.mark.django_db
def test_a_fully_refunded_gift_is_refunded(
    client, tier, standin, webhook_receiver, django_capture_on_commit_callbacks
):
    gift = paid_gift(client, tier, standin, webhook_receiver, django_capture_on_commit_callbacks)
    (charge,) = standin.objects("charge")
    seen = len(webhook_receiver.events())
    standin.refund(charge["id"])
    webhook_receiver.wait_for("charge.refunded")
    deliver(webhook_receiver, django_capture_on_commit_callbacks, since=seen)
    gift.refresh_from_db()
    assert gift.status == GiftStatus.REFUNDED
    with pytest.raises(services.GiftRefused):
        services.gift_claim(gift_id=gift.pk, email="friend@example.org")


@pytest.mark.django_db
def test_a_donation_is_no_gift_and_a_gift_no_donation(
    client, tier, standin, webhook_receiver, django_capture_on_commit_callbacks
):
    paid_gift(client, tier, standin, webhook_receiver, django_capture_on_commit_callbacks)
    assert not Donation.objects.exists()
    seen = len(webhook_receiver.events())
    response = client.post("/support/", {"amount": "1000"})
    standin.pay_checkout(response["Location"], email="donor@example.org")
    webhook_receiver.wait_for("checkout.session.completed", count=2)
    standin.wait_idle()
    deliver(webhook_receiver, django_capture_on_commit_callbacks, since=seen)
    assert Donation.objects.count() == 1 and Gift.objects.count() == 1


@pytest.mark.django_db
def test_the_page_lets_its_form_lead_to_checkout(client, payments_backend, standin):
    csp = client.get(GIFT)["Content-Security-Policy"]
    assert f"form-action 'self' {standin.url};" in csp


@pytest.mark.django_db
def test_the_admin_lists_gifts_read_only_and_never_their_hash(admin_client, tier, standin):
    client_response = buy(Client(), tier)
    assert client_response.status_code == 303
    gift = Gift.objects.get()
    Gift.objects.filter(pk=gift.pk).update(code_hash="f" * 64, status=GiftStatus.PAID)
    listing = admin_client.get("/admin/snippets/payments/gift/")
    assert listing.status_code == 200
    assert "friend@example.org" in listing.content.decode()
    inspect = admin_client.get(f"/admin/snippets/payments/gift/inspect/{gift.pk}/")
    assert inspect.status_code == 200
    assert "f" * 64 not in inspect.content.decode()
    assert admin_client.get("/admin/snippets/payments/gift/add/").status_code in (302, 403)


@pytest.mark.django_db
def test_a_changed_tier_refreshes_the_cached_gift_page(
    client, page_cache, tier, django_capture_on_commit_callbacks
):
    client.get(GIFT)
    assert client.get(GIFT)["X-Masthead-Cache"] == "hit"
    tier.monthly_amount = 700
    with django_capture_on_commit_callbacks(execute=True):
        tier.save()
    assert "1 month €7" in client.get(GIFT).content.decode()
