"""Memberships: /membership/ and its Join buttons, Checkout on the stand-in (the real
StripeBackend), and what the webhooks make of the member afterwards."""

import pytest

from members.models import Member
from payments.models import Offer, OfferDuration, Tier
from testkit.payments import http

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
