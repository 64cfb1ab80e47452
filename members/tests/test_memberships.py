"""Memberships: /membership/ and its Join buttons, Checkout on the stand-in (the real
StripeBackend), and what the webhooks make of the member afterwards."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.access import Access, reader_for
from articles.models import ArticlePage
from members import services
from members.models import Member, Membership
from newsletters.models import Subscriber
from payments.backends.base import WebhookEvent
from payments.models import Offer, OfferDuration, Tier
from payments.services import payment_event_receive
from testkit import builders
from testkit.payments import http
from testkit.servers import wait_until

MEMBERSHIP = "/membership/"


@pytest.fixture
def tier(payments_backend, django_capture_on_commit_callbacks):
    """A tier with its prices made at the stand-in."""
    with django_capture_on_commit_callbacks(execute=True):
        tier = Tier.objects.create(
            name="Supporter",
            slug="supporter",
            description="For readers who keep us going.",
            benefits="Every article, no limits\nThe members' newsletter",
            monthly_amount=500,
            yearly_amount=5000,
            currency="eur",
            trial_days=7,
        )
    tier.refresh_from_db()
    assert tier.monthly_price_id
    return tier


def join(client, tier, cadence="month", **extra):
    return client.post(MEMBERSHIP, {"tier": tier.slug, "cadence": cadence, **extra})


@pytest.mark.django_db
def test_the_page_shows_tiers_prices_benefits_and_trial(client, tier):
    response = client.get(MEMBERSHIP)
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Supporter", "Every article, no limits", "€5 a month", "€50 a year", "7 days"):
        assert text in html
    assert "/account/sign-in/?next=/membership/" in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_signed_out_join_signs_in_first(client, tier, standin):
    response = join(client, tier)
    assert response.status_code == 303
    assert response["Location"] == "/account/sign-in/?next=/membership/"
    assert standin.objects("checkout.session") == []


@pytest.mark.django_db
def test_a_member_joins_through_checkout(signed_in, member, tier, standin):
    assert "Join for €5 a month" in signed_in.get(MEMBERSHIP).content.decode()
    response = join(signed_in, tier, "year")
    assert response.status_code == 303
    (session,) = standin.objects("checkout.session")
    assert response["Location"] == session["url"]
    member.refresh_from_db()
    assert member.stripe_customer_id == session["customer"]
    (customer,) = standin.objects("customer")
    assert customer["email"] == member.email
    assert session["client_reference_id"] == str(member.pk)
    assert session["mode"] == "subscription"
    assert session["success_url"].endswith("/membership/thanks/")

    join(signed_in, tier)  # the same customer again
    assert len(standin.objects("customer")) == 1


@pytest.mark.django_db
def test_an_offer_applies_its_coupon(signed_in, tier, standin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        offer = Offer.objects.create(
            name="Spring offer", slug="spring", tier=tier, percent_off=40, duration="once"
        )
    offer.refresh_from_db()
    assert "Spring offer" in signed_in.get(f"{MEMBERSHIP}?offer=spring").content.decode()
    assert join(signed_in, tier, offer="spring").status_code == 303
    (session,) = standin.objects("checkout.session")
    assert offer.coupon_id in str(session.get("discounts"))


@pytest.mark.django_db
def test_a_trial_offer_gives_its_days(signed_in, tier, standin):
    Offer.objects.create(
        name="Month free",
        slug="free-month",
        tier=tier,
        duration=OfferDuration.TRIAL,
        trial_days=30,
        percent_off=None,
    )
    assert join(signed_in, tier, offer="free-month").status_code == 303
    (session,) = standin.objects("checkout.session")
    assert "30 days free" in http("GET", session["url"])[2]


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{"tier": "nope", "cadence": "month"}, {"cadence": "week"}])
def test_a_bad_choice_is_explained(signed_in, tier, standin, data):
    response = signed_in.post(MEMBERSHIP, {"tier": tier.slug, **data})
    assert response.status_code == 400
    assert "not on offer" in response.content.decode()
    assert standin.objects("checkout.session") == []


@pytest.mark.django_db
def test_the_provider_down_is_a_message(signed_in, tier, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    response = join(signed_in, tier)
    assert response.status_code == 503
    assert "reach our payment provider just now" in response.content.decode()


@pytest.mark.django_db
def test_a_paying_member_manages_billing(signed_in, member, tier, standin):
    Member.objects.filter(pk=member.pk).update(status="paid", stripe_customer_id="cus_x")
    html = signed_in.get(MEMBERSHIP).content.decode()
    assert "Manage billing" in html and "Join for" not in html
    assert join(signed_in, tier).status_code == 400


# Paying, and what the webhooks make of it. The stand-in sends its events to a receiver kept
# by the test (``webhook_receiver``); each is handed to payments' webhook service as the view
# would, so the test decides when, how often and in which order they arrive.

PREVIEW = "The ferry timetable changes in spring."
GATED = "Members learn the new crossing times first."
DAY = 86400


@pytest.fixture
def plain_tier(payments_backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tier = Tier.objects.create(
            name="Reader", slug="reader", monthly_amount=500, yearly_amount=5000, currency="eur"
        )
    tier.refresh_from_db()
    return tier


@pytest.fixture
def paid_article(db):
    home = builders.make_home()
    section = builders.make_section(home, title="Region")
    article = builders.make_article(
        section,
        authors=[builders.make_author(name="Mira Kos")],
        title="Ferry times",
        body=[
            ("paragraph", f"<p>{PREVIEW}</p>"),
            ("preview_end", None),
            ("paragraph", f"<p>{GATED}</p>"),
        ],
    )
    ArticlePage.objects.filter(pk=article.pk).update(access=Access.PAID)
    return article


def deliver(events, django_capture_on_commit_callbacks):
    """Hand ``events`` (as the stand-in sent them) to the webhook's service, in this order;
    the emails of their commits are sent."""
    for data in events:
        event = WebhookEvent(
            id=data["id"],
            type=data["type"],
            created=data["created"],
            object=data["data"]["object"],
            previous_attributes=data["data"].get("previous_attributes") or {},
        )
        with django_capture_on_commit_callbacks(execute=True):
            payment_event_receive(event=event)


def delivered(receiver, django_capture_on_commit_callbacks, since=0):
    events = receiver.events()[since:]
    deliver(events, django_capture_on_commit_callbacks)
    return len(receiver.events())


def subscribe(signed_in, member, tier, standin, webhook_receiver):
    response = join(signed_in, tier)
    assert response.status_code == 303
    status, _, text = standin.pay_checkout(response["Location"], email=member.email)
    assert status in (302, 303), text
    webhook_receiver.wait_for("checkout.session.completed")
    webhook_receiver.wait_for("invoice.paid")
    standin.wait_idle()


def state(member):
    member.refresh_from_db()
    return member.status, [
        (m.status, m.cancel_at_period_end, m.tier_id) for m in Membership.objects.all()
    ]


@pytest.mark.django_db
def test_a_member_pays_and_reads_the_paid_article(
    signed_in,
    member,
    plain_tier,
    standin,
    webhook_receiver,
    paid_article,
    django_capture_on_commit_callbacks,
):
    assert GATED not in signed_in.get(paid_article.url).content.decode()
    subscribe(signed_in, member, plain_tier, standin, webhook_receiver)
    before = len(mail.outbox)
    delivered(webhook_receiver, django_capture_on_commit_callbacks)
    assert state(member) == ("paid", [("active", False, plain_tier.pk)])
    (membership,) = Membership.objects.all()
    assert membership.cadence == "month" and membership.amount == 500
    assert membership.current_period_end is not None
    assert [m.subject for m in mail.outbox[before:]] == ["Welcome, member of Masthead"]
    assert GATED in signed_in.get(paid_article.url).content.decode()

    reader = reader_for(signed_in.get("/membership/").wsgi_request)
    assert reader.kind == "paid" and reader.tier_ids == frozenset({plain_tier.pk})


@pytest.mark.django_db
def test_replayed_and_reordered_events_end_the_same(
    signed_in, member, plain_tier, standin, webhook_receiver, django_capture_on_commit_callbacks
):
    subscribe(signed_in, member, plain_tier, standin, webhook_receiver)
    events = webhook_receiver.events()
    deliver(list(reversed(events)), django_capture_on_commit_callbacks)
    first = state(member)
    assert first == ("paid", [("active", False, plain_tier.pk)])
    deliver(events, django_capture_on_commit_callbacks)  # all again: kept once already
    assert state(member) == first
    # The same events under new ids (as a provider's resend would be) change nothing either.
    for data in events:
        data["id"] += "_again"
    deliver(events, django_capture_on_commit_callbacks)
    assert state(member) == first
    assert Membership.objects.count() == 1
    assert sum("Welcome" in m.subject for m in mail.outbox) == 1


@pytest.mark.django_db
def test_a_failed_payment_keeps_access_for_the_grace_period(
    signed_in,
    member,
    plain_tier,
    standin,
    webhook_receiver,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.MASTHEAD_MEMBERS_GRACE_DAYS = 7
    subscribe(signed_in, member, plain_tier, standin, webhook_receiver)
    seen = delivered(webhook_receiver, django_capture_on_commit_callbacks)
    standin.fail_next_payment(count=10)
    standin.advance(days=32)
    webhook_receiver.wait_for("invoice.payment_failed")
    standin.wait_idle()
    before = len(mail.outbox)
    delivered(webhook_receiver, django_capture_on_commit_callbacks, since=seen)
    assert state(member) == ("paid", [("past_due", False, plain_tier.pk)])
    assert "Your membership payment failed" in [m.subject for m in mail.outbox[before:]]

    services.memberships_expire()  # within the grace period: nothing changes
    assert state(member)[0] == "paid"
    later = timezone.now() + timedelta(days=8)
    with mock.patch("django.utils.timezone.now", return_value=later):
        services.memberships_expire()
    assert state(member) == ("free", [("past_due", False, plain_tier.pk)])


@pytest.mark.django_db
def test_cancelled_at_period_end_keeps_access_until_then(
    signed_in,
    member,
    plain_tier,
    standin,
    webhook_receiver,
    payments_backend,
    django_capture_on_commit_callbacks,
):
    subscribe(signed_in, member, plain_tier, standin, webhook_receiver)
    seen = delivered(webhook_receiver, django_capture_on_commit_callbacks)
    (membership,) = Membership.objects.all()
    member.refresh_from_db()
    portal = payments_backend.create_portal_session(
        customer_id=member.stripe_customer_id, return_url="https://news.example.org/account/"
    )
    status, _, text = standin.portal_action(
        portal.url, action="cancel", subscription_id=membership.subscription_id
    )
    assert status in (200, 302, 303), text
    webhook_receiver.wait_for("customer.subscription.updated")
    standin.wait_idle()
    before = len(mail.outbox)
    seen = delivered(webhook_receiver, django_capture_on_commit_callbacks, since=seen)
    assert state(member) == ("paid", [("active", True, plain_tier.pk)])
    assert [m.subject for m in mail.outbox[before:]] == ["Your membership is cancelled"]

    standin.advance(days=32)
    webhook_receiver.wait_for("customer.subscription.deleted")
    standin.wait_idle()
    delivered(webhook_receiver, django_capture_on_commit_callbacks, since=seen)
    assert state(member) == ("free", [("canceled", True, plain_tier.pk)])
    assert len(mail.outbox) == before + 1  # no second cancellation email


@pytest.mark.django_db
def test_a_comped_member_stays_paid_when_the_subscription_ends(
    signed_in,
    member,
    plain_tier,
    standin,
    webhook_receiver,
    payments_backend,
    django_capture_on_commit_callbacks,
):
    subscribe(signed_in, member, plain_tier, standin, webhook_receiver)
    seen = delivered(webhook_receiver, django_capture_on_commit_callbacks)
    Member.objects.filter(pk=member.pk).update(status=Member.Status.COMPED)
    (membership,) = Membership.objects.all()
    payments_backend.cancel_subscription(membership.subscription_id, at_period_end=False)
    webhook_receiver.wait_for("customer.subscription.deleted")
    standin.wait_idle()
    delivered(webhook_receiver, django_capture_on_commit_callbacks, since=seen)
    assert state(member) == ("comped", [("canceled", False, plain_tier.pk)])
    reader = reader_for(signed_in.get("/membership/").wsgi_request)
    assert reader.kind == "paid"


@pytest.mark.django_db
def test_an_event_for_an_unknown_subscription_is_kept_and_ignored(client, payments_backend):
    event = WebhookEvent(
        id="evt_unknown", type="customer.subscription.updated", created=1, object={"id": "sub_x"}
    )
    assert payment_event_receive(event=event)
    assert Membership.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_webhook_on_the_live_server_makes_the_member_paid(
    live_server, standin, payments_backend, paid_article
):
    standin.add_endpoint(live_server.url + reverse("payments:stripe_webhook"))
    member = Member.objects.create(email="live@example.org")
    client = Client()
    session = client.session
    session["member_id"] = member.pk
    session.save()
    plain = Tier.objects.create(name="Reader", slug="reader", monthly_amount=500, currency="eur")
    wait_until(
        lambda: Tier.objects.get(pk=plain.pk).monthly_price_id, timeout=20, what="the prices"
    )
    response = join(client, Tier.objects.get(pk=plain.pk))
    assert response.status_code == 303
    standin.pay_checkout(response["Location"], email=member.email)
    wait_until(
        lambda: Member.objects.get(pk=member.pk).status == "paid",
        timeout=20,
        what="the member paid",
        details=lambda: str(standin.deliveries()),
    )
    standin.wait_idle()
    assert GATED in client.get(paid_article.url).content.decode()


@pytest.mark.django_db
def test_the_data_download_holds_the_memberships(signed_in, member, plain_tier):
    Membership.objects.create(
        member=member, subscription_id="sub_1", tier=plain_tier, status="active", amount=500
    )
    data = signed_in.get("/account/data/").json()
    (held,) = data["memberships"]
    assert (held["tier"], held["subscription_id"], held["status"]) == ("Reader", "sub_1", "active")


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"status": "active"}, "Renews on January 4, 2027."),
        (
            {"status": "active", "cancel_at_period_end": True},
            "Cancelled: it ends on January 4, 2027, and you can read everything until then.",
        ),
        (
            {"status": "past_due", "past_due_since": datetime(2026, 12, 1, tzinfo=UTC)},
            "update your card with Manage billing by December 8, 2026 to keep reading.",
        ),
    ],
)
def test_the_account_page_says_the_tier_price_and_what_happens_next(
    signed_in, member, plain_tier, settings, fields, says
):
    settings.MASTHEAD_MEMBERS_GRACE_DAYS = 7
    Membership.objects.create(
        member=member,
        subscription_id="sub_1",
        tier=plain_tier,
        cadence="month",
        amount=500,
        currency="eur",
        current_period_end=datetime(2027, 1, 4, 12, tzinfo=UTC),
        **fields,
    )
    Member.objects.filter(pk=member.pk).update(status=Member.Status.PAID)
    with mock.patch(
        "django.utils.timezone.now", return_value=datetime(2026, 12, 4, 12, tzinfo=UTC)
    ):
        text = " ".join(signed_in.get("/account/").content.decode().split())
    assert "<strong>Reader</strong>, €5 a month." in text
    assert says in text


def test_an_ended_membership_is_not_on_the_account_page(signed_in, member, plain_tier):
    Membership.objects.create(
        member=member, subscription_id="sub_1", tier=plain_tier, status="canceled", amount=500
    )
    assert "<strong>Reader</strong>" not in signed_in.get("/account/").content.decode()


@pytest.mark.django_db
def test_a_members_newsletter_subscriber_follows_the_membership(
    signed_in,
    member,
    plain_tier,
    standin,
    webhook_receiver,
    payments_backend,
    django_capture_on_commit_callbacks,
):
    member.subscriber = Subscriber.objects.create(email=member.email)
    member.save(update_fields=["subscriber"])
    subscribe(signed_in, member, plain_tier, standin, webhook_receiver)
    seen = delivered(webhook_receiver, django_capture_on_commit_callbacks)
    subscriber = Subscriber.objects.get(pk=member.subscriber_id)
    assert subscriber.access == "paid"
    assert list(subscriber.paid_tiers.all()) == [plain_tier]

    (membership,) = Membership.objects.all()
    payments_backend.cancel_subscription(membership.subscription_id, at_period_end=False)
    webhook_receiver.wait_for("customer.subscription.deleted")
    standin.wait_idle()
    delivered(webhook_receiver, django_capture_on_commit_callbacks, since=seen)
    subscriber.refresh_from_db()
    assert subscriber.access == "free" and not subscriber.paid_tiers.exists()
