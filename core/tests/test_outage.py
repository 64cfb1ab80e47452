"""The database down: stored pages still answer, however old; everything else is a 503."""

import dataclasses
import gzip
import logging
import time

import pytest
from django.db import ProgrammingError, connection
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from pagecache import memo, store
from testkit import builders
from testkit.outage import database_down

pytestmark = pytest.mark.django_db

STALE = "public, max-age=5"


@pytest.fixture
def article(section, author):
    return builders.make_article(section, authors=[author], title="Dam repairs begin")


@pytest.fixture
def editor(django_user_model):
    """A signed-in superuser's browser. Unlike the test client's default, it gets what a real one
    would when a middleware fails, rather than the exception re-raised in the test."""
    browser = Client(raise_request_exception=False)
    browser.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    return browser


def key(url):
    return f"page:http://testserver{url}?"


def warm(client, url):
    client.get(url)
    response = client.get(url)
    assert response["X-Masthead-Cache"] == "hit"
    return response


def assert_503_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("text/html")
    assert "X-Masthead-Cache" not in response
    page = response.content.decode()
    assert "Sorry, we're having technical trouble" in page
    assert '<link rel="stylesheet" href="/static/css/masthead.css">' in page
    assert "Traceback" not in page
    assert "OperationalError" not in page


def test_an_invalidated_page_is_answered_from_its_stored_copy(client, page_cache, article):
    cached = warm(client, article.url)
    store._invalidate_now({f"page:{article.pk}"})
    with database_down():
        response = client.get(article.url)
    assert response.status_code == 200
    assert response["X-Masthead-Cache"] == "stale"
    assert response["Cache-Control"] == STALE
    assert response.content == cached.content
    assert response["ETag"] == cached["ETag"]
    assert "Content-Security-Policy" in response  # stored with the page's security headers


def test_an_expired_page_is_answered_until_stale_if_error_runs_out(
    client, page_cache, article, settings
):
    warm(client, article.url)
    entry = store.lookup_stale(key(article.url))
    settings.MASTHEAD_PAGE_CACHE = {**settings.MASTHEAD_PAGE_CACHE, "STALE_IF_ERROR": 600}
    store.save(key(article.url), dataclasses.replace(entry, expires_at=time.time() - 60))
    # A worker started during the outage: it has read nothing yet (pagecache/memo.py; one
    # that has may render the page again from what it read, with no database).
    memo.clear()
    with database_down():
        assert client.get(article.url)["X-Masthead-Cache"] == "stale"
    store.save(key(article.url), dataclasses.replace(entry, expires_at=time.time() - 601))
    memo.clear()
    with database_down():
        assert_503_page(client.get(article.url))


def test_stored_pages_outlive_their_lifetime_in_the_store(client, page_cache, article, settings):
    settings.MASTHEAD_PAGE_CACHE = {**settings.MASTHEAD_PAGE_CACHE, "TIMEOUT": 5}
    stored_after = time.time()
    client.get(article.url)
    timeouts = store._store()._expire_info  # locmem: key -> when it is dropped
    [dropped_at] = [when for name, when in timeouts.items() if name.endswith(key(article.url))]
    stale_if_error = settings.MASTHEAD_PAGE_CACHE["STALE_IF_ERROR"]
    assert dropped_at > stored_after + stale_if_error  # its lifetime, then STALE_IF_ERROR more
    assert store.lookup(key(article.url), epoch=None, now=time.time() + 10) is None


def test_the_stale_copy_is_gzipped_and_answers_conditional_requests(client, page_cache, article):
    cached = warm(client, article.url)
    store._invalidate_now({f"page:{article.pk}"})
    with database_down():
        zipped = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
        not_modified = client.get(article.url, HTTP_IF_NONE_MATCH=cached["ETag"])
        head = client.head(article.url)
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == cached.content
    assert not_modified.status_code == 304
    assert not_modified["Cache-Control"] == STALE
    assert head.status_code == 200
    assert head.content == b""


def test_a_page_not_stored_gets_the_503_page(client, page_cache, home, article):
    warm(client, "/")
    with database_down():
        assert_503_page(client.get(article.url))
        # Another key of the same path is another page: never answered with the first one.
        assert_503_page(client.get("/?page=2"))
        assert client.get("/")["X-Masthead-Cache"] == "hit"


def test_the_503_page_carries_security_headers_and_the_retry_setting(client, home, settings):
    settings.MASTHEAD_OUTAGE_RETRY_AFTER = 120
    with database_down():
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert response["Cache-Control"] == "private, no-store"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_readers_with_a_session_are_never_answered_from_the_store(
    client, editor, page_cache, article
):
    warm(client, article.url)
    store._invalidate_now({f"page:{article.pk}"})
    with database_down():
        assert_503_page(editor.get(article.url))


def test_admin_pages_get_the_503_page(editor):
    with database_down():
        assert_503_page(editor.get("/admin/"))
        assert_503_page(editor.get("/admin/pages/"))


