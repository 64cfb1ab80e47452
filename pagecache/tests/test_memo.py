"""What every render reads first is read once per process, and never outlives a change.

pagecache/memo.py keeps the request's Site and root page, the newsroom settings and
whether any page is private until the next invalidation. These tests change each of them as
the admin does (the change commits, so its invalidation runs) and read the next page with the
page cache off: the reader sees the change at once.
"""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from core.models import NewsroomSettings
from pagecache import memo
from testkit import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(section, author):
    return builders.make_article(section, authors=[author], title="Ferry timetable changes")


def test_a_second_render_reads_none_of_it_again(client, article):
    client.get(article.url)
    with CaptureQueriesContext(connection) as second:
        assert client.get(article.url).status_code == 200
    # The table each query reads first (listings ask about restrictions in subqueries only).
    tables = {re.match(r'SELECT .*? FROM "(\w+)"', q["sql"])[1] for q in second.captured_queries}
    assert tables.isdisjoint(
        {"wagtailcore_site", "core_newsroomsettings", "wagtailcore_pageviewrestriction"}
    )
    assert "articles_homepage" not in tables  # the root page, as its own type


def test_a_published_edit_and_an_unpublish_show_on_the_next_page(
    client, article, django_capture_on_commit_callbacks
):
    assert "Ferry timetable changes" in client.get(article.url).content.decode()
    article.title = "Ferry timetable changes again"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert "Ferry timetable changes again" in client.get(article.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(article.url).status_code == 404


def test_a_draft_does_not_reach_readers(client, article):
    client.get(article.url)
    article.title = "Draft headline"
    article.save_revision()  # saved, not published: nothing invalidates, nothing changes
    page = client.get(article.url).content.decode()
    assert "Ferry timetable changes" in page and "Draft headline" not in page


def test_new_newsroom_name_shows_on_the_next_page(
    client, article, django_capture_on_commit_callbacks
):
    assert "Evening Ledger" not in client.get(article.url).content.decode()
    newsroom = NewsroomSettings.load()
    newsroom.name = "Evening Ledger"
    with django_capture_on_commit_callbacks(execute=True):
        newsroom.save()
    assert "Evening Ledger" in client.get(article.url).content.decode()


def test_a_page_made_private_asks_for_a_login_at_once(
    client, article, django_capture_on_commit_callbacks
):
    assert client.get(article.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.LOGIN
        )
    response = client.get(article.url)
    assert response.status_code == 302 and "/login" in response["Location"]

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert client.get(article.url).status_code == 200


def test_a_new_root_page_is_served_at_once(
    client, home, article, django_capture_on_commit_callbacks
):
    assert client.get(article.url).status_code == 200
    new_home = builders.make_home()  # another front page, made the site's root
    with django_capture_on_commit_callbacks(execute=True):
        Site.objects.filter(is_default_site=True).get().save()
    assert client.get(article.url).status_code == 404  # not under the new root
    assert client.get("/").context["page"].pk == new_home.pk


def test_nothing_is_kept_from_inside_a_transaction(rf, article):
    request = rf.get("/")
    with transaction.atomic():
        memo.newsroom_settings(request, NewsroomSettings.load)
    assert memo.memo.values == {}
    memo.newsroom_settings(request, NewsroomSettings.load)
    assert list(memo.memo.values) == [("newsroom",)]
