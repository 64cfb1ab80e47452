"""The members admin: comps that name a tier, cancelling at the provider, who may do either,
the list's filters and bulk labels, and a member's timeline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.access import reader_for
from members import services
from members.models import Label, Member, MemberEvent, Membership
from newsletters.models import Newsletter, Subscriber, Subscription
from payments.backends import base as provider
from payments.models import Donation, Tier

from .conftest import subscribe_at_standin

pytestmark = pytest.mark.django_db

MEMBERS = "/admin/snippets/members/member/"


def reader(client):
    return reader_for(client.get("/membership/").wsgi_request)


@pytest.fixture
def tiers(db):
    return [
        Tier.objects.create(name=name, slug=name.lower(), monthly_amount=500, currency="eur")
        for name in ("Supporter", "Patron")
    ]


def test_a_comp_names_a_tier_and_the_reader_reads_that_tier(
    admin_client, member, tiers, client, signed_in
):
    supporter, patron = tiers
    response = admin_client.post(f"{MEMBERS}comp/{member.pk}/", {"tier": supporter.pk})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.status, member.comp_tier) == (Member.Status.COMPED, supporter)
    assert reader(signed_in).kind == "paid"
    assert reader(signed_in).tier_ids == frozenset({supporter.pk})

    # A comp of no tier (as every comp before tiers were named) opens every tier.
    Member.objects.filter(pk=member.pk).update(comp_tier=None)
    assert reader(signed_in).tier_ids == frozenset({supporter.pk, patron.pk})

    admin_client.post(f"{MEMBERS}uncomp/{member.pk}/")
    member.refresh_from_db()
    assert (member.status, member.comp_tier) == (Member.Status.FREE, None)
    assert reader(signed_in).kind == "free"
    assert [e.kind for e in member.events.order_by("pk")] == ["comped", "uncomped"]


def test_comp_and_cancel_ask_first(admin_client, member, tiers):
    page = admin_client.get(f"{MEMBERS}comp/{member.pk}/")
    assert b"Every tier" in page.content and b"Comp this member" in page.content
    member.refresh_from_db()
    assert member.status == Member.Status.FREE
    assert admin_client.get(f"{MEMBERS}uncomp/{member.pk}/").status_code == 200


def test_only_administrators_comp_and_cancel(staff_client, member, tiers):
    for role in ("Reporters", "Editors", "Newsletter managers"):
        client = staff_client(role)
        for url in (f"{MEMBERS}comp/{member.pk}/", f"{MEMBERS}uncomp/{member.pk}/"):
            response = client.post(url, {"tier": tiers[0].pk})
            # Refused: the admin sends staff without the permission back to its dashboard.
            assert (response.status_code, response.get("Location")) in (
                (403, None),
                (302, "/admin/"),
            ), (role, url)
        client.logout()
    member.refresh_from_db()
    assert member.status == Member.Status.FREE
    admin = staff_client("Administrators")
    assert admin.post(f"{MEMBERS}comp/{member.pk}/", {"tier": ""}).status_code == 302
    member.refresh_from_db()
    assert (member.status, member.comp_tier) == (Member.Status.COMPED, None)
    page = admin.get(f"{MEMBERS}inspect/{member.pk}/").content.decode()
    assert "Remove the comp" in page


def test_a_reporter_sees_no_members(staff_client, member):
    assert staff_client("Reporters").get(MEMBERS).status_code in (302, 403)


def test_the_edit_form_comps_to_a_tier_on_the_timeline(admin_client, member, tiers):
    response = admin_client.post(
        f"{MEMBERS}edit/{member.pk}/",
        {"name": "Ada", "status": "comped", "comp_tier": tiers[1].pk, "note": ""},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.status, member.comp_tier) == (Member.Status.COMPED, tiers[1])
    assert member.events.get().detail == "Patron"


def test_staff_cancel_a_subscription_at_period_end(
    admin_client, member, paid_tier, standin, payments_backend
):
    customer_id = subscribe_at_standin(standin, payments_backend, paid_tier, member.email)
    Member.objects.filter(pk=member.pk).update(stripe_customer_id=customer_id)
    (subscription,) = payments_backend.customer_subscriptions(customer_id)
    services.membership_follow(subscription=subscription)
    membership = Membership.objects.get()
    member.refresh_from_db()
    assert member.status == Member.Status.PAID

    url = f"{MEMBERS}cancel/{member.pk}/{membership.pk}/"
    confirm = admin_client.get(url).content.decode()
    assert "keep access until then" in confirm
    assert not payments_backend.retrieve_subscription(subscription.id).cancel_at_period_end
    assert admin_client.post(url).status_code == 302
    assert payments_backend.retrieve_subscription(subscription.id).cancel_at_period_end
    membership.refresh_from_db()
    member.refresh_from_db()
    assert membership.cancel_at_period_end and member.status == Member.Status.PAID
    assert [e.kind for e in member.events.order_by("pk")] == ["paid", "cancelled"]
    page = admin_client.get(f"{MEMBERS}inspect/{member.pk}/").content.decode()
    assert "Cancel at period end" not in page
    assert "Cancelled" in page and "Became a paying member" in page


def test_the_list_filters(admin_client, tiers):
    supporter, patron = tiers
    press = Label.objects.create(name="press")
    newsletter = Newsletter.objects.create(name="Morning", slug="morning")
    old = Member.objects.create(
        email="old@example.org", created_at=timezone.now() - timedelta(days=40)
    )
    comped = Member.objects.create(email="comped@example.org", status="comped", comp_tier=patron)
    paid = Member.objects.create(email="paid@example.org", status="paid")
    Membership.objects.create(member=paid, subscription_id="sub_1", tier=supporter, status="active")
    paid.labels.add(press)
    subscriber = Subscriber.objects.create(email="old@example.org")
    Subscription.objects.create(subscriber=subscriber, newsletter=newsletter, status="subscribed")
    Member.objects.filter(pk=old.pk).update(subscriber=subscriber)

    def listed(**query):
        html = admin_client.get(MEMBERS, query).content.decode()
        return {m.email for m in (old, comped, paid) if m.email in html}

    assert listed(status="comped") == {"comped@example.org"}
    assert listed(tier=supporter.pk) == {"paid@example.org"}
    assert listed(tier=patron.pk) == {"comped@example.org"}
    assert listed(labels=press.pk) == {"paid@example.org"}
    assert listed(newsletter=newsletter.pk) == {"old@example.org"}
    since = (timezone.now() - timedelta(days=7)).date().isoformat()
    assert listed(signed_up_since=since) == {"comped@example.org", "paid@example.org"}
    html = admin_client.get(MEMBERS).content.decode()
    for heading in ("Tier", "Signed up", "Last sign-in"):
        assert heading in html


def test_bulk_labels_on_and_off(admin_client, member):
    other = Member.objects.create(email="other@example.org")
    label = Label.objects.create(name="founding")
    url = "/admin/bulk/members/member/add_labels/"
    query = f"?id={member.pk}&id={other.pk}&next={MEMBERS}"
    assert b"founding" in admin_client.get(url + query).content
    response = admin_client.post(url + query, {"labels": [label.pk]})
    assert response.status_code == 302
    assert set(label.members.all()) == {member, other}
    admin_client.post(
        f"/admin/bulk/members/member/remove_labels/?id={member.pk}", {"labels": [label.pk]}
    )
    assert set(label.members.all()) == {other}


def test_the_timeline_tells_sign_up_sign_ins_email_changes_and_donations(admin_client, db):
    member = services.member_ensure(email="ada@example.org", signup_source="/region/ferry-times/")
    services.event_record(member=member, kind=MemberEvent.Kind.SIGNED_IN)
    services.event_record(member=member, kind=MemberEvent.Kind.EMAIL_CHANGED, detail="a → b")
    Donation.objects.create(
        payment_intent_id="pi_1",
        amount=1500,
        currency="eur",
        email="ADA@example.org",
        paid_at=timezone.now(),
    )
    page = admin_client.get(f"{MEMBERS}inspect/{member.pk}/").content.decode()
    for text in (
        "Signed up",
        "/region/ferry-times/",
        "Signed in",
        "Changed email address",
        "Donated",
        "€15",
    ):
        assert text in page, text


def _subscription(**changes):
    fields = {
        "id": "sub_t",
        "customer_id": "cus_t",
        "status": "trialing",
        "cancel_at_period_end": False,
        "current_period_end": None,
        "current_period_start": None,
        "price_id": "",
        "product_id": "",
        "interval": "month",
        "amount": 500,
        "currency": "eur",
    }
    return provider.Subscription(**{**fields, **changes})


def test_each_membership_change_is_on_the_timeline_once(member):
    Member.objects.filter(pk=member.pk).update(
        stripe_customer_id="cus_t", checkout_source="/region/ferry-times/"
    )
    for changes in [
        {},  # a trial starts
        {},  # the same again: nothing new
        {"status": "active"},
        {"status": "past_due"},
        {"status": "active"},
        {"status": "active", "cancel_at_period_end": True},
        {"status": "active"},
        {"status": "canceled"},
    ]:
        services.membership_follow(subscription=_subscription(**changes))
    kinds = [(e.kind, e.source) for e in member.events.order_by("pk")]
    assert kinds == [
        ("trial", "/region/ferry-times/"),
        ("paid", "/region/ferry-times/"),
        ("past_due", ""),
        ("paid", "/region/ferry-times/"),
        ("cancelled", ""),
        ("resumed", ""),
        ("ended", ""),
    ]


def test_checkout_keeps_the_page_a_member_joined_from(signed_in, member, paid_tier, standin):
    page = signed_in.get("/membership/", HTTP_REFERER="http://testserver/region/ferry-times/")
    assert 'name="from" value="/region/ferry-times/"' in page.content.decode()
    response = signed_in.post(
        "/membership/",
        {"tier": paid_tier.slug, "cadence": "month", "from": "/region/ferry-times/"},
    )
    assert response.status_code == 303
    member.refresh_from_db()
    assert member.checkout_source == "/region/ferry-times/"
    elsewhere = signed_in.get("/membership/", HTTP_REFERER="https://elsewhere.example/x/")
    assert 'name="from"' not in elsewhere.content.decode()
