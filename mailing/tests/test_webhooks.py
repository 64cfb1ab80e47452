import base64
import hashlib
import hmac
import importlib
import importlib.util
import json
from contextlib import contextmanager

import environ
import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import clear_url_caches

from mailing import services
from mailing.models import Delivery
from masthead.settings.base import ESP_WEBHOOKS, esp_webhook_settings
from newsletters.models import Suppression

from .conftest import make_subscribers


def bounce(address, event_type="bounced"):
    event = AnymailTrackingEvent(
        event_type=event_type, recipient=address, description="Mailbox does not exist"
    )
    tracking.send(sender=object, event=event, esp_name="Postmark")


@pytest.fixture
def started(issue, newsletter, mailing_settings):
    make_subscribers(newsletter, 2)
    services.issue_start(issue_id=issue.pk)
    return issue


def test_bounce_suppresses_and_skips_pending_deliveries(started):
    bounce("Reader0@example.org")
    suppression = Suppression.objects.get()
    assert suppression.reason == Suppression.Reason.BOUNCE
    assert "Postmark" in suppression.detail
    assert Delivery.objects.get(email="reader0@example.org").status == Delivery.Status.SKIPPED
    assert Delivery.objects.get(email="reader1@example.org").status == Delivery.Status.PENDING


def test_replaying_a_webhook_changes_nothing(started):
    bounce("reader0@example.org", "complained")
    before = list(Suppression.objects.values()), list(Delivery.objects.values())
    bounce("reader0@example.org", "complained")
    bounce("READER0@example.org", "bounced")
    assert (list(Suppression.objects.values()), list(Delivery.objects.values())) == before
    assert Suppression.objects.get().reason == Suppression.Reason.COMPLAINT


def test_other_events_are_ignored(started):
    bounce("reader0@example.org", "delivered")
    bounce("reader0@example.org", "deferred")
    assert not Suppression.objects.exists()


# The real webhooks: anymail's own views, mounted by mailing/webhooks.py as the settings say.

SECRET = "hook:7c1e0b9a54d2f36e8a1b"
KEY = "mailgun-signing-key-0123456789"
POSTMARK_BOUNCE = {
    "RecordType": "Bounce",
    "Type": "HardBounce",
    "TypeCode": 1,
    "Email": "reader1@example.org",
    "Description": "The server was unable to deliver your message",
    "Details": "smtp;550 5.1.1 user unknown",
    "BouncedAt": "2026-11-27T10:00:00Z",
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
}


def basic_auth(credentials):
    return "Basic " + base64.b64encode(credentials.encode()).decode()


def reload_urls():
    clear_url_caches()
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))


@contextmanager
def mounted(esp, *, key=KEY):
    """The URLconf as it is built when the settings name ``esp`` (and its key, if it needs one)."""
    anymail = {"WEBHOOK_SECRET": SECRET}
    if ESP_WEBHOOKS.get(esp):
        anymail[ESP_WEBHOOKS[esp]] = key
    with override_settings(MASTHEAD_ESP_WEBHOOK=esp, ANYMAIL=anymail):
        reload_urls()
        try:
            yield
        finally:
            clear_url_caches()
    reload_urls()


@pytest.fixture
def postmark(started):
    with mounted("postmark"):
        yield "/anymail/postmark/tracking/"


def post(client, url, body, *, auth=SECRET, content_type="application/json", **headers):
    client.raise_request_exception = False
    if auth is not None:
        headers["HTTP_AUTHORIZATION"] = basic_auth(auth)
    if not isinstance(body, (str, bytes)):
        body = json.dumps(body)
    return client.post(url, body, content_type=content_type, **headers)


def test_a_real_postmark_bounce_with_the_secret_suppresses(client, postmark):
    for _ in range(2):  # the ESP retries: same result
        assert post(client, postmark, POSTMARK_BOUNCE).status_code == 200
    assert Suppression.objects.get().email == "reader1@example.org"
    assert Delivery.objects.get(email="reader1@example.org").status == Delivery.Status.SKIPPED


