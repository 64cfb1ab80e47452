"""A member's access reaches their newsletter subscriber (paid newsletters and paid sections go
by it): when a membership starts or ends, a grace period runs out, a comp is given or taken
back, and through the periodic reconcile."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from members import services
from members.models import Member, Membership
from newsletters.models import Newsletter, Subscriber, Subscription
from payments.models import Tier

pytestmark = pytest.mark.django_db


@pytest.fixture
def tier(db):
    return Tier.objects.create(name="Reader", slug="reader", monthly_amount=500, currency="eur")


@pytest.fixture
def subscribed(member):
    """The member's subscriber, subscribed to a paid newsletter."""
    subscriber = Subscriber.objects.create(email=member.email)
    member.subscriber = subscriber
    member.save(update_fields=["subscriber"])
    newsletter = Newsletter.objects.create(name="Insider", slug="insider", audience="paid")
    Subscription.objects.create(
        subscriber=subscriber, newsletter=newsletter, status=Subscription.Status.SUBSCRIBED
    )
    return subscriber


def access(subscriber):
    subscriber.refresh_from_db()
    return subscriber.access, {tier.pk for tier in subscriber.paid_tiers.all()}


def membership(member, tier, **fields):
    return Membership.objects.create(
        member=member,
        tier=tier,
        subscription_id=f"sub_{Membership.objects.count()}",
        status=fields.pop("status", "active"),
        current_period_end=timezone.now() + timedelta(days=30),
        **fields,
    )


def test_a_membership_that_starts_and_ends_is_told_to_the_subscriber(member, subscribed, tier):
    assert access(subscribed) == ("free", set())
    held = membership(member, tier)
    services.member_status_update(member=member)
    assert access(subscribed) == ("paid", {tier.pk})

    held.status = "canceled"
    held.save()
    services.member_status_update(member=member)
    assert access(subscribed) == ("free", set())
    # The subscription record stays: paying again resumes the newsletter.
    assert subscribed.subscriptions.get().status == Subscription.Status.SUBSCRIBED


def test_the_end_of_a_grace_period_makes_the_subscriber_free(member, subscribed, tier, settings):
    settings.MASTHEAD_MEMBERS_GRACE_DAYS = 7
    membership(member, tier, status="past_due", past_due_since=timezone.now())
    services.member_status_update(member=member)
    assert access(subscribed) == ("paid", {tier.pk})
    services.memberships_expire()
    assert access(subscribed)[0] == "paid"
    later = timezone.now() + timedelta(days=8)
    with mock.patch("django.utils.timezone.now", return_value=later):
        services.memberships_expire()
    assert access(subscribed) == ("free", set())


def test_a_comp_given_in_the_admin_reaches_the_subscriber(member, subscribed, admin_client):
    edit = f"/admin/snippets/members/member/edit/{member.pk}/"
    for status, kind in (("comped", "paid"), ("free", "free")):
        response = admin_client.post(edit, {"name": member.name, "status": status, "note": ""})
        assert response.status_code == 302
        assert access(subscribed)[0] == kind


def test_the_reconcile_corrects_what_no_transition_told(member, subscribed, tier):
    membership(member, tier)
    Member.objects.filter(pk=member.pk).update(status=Member.Status.PAID)  # behind its back
    orphan = Subscriber.objects.create(email="gone@example.org", access="paid")
    assert services.subscribers_access_reconcile() == 2
    assert access(subscribed) == ("paid", {tier.pk})
    assert access(orphan) == ("free", set())
    assert services.subscribers_access_reconcile() == 0  # nothing left to correct


def test_a_paying_member_who_links_a_subscriber_brings_their_access(member, tier):
    membership(member, tier)
    services.member_status_update(member=member)
    newsletter = Newsletter.objects.create(name="Insider", slug="insider", audience="paid")
    services.member_newsletters_update(member=member, newsletters_wanted=[newsletter])
    member.refresh_from_db()
    assert access(member.subscriber) == ("paid", {tier.pk})


def test_the_account_page_offers_a_paid_newsletter_to_paying_members(signed_in, member, tier):
    Newsletter.objects.create(name="Insider", slug="insider", audience="paid")
    html = signed_in.get("/account/").content.decode()
    assert 'value="insider"' not in html and "For paying members." in html
    response = signed_in.post("/account/", {"action": "newsletters", "newsletters": ["insider"]})
    assert response.status_code == 400
    assert "Insider is for paying members." in response.content.decode()

    membership(member, tier)
    services.member_status_update(member=member)
    assert 'value="insider"' in signed_in.get("/account/").content.decode()
    response = signed_in.post("/account/", {"action": "newsletters", "newsletters": ["insider"]})
    assert response.status_code == 303
    member.refresh_from_db()
    assert member.subscriber.subscriptions.get().status == Subscription.Status.SUBSCRIBED
    assert access(member.subscriber) == ("paid", {tier.pk})
