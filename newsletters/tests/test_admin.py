"""The Newsletters admin: lists, exports and the CSV import."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsletters.models import ConsentRecord, Subscriber, Subscription, Suppression
from newsletters.services import subscription_request

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/newsletters_import/"


def _csv(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_admin_lists_load(admin_client, newsletter):
    for url in (
        "/admin/snippets/newsletters/newsletter/",
        "/admin/snippets/newsletters/subscription/",
        "/admin/snippets/newsletters/consentrecord/",
        "/admin/snippets/newsletters/suppression/",
        IMPORT_URL,
    ):
        assert admin_client.get(url).status_code == 200, url
    menu = admin_client.get("/admin/").content.decode()
    assert "Newsletters" in menu


def test_subscribers_filter_search_and_export(admin_client, sign_up, newsletter, other_newsletter):
    sign_up("one@example.org", newsletter)
    sign_up("two@example.org", other_newsletter, ip="192.0.2.2")
    url = "/admin/snippets/newsletters/subscription/"
    filtered = admin_client.get(url, {"newsletter": newsletter.pk, "status": "pending"})
    assert "one@example.org" in filtered.content.decode()
    assert "two@example.org" not in filtered.content.decode()
    searched = admin_client.get(url, {"q": "two@"})
    assert "two@example.org" in searched.content.decode()
    assert "one@example.org" not in searched.content.decode()

    rows = _csv(admin_client.get(url, {"export": "csv"}))
    assert {row["Email"] for row in rows} == {"one@example.org", "two@example.org"}
    assert {row["Newsletter"] for row in rows} == {"Explaining Halvesk", "River Notes"}


def test_consent_records_export(admin_client, sign_up, newsletter):
    sign_up("one@example.org", newsletter)
    [row] = _csv(admin_client.get("/admin/snippets/newsletters/consentrecord/", {"export": "csv"}))
    assert row["Email"] == "one@example.org"
    assert row["Newsletter"] == "Explaining Halvesk"
    assert row["Source url"] == "http://testserver/world/some-article/"
    assert "Explaining Halvesk with Ilona Sadek" in row["Consent text"]
    assert row["User agent"] == "TestBrowser/1.0"
    assert len(row["Ip address"]) == 64
    assert row["Confirmed at"] == ""


def _import(admin_client, newsletter, content, *, mode="confirm", attest=True):
    data = {
        "newsletter": newsletter.pk,
        "csv_file": SimpleUploadedFile("list.csv", content.encode(), content_type="text/csv"),
        "mode": mode,
        "consent_text": "Signed up at the book fair, 2026",
    }
    if attest:
        data["attestation"] = "on"
    return admin_client.post(IMPORT_URL, data)


def test_import_with_confirmation_emails(
    admin_client, newsletter, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _import(
            admin_client, newsletter, "email,first_name\nann@example.org,Ann\nBob@Example.ORG,\n"
        )
    assert response.status_code == 302
    assert set(Subscription.objects.values_list("status", flat=True)) == {"pending"}
    assert Subscriber.objects.get(email="ann@example.org").first_name == "Ann"
    assert len(smtp_sink.to("ann@example.org")) == 1
    assert len(smtp_sink.to("Bob@example.org")) == 1
    record = ConsentRecord.objects.filter(method="import").first()
    assert record.consent_text == "Signed up at the book fair, 2026"
    assert record.confirmed_at is None


def test_import_as_subscribed_sends_nothing(
    admin_client, newsletter, smtp_sink, django_capture_on_commit_callbacks
):
    Suppression.objects.create(email="gone@example.org", reason="bounce")
    with django_capture_on_commit_callbacks(execute=True):
        _import(
            admin_client,
            newsletter,
            "ann@example.org,Ann\ngone@example.org,\n",
            mode="subscribed",
        )
    assert list(Subscription.objects.values_list("subscriber__email", "status")) == [
        ("ann@example.org", "subscribed")
    ]
    assert ConsentRecord.objects.get().confirmed_at is not None
    assert not smtp_sink.messages


def test_import_needs_the_attestation(admin_client, newsletter):
    response = _import(admin_client, newsletter, "ann@example.org\n", attest=False)
    assert response.status_code == 200
    assert "only import readers who consented" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_bad_rows_are_reported_and_nothing_is_imported(admin_client, newsletter):
    response = _import(
        admin_client, newsletter, 'email\nann@example.org\nnot-an-address\n"x@y.org, z@y.org"\n'
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Line 3:" in html
    assert "Line 4:" in html
    assert "Nothing was imported" in html
    assert not Subscriber.objects.exists()


def test_import_never_resubscribes_someone_who_left(admin_client, newsletter):
    subscriber = Subscriber.objects.create(email="left@example.org")
    Subscription.objects.create(subscriber=subscriber, newsletter=newsletter, status="unsubscribed")
    _import(admin_client, newsletter, "left@example.org\n", mode="subscribed")
    assert Subscription.objects.get().status == "unsubscribed"


def test_consent_records_and_subscriptions_cannot_be_written_by_hand(
    admin_client, sign_up, newsletter
):
    sign_up("one@example.org", newsletter)
    record = ConsentRecord.objects.get()
    base = "/admin/snippets/newsletters/"
    for url in (
        f"{base}consentrecord/edit/{record.pk}/",
        f"{base}consentrecord/delete/{record.pk}/",
        f"{base}consentrecord/add/",
        f"{base}subscription/edit/{record.subscription_id}/",
        f"{base}subscription/add/",
    ):
        assert admin_client.get(url).status_code == 302, url  # permission denied
    assert admin_client.get(f"{base}consentrecord/inspect/{record.pk}/").status_code == 200


def test_csv_exports_never_start_a_cell_with_a_formula(admin_client, newsletter):
    """Readers write these cells: a spreadsheet opening the file must show text, not run it."""
    subscription_request(
        email="=cmd@example.org",
        first_name='=HYPERLINK("http://evil.example","Click")',
        newsletters=[newsletter],
        source_url="+1+cmd",
        user_agent="@SUM(1)",
    )
    Suppression.objects.create(email="-x@example.org", reason="bounce", detail="\t=1+1")
    Suppression.objects.create(email="y@example.org", reason="bounce", detail="\r@SUM(1)")
    base = "/admin/snippets/newsletters/"
    [subscriber] = _csv(admin_client.get(f"{base}subscription/", {"export": "csv"}))
    assert subscriber["Email"] == "'=cmd@example.org"
    assert subscriber["First name"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert subscriber["Newsletter"] == "Explaining Halvesk"  # other text as it was
    [record] = _csv(admin_client.get(f"{base}consentrecord/", {"export": "csv"}))
    assert record["Email"] == "'=cmd@example.org"
    assert record["Source url"] == "'+1+cmd"
    assert record["User agent"] == "'@SUM(1)"
    suppressions = _csv(admin_client.get(f"{base}suppression/", {"export": "csv"}))
    assert {row["Email"]: row["Detail"] for row in suppressions} == {
        "'-x@example.org": "'\t=1+1",
        "y@example.org": "'\r@SUM(1)",
    }