@pytest.mark.parametrize(
    "auth",
    [None, "hook:wrong-password-0000000", "other:7c1e0b9a54d2f36e8a1b", "hook:", SECRET + "x"],
    ids=["none", "wrong password", "wrong user", "empty password", "longer"],
)
def test_a_forged_bounce_is_refused_and_suppresses_nothing(client, postmark, auth):
    response = post(client, postmark, POSTMARK_BOUNCE, auth=auth)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic ")
    assert not Suppression.objects.exists()
    assert Delivery.objects.get(email="reader1@example.org").status == Delivery.Status.PENDING


def test_a_garbled_authorization_header_is_refused(client, postmark):
    for header in ["Basic !!!notbase64", "Basic", "Bearer " + SECRET, "Basic " + "\xff" * 8]:
        response = post(client, postmark, POSTMARK_BOUNCE, auth=None, HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
    assert not Suppression.objects.exists()


def test_no_esp_configured_mounts_no_webhook(client, started):
    assert settings.MASTHEAD_ESP_WEBHOOK == ""
    for esp in ["postmark", "sendgrid", "mailgun", "amazon_ses"]:
        response = post(client, f"/anymail/{esp}/tracking/", POSTMARK_BOUNCE)
        assert response.status_code == 404, esp
    assert not Suppression.objects.exists()


def test_only_the_configured_esps_webhook_is_mounted(client, postmark):
    others = [
        "/anymail/sendgrid/tracking/",
        "/anymail/mailgun/tracking/",
        "/anymail/amazon_ses/tracking/",
        "/anymail/mandrill/",
        "/anymail/postmark/inbound/",
    ]
    for url in others:
        assert post(client, url, POSTMARK_BOUNCE).status_code == 404, url
    assert not Suppression.objects.exists()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"RecordType": "Bounce", "Email": ', "application/json"),
        (b"\xff\xfe\x00garbage", "application/json"),
        ("[]", "application/json"),
        ('"reader1@example.org"', "application/json"),
        ("{}", "application/json"),
        ({"RecordType": "Bounce", "Type": "HardBounce"}, "application/json"),
        ({**POSTMARK_BOUNCE, "Email": {"address": "reader1@example.org"}}, "application/json"),
        ({**POSTMARK_BOUNCE, "Email": ["reader1@example.org"]}, "application/json"),
        ({**POSTMARK_BOUNCE, "Type": ["HardBounce"]}, "application/json"),
        ({**POSTMARK_BOUNCE, "BouncedAt": 5, "Metadata": 3}, "application/json"),
        ("Email=reader1%40example.org&RecordType=Bounce", "application/x-www-form-urlencoded"),
        ("reader1@example.org", "text/plain"),
        (b"{" + b" " * (3 * 1024 * 1024) + b"}", "application/json"),
    ],
    ids=[
        "truncated JSON",
        "not UTF-8",
        "a list",
        "a string",
        "empty object",
        "bounce without address",
        "address is an object",
        "address is a list",
        "type is a list",
        "fields of the wrong type",
        "form-encoded",
        "plain text",
        "3 MB",
    ],
)
def test_a_malformed_body_is_a_400_and_suppresses_nothing(client, postmark, body, content_type):
    response = post(client, postmark, body, content_type=content_type)
    assert response.status_code == 400
    assert not Suppression.objects.exists()


def test_an_address_that_is_no_address_is_ignored(client, postmark):
    for address in ["reader1\x00@example.org", "x" * 300 + "@example.org", "not an address"]:
        assert post(client, postmark, {**POSTMARK_BOUNCE, "Email": address}).status_code == 200
    # The ESP's text is kept without the NUL PostgreSQL refuses.
    bounce = {**POSTMARK_BOUNCE, "Description": "Mailbox \x00full"}
    assert post(client, postmark, bounce).status_code == 200
    assert [(s.email, s.detail) for s in Suppression.objects.all()] == [
        ("reader1@example.org", "Postmark: Mailbox full")
    ]


def mailgun_bounce(key, *, address="reader1@example.org"):
    timestamp, token = "1764237600", "5b0c8a6e2d9f41c7b3a0e8f6d2c4b1a9"
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256)
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature.hexdigest()},
        "event-data": {
            "event": "failed",
            "severity": "permanent",
            "recipient": address,
            "timestamp": 1764237600.5,
            "id": "G9Bn5sl1TC6nu79C8C0bwg",
            "reason": "bounce",
            "delivery-status": {"code": 550, "message": "5.1.1 user unknown"},
        },
    }


