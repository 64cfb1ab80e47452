"""DKIM: every path mail leaves by signs it, and dkimpy verifies each signature over the exact
bytes a real SMTP server (aiosmtpd) received, with the public key as DNS would give it.

A receiving server does the same: it reads the message, looks up ``<s>._domainkey.<d>`` and
checks the signature. So a message that verifies here is one Gmail or Yahoo can verify, and
the signature's ``h=`` shows it covers what RFC 8058 asks (List-Unsubscribe and its -Post).
"""

import time

import dkim
import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from core.models import NewsroomSettings
from testkit.mail import DKIMKey

DOMAIN = "ledger.example"
SELECTOR = "mail2026"
RFC_8058 = {"from", "subject", "date", "to", "message-id", "list-unsubscribe"}
RFC_8058 |= {"list-unsubscribe-post"}


@pytest.fixture(scope="module")
def key(tmp_path_factory):
    return DKIMKey(tmp_path_factory.mktemp("dkim"), selector=SELECTOR, domain=DOMAIN)


@pytest.fixture
def signing(db, settings, key, smtp_sink):
    settings.MASTHEAD_DKIM = {"KEY_FILE": str(key.path), "SELECTOR": SELECTOR, "DOMAIN": ""}
    settings.DEFAULT_FROM_EMAIL = f"newsletters@{DOMAIN}"
    settings.MASTHEAD_NEWSLETTER_BASE_URL = f"https://{DOMAIN}"
    row = NewsroomSettings.load()
    row.name = "The Ledger"
    row.save()
    return smtp_sink


def received(sink, address):
    [data] = sink.received_by(address)
    return data


def signature(data):
    """The DKIM-Signature's tags, as dkimpy reads them."""
    message = dkim.DKIM(data)
    [(_, value)] = [(n, v) for n, v in message.headers if n.lower() == b"dkim-signature"]
    return {tag.decode(): value.decode() for tag, value in dkim.util.parse_tag_value(value).items()}


def signed_headers(tags):
    return {name.strip() for name in tags["h"].split(":")}


def assert_verifies(data, key):
    assert dkim.verify(data, dnsfunc=key.dns), "the signature does not verify"
    tags = signature(data)
    assert (tags["d"], tags["s"], tags["a"]) == (DOMAIN, SELECTOR, "rsa-sha256")
    return tags


def subscribed(newsletter, address):
    from newsletters.models import Subscriber, Subscription

    subscriber = Subscriber.objects.create(email=address, first_name="Ilona")
    Subscription.objects.create(
        subscriber=subscriber,
        newsletter=newsletter,
        status=Subscription.Status.SUBSCRIBED,
        confirmed_at=timezone.now(),
    )


@pytest.fixture
def issue(db):
    from mailing.models import Issue
    from newsletters.models import Newsletter

    newsletter = Newsletter.objects.create(name="The Morning", slug="the-morning")
    subscribed(newsletter, "reader@example.org")
    return Issue.objects.create(
        newsletter=newsletter,
        subject="Tuesday: the river is rising",
        intro="<p>Good morning. Here is what matters.</p>",
    )


def send(issue, django_capture_on_commit_callbacks):
    from mailing import services

    with django_capture_on_commit_callbacks(execute=True):
        services.issue_start(issue_id=issue.pk)


def test_a_confirmation_is_signed(client, signing, key, django_capture_on_commit_callbacks):
    from newsletters.forms import started_token
    from newsletters.models import Newsletter

    Newsletter.objects.create(name="River Notes", slug="river-notes")
    form = {"email": "reader@example.org", "newsletters": ["river-notes"], "homepage": ""}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/newsletters/signup/", {**form, "started": started_token(at=time.time() - 60)})
    data = received(signing, "reader@example.org")
    assert b"Confirm your subscription to River Notes" in data
    tags = assert_verifies(data, key)
    assert signed_headers(tags) >= RFC_8058


def test_an_issue_is_signed_by_the_mailing_smtp_backend(
    signing, key, issue, django_capture_on_commit_callbacks
):
    send(issue, django_capture_on_commit_callbacks)
    data = received(signing, "reader@example.org")
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in data
    tags = assert_verifies(data, key)
    assert signed_headers(tags) >= RFC_8058


def test_an_issue_sent_through_django_email_is_signed(
    signing, key, issue, settings, django_capture_on_commit_callbacks
):
    """The other delivery backend: through EMAIL_BACKEND (here SMTP; an ESP signs its own)."""
    settings.MASTHEAD_MAILING = {
        **settings.MASTHEAD_MAILING,
        "BACKEND": "mailing.backends.django_email.DjangoEmailBackend",
    }
    send(issue, django_capture_on_commit_callbacks)
    data = received(signing, "reader@example.org")
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in data
    assert signed_headers(assert_verifies(data, key)) >= RFC_8058


def test_a_password_reset_is_signed(client, signing, key):
    User.objects.create_user("desk", "desk@example.org", "pw", is_staff=True)
    client.post("/admin/password_reset/", {"email": "desk@example.org"})
    assert_verifies(received(signing, "desk@example.org"), key)


@pytest.mark.parametrize(
    ("original", "forged"),
    [
        (b"List-Unsubscribe: <https://", b"List-Unsubscribe: <http://"),
        (b"Subject: Tuesday", b"Subject: Monday"),
        (b"Good morning.", b"Good evening."),
    ],
    ids=["unsubscribe link", "subject", "body"],
)
def test_a_changed_header_or_body_fails_verification(
    signing, key, issue, original, forged, django_capture_on_commit_callbacks
):
    send(issue, django_capture_on_commit_callbacks)
    data = received(signing, "reader@example.org")
    assert original in data
    assert dkim.verify(data, dnsfunc=key.dns)
    assert not dkim.verify(data.replace(original, forged, 1), dnsfunc=key.dns)


def test_a_one_click_header_added_on_the_way_fails_verification(
    client, signing, key, django_capture_on_commit_callbacks
):
    """A confirmation has no list headers, and none may be added to it in transit."""
    from newsletters.forms import started_token
    from newsletters.models import Newsletter

    Newsletter.objects.create(name="River Notes", slug="river-notes")
    form = {"email": "reader@example.org", "newsletters": ["river-notes"], "homepage": ""}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/newsletters/signup/", {**form, "started": started_token(at=time.time() - 60)})
    data = received(signing, "reader@example.org")
    assert dkim.verify(data, dnsfunc=key.dns)
    head, _, body = data.partition(b"\r\n\r\n")
    added = head + b"\r\nList-Unsubscribe: <https://evil.example/x>\r\n\r\n" + body
    assert not dkim.verify(added, dnsfunc=key.dns)


def test_without_a_key_mail_leaves_unsigned(
    db, smtp_sink, settings, issue, django_capture_on_commit_callbacks
):
    settings.MASTHEAD_DKIM = {"KEY_FILE": "", "SELECTOR": "", "DOMAIN": ""}
    send(issue, django_capture_on_commit_callbacks)
    data = received(smtp_sink, "reader@example.org")
    assert b"DKIM-Signature" not in data


def test_a_key_that_has_gone_sends_nothing_unsigned(
    signing, settings, issue, tmp_path, django_capture_on_commit_callbacks
):
    from mailing.models import Delivery

    settings.MASTHEAD_DKIM = {**settings.MASTHEAD_DKIM, "KEY_FILE": str(tmp_path / "gone.pem")}
    send(issue, django_capture_on_commit_callbacks)  # the delivery task fails, loudly
    assert signing.received == []
    assert Delivery.objects.get().status == Delivery.Status.PENDING
