"""The webhook: verified, kept once per event id, its receivers run in the event's transaction.

The first tests post signed bodies with Django's test client; the last ones let the stand-in
deliver to the live server, as Stripe delivers to the site."""

import json

import pytest
from django.urls import reverse

from payments.models import Donation, PaymentEvent
from payments.signals import payment_event
from testkit.payments import WEBHOOK_SECRET, signature_header
from testkit.servers import wait_until

URL = "/members/webhooks/stripe/"


def event_body(event_id="evt_test_1", event_type="customer.created"):
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": event_type,
            "created": 1_700_000_000,
            "livemode": False,
            "data": {"object": {"id": "cus_1", "object": "customer"}},
        }
    ).encode()


def post(client, body, *, secret=WEBHOOK_SECRET, signature=None):
    return client.post(
        URL,
        body,
        content_type="application/json",
        headers={"Stripe-Signature": signature or signature_header(body, secret)},
    )


@pytest.fixture
def received():
    """The events the payment_event signal sends, in order."""
    events = []

    def keep(sender, event, **kwargs):
        events.append(event)

    payment_event.connect(keep, dispatch_uid="test.received")
    yield events
    payment_event.disconnect(dispatch_uid="test.received")


def test_the_url_is_the_one_the_standin_delivers_to():
    assert reverse("payments:stripe_webhook") == URL


@pytest.mark.django_db
def test_a_forged_or_unsigned_event_is_refused(client, payments_backend, received):
    body = event_body()
    for response in (
        post(client, body, secret="whsec_someone_else"),
        post(client, body, signature="t=1,v1=00"),
        client.post(URL, body, content_type="application/json"),
        post(client, b"not json"),
    ):
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")
        assert response.content.decode().startswith("Refused:")
    assert not PaymentEvent.objects.exists()
    assert received == []


@pytest.mark.django_db
def test_an_old_signature_is_a_replay_and_refused(client, payments_backend):
    body = event_body()
    response = post(client, body, signature=signature_header(body, WEBHOOK_SECRET, 1_000))
    assert response.status_code == 400


@pytest.mark.django_db
def test_only_post(client, payments_backend):
    assert client.get(URL).status_code == 405


@pytest.mark.django_db
def test_too_big_a_body_is_refused_unread(client, payments_backend):
    body = b"{" + b" " * 300_000 + b"}"
    assert post(client, body).status_code == 413


@pytest.mark.django_db
def test_with_payments_off_the_provider_is_told_to_come_back(client, settings):
    settings.MASTHEAD_PAYMENTS = "off"
    response = post(client, event_body())
    assert response.status_code == 503
    assert response.content == b"Payments are off on this site.\n"


@pytest.mark.django_db
def test_with_no_key_the_provider_is_told_to_come_back(client, settings):
    settings.MASTHEAD_PAYMENTS, settings.STRIPE_SECRET_KEY = "stripe", ""
    response = post(client, event_body())
    assert (response.status_code, response.content) == (
        503,
        b"Payments are not configured on this site.\n",
    )


@pytest.mark.django_db
def test_an_event_is_kept_and_sent_once_however_often_it_comes(client, payments_backend, received):
    body = event_body()
    first = post(client, body)
    assert (first.status_code, first.content) == (200, b"Received.\n")
    again = post(client, body)
    assert (again.status_code, again.content) == (200, b"Already received.\n")
    (record,) = PaymentEvent.objects.all()
    assert (record.event_id, record.type) == ("evt_test_1", "customer.created")
    assert record.payload["object"]["id"] == "cus_1"
    assert record.processed_at is not None
    assert [e.id for e in received] == ["evt_test_1"]


@pytest.mark.django_db
def test_an_unknown_type_is_kept_and_answered_200(client, payments_backend):
    response = post(client, event_body(event_type="something.new"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_receiver_error_rolls_the_event_back_and_the_next_delivery_runs_it(
    client, payments_backend, received
):
    calls = []

    def fails_once(sender, event, **kwargs):
        calls.append(event.id)
        Donation.objects.create(payment_intent_id="pi_half_done", amount=1, currency="eur")
        if len(calls) == 1:
            raise RuntimeError("the database of a receiver fell over")

    payment_event.connect(fails_once, dispatch_uid="test.fails_once")
    try:
        body = event_body()
        response = post(client, body)
        assert response.status_code == 500
        assert response["Content-Type"].startswith("text/plain")
        assert b"not processed and not kept" in response.content
        assert b"Traceback" not in response.content
        assert not PaymentEvent.objects.exists()
        assert not Donation.objects.exists()  # what the receiver did is undone too

        assert post(client, body).status_code == 200
        assert PaymentEvent.objects.count() == 1
        assert Donation.objects.count() == 1
        assert calls == ["evt_test_1", "evt_test_1"]
    finally:
        payment_event.disconnect(dispatch_uid="test.fails_once")


@pytest.mark.django_db(transaction=True)
def test_the_standin_retries_after_a_receiver_error_and_a_resend_changes_nothing(
    site_webhooks, standin, payments_backend
):
    failures = []

    def fails_once(sender, event, **kwargs):
        if event.type == "coupon.created" and not failures:
            failures.append(event.id)
            raise RuntimeError("not now")

    payment_event.connect(fails_once, dispatch_uid="test.standin_fails_once")
    try:
        coupon = payments_backend.create_coupon(name="Ten", percent_off=10)
        standin.wait_idle()
        attempts = [a for a in standin.deliveries() if a["type"] == "coupon.created"]
        assert [a["status"] for a in attempts] == [500, 200]
        record = PaymentEvent.objects.get(type="coupon.created")
        assert record.payload["object"]["id"] == coupon.id

        standin.resend(record.event_id)
        standin.wait_idle()
        attempts = [a for a in standin.deliveries() if a["type"] == "coupon.created"]
        assert [a["status"] for a in attempts] == [500, 200, 200]
        assert PaymentEvent.objects.filter(type="coupon.created").count() == 1
    finally:
        payment_event.disconnect(dispatch_uid="test.standin_fails_once")


def wait_for_events(count):
    wait_until(
        lambda: PaymentEvent.objects.count() >= count,
        timeout=20,
        what=f"{count} events kept",
        details=lambda: str(list(PaymentEvent.objects.values_list("type", flat=True))),
    )