def test_a_signing_esp_needs_the_secret_and_its_signature(client, started):
    url = "/anymail/mailgun/tracking/"
    with mounted("mailgun"):
        assert post(client, url, mailgun_bounce(KEY), auth=None).status_code == 401
        assert post(client, url, mailgun_bounce("some-other-key")).status_code == 403
        assert not Suppression.objects.exists()
        assert post(client, url, mailgun_bounce(KEY)).status_code == 200
    assert Suppression.objects.get().email == "reader1@example.org"


# amazon_ses needs boto3 (not a dependency: the settings refuse it without).
MOUNTABLE = [
    esp for esp in ESP_WEBHOOKS if esp != "amazon_ses" or importlib.util.find_spec("boto3")
]


@pytest.mark.parametrize("esp", MOUNTABLE)
def test_every_esp_refuses_forgeries_and_garbage_without_a_500(client, started, esp):
    url = f"/anymail/{esp}/tracking/"
    another = "/anymail/sendgrid/tracking/" if esp == "postmark" else "/anymail/postmark/tracking/"
    # An ESP that signs its webhooks cannot check a signature it cannot read: 403 there.
    garbage_status = 403 if ESP_WEBHOOKS[esp] else 400
    with mounted(esp):
        assert post(client, url, POSTMARK_BOUNCE, auth=None).status_code == 401
        assert post(client, url, POSTMARK_BOUNCE, auth="hook:wrong-00000000000").status_code == 401
        for body in ["{", "[1, 2", b"\xff\xfe"]:
            assert post(client, url, body).status_code == garbage_status, body
        assert post(client, another, POSTMARK_BOUNCE).status_code == 404
    assert not Suppression.objects.exists()


# The settings: which ESP, and the secrets it needs (masthead/settings/base.py).


@pytest.fixture
def environment(monkeypatch):
    for name in ["MASTHEAD_ESP_WEBHOOK", "ANYMAIL_WEBHOOK_SECRET", "MASTHEAD_ESP_WEBHOOK_KEY"]:
        monkeypatch.delenv(name, raising=False)

    def read(**variables):
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        return esp_webhook_settings(environ.Env())

    return read


def test_no_esp_no_webhook(environment):
    assert environment() == ("", {})


def test_an_esp_with_its_secret(environment):
    esp, anymail = environment(MASTHEAD_ESP_WEBHOOK="postmark", ANYMAIL_WEBHOOK_SECRET=SECRET)
    assert (esp, anymail) == ("postmark", {"WEBHOOK_SECRET": SECRET})
    esp, anymail = environment(
        MASTHEAD_ESP_WEBHOOK="mailgun", ANYMAIL_WEBHOOK_SECRET=SECRET, MASTHEAD_ESP_WEBHOOK_KEY=KEY
    )
    assert anymail == {"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": KEY}


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"MASTHEAD_ESP_WEBHOOK": "postmark"}, "needs ANYMAIL_WEBHOOK_SECRET=user:password"),
        (
            {"MASTHEAD_ESP_WEBHOOK": "postmark", "ANYMAIL_WEBHOOK_SECRET": "hook:short"},
            "at least 16 random characters",
        ),
        (
            {"MASTHEAD_ESP_WEBHOOK": "postmark", "ANYMAIL_WEBHOOK_SECRET": "7c1e0b9a54d2f36e8a1b"},
            "needs ANYMAIL_WEBHOOK_SECRET=user:password",
        ),
        (
            {"MASTHEAD_ESP_WEBHOOK": "mailgun", "ANYMAIL_WEBHOOK_SECRET": SECRET},
            "needs MASTHEAD_ESP_WEBHOOK_KEY",
        ),
        ({"MASTHEAD_ESP_WEBHOOK": "mandril", "ANYMAIL_WEBHOOK_SECRET": SECRET}, "expected one of"),
    ],
    ids=["no secret", "short password", "no user", "no signing key", "unknown ESP"],
)
def test_a_webhook_without_what_it_needs_refuses_to_start(environment, variables, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        environment(**variables)
