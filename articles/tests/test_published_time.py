"""An editor's "Published" time is the article's date everywhere; a past one backdates it, a
future one schedules it (editorial/publication_time.py). In the browser:
e2e/test_admin_published_time.py."""

import calendar
import datetime
import json
import re
import zoneinfo

import feedparser
import pytest
from django.conf import settings
from django.utils import dateformat, timezone
from wagtail.models import Revision

from articles.models import ArticlePage
from editorial.services import scheduled_publish_due
from editorial.tests.test_roles import article_form
from testkit import builders

KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")
FIELD_FORMAT = settings.WAGTAIL_DATETIME_FORMAT  # what the admin's date and time picker writes


@pytest.fixture(autouse=True)
def newsroom_time_zone(settings):
    settings.TIME_ZONE = "Europe/Kyiv"


def add_url(section):
    return f"/admin/pages/add/articles/articlepage/{section.pk}/"


def newsroom_minute(value):
    return timezone.localtime(value, KYIV).replace(second=0, microsecond=0)


def publish_new(client, section, author, published, **fields):
    data = article_form(author, action="publish", **fields)
    data["first_published_at"] = (
        "" if published is None else timezone.localtime(published, KYIV).strftime(FIELD_FORMAT)
    )
    response = client.post(add_url(section), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return ArticlePage.objects.get(slug="bridge-reopens")


def test_a_past_time_backdates_the_article_for_every_reader(admin_client, client, section, author):
    builders.make_article(
        section,
        authors=[author],
        title="Yesterday's news",
        published_at=(timezone.now() - datetime.timedelta(days=1)),
    )
    past = newsroom_minute(timezone.now() - datetime.timedelta(days=3, hours=2))
    article = publish_new(admin_client, section, author, past)
    assert article.live and article.first_published_at == past
    client.logout()

    html = client.get(article.url).content.decode()
    shown = dateformat.format(past, "F j, Y g:i A")
    assert f'<time datetime="{past.isoformat()}">{shown}</time>' in html
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["datePublished"] == past.isoformat()
    assert f'"article:published_time" content="{past.isoformat()}"' in html
    feed = feedparser.parse(client.get("/rss/").content)
    assert [entry.title for entry in feed.entries] == ["Yesterday's news", "Bridge reopens"]
    assert calendar.timegm(feed.entries[1].published_parsed) == past.timestamp()
    # Out of the Google News window (the last 48 hours), as an old story should be.
    assert "Bridge reopens" not in client.get("/news-sitemap.xml").content.decode()
    front = client.get("/").content.decode()
    assert front.index("Yesterday&#x27;s news") < front.index("Bridge reopens")


def test_a_recent_backdated_time_is_the_news_sitemaps_publication_date(
    admin_client, client, section, author
):
    past = newsroom_minute(timezone.now() - datetime.timedelta(hours=5))
    publish_new(admin_client, section, author, past)
    client.logout()
    sitemap = client.get("/news-sitemap.xml").content.decode()
    assert f"<news:publication_date>{past.isoformat()}</news:publication_date>" in sitemap


def test_an_empty_time_is_the_moment_of_publishing(admin_client, section, author):
    before = timezone.now()
    article = publish_new(admin_client, section, author, None)
    assert article.live and before <= article.first_published_at <= timezone.now()


def test_a_future_time_schedules_the_article_and_it_goes_live_dated_then(
    admin_client, client, section, author, django_capture_on_commit_callbacks
):
    future = newsroom_minute(timezone.now() + datetime.timedelta(hours=2))
    article = publish_new(admin_client, section, author, future)
    assert not article.live
    revision = Revision.objects.get(object_id=str(article.pk), approved_go_live_at__isnull=False)
    assert revision.approved_go_live_at == future
    assert scheduled_publish_due() == (0, 0)
    client.logout()
    assert "Bridge reopens" not in client.get(section.url).content.decode()

    # Two hours later (the times moved back rather than the clock forward).
    earlier = future - datetime.timedelta(hours=2, minutes=1)
    revision.approved_go_live_at = earlier
    revision.content["go_live_at"] = revision.content["first_published_at"] = earlier.isoformat()
    revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert scheduled_publish_due() == (1, 0)
    article.refresh_from_db()
    assert article.live and article.first_published_at == earlier
    assert "Bridge reopens" in client.get(section.url).content.decode()


def test_emptying_a_scheduled_articles_time_publishes_it_now(admin_client, section, author):
    future = timezone.now() + datetime.timedelta(days=2)
    article = publish_new(admin_client, section, author, future)
    assert not article.live and article.first_published_at is not None
    # Wagtail locks what is scheduled: the editor cancels the schedule to change it.
    revision = article.revisions.get(approved_go_live_at__isnull=False)
    unschedule = f"/admin/pages/{article.pk}/revisions/{revision.pk}/unschedule/"
    assert admin_client.post(unschedule).status_code == 302
    data = article_form(author, action="publish", article=article)
    data["first_published_at"] = ""
    before = timezone.now()
    response = admin_client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.live and before <= article.first_published_at <= timezone.now()


def test_an_edit_that_leaves_the_time_keeps_it_to_the_second(admin_client, section, author):
    published = timezone.now() - datetime.timedelta(hours=3, seconds=17, microseconds=5)
    article = builders.make_article(section, authors=[author], published_at=published)
    edit = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    shown = timezone.localtime(published, KYIV).strftime(FIELD_FORMAT)
    assert f'value="{shown}"' in edit
    data = article_form(author, title="Bridge reopens, updated", action="publish", article=article)
    data["first_published_at"] = shown
    assert admin_client.post(f"/admin/pages/{article.pk}/edit/", data).status_code == 302
    article.refresh_from_db()
    assert article.title == "Bridge reopens, updated" and article.first_published_at == published


def test_correcting_a_live_articles_time(admin_client, section, author):
    article = builders.make_article(section, authors=[author])
    corrected = newsroom_minute(timezone.now() - datetime.timedelta(days=400))
    data = article_form(author, action="publish", article=article)
    data["first_published_at"] = corrected.strftime(FIELD_FORMAT)
    assert admin_client.post(f"/admin/pages/{article.pk}/edit/", data).status_code == 302
    article.refresh_from_db()
    assert article.live and article.first_published_at == corrected


def test_times_are_the_newsrooms_whatever_time_zone_the_editor_chose(admin_client, section, author):
    from django.contrib.auth.models import User
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(User.objects.get(username="boss"))
    profile.current_time_zone = "America/New_York"
    profile.save()
    article = publish_new(
        admin_client, section, author, datetime.datetime(2025, 1, 10, 9, 0, tzinfo=KYIV)
    )
    assert article.first_published_at == datetime.datetime(2025, 1, 10, 9, 0, tzinfo=KYIV)
    edit = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert 'value="January 10, 2025 09:00 AM"' in edit and "Newsroom time (Europe/Kyiv)" in edit


def test_the_schedule_dialog_keeps_expiry_and_a_posted_go_live_time_does_nothing(
    admin_client, section, author
):
    html = admin_client.get(add_url(section)).content.decode()
    assert 'name="expire_at"' in html and "Set schedule" in html
    assert '<input type="hidden" name="go_live_at"' in html  # never shown, never read
    data = article_form(author, action="publish")
    data["go_live_at"] = (timezone.now() + datetime.timedelta(days=1)).strftime(FIELD_FORMAT)
    assert admin_client.post(add_url(section), data).status_code == 302
    article = ArticlePage.objects.get()
    assert article.live and article.go_live_at is None


def test_the_field_explains_itself(admin_client, section, author):
    html = admin_client.get(add_url(section)).content.decode()
    assert "A time in the past backdates it; one in the future schedules it." in html
    note = re.search(r'<p class="published-note[^>]*>', html).group(0)
    notes = json.loads(re.search(r'data-notes="([^"]*)"', note).group(1).replace("&quot;", '"'))
    assert notes["empty"] == "Empty: the article is dated the moment it is published."
    assert notes["future"].startswith("Scheduled: Publish makes the article live at {when}")
    assert notes["past"].startswith("Backdated:")
