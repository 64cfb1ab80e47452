"""Newsletters for members, delivered through a real SMTP server: a paid newsletter reaches
only readers who pay when it is sent, and an issue's paid-only section reaches paying readers
while everyone else (both parts of their email, the web version) gets a call to action.
Each variant is rendered once per issue, and every reader still gets exactly one message."""

from unittest import mock

import pytest

from articles.access import Access
from articles.models import ArticlePage
from mailing import rendering, services
from mailing.models import Delivery, Issue, IssueArticle
from newsletters.models import Subscription
from newsletters.services import subscriber_access_update
from testkit import builders

from .conftest import make_subscribers
from .test_delivery import deliver_all

pytestmark = pytest.mark.django_db

SECRET = "The minister resigns on Friday."
CTA = "This part is for paying members"


@pytest.fixture
def smtp(smtp_sink, mailing_settings):
    return smtp_sink


def pay(*subscribers):
    for subscriber in subscribers:
        subscriber_access_update(subscriber=subscriber, paid=True)


def parts(message):
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


def recipients(smtp):
    return sorted(r for rcpts, _ in smtp.messages for r in rcpts)


def test_a_paid_newsletter_reaches_only_readers_paying_when_it_is_sent(
    smtp, newsletter, issue, django_capture_on_commit_callbacks
):
    newsletter.audience = "paid"
    newsletter.save()
    readers = make_subscribers(newsletter, 4)
    pay(readers[1], readers[2], readers[3])
    services.issue_start(issue_id=issue.pk)
    assert issue.deliveries.count() == 3  # the free reader is not on the list
    # Reader 3 stops paying between the start and their batch: skipped, still subscribed.
    subscriber_access_update(subscriber=readers[3], paid=False)
    deliver_all(issue)
    assert recipients(smtp) == ["reader1@example.org", "reader2@example.org"]
    skipped = Delivery.objects.get(email="reader3@example.org")
    assert skipped.status == Delivery.Status.SKIPPED
    assert Subscription.objects.get(subscriber=readers[3]).status == "subscribed"
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


@pytest.fixture
def paid_section_issue(issue):
    issue.body = [
        {"type": "text", "value": "<p>For everyone: the budget passed.</p>"},
        {
            "type": "paid_section",
            "value": {"heading": "Inside the cabinet", "body": f"<p>{SECRET}</p>"},
        },
    ]
    issue.save()
    return issue


def test_the_paid_section_reaches_paying_readers_and_a_call_to_action_everyone_else(
    smtp, client, newsletter, paid_section_issue, django_capture_on_commit_callbacks
):
    issue = paid_section_issue
    free, paid, other = make_subscribers(newsletter, 3)
    pay(paid)
    renders = mock.patch.object(rendering, "issue_render", wraps=rendering.issue_render)
    with renders as render, django_capture_on_commit_callbacks(execute=True):
        services.issue_start(issue_id=issue.pk)
    assert [call.kwargs.get("paid", False) for call in render.call_args_list] == [False, True]

    assert recipients(smtp) == [free.email, paid.email, other.email]
    for reader in (free, other):
        [message] = smtp.to(reader.email)
        text, html = parts(message)
        assert "the budget passed" in text and "the budget passed" in html
        assert SECRET not in text and SECRET not in html
        assert "Inside the cabinet" not in text + html
        assert f"{CTA} — Become a member: https://news.example.org/membership/" in text
        assert CTA in html and 'href="https://news.example.org/membership/"' in html
        assert message["List-Unsubscribe"][1:-1] in text  # still their own links
    [message] = smtp.to(paid.email)
    text, html = parts(message)
    assert SECRET in text and SECRET in html and "Inside the cabinet" in html
    assert CTA not in text + html
    assert message["List-Unsubscribe"][1:-1] in text
    assert "Hi Reader1," in text and "%%MASTHEAD" not in text + html

    # The web version ("View in browser") is the free variant, for anyone with the link.
    web = client.get(f"/newsletters/issues/{issue.pk}/").content.decode()
    assert SECRET not in web and CTA in web


def test_a_resumed_batch_sends_each_reader_once_in_their_variant(
    smtp, newsletter, paid_section_issue
):
    readers = make_subscribers(newsletter, 6)
    pay(*readers[::2])
    services.issue_start(issue_id=paid_section_issue.pk)
    services.issue_deliver_batch(issue_id=paid_section_issue.pk, size=2)
    deliver_all(paid_section_issue)
    deliver_all(paid_section_issue)  # nothing left to send
    assert recipients(smtp) == sorted(reader.email for reader in readers)
    for n, reader in enumerate(readers):
        [message] = smtp.to(reader.email)
        assert (SECRET in parts(message)[0]) is (n % 2 == 0)


def test_the_previews_show_both_variants(rf, paid_section_issue):
    request = rf.get("/")
    for mode, shown in (("html", True), ("text", True), ("html_free", False), ("text_free", False)):
        body = paid_section_issue.serve_preview(request, mode).content.decode()
        assert (SECRET in body) is shown and (CTA in body) is not shown


def test_an_issue_without_a_paid_section_is_rendered_once(newsletter, issue):
    make_subscribers(newsletter, 2)
    with mock.patch.object(rendering, "issue_render", wraps=rendering.issue_render) as render:
        services.issue_start(issue_id=issue.pk)
    assert render.call_count == 1
    issue.refresh_from_db()
    assert issue.rendered_html and not issue.rendered_paid_html


def test_a_paid_readers_card_for_a_paid_article_shows_only_its_preview(
    issue, section, author, mailing_settings
):
    article = builders.make_article(
        section,
        authors=[author],
        title="Ferry contract",
        standfirst="",
        body=[
            ("paragraph", "<p>The council met on Monday.</p>"),
            ("preview_end", None),
            ("paragraph", "<p>Only members learn that the ferry contract was cancelled.</p>"),
        ],
    )
    ArticlePage.objects.filter(pk=article.pk).update(access=Access.PAID)
    IssueArticle.objects.create(issue=issue, article=article, sort_order=0)
    issue.body = [{"type": "paid_section", "value": {"heading": "", "body": "<p>x</p>"}}]
    issue.save()
    variants = rendering.issue_render_variants(issue)
    for rendered in (variants.free, variants.paid):
        assert "The council met on Monday." in rendered.html + rendered.text
        assert "ferry contract was cancelled" not in rendered.html + rendered.text


def test_editors_add_a_paid_section_in_the_admin(admin_client, issue):
    page = admin_client.get(f"/admin/snippets/mailing/issue/edit/{issue.pk}/")
    assert page.status_code == 200 and "Paid-only section" in page.content.decode()