def test_json_endpoints_get_a_json_503(client, home):
    with database_down():
        response = client.get("/news-feed/updates.json")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "Please try again" in response.json()["message"]


class ReadsTheUser:
    """A middleware that reads the signed-in user before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user.is_authenticated  # noqa: B018 (the session and the user are read here)
        return self.get_response(request)


def test_errors_raised_in_middleware_get_the_503_page_and_one_log_line(
    home, editor, settings, caplog
):
    after_auth = settings.MIDDLEWARE.index(
        "django.contrib.auth.middleware.AuthenticationMiddleware"
    )
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[: after_auth + 1],
        "core.tests.test_outage.ReadsTheUser",
        *settings.MIDDLEWARE[after_auth + 1 :],
    ]
    caplog.set_level(logging.INFO)
    with database_down():
        responses = [editor.get(url) for url in ("/", "/admin/", "/news-feed/")]
    for response in responses:
        assert_503_page(response)
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.name == "core.outage"
    assert "OperationalError" in record.getMessage()
    assert "Connection refused" in record.getMessage()


def test_an_outage_is_logged_once_not_per_request(client, home, caplog):
    caplog.set_level(logging.INFO)
    with database_down():
        for _ in range(3):
            assert client.get("/").status_code == 503
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.name for r in errors] == ["core.outage"]
    assert "GET /" in errors[0].getMessage()


def test_other_database_errors_stay_errors(client, home):
    """A bug in a query is not an outage: no 503 and no stale page hides it."""

    def bad_sql(execute, sql, params, many, context):
        raise ProgrammingError("column does not exist")

    with connection.execute_wrapper(bad_sql), pytest.raises(ProgrammingError):
        client.get("/")


def test_a_stale_copy_answers_only_for_its_own_key(page_cache):
    entry = store.Entry(
        status=200,
        headers=[],
        body=b"front page",
        etag='"1"',
        tags=(),
        rendered_at=time.time(),
        expires_at=time.time() + 60,
        key="page:http://testserver/?",
    )
    store.save("page:http://testserver/?page=2", entry, keep_stale=True)
    assert store.lookup_stale("page:http://testserver/?page=2") is None
    store.save("page:http://testserver/?", entry, keep_stale=True)
    assert store.lookup_stale("page:http://testserver/?") == entry


@pytest.fixture
def other_page(home):
    """A page that never shows ``article``: another reporter's author page."""
    business = builders.make_section(home, title="Business")
    reporter = builders.make_author(name="Taras Melnyk")
    builders.make_article(business, authors=[reporter], title="Grain prices steady")
    return reverse("authors:detail", kwargs={"slug": reporter.slug})


def take_down(how, article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        if how == "unpublished":
            article.unpublish()
        elif how == "deleted":
            article.delete()
        else:
            PageViewRestriction.objects.create(
                page=article, restriction_type=PageViewRestriction.LOGIN
            )


@pytest.mark.parametrize("how", ["unpublished", "deleted", "made private"])
def test_a_story_taken_down_never_comes_back_as_a_stale_copy(
    client, page_cache, home, section, article, other_page, how,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    urls = {"article": article.url, "front page": "/", "section": section.url}
    for url in [*urls.values(), other_page]:
        warm(client, url)
    take_down(how, article, django_capture_on_commit_callbacks)
    memo.clear()  # a worker started during the outage
    with database_down():
        for name, url in urls.items():
            response = client.get(url)
            assert response.status_code == 503, name
            assert "Dam repairs begin" not in response.content.decode(), name
        # A page that never showed it is still answered from its copy (current, or stale when
        # the change refreshed every page: privacy may change the navigation).
        kept = client.get(other_page)
        assert kept.status_code == 200
        assert kept["X-Masthead-Cache"] == ("stale" if how == "made private" else "hit")


def test_an_edited_story_still_has_its_stale_copy(
    client, page_cache, article, django_capture_on_commit_callbacks
):
    warm(client, article.url)
    article.title = "Dam repairs begin on Monday"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    memo.clear()
    with database_down():
        response = client.get(article.url)
    assert response["X-Masthead-Cache"] == "stale"  # the last copy, better than no page
    page = response.content.decode()
    assert "Dam repairs begin" in page and "Dam repairs begin on Monday" not in page


def test_no_stale_copy_answers_once_the_store_has_lost_its_tag_times(
    client, page_cache, article, django_capture_on_commit_callbacks
):
    """A store that lost a page's tag times may have lost the withdrawal written with them: the
    story taken down then stays down too, rather than come back as its old copy."""
    from django.core.cache import caches

    warm(client, article.url)
    take_down("unpublished", article, django_capture_on_commit_callbacks)
    for alias in ("pages", "page_tags"):
        caches[alias].delete_many([f"tag:page:{article.pk}", f"withdrawn:page:{article.pk}"])
    memo.clear()
    with database_down():
        response = client.get(article.url)
    assert response.status_code == 503
    assert "Dam repairs begin" not in response.content.decode()
