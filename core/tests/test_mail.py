"""Every email says who sent it as the newsroom: its name in From, the newsroom's time zone in
Date, its domain in Message-ID; never "The Newsroom", UTC's "-0000" or this machine's host.
Read from what a real SMTP server received."""

import email.utils
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from core.models import NewsroomSettings

ADDRESS = "newsletters@ledger.example"


@pytest.fixture
def newsroom(db, smtp_sink, settings):
    """The Ledger, whose mail leaves from ledger.example (set with a name of its own)."""
    settings.DEFAULT_FROM_EMAIL = f"The Newsroom <{ADDRESS}>"
    settings.MASTHEAD_NEWSLETTER_BASE_URL = "https://ledger.example"
    settings.TIME_ZONE = "Europe/Kyiv"
    row = NewsroomSettings.load()
    row.name = "The Ledger"
    row.save()
    return row


def sign_up(client, address, newsletter, django_capture_on_commit_callbacks):
    from newsletters.forms import started_token

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/newsletters/signup/",
            {
                "email": address,
                "newsletters": [newsletter.slug],
                "started": started_token(at=time.time() - 60),
                "homepage": "",
            },
        )
    assert response.status_code == 303


def assert_from_the_newsroom(message, *, display_name="The Ledger"):
    assert message["From"] == f"{display_name} <{ADDRESS}>"
    # Dated in the newsroom's time zone, as its readers live: the offset Kyiv has today.
    sent = email.utils.parsedate_to_datetime(message["Date"])
    kyiv = datetime.now(ZoneInfo("Europe/Kyiv")).utcoffset()
    assert sent.utcoffset() == kyiv and not message["Date"].endswith("-0000")
    assert message["Message-ID"].startswith("<")
    assert message["Message-ID"].endswith("@ledger.example>")


def test_confirmation_comes_from_the_newsroom(
    client, newsroom, smtp_sink, django_capture_on_commit_callbacks
):
    from newsletters.models import Newsletter

    newsletter = Newsletter.objects.create(name="River Notes", slug="river-notes")
    sign_up(client, "reader@example.org", newsletter, django_capture_on_commit_callbacks)
    [message] = smtp_sink.to("reader@example.org")
    assert message["Subject"] == "Confirm your subscription to River Notes"
    assert_from_the_newsroom(message)


def test_password_reset_comes_from_the_newsroom(client, newsroom, smtp_sink):
    User.objects.create_user("desk", "desk@example.org", "pw", is_staff=True)
    response = client.post("/admin/password_reset/", {"email": "desk@example.org"})
    assert response.status_code == 302
    [message] = smtp_sink.to("desk@example.org")
    assert_from_the_newsroom(message)


def test_an_issue_comes_from_its_newsletter_at_the_newsroom(
    newsroom, smtp_sink, django_capture_on_commit_callbacks
):
    from mailing import services
    from mailing.models import Issue
    from newsletters.models import Newsletter, Subscriber, Subscription

    newsletter = Newsletter.objects.create(name="The Morning", slug="the-morning")
    subscriber = Subscriber.objects.create(email="reader@example.org")
    Subscription.objects.create(
        subscriber=subscriber,
        newsletter=newsletter,
        status=Subscription.Status.SUBSCRIBED,
        confirmed_at=timezone.now(),
    )
    issue = Issue.objects.create(newsletter=newsletter, subject="Tuesday")
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_start(issue_id=issue.pk)
    [message] = smtp_sink.to("reader@example.org")
    assert_from_the_newsroom(message, display_name="The Morning")


def test_other_django_mail_is_dated_and_identified_on_the_newsroom_domain(newsroom, smtp_sink):
    """Whatever else leaves by SMTP (Wagtail's notifications, say) without its own headers."""
    from django.core.mail import send_mail

    send_mail("Review", "A page awaits review.", f"The Ledger <{ADDRESS}>", ["ed@example.org"])
    [message] = smtp_sink.to("ed@example.org")
    assert_from_the_newsroom(message)


def test_without_an_address_set_mail_comes_from_the_site_name_and_host():
    """DJANGO_DEFAULT_FROM_EMAIL unset: the newsroom's name and the public site's domain."""
    code = "from django.conf import settings; print(settings.DEFAULT_FROM_EMAIL)"
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "masthead.settings.base",
        "MASTHEAD_NEWSROOM_NAME": "The Ledger",
        "MASTHEAD_BASE_URL": "https://www.ledger.example",
    }
    result = subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "The Ledger <newsletters@ledger.example>"


def test_a_new_newsroom_is_named_by_masthead_newsroom_name(db, settings):
    settings.WAGTAIL_SITE_NAME = "The Ledger"
    NewsroomSettings.objects.all().delete()
    assert NewsroomSettings.load().name == "The Ledger"
