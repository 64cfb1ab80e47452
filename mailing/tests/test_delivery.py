import smtplib

import pytest
from django.utils import timezone

from mailing import services
from mailing.backends.smtp import SMTPBackend
from mailing.models import Delivery, Issue
from newsletters.models import Subscription, Suppression

from .conftest import make_subscribers


@pytest.fixture
def smtp(smtp_sink, mailing_settings):
    return smtp_sink


def deliver_all(issue):
    while services.issue_deliver_batch(issue_id=issue.pk):
        pass
    services.issue_continue(issue_id=issue.pk)


def test_issue_reaches_every_subscriber_once_with_headers_and_both_parts(
    smtp, newsletter, issue, django_capture_on_commit_callbacks
):
    make_subscribers(newsletter, 3)
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_start(issue_id=issue.pk)

    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert issue.recipient_count == 3
    assert sorted(r for rcpts, _ in smtp.messages for r in rcpts) == [
        "reader0@example.org",
        "reader1@example.org",
        "reader2@example.org",
    ]
    [message] = smtp.to("reader1@example.org")
    assert message["From"] == "The Morning with Olha Bondar <newsletters@news.example.org>"
    assert message["Reply-To"] == "letters@example.org"
    subscriber_id = Delivery.objects.get(email="reader1@example.org").subscriber_id
    assert message["Message-ID"] == f"<issue{issue.pk}-{subscriber_id}.delivery@news.example.org>"
    assert message["List-Id"] == "The Morning <the-morning.news.example.org>"
    assert message["List-Unsubscribe"].startswith("<https://news.example.org/newsletters/unsub")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Hi Reader1," in text
    assert message["List-Unsubscribe"][1:-1] in text
    assert "Hi Reader1," in html
    assert 'style="' in html  # CSS inlined
    assert f"https://news.example.org/newsletters/issues/{issue.pk}/" in html
    assert "%%MASTHEAD" not in html + text


def test_later_signups_are_not_included(smtp, newsletter, issue):
    make_subscribers(newsletter, 2)
    services.issue_start(issue_id=issue.pk)  # the task waits for the commit that never comes
    make_subscribers(newsletter, 1, start=100)
    deliver_all(issue)
    assert len(smtp.messages) == 2
    assert smtp.to("reader100@example.org") == []


def test_suppressed_addresses_are_never_sent_even_if_suppressed_after_the_start(
    smtp, newsletter, issue
):
    make_subscribers(newsletter, 3)
    Suppression.objects.create(email="READER0@example.org", reason="bounce")
    services.issue_start(issue_id=issue.pk)
    assert Delivery.objects.filter(issue=issue).count() == 2
    Suppression.objects.create(email="reader1@example.org", reason="complaint")
    deliver_all(issue)
    assert [r for rcpts, _ in smtp.messages for r in rcpts] == ["reader2@example.org"]
    assert Delivery.objects.get(email="reader1@example.org").status == Delivery.Status.SKIPPED


def test_unsubscribed_after_the_start_is_skipped(smtp, newsletter, issue):
    make_subscribers(newsletter, 2)
    services.issue_start(issue_id=issue.pk)
    Subscription.objects.filter(subscriber__email="reader0@example.org").update(
        status=Subscription.Status.UNSUBSCRIBED
    )
    deliver_all(issue)
    assert [r for rcpts, _ in smtp.messages for r in rcpts] == ["reader1@example.org"]


def test_starting_twice_changes_nothing(smtp, newsletter, issue):
    make_subscribers(newsletter, 2)
    services.issue_start(issue_id=issue.pk)
    services.issue_start(issue_id=issue.pk)
    deliver_all(issue)
    deliver_all(issue)
    assert len(smtp.messages) == 2


class FlakySink:
    """An aiosmtpd handler answering 451 to the first ``failures`` RCPTs, then accepting."""

    def __init__(self, failures, code=451):
        self.failures, self.code, self.accepted = failures, code, []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.failures:
            self.failures -= 1
            return f"{self.code} try again later" if self.code < 500 else "550 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.accepted.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture
