"""Signing up while the database is down: "please try again", and nothing half-saved."""

import pytest
from django.db import OperationalError, connection
from django.utils.html import escape

from core.models import RateLimitAttempt
from newsletters.models import ConsentRecord, Subscriber, Subscription
from newsletters.tests.conftest import form_data
from newsletters.views import NOT_SAVED_MESSAGE
from testkit.outage import database_down

SIGNUP = "/newsletters/signup/"


def post(client, data, *, json=False):
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(SIGNUP, data, REMOTE_ADDR="203.0.113.5", **headers)


def assert_nothing_saved():
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists()
    assert not ConsentRecord.objects.exists()


@pytest.mark.django_db
def test_the_form_page_says_the_sign_up_was_not_saved(client, newsletter):
    data = form_data("reader@example.org", newsletter)
    with database_down():
        response = post(client, data)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert escape(NOT_SAVED_MESSAGE) in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert_nothing_saved()


@pytest.mark.django_db
def test_the_form_script_gets_the_message_as_json(client, newsletter):
    data = form_data("reader@example.org", newsletter)
    with database_down():
        response = post(client, data, json=True)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"message": NOT_SAVED_MESSAGE}
    assert_nothing_saved()


class ConnectionLostAtConsentRecord:
    """The connection is lost half-way through the sign-up's transaction (execute_wrapper)."""

    def __init__(self):
        self.inserted = []

    def __call__(self, execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "newsletters_consentrecord"'):
            raise OperationalError("server closed the connection unexpectedly")
        if sql.startswith("INSERT INTO"):
            self.inserted.append(sql.split('"')[1])
        return execute(sql, params, many, context)


@pytest.mark.django_db(transaction=True)
def test_a_sign_up_cut_off_half_way_leaves_nothing_and_sends_nothing(
    client, newsletter, mailoutbox
):
    """Real commits (no test transaction around it), so emails queued on commit are sent."""
    data = form_data("reader@example.org", newsletter)
    lost = ConnectionLostAtConsentRecord()
    with connection.execute_wrapper(lost):
        response = post(client, data, json=True)
    assert "newsletters_subscriber" in lost.inserted  # written, then rolled back
    assert "newsletters_subscription" in lost.inserted
    assert response.status_code == 503
    assert response.json() == {"message": NOT_SAVED_MESSAGE}
    assert_nothing_saved()
    assert mailoutbox == []

    # Trying again as asked: saved, confirmed by one email; the per-IP count (kept in its
    # own transaction) was not charged twice for the same address.
    assert post(client, data, json=True).status_code == 200
    assert Subscription.objects.get().status == Subscription.Status.PENDING
    assert ConsentRecord.objects.count() == 1
    [message] = mailoutbox
    assert message.to == ["reader@example.org"]
    assert RateLimitAttempt.objects.count() == 1
