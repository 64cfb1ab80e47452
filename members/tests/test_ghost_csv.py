"""The Ghost members CSV: import (upsert by address, labels, comps, newsletters with consent,
Stripe customers linked without a new subscription), export with the list's filters, and
import → export → import again giving the same members."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from members.ghost_csv import COLUMNS
from members.models import Label, Member, MemberImport, Membership
from newsletters.models import ConsentRecord, Newsletter, Subscription
from payments.models import Tier

from .conftest import subscribe_at_standin

pytestmark = pytest.mark.django_db

MEMBERS = "/admin/snippets/members/member/"
HEADER = ",".join(COLUMNS)


def upload(client, text, capture, **data):
    with capture(execute=True):
        response = client.post(
            f"{MEMBERS}ghost-import/",
            {"csv_file": SimpleUploadedFile("members.csv", text.encode()), **data},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return MemberImport.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])


def export(client, **query):
    response = client.get(f"{MEMBERS}ghost-export/", query)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def state():
    """Everything an import decides, per member, without ids or times of this database."""
    return sorted(
        (
            m.email,
            m.name,
            m.note,
            m.status,
            m.comp_tier.name if m.comp_tier else "",
            m.stripe_customer_id,
            m.created_at.isoformat(timespec="milliseconds"),
            tuple(sorted(label.name for label in m.labels.all())),
            tuple(sorted((s.subscription_id, s.status) for s in m.memberships.all())),
        )
        for m in Member.objects.select_related("comp_tier")
    )


@pytest.fixture
def newsletter(db):
    return Newsletter.objects.create(name="Morning", slug="morning")


def test_import_export_import_again_gives_the_same_members(
    admin_client,
    paid_tier,
    standin,
    payments_backend,
    newsletter,
    django_capture_on_commit_callbacks,
):
    capture = django_capture_on_commit_callbacks
    # An old site's paying readers: customers with subscriptions at Stripe already.
    paying = subscribe_at_standin(standin, payments_backend, paid_tier, "paying@example.org")
    yearly = subscribe_at_standin(
        standin, payments_backend, paid_tier, "yearly@example.org", "year"
    )
    Member.objects.create(email="Known@Example.org", name="Known")
    subscriptions_before = {s["id"] for s in standin.objects("subscription")}
    text = "\n".join(
        [
            HEADER,
            f"abc1,paying@example.org,Pat Paying,,true,false,{paying},"
            '2023-01-02T03:04:05.000Z,,"press,founding",Reader',
            f"abc2,YEARLY@example.org,Yan,a note,false,false,{yearly},2023-02-01T00:00:00.000Z,,,",
            "abc3,comped@example.org,Cora,,true,true,,2023-03-01T00:00:00.000Z,,press,Reader",
            "abc4,known@example.org,,,false,false,,,,,",
            "abc5,not-an-address,Bad,,false,false,,,,,",
            "abc6,ghost@example.org,Gus,,false,false,cus_missing,,,,",
            "abc7,tiered@example.org,Tia,,false,true,,,,,Gold",
            'abc8,free@example.org,"=SUM(1)",,false,false,,2024-05-05T10:00:00.000Z,,,',
        ]
    )
    first = upload(
        admin_client,
        text,
        capture,
        newsletters=[newsletter.pk],
        consent_text="Subscribed on our Ghost site",
        attestation="on",
    )
    assert first.status == MemberImport.Status.DONE
    assert (first.created_count, first.updated_count) == (4, 1)
    assert first.problems == [
        [6, "'not-an-address' is not an email address"],
        [7, "Stripe has no customer cus_missing"],
        [8, "there is no tier called 'Gold'"],
    ]
    assert first.csv_text == ""
    page = admin_client.get(f"{MEMBERS}ghost-import/{first.pk}/").content.decode()
    assert "Line 8: there is no tier called" in page

    pat = Member.objects.get(email="paying@example.org")
    assert (pat.status, pat.stripe_customer_id, pat.name) == ("paid", paying, "Pat Paying")
    assert pat.created_at.isoformat() == "2023-01-02T03:04:05+00:00"
    assert {label.name for label in pat.labels.all()} == {"press", "founding"}
    (membership,) = pat.memberships.all()
    assert (membership.status, membership.tier) == ("active", paid_tier)
    assert Member.objects.get(email__iexact="yearly@example.org").status == "paid"
    cora = Member.objects.get(email="comped@example.org")
    assert (cora.status, cora.comp_tier) == ("comped", paid_tier)
    assert Member.objects.filter(email__iexact="known@example.org").count() == 1
    assert Member.objects.get(email="free@example.org").name == "=SUM(1)"
    # Newsletters: the two rows subscribed_to_emails, subscribed at once with a consent record.
    subscribed = Subscription.objects.filter(newsletter=newsletter, status="subscribed")
    assert {s.subscriber.email for s in subscribed} == {"paying@example.org", "comped@example.org"}
    assert pat.subscriber is None or pat.subscriber.email == "paying@example.org"
    pat.refresh_from_db()
    assert pat.subscriber.email == "paying@example.org"
    record = ConsentRecord.objects.get(subscription__subscriber=pat.subscriber)
    assert record.consent_text == "Subscribed on our Ghost site"
    # Nothing was made at Stripe: no new subscription, nobody charged again.
    assert {s["id"] for s in standin.objects("subscription")} == subscriptions_before
    assert len(standin.objects("customer")) == 2

    before = state()
    exported = export(admin_client)
    rows = rows_of(exported)
    assert exported.splitlines()[0] == HEADER
    by_email = {row["email"]: row for row in rows}
    assert len(rows) == 5
    assert by_email["paying@example.org"] == {
        **by_email["paying@example.org"],
        "subscribed_to_emails": "true",
        "complimentary_plan": "false",
        "stripe_customer_id": paying,
        "created_at": "2023-01-02T03:04:05.000Z",
        "labels": "founding,press",
        "tiers": "Reader",
    }
    assert by_email["comped@example.org"]["complimentary_plan"] == "true"
    assert by_email["comped@example.org"]["tiers"] == "Reader"
    assert by_email["free@example.org"]["name"] == "'=SUM(1)"  # no formula for a spreadsheet

    again = upload(admin_client, exported, capture, newsletters=[newsletter.pk],
                   consent_text="Again", attestation="on")  # fmt: skip
    assert (again.created_count, again.updated_count, again.problems) == (0, 5, [])
    assert state() == before
    assert Member.objects.count() == 5 and Membership.objects.count() == 2
    assert Label.objects.count() == 2
    assert {s["id"] for s in standin.objects("subscription")} == subscriptions_before


def test_the_export_follows_the_list_filters(admin_client):
    press = Label.objects.create(name="press")
    tier = Tier.objects.create(name="Patron", slug="patron", monthly_amount=900, currency="eur")
    Member.objects.create(email="a@example.org").labels.add(press)
    Member.objects.create(email="b@example.org", status="comped", comp_tier=tier)
    assert [r["email"] for r in rows_of(export(admin_client, labels=press.pk))] == ["a@example.org"]
    assert [r["email"] for r in rows_of(export(admin_client, status="comped"))] == ["b@example.org"]
    assert [r["email"] for r in rows_of(export(admin_client, q="b@"))] == ["b@example.org"]


def test_a_bad_file_is_refused_whole_and_a_repeated_address_once(
    admin_client, django_capture_on_commit_callbacks
):
    response = admin_client.post(
        f"{MEMBERS}ghost-import/",
        {"csv_file": SimpleUploadedFile("x.csv", b"name,note\nA,b\n")},
    )
    assert "must name the columns, one of them" in response.content.decode()
    response = admin_client.post(
        f"{MEMBERS}ghost-import/",
        {"csv_file": SimpleUploadedFile("x.csv", b"email\na@example.org\n"),
         "newsletters": [Newsletter.objects.create(name="N", slug="n").pk]},
    )  # fmt: skip
    assert "Tick this box" in response.content.decode()
    done = upload(
        admin_client,
        "email,name\na@example.org,A\nA@example.org,B\n",
        django_capture_on_commit_callbacks,
    )
    assert done.problems == [[3, "A@example.org is on an earlier line too"]]
    assert Member.objects.get().name == "A"


def test_only_administrators_import_and_export(staff_client):
    client = staff_client("Editors")
    for url in (f"{MEMBERS}ghost-import/", f"{MEMBERS}ghost-export/"):
        assert client.get(url).status_code in (302, 403)
