from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mailing import services
from mailing.models import Issue, IssueArticle
from testkit import builders

from .conftest import make_subscribers

ADMIN = "wagtailsnippets_mailing_issue"


@pytest.fixture
def composed(issue, section, author):
    article = builders.make_article(
        section, authors=[author], title="Bridges reopen", standfirst="Traffic resumes."
    )
    draft = builders.make_article(section, authors=[author], title="Unpublished", publish=False)
    IssueArticle.objects.create(issue=issue, article=article, sort_order=0)
    IssueArticle.objects.create(issue=issue, article=draft, sort_order=1)
    return issue


def test_preview_renders_the_html_email_and_the_text_part(admin_client, composed, rf):
    edit = admin_client.get(reverse(f"{ADMIN}:edit", args=[composed.pk]))
    assert edit.status_code == 200
    assert reverse(f"{ADMIN}:preview_on_edit", args=[composed.pk]) in edit.content.decode()
    body = composed.serve_preview(rf.get("/"), "html").content.decode()
    assert "Bridges reopen" in body and "Unpublished" not in body
    assert "max-width: 600px" in body
    assert "View in browser" in body
    assert "%%MASTHEAD" not in body
    text = composed.serve_preview(rf.get("/"), "text")
    assert text["Content-Type"].startswith("text/plain")
    assert "Bridges reopen" in text.content.decode()


def test_compose_renders_cards_in_order_and_the_text_part(composed, mailing_settings):
    from mailing import rendering

    rendered = rendering.issue_render(composed)
    assert "Bridges reopen" in rendered.html
    assert "Traffic resumes." in rendered.text
    assert "Good morning. Here is what matters." in rendered.text
    assert "<style" in rendered.html  # media queries kept; the rules are also inlined
    assert 'style="' in rendered.html


def test_send_a_test_to_me(admin_client, composed, smtp_sink, mailing_settings):
    response = admin_client.post(reverse(f"{ADMIN}:send_test", args=[composed.pk]))
    assert response.status_code == 302
    [message] = smtp_sink.to("boss@example.org")
    assert message["Subject"] == "[Test] Tuesday: what happened overnight"
    assert composed.deliveries.count() == 0
    composed.refresh_from_db()
    assert composed.status == Issue.Status.DRAFT


def test_send_now_asks_for_confirmation_then_sends(
    admin_client, issue, newsletter, smtp_sink, mailing_settings, django_capture_on_commit_callbacks
):
    make_subscribers(newsletter, 2)
    url = reverse(f"{ADMIN}:send", args=[issue.pk])
    confirm = admin_client.get(url)
    assert b"2 current subscribers" in confirm.content
    assert issue.deliveries.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert len(smtp_sink.messages) == 2
    inspect = admin_client.get(reverse(f"{ADMIN}:inspect", args=[issue.pk]))
    assert b"2 sent \xc2\xb7 0 failed \xc2\xb7 0 skipped \xc2\xb7 0 remaining" in inspect.content
    listing = admin_client.get(reverse(f"{ADMIN}:list"))
    assert b"2 sent" in listing.content


def test_schedule_then_the_periodic_job_starts_it_when_due(
    admin_client, issue, newsletter, smtp_sink, mailing_settings, django_capture_on_commit_callbacks
):
    from mailing import periodic

    make_subscribers(newsletter, 1)
    when = timezone.now() + timedelta(hours=1)
    response = admin_client.post(
        reverse(f"{ADMIN}:schedule", args=[issue.pk]),
        {"when": timezone.localtime(when).strftime("%Y-%m-%d %H:%M")},
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED

    periodic.issues_start_due()  # not due yet
    assert smtp_sink.messages == []
    Issue.objects.filter(pk=issue.pk).update(scheduled_for=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        periodic.issues_start_due()
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT
    assert len(smtp_sink.messages) == 1


def test_scheduling_in_the_past_is_refused(admin_client, issue):
    response = admin_client.post(
        reverse(f"{ADMIN}:schedule", args=[issue.pk]), {"when": "2020-01-01 10:00"}
    )
    assert response.status_code == 200
    assert b"Choose a time in the future" in response.content


def test_web_view_shows_sent_issues_only(client, issue, newsletter, mailing_settings):
    url = reverse("mailing:issue_web", args=[issue.pk])
    assert client.get(url).status_code == 404
    make_subscribers(newsletter, 1)
    services.issue_start(issue_id=issue.pk)
    response = client.get(url)
    assert response.status_code == 200
    assert b"%%MASTHEAD" not in response.content
    assert b"Tuesday: what happened overnight" in response.content


def test_stale_sends_are_resumed_by_the_periodic_job(
    issue, newsletter, smtp_sink, mailing_settings, django_capture_on_commit_callbacks
):
    from mailing import periodic

    make_subscribers(newsletter, 2)
    services.issue_start(issue_id=issue.pk)  # its task never ran: the worker "died"
    periodic.issues_resume()  # heartbeat still fresh: nothing to do
    assert smtp_sink.messages == []
    Issue.objects.filter(pk=issue.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=5))
    periodic.issues_resume()
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT
    assert len(smtp_sink.messages) == 2
