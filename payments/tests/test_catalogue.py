"""Tiers and offers: their rules, and the provider's prices and coupons following each save
(the real StripeBackend against the stand-in; tasks run at once after the commit)."""

import pytest
from django.core.exceptions import ValidationError

from payments import selectors, services
from payments.models import Cadence, Offer, OfferDuration, SyncState, Tier

pytestmark = pytest.mark.django_db


def make_tier(**fields):
    values = {
        "name": "Supporter",
        "slug": "supporter",
        "monthly_amount": 500,
        "yearly_amount": 5000,
        "currency": "eur",
    }
    return Tier(**(values | fields))


def errors_of(obj):
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"monthly_amount": 0}, "monthly_amount", "An amount must be more than 0"),
        ({"yearly_amount": 0}, "yearly_amount", "An amount must be more than 0"),
        ({"monthly_amount": None}, "monthly_amount", "needs a monthly price too"),
        ({"monthly_amount": None, "yearly_amount": None}, "monthly_amount", "needs a monthly"),
        ({"currency": "euro"}, "currency", "three-letter currency code"),
        ({"currency": "e1r"}, "currency", "three-letter currency code"),
        ({"benefits": "x" * 121}, "benefits", "short line"),
    ],
)
def test_a_tier_explains_what_is_wrong(fields, field, message):
    errors = errors_of(make_tier(**fields))
    assert message in " ".join(errors[field])


def test_a_tier_takes_an_upper_case_currency_and_lists_its_benefits():
    tier = make_tier(currency="USD", benefits="Every article\n\n  No ads \n")
    tier.full_clean()
    assert tier.currency == "usd"
    assert tier.benefit_lines == ["Every article", "No ads"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"percent_off": 101}, "percent_off", "between 1 and 100"),
        ({"percent_off": None}, "percent_off", "Give a percent off or an amount off"),
        ({"amount_off": 100}, "amount_off", "not both"),
        ({"percent_off": None, "amount_off": 500}, "amount_off", "less than the price (€5)"),
        ({"duration": OfferDuration.MONTHS}, "duration_months", "number of months"),
        ({"duration_months": 3}, "duration_months", "only for a discount over some months"),
        ({"duration": OfferDuration.TRIAL}, "duration", "takes no discount"),
        ({"duration": OfferDuration.TRIAL, "percent_off": None}, "trial_days", "length in days"),
        ({"trial_days": 7}, "trial_days", "Only a free trial"),
    ],
)
def test_an_offer_explains_what_is_wrong(fields, field, message):
    tier = make_tier()
    tier.save()
    values = {"name": "Spring", "slug": "spring", "tier": tier, "percent_off": 40}
    errors = errors_of(Offer(**(values | fields)))
    assert message in " ".join(errors[field])


def test_an_offer_needs_the_price_it_discounts():
    tier = make_tier(yearly_amount=None)
    tier.save()
    offer = Offer(name="Year", slug="year", tier=tier, cadence=Cadence.YEARLY, percent_off=10)
    assert "has no yearly price" in " ".join(errors_of(offer)["cadence"])


