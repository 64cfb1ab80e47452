"""The account page: name, email change, newsletters, billing, data download, deletion."""

import json

import pytest
from django.core import mail

from members.models import Member
from newsletters.models import ConsentRecord, Newsletter, Subscriber, Subscription
from newsletters.services import erased_email_hash, subscription_confirm, subscription_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsletter(db):
    return Newsletter.objects.create(name="River Notes", slug="river-notes")


@pytest.fixture
def subscribed(member, newsletter, django_capture_on_commit_callbacks):
    """``member``'s address signed up to ``newsletter`` and confirmed it."""
    with django_capture_on_commit_callbacks(execute=True):
        subscription_request(email=member.email, newsletters=[newsletter], ip="203.0.113.9")
    subscriber = Subscriber.objects.get()
    subscription_confirm(subscriber=subscriber)
    member.refresh_from_db()
    return subscriber


def test_signed_out_the_account_page_sends_to_sign_in(client):
    response = client.get("/account/")
    assert response.status_code == 303
    assert response["Location"] == "/account/sign-in/?next=/account/"


def test_the_page_shows_the_member_and_is_never_cached(signed_in, member):
    response = signed_in.get("/account/")
    assert b"reader@example.org" in response.content
    assert b"You have a free account." in response.content
    assert "no-store" in response["Cache-Control"]
    assert b"Manage billing" not in response.content


def test_the_name_is_saved(signed_in, member):
    response = signed_in.post("/account/", {"action": "name", "name": "  Ada Lovelace "})
    assert response.status_code == 303
    member.refresh_from_db()
    assert member.name == "Ada Lovelace"
    assert b"Your name is saved." in signed_in.get("/account/").content


def test_an_email_change_happens_only_on_confirm(
    signed_in, member, subscribed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post("/account/", {"action": "email", "email": "ada@example.net"})
    assert response.status_code == 303
    (message,) = [m for m in mail.outbox if m.to == ["ada@example.net"]]
    member.refresh_from_db()
    assert member.email == "reader@example.org"
    path = message.body[message.body.index("/account/email/") :].split()[0]
    assert b"Use this address" in signed_in.get(path).content
    member.refresh_from_db()
    assert member.email == "reader@example.org"  # the GET changed nothing

    assert signed_in.post(path).status_code == 303
    member.refresh_from_db()
    subscribed.refresh_from_db()
    assert member.email == subscribed.email == "ada@example.net"
    assert signed_in.post(path).status_code == 400  # once


def test_an_email_change_to_a_taken_address_is_refused_at_confirm(
    signed_in, member, django_capture_on_commit_callbacks
):
    Member.objects.create(email="taken@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post("/account/", {"action": "email", "email": "taken@example.org"})
    body = mail.outbox[-1].body
    path = body[body.index("/account/email/") :].split()[0]
    response = signed_in.post(path)
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.email == "reader@example.org"


def test_a_bad_new_address_is_told_so(signed_in):
    response = signed_in.post("/account/", {"action": "email", "email": "nope"})
    assert response.status_code == 400
    assert b"Please enter a correct email address" in response.content


def test_newsletters_are_toggled_with_consent(signed_in, member, newsletter):
    assert (
        signed_in.post(
            "/account/", {"action": "newsletters", "newsletters": ["river-notes"]}
        ).status_code
        == 303
    )
    member.refresh_from_db()
    subscription = Subscription.objects.get(subscriber=member.subscriber)
    assert subscription.status == Subscription.Status.SUBSCRIBED
    assert subscription.consent_records.get().confirmed_at is not None
    content = signed_in.get("/account/").content.decode()
    assert 'value="river-notes" checked' in content

    signed_in.post("/account/", {"action": "newsletters"})
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.UNSUBSCRIBED


def test_the_data_download_holds_the_member_lists_and_consent(signed_in, member, subscribed):
    response = signed_in.get("/account/data/")
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["member"]["email"] == "reader@example.org"
    assert data["newsletter_subscriptions"][0]["status"] == "subscribed"
    assert data["consent_records"][0]["confirmed_at"]
    assert signed_in.post("/account/sign-out/")
    assert signed_in.get("/account/data/").status_code == 303


def test_deleting_asks_first_then_erases_keeping_consent_without_the_address(
    signed_in, member, subscribed
):
    assert b"Delete my account" in signed_in.get("/account/delete/").content
    signed_in.post("/account/delete/")  # no confirmation: nothing happens
    assert Member.objects.exists()

    response = signed_in.post("/account/delete/", {"confirm": "delete"})
    assert response.status_code == 200
    assert not Member.objects.exists()
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists()
    (record,) = ConsentRecord.objects.all()
    assert record.subscription is None
    assert record.erased_email_hash == erased_email_hash("reader@example.org")
    assert "member_id" not in signed_in.session
    assert signed_in.get("/account/").status_code == 303


def test_a_paying_member_is_asked_to_cancel_before_deleting(signed_in, member):
    Member.objects.filter(pk=member.pk).update(status=Member.Status.PAID)
    response = signed_in.post("/account/delete/", {"confirm": "delete"})
    assert response.status_code == 400
    assert b"Cancel it first" in response.content
    assert Member.objects.exists()


def test_manage_billing_opens_the_portal_for_a_customer(
    signed_in, member, payments_backend, standin
):
    customer = payments_backend.ensure_customer(email=member.email)
    Member.objects.filter(pk=member.pk).update(stripe_customer_id=customer.id)
    page = signed_in.get("/account/")
    assert b"Manage billing" in page.content
    # The browser follows the form's redirect to the portal only if form-action allows it.
    policy = page.get("Content-Security-Policy") or page["Content-Security-Policy-Report-Only"]
    form_action = next(part for part in policy.split(";") if "form-action" in part)
    assert standin.url.rstrip("/") in form_action.split()
    response = signed_in.post("/account/billing/")
    assert response.status_code == 303
    assert response["Location"].startswith(f"{standin.url}/billing/")