def flaky(mailing_settings):
    from aiosmtpd.controller import Controller

    from testkit.servers import free_port

    def start(failures, code=451):
        handler = FlakySink(failures, code)
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        started.append(controller)
        return handler, SMTPBackend(host="127.0.0.1", port=port, use_tls=False, use_ssl=False)

    started = []
    yield start
    for controller in started:
        controller.stop()


def test_temporary_failures_are_retried_with_backoff_then_sent(flaky, newsletter, issue):
    handler, backend = flaky(failures=2)
    make_subscribers(newsletter, 1)
    services.issue_start(issue_id=issue.pk)
    delivery = Delivery.objects.get()
    for attempt in (1, 2):
        services.issue_deliver_batch(issue_id=issue.pk, backend=backend)
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (Delivery.Status.PENDING, attempt)
        assert delivery.last_error.startswith("451")
        assert delivery.next_attempt_at > timezone.now()
        # Not before the backoff is over.
        assert services.issue_deliver_batch(issue_id=issue.pk, backend=backend) == 0
        Delivery.objects.update(next_attempt_at=timezone.now())
    services.issue_deliver_batch(issue_id=issue.pk, backend=backend)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 3)
    assert handler.accepted == ["reader0@example.org"]


def test_three_temporary_failures_fail_the_delivery(flaky, newsletter, issue):
    _, backend = flaky(failures=3)
    make_subscribers(newsletter, 1)
    services.issue_start(issue_id=issue.pk)
    for _ in range(3):
        Delivery.objects.update(next_attempt_at=None)
        services.issue_deliver_batch(issue_id=issue.pk, backend=backend)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 3)
    services.issue_continue(issue_id=issue.pk)
    assert Issue.objects.get().status == Issue.Status.SENT


def test_permanent_failure_is_not_retried(flaky, newsletter, issue):
    handler, backend = flaky(failures=1, code=550)
    make_subscribers(newsletter, 2)
    services.issue_start(issue_id=issue.pk)
    services.issue_deliver_batch(issue_id=issue.pk, backend=backend)
    failed = Delivery.objects.get(status=Delivery.Status.FAILED)
    assert failed.last_error.startswith("550")
    assert failed.attempts == 1
    assert len(handler.accepted) == 1


def test_a_row_taken_away_mid_message_is_never_delivered(smtp, newsletter, issue):
    """If commit finds the row is no longer ours, the connection closes without the dot."""
    make_subscribers(newsletter, 1)
    services.issue_start(issue_id=issue.pk)

    class Interloper(SMTPBackend):
        def _begin(self, pool, slot, message):
            Delivery.objects.update(claimed_by="someone-else")
            return super()._begin(pool, slot, message)

    services.issue_deliver_batch(issue_id=issue.pk, backend=Interloper())
    assert smtp.messages == []
    assert Delivery.objects.get().status == Delivery.Status.PENDING


def test_connection_refused_is_temporary(mailing_settings, newsletter, issue):
    from testkit.servers import free_port

    make_subscribers(newsletter, 1)
    services.issue_start(issue_id=issue.pk)
    backend = SMTPBackend(host="127.0.0.1", port=free_port(), use_tls=False, use_ssl=False)
    services.issue_deliver_batch(issue_id=issue.pk, backend=backend)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.PENDING, 1)
    assert "connect" in delivery.last_error
    assert isinstance(smtplib.SMTPException(), Exception)


def test_django_email_backend_sends_through_email_backend(mailing_settings, newsletter, issue):
    """The ESP path (anymail by settings): at least once, committed after the provider."""
    from django.core import mail

    from mailing.backends.django_email import DjangoEmailBackend

    mailing_settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_subscribers(newsletter, 2)
    services.issue_start(issue_id=issue.pk)
    services.issue_deliver_batch(issue_id=issue.pk, backend=DjangoEmailBackend())
    assert sorted(m.to[0] for m in mail.outbox) == ["reader0@example.org", "reader1@example.org"]
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.alternatives[0].mimetype == "text/html"
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 2