def test_saving_a_tier_makes_its_prices(
    payments_backend, standin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tier = make_tier(trial_days=7)
        tier.save()
    tier.refresh_from_db()
    assert tier.sync_state == SyncState.SYNCED
    assert tier.product_id == "masthead_supporter"
    prices = {p["id"]: p for p in standin.objects("price")}
    assert prices[tier.monthly_price_id]["unit_amount"] == 500
    assert prices[tier.monthly_price_id]["recurring"]["interval"] == "month"
    assert prices[tier.yearly_price_id]["unit_amount"] == 5000
    assert (tier.priced_monthly_amount, tier.priced_yearly_amount) == (500, 5000)

    shown = selectors.tier_prices(tier)
    assert [(p.cadence, p.display, p.price_id) for p in shown] == [
        ("month", "€5", tier.monthly_price_id),
        ("year", "€50", tier.yearly_price_id),
    ]
    assert selectors.tier_for_provider(product_id="masthead_supporter") == tier


def test_a_changed_amount_makes_a_new_price_and_a_renamed_tier_keeps_its_product(
    payments_backend, standin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tier = make_tier()
        tier.save()
    tier.refresh_from_db()
    old_monthly, old_yearly = tier.monthly_price_id, tier.yearly_price_id

    with django_capture_on_commit_callbacks(execute=True):
        tier.monthly_amount = 700
        tier.slug = "friend"
        tier.save()
    tier.refresh_from_db()
    assert tier.monthly_price_id != old_monthly
    assert tier.yearly_price_id == old_yearly
    assert tier.product_id == "masthead_supporter"
    prices = {p["id"]: p for p in standin.objects("price")}
    assert prices[tier.monthly_price_id]["unit_amount"] == 700
    assert prices[old_monthly]["active"] is False
    assert selectors.tier_for_provider(price_id=old_monthly) is None
    assert selectors.tier_for_provider(product_id=prices[old_monthly]["product"]) == tier


def test_saving_an_offer_makes_its_coupon_and_new_terms_a_new_one(
    payments_backend, standin, django_capture_on_commit_callbacks
):
    tier = make_tier()
    tier.save()
    with django_capture_on_commit_callbacks(execute=True):
        offer = Offer.objects.create(
            name="Spring",
            slug="spring",
            tier=tier,
            percent_off=40,
            duration=OfferDuration.MONTHS,
            duration_months=3,
        )
    offer.refresh_from_db()
    assert offer.sync_state == SyncState.SYNCED
    coupons = {c["id"]: c for c in standin.objects("coupon")}
    coupon = coupons[offer.coupon_id]
    assert (coupon["percent_off"], coupon["duration"], coupon["duration_in_months"]) == (
        40,
        "repeating",
        3,
    )
    first = offer.coupon_id

    with django_capture_on_commit_callbacks(execute=True):
        offer.name = "Spring sale"
        offer.save()
    offer.refresh_from_db()
    assert offer.coupon_id == first  # same terms, same coupon

    with django_capture_on_commit_callbacks(execute=True):
        offer.percent_off, offer.amount_off, offer.duration = None, 200, OfferDuration.ONCE
        offer.duration_months = None
        offer.save()
    offer.refresh_from_db()
    coupon = {c["id"]: c for c in standin.objects("coupon")}[offer.coupon_id]
    assert offer.coupon_id != first
    assert (coupon["amount_off"], coupon["currency"], coupon["duration"]) == (200, "eur", "once")
    assert selectors.offer_by_slug("spring") == offer


def test_a_trial_offer_needs_no_coupon(
    payments_backend, standin, django_capture_on_commit_callbacks
):
    tier = make_tier()
    tier.save()
    with django_capture_on_commit_callbacks(execute=True):
        offer = Offer.objects.create(
            name="Try", slug="try", tier=tier, duration=OfferDuration.TRIAL, trial_days=14
        )
    offer.refresh_from_db()
    assert (offer.sync_state, offer.coupon_id) == (SyncState.SYNCED, "")
    assert standin.objects("coupon") == []


def test_a_failure_is_kept_on_the_row_and_tried_again(
    payments_backend, standin, settings, django_capture_on_commit_callbacks
):
    api = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        tier = make_tier()
        tier.save()
    tier.refresh_from_db()
    assert tier.sync_state == SyncState.FAILED
    assert tier.sync_error
    assert not tier.monthly_price_id

    settings.STRIPE_API_BASE = api
    services.catalogue_retry()
    tier.refresh_from_db()
    assert tier.sync_state == SyncState.SYNCED
    assert tier.monthly_price_id


def test_with_payments_off_nothing_is_sent(settings, django_capture_on_commit_callbacks):
    settings.MASTHEAD_PAYMENTS = "off"
    with django_capture_on_commit_callbacks(execute=True):
        tier = make_tier()
        tier.save()
    tier.refresh_from_db()
    assert (tier.sync_state, tier.product_id) == (SyncState.OFF, "")


def test_active_tiers_in_their_order():
    make_tier(name="B", slug="b", sort_order=2).save()
    make_tier(name="A", slug="a", sort_order=1).save()
    make_tier(name="Gone", slug="gone", active=False).save()
    assert [t.name for t in selectors.active_tiers()] == ["A", "B"]
    assert selectors.offer_by_slug("nothing") is None


def test_the_admin_shows_errors_and_saves_a_tier(
    admin_client, payments_backend, standin, django_capture_on_commit_callbacks
):
    url = "/admin/snippets/payments/tier/add/"
    assert admin_client.get(url).status_code == 200
    form = {
        "name": "Supporter",
        "slug": "supporter",
        "description": "",
        "benefits": "Every article",
        "monthly_amount": "",
        "yearly_amount": "5000",
        "currency": "EUR",
        "trial_days": "0",
        "active": "on",
        "sort_order": "0",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 200
    assert "needs a monthly price too" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, form | {"monthly_amount": "500"})
    assert response.status_code == 302
    tier = Tier.objects.get()
    assert tier.currency == "eur"
    listing = admin_client.get("/admin/snippets/payments/tier/")
    assert listing.status_code == 200
    assert "€5/month, €50/year" in listing.content.decode()
    tier.refresh_from_db()
    assert tier.sync_state == SyncState.SYNCED
    edit = admin_client.get(f"/admin/snippets/payments/tier/edit/{tier.pk}/").content.decode()
    assert "Ready at the provider" in edit
    Tier.objects.filter(pk=tier.pk).update(sync_state=SyncState.FAILED, sync_error="No <b>")
    edit = admin_client.get(f"/admin/snippets/payments/tier/edit/{tier.pk}/").content.decode()
    assert "Failed: will be tried again</strong> (No &lt;b&gt;)" in edit
    listing = admin_client.get("/admin/snippets/payments/tier/").content.decode()
    assert "Failed: will be tried again: No &lt;b&gt;" in listing
    for path in ("offer", "donation", "paymentevent"):
        assert admin_client.get(f"/admin/snippets/payments/{path}/").status_code == 200
