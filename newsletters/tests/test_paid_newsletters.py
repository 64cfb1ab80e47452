"""Newsletters for members: a members' list takes sign-ups like a public one, a paid one is
shown to everyone but offered only to paying members, and a forged sign-up to it is refused
with a clear message."""

import pytest
from django.core import mail
from django.template import Context, Template

from newsletters import services, tokens
from newsletters.models import Newsletter, Subscriber, Subscription
from newsletters.selectors import deliverable_subscriptions
from payments.models import Tier

pytestmark = pytest.mark.django_db


@pytest.fixture
def insider(db):
    return Newsletter.objects.create(
        name="Insider", slug="insider", audience="paid", description="From the newsroom."
    )


@pytest.fixture
def members_letter(db):
    return Newsletter.objects.create(name="Club", slug="club", audience="members", sort_order=2)


def test_the_sign_up_page_shows_a_paid_list_as_for_paying_members(client, newsletter, insider):
    html = client.get("/newsletters/").content.decode()
    assert 'value="explaining-halvesk"' in html
    assert 'value="insider"' not in html  # nothing to tick
    assert "<strong>Insider</strong>" in html and "For paying members." in html
    assert 'href="/membership/">Become a member</a>' in html


def test_a_form_for_a_paid_list_alone_is_a_link_to_join(rf, insider):
    template = Template("{% load newsletter_tags %}{% newsletter_signup_for newsletter %}")
    html = template.render(Context({"request": rf.get("/"), "newsletter": insider}))
    assert "<form" not in html and "Get Insider by email" in html
    assert 'href="/membership/">Become a member</a>, then choose it' in html


@pytest.mark.parametrize("json", [True, False])
def test_a_forged_sign_up_to_a_paid_list_is_refused_clearly(sign_up, newsletter, insider, json):
    response = sign_up("reader@example.org", newsletter, insider, json=json)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Insider is for paying members. Become a member at /membership/" in text
    assert not Subscription.objects.exists() and not mail.outbox


def test_a_members_list_takes_public_sign_ups_by_double_opt_in(
    sign_up, members_letter, client, django_capture_on_commit_callbacks
):
    response = sign_up("reader@example.org", members_letter, json=True)
    assert response.status_code == 200
    (subscription,) = Subscription.objects.all()
    assert subscription.status == Subscription.Status.PENDING
    services.subscription_confirm(subscriber=subscription.subscriber)
    assert list(deliverable_subscriptions(members_letter)) == [subscription]


def preferences(client, subscriber, **post):
    url = tokens.preferences_url(subscriber)
    if post:
        return client.post(url, post)
    return client.get(url)


def test_preferences_offer_a_paid_list_to_a_paying_reader_only(client, newsletter, insider):
    subscriber = Subscriber.objects.create(email="reader@example.org")
    html = preferences(client, subscriber).content.decode()
    assert 'value="insider"' not in html and "For paying members." in html
    response = preferences(client, subscriber, action="save", newsletters=["insider"])
    assert response.status_code == 400
    assert "Insider is for paying members." in response.content.decode()
    assert not Subscription.objects.exists()

    services.subscriber_access_update(subscriber=subscriber, paid=True)
    subscriber.refresh_from_db()
    assert 'value="insider"' in preferences(client, subscriber).content.decode()
    response = preferences(client, subscriber, action="save", newsletters=["insider"])
    assert response.status_code == 200
    assert Subscription.objects.get(newsletter=insider).status == Subscription.Status.SUBSCRIBED


def test_a_reader_who_stops_paying_keeps_the_subscription_paused(client, newsletter, insider):
    subscriber = Subscriber.objects.create(email="reader@example.org", access="paid")
    subscription = Subscription.objects.create(
        subscriber=subscriber, newsletter=insider, status=Subscription.Status.SUBSCRIBED
    )
    assert list(deliverable_subscriptions(insider)) == [subscription]
    services.subscriber_access_update(subscriber=subscriber, paid=False)
    assert list(deliverable_subscriptions(insider)) == []
    subscriber.refresh_from_db()
    html = preferences(client, subscriber).content.decode()
    assert "You stay subscribed: it comes again as soon as you pay again." in html
    # Saving the other lists leaves the paused one as it is.
    preferences(client, subscriber, action="save", newsletters=["explaining-halvesk"])
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.SUBSCRIBED
    services.subscriber_access_update(subscriber=subscriber, paid=True)
    assert list(deliverable_subscriptions(insider)) == [subscription]


def test_a_tiers_list_reaches_the_paying_readers_of_its_tiers(insider):
    one, two = (
        Tier.objects.create(name=name, slug=name, monthly_amount=500, currency="eur")
        for name in ("one", "two")
    )
    insider.audience = "tiers"
    insider.save()
    insider.tiers.set([two])
    readers = {}
    for name, tier_ids in (("a", [one.pk]), ("b", [two.pk]), ("c", [one.pk, two.pk])):
        subscriber = Subscriber.objects.create(email=f"{name}@example.org")
        services.subscriber_access_update(subscriber=subscriber, paid=True, tier_ids=tier_ids)
        readers[name] = Subscription.objects.create(
            subscriber=subscriber, newsletter=insider, status=Subscription.Status.SUBSCRIBED
        )
    assert list(deliverable_subscriptions(insider)) == [readers["b"], readers["c"]]


def test_editors_choose_the_audience_and_tiers_in_the_admin(admin_client):
    tier = Tier.objects.create(name="Patron", slug="patron", monthly_amount=900, currency="eur")
    page = admin_client.get("/admin/snippets/newsletters/newsletter/add/").content.decode()
    assert 'name="audience"' in page and "Paying members of specific tiers" in page
    data = {
        "name": "Patrons' letter",
        "slug": "patrons",
        "audience": "tiers",
        "is_active": "on",
        "sort_order": 0,
    }
    response = admin_client.post("/admin/snippets/newsletters/newsletter/add/", data)
    assert response.status_code == 200
    assert "Choose the tiers it is sent to." in response.content.decode()
    response = admin_client.post(
        "/admin/snippets/newsletters/newsletter/add/", {**data, "tiers": [tier.pk]}
    )
    assert response.status_code == 302
    newsletter = Newsletter.objects.get(slug="patrons")
    assert newsletter.for_paying_members and list(newsletter.tiers.all()) == [tier]
