import base64
import json

import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from django.urls import reverse

from mailing import services
from mailing.models import Delivery
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


def test_a_real_postmark_bounce_webhook(client, started, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:secret"}
    payload = {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "TypeCode": 1,
        "Email": "reader1@example.org",
        "Description": "The server was unable to deliver your message",
        "Details": "smtp;550 5.1.1 user unknown",
        "BouncedAt": "2026-11-27T10:00:00Z",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    }
    auth = "Basic " + base64.b64encode(b"hook:secret").decode()
    url = reverse("anymail:postmark_tracking_webhook")
    for _ in range(2):  # the ESP retries: same result
        response = client.post(
            url, json.dumps(payload), content_type="application/json", HTTP_AUTHORIZATION=auth
        )
        assert response.status_code == 200
    assert Suppression.objects.get().email == "reader1@example.org"
    assert Delivery.objects.get(email="reader1@example.org").status == Delivery.Status.SKIPPED
    client.raise_request_exception = False
    wrong = client.post(url, json.dumps(payload), content_type="application/json")
    assert wrong.status_code == 400  # anymail refuses a webhook without the secret
