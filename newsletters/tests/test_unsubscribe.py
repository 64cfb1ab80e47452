"""One-click unsubscribe (RFC 8058), the list headers, and the preferences page."""

import pytest
from django.core.mail import EmailMessage
from django.test import Client

from newsletters import tokens
from newsletters.headers import list_headers
from newsletters.models import Subscriber, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscription(newsletter):
    subscriber = Subscriber.objects.create(email="reader@example.org")
    return Subscription.objects.create(
        subscriber=subscriber, newsletter=newsletter, status=Subscription.Status.SUBSCRIBED
    )


def test_list_headers(subscription, settings):
    settings.MASTHEAD_NEWSLETTER_BASE_URL = "https://news.example.org/"
    headers = list_headers(subscription)
    url = headers["List-Unsubscribe"]
    assert url.startswith("<https://news.example.org/newsletters/unsubscribe/")
    assert url.endswith("/>")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Id"] == "Explaining Halvesk <explaining-halvesk.news.example.org>"
    explicit = list_headers(subscription, base_url="https://other.example")
    assert explicit["List-Unsubscribe"].startswith("<https://other.example/newsletters/")


def test_one_click_from_a_received_emails_header(subscription, smtp_sink):
    EmailMessage(
        "An issue", "Hello", to=["reader@example.org"], headers=list_headers(subscription)
    ).send()
    [received] = smtp_sink.to("reader@example.org")
    header = " ".join(str(received["List-Unsubscribe"]).split())  # unfolded
    assert header.startswith("<http://testserver/newsletters/unsubscribe/")
    url = header.strip("<>").removeprefix("http://testserver")
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    mailbox_provider = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token
    for _ in range(2):  # idempotent
        response = mailbox_provider.post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 200
        assert not response.cookies
        subscription.refresh_from_db()
        assert subscription.status == Subscription.Status.UNSUBSCRIBED
    first_time = subscription.unsubscribed_at
    mailbox_provider.post(url)
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at == first_time


def test_get_shows_a_button_and_changes_nothing(client, subscription):
    response = client.get(tokens.unsubscribe_url(subscription))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="post">' in html
    assert "Unsubscribe</button>" in html
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.SUBSCRIBED


def test_bad_unsubscribe_token_is_a_clear_page(client):
    response = client.post("/newsletters/unsubscribe/forged/")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_preferences_show_change_and_leave_all(client, subscription, other_newsletter):
    url = tokens.preferences_url(subscription.subscriber)
    html = client.get(url).content.decode()
    assert 'value="explaining-halvesk" checked' in html
    assert 'value="river-notes">' in html

    client.post(url, {"newsletters": ["river-notes"], "action": "save"})
    statuses = dict(Subscription.objects.values_list("newsletter__slug", "status").order_by("pk"))
    assert statuses == {"explaining-halvesk": "unsubscribed", "river-notes": "subscribed"}
    added = Subscription.objects.get(newsletter=other_newsletter)
    assert added.consent_records.get().confirmed_at is not None

    response = client.post(url, {"action": "unsubscribe_all"})
    assert "unsubscribed from every newsletter" in response.content.decode()
    assert set(Subscription.objects.values_list("status", flat=True)) == {"unsubscribed"}


def test_bad_preferences_token(client):
    assert client.get("/newsletters/preferences/forged/").status_code == 400
