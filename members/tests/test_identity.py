"""One identity per address: subscribers become members, the reader hook, and the admin."""

import re

import pytest
from django.db.utils import IntegrityError

from articles.access import reader_for
from members.models import Label, Member
from members.services import member_ensure
from newsletters.models import Newsletter, Subscriber
from newsletters.services import (
    subscriber_preferences_update,
    subscription_confirm,
    subscription_request,
)

pytestmark = pytest.mark.django_db


def test_one_member_per_address_whatever_its_case(member):
    with pytest.raises(IntegrityError):
        Member.objects.create(email="READER@example.org")


def test_a_confirmed_subscriber_becomes_a_free_member(django_capture_on_commit_callbacks):
    newsletter = Newsletter.objects.create(name="River Notes", slug="river-notes")
    with django_capture_on_commit_callbacks(execute=True):
        subscription_request(email="ana@example.org", first_name="Ana", newsletters=[newsletter])
    assert not Member.objects.exists()  # anyone may type an address: not yet
    subscriber = Subscriber.objects.get()
    subscription_confirm(subscriber=subscriber)
    member = Member.objects.get()
    assert (member.email, member.name, member.subscriber) == ("ana@example.org", "Ana", subscriber)
    assert member.status == Member.Status.FREE
    subscription_confirm(subscriber=subscriber)  # again: nothing new
    assert Member.objects.count() == 1


def test_a_member_signing_up_for_newsletters_keeps_one_identity(member):
    newsletter = Newsletter.objects.create(name="River Notes", slug="river-notes")
    subscriber = Subscriber.objects.create(email="reader@example.org")
    subscriber_preferences_update(subscriber=subscriber, newsletters=[newsletter])
    member.refresh_from_db()
    assert member.subscriber == subscriber
    assert Member.objects.count() == 1


def test_a_new_member_is_linked_to_the_address_subscriber():
    subscriber = Subscriber.objects.create(email="ana@example.org", first_name="Ana")
    member = member_ensure(email="Ana@EXAMPLE.org")
    assert member.subscriber == subscriber
    assert member_ensure(email="ana@example.org") == member


def test_the_migration_makes_members_of_confirmed_subscribers():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("members.migrations.0002_subscribers_become_members")
    newsletter = Newsletter.objects.create(name="River Notes", slug="river-notes")
    confirmed = Subscriber.objects.create(email="yes@example.org", first_name="Yes")
    confirmed.subscriptions.create(
        newsletter=newsletter, status="subscribed", confirmed_at="2026-01-02T00:00Z"
    )
    pending = Subscriber.objects.create(email="maybe@example.org")
    pending.subscriptions.create(newsletter=newsletter)
    migration.subscribers_become_members(apps, None)
    member = Member.objects.get()
    assert (member.email, member.subscriber, member.name) == ("yes@example.org", confirmed, "Yes")
    assert member.created_at == confirmed.created_at


def test_the_reader_hook_answers_for_a_member(rf, client, member):
    assert reader_for(rf.get("/")).kind == "anonymous"
    session = client.session
    session["member_id"] = member.pk
    session.save()

    def reader():
        request = rf.get("/")
        request.COOKIES["sessionid"] = session.session_key
        request.session = type(session)(session.session_key)
        return reader_for(request)

    assert (reader().kind, reader().member_id) == ("free", member.pk)
    for status in (Member.Status.COMPED, Member.Status.PAID):
        Member.objects.filter(pk=member.pk).update(status=status)
        assert reader().kind == "paid"
    member.delete()
    assert reader().kind == "anonymous"


def test_an_anonymous_request_reads_no_session(rf, django_assert_num_queries):
    request = rf.get("/")

    class Untouchable:
        def __getattr__(self, name):
            raise AssertionError("the session was read")

    request.session = Untouchable()
    with django_assert_num_queries(0):
        assert reader_for(request).kind == "anonymous"


def test_a_member_session_never_reaches_the_admin(signed_in, member):
    response = signed_in.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert signed_in.get("/admin/snippets/members/member/").status_code == 302


def header_link(response):
    """The header's account link: where it goes and the words it says (its name)."""
    found = re.search(
        r'<a class="site-header__account" href="([^"]+)">.*?'
        r'<span class="site-header__account-label">([^<]+)</span></a>',
        response.content.decode(),
        re.S,
    )
    return found.groups() if found else None


def test_the_header_says_sign_in_or_account(client, signed_in, home):
    signed_in.post("/account/sign-out/")
    assert header_link(client.get("/")) == ("/account/sign-in/", "Sign in")
    session = signed_in.session
    session["member_id"] = Member.objects.get().pk
    session.save()
    assert header_link(signed_in.get("/")) == ("/account/", "Account")


def test_the_admin_lists_searches_and_comps_members(admin_client, member):
    Label.objects.create(name="press")
    other = Member.objects.create(email="other@example.org", name="Bea")
    listing = admin_client.get("/admin/snippets/members/member/", {"q": "ada"})
    assert b"reader@example.org" in listing.content
    assert b"other@example.org" not in listing.content
    listing = admin_client.get("/admin/snippets/members/member/", {"status": "free"})
    assert b"other@example.org" in listing.content

    edit = f"/admin/snippets/members/member/edit/{other.pk}/"
    page = admin_client.get(edit)
    assert b'value="paid"' not in page.content
    label = Label.objects.get()
    response = admin_client.post(
        edit, {"name": "Bea", "status": "comped", "labels": [label.pk], "note": "Press pass"}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Member.Status.COMPED
    assert list(other.labels.all()) == [label]
    filtered = admin_client.get("/admin/snippets/members/member/", {"labels": label.pk})
    assert b"other@example.org" in filtered.content
    assert b"reader@example.org" not in filtered.content


def test_staff_add_a_member_linked_to_the_address_subscriber(admin_client, member):
    subscriber = Subscriber.objects.create(email="press@example.org")
    response = admin_client.post(
        "/admin/snippets/members/member/add/",
        {"email": " Press@EXAMPLE.org", "name": "Press", "status": "comped", "note": ""},
    )
    assert response.status_code == 302
    added = Member.objects.get(email="Press@example.org")
    assert (added.subscriber, added.status) == (subscriber, Member.Status.COMPED)
    again = admin_client.post(
        "/admin/snippets/members/member/add/",
        {"email": "READER@example.org", "name": "", "status": "free", "note": ""},
    )
    assert b"A member has this address already." in again.content

    edit = f"/admin/snippets/members/member/edit/{member.pk}/"
    admin_client.post(edit, {"email": "x@example.org", "name": "Ada", "status": "free"})
    member.refresh_from_db()
    assert (member.email, member.name) == ("reader@example.org", "Ada")
