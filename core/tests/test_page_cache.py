"""The page cache as readers and editors meet it: hits, headers, ETags, who is never cached."""

import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from core import testing
from core.pagecache import store

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_store(every_page_store):
    """Each test here runs on each production store: files (one machine) and Redis."""
    return every_page_store


PUBLIC = re.compile(
    r"^public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$"
)


@pytest.fixture
def article(section, author):
    return testing.make_article(section, authors=[author], title="Dam repairs begin")


def test_second_anonymous_request_is_served_from_the_cache(client, page_cache, article):
    first = client.get(article.url)
    second = client.get(article.url)
    assert first["X-Masthead-Cache"] == "miss"
    assert second["X-Masthead-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "Dam repairs begin" in second.content.decode()


def test_a_hit_needs_no_database(client, page_cache, article, django_assert_num_queries):
    client.get(article.url)
    with django_assert_num_queries(0):
        assert client.get(article.url)["X-Masthead-Cache"] == "hit"


def test_another_process_sees_the_stored_page_and_its_refresh(client, page_cache, article):
    client.get(article.url)
    store.local_entries().clear()  # as in a second worker process: only the shared store
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"
    store._invalidate_now({f"page:{article.pk}"})  # as done after another process's commit
    assert client.get(article.url)["X-Masthead-Cache"] == "miss"


def test_public_pages_send_public_cache_headers_and_no_cookies(client, article, home):
    for url in [article.url, home.url, "/news-feed/", "/rss/", "/sitemap.xml"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert PUBLIC.match(response["Cache-Control"]), (url, response["Cache-Control"])
        assert "Cookie" in response["Vary"]
        assert not response.cookies, url
        assert b"csrfmiddlewaretoken" not in response.content


def test_newsletter_forms_on_cached_pages_still_sign_up(page_cache, article, settings):
    from newsletters.models import Newsletter

    settings.MASTHEAD_NEWSLETTER_MIN_FILL_SECONDS = 0
    Newsletter.objects.create(name="Morning Brief", slug="morning", is_active=True)
    reader = Client(enforce_csrf_checks=True)
    reader.get(article.url)
    cached = reader.get(article.url)
    assert cached["X-Masthead-Cache"] == "hit"
    form = re.search(
        r'<form[^>]+action="/newsletters/signup/".*?</form>', cached.content.decode(), re.S
    )
    fields = dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', form.group(0)))
    fields.update(email="not an address", newsletters="morning")
    response = reader.post("/newsletters/signup/", fields)
    assert response.status_code == 400  # the form's own answer, not a CSRF failure
    assert "Please enter a correct email address" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    fields["email"] = "reader@example.org"
    # Sent without the script, the form comes back once with a token of its own (newsletters).
    again = reader.post("/newsletters/signup/", fields)
    fields["started"] = re.search(r'name="started" value="([^"]+)"', again.content.decode())[1]
    assert reader.post("/newsletters/signup/", fields).status_code == 303


def test_conditional_get_gets_304_on_miss_and_hit(client, page_cache, article):
    etag = client.get(article.url)["ETag"]
    for _ in range(2):
        response = client.get(article.url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert response["ETag"] == etag
        assert response.content == b""


def test_signed_in_editors_get_private_pages_with_edit_link(admin_client, page_cache, article):
    response = admin_client.get(article.url)
    assert response["Cache-Control"] == "private, no-store"
    assert "Edit post" in response.content.decode()
    assert "X-Masthead-Cache" not in response
    # and an anonymous reader never gets the editor's version
    reader = Client().get(article.url)
    assert "Edit post" not in reader.content.decode()
    assert PUBLIC.match(reader["Cache-Control"])


def test_admin_and_previews_are_private(admin_client, article):
    assert admin_client.get("/admin/")["Cache-Control"] == "private, no-store"
    edit = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    assert edit["Cache-Control"] == "private, no-store"
    draft = admin_client.get(f"/admin/pages/{article.pk}/view_draft/")
    assert draft.status_code == 200
    assert draft["Cache-Control"] == "private, no-store"


def test_anonymous_admin_login_is_private(client):
    response = client.get("/admin/login/")
    assert response["Cache-Control"] == "private, no-store"


def test_pages_nobody_marked_public_are_private(client, home):
    # A personal link (a newsletter confirmation) must never land in a shared cache.
    response = client.get("/newsletters/confirm/not-a-real-token/")
    assert response["Cache-Control"] == "private, no-store"
    assert client.get("/no-such-page/")["Cache-Control"] == "private, no-store"


def test_search_is_public_briefly_and_not_stored(client, page_cache, article):
    response = client.get("/search/?q=dam")
    assert PUBLIC.match(response["Cache-Control"])
    assert "X-Masthead-Cache" not in client.get("/search/?q=dam")


def test_tracking_parameters_share_the_page_and_others_skip_the_cache(client, page_cache, article):
    client.get(article.url)
    assert client.get(article.url + "?utm_source=newsletter")["X-Masthead-Cache"] == "hit"
    assert "X-Masthead-Cache" not in client.get(article.url + "?anything=1")


def test_readers_with_a_session_are_never_served_from_the_cache(client, page_cache, article):
    client.get(article.url)
    client.cookies["sessionid"] = "whatever"
    response = client.get(article.url)
    assert "X-Masthead-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"


def test_a_private_section_is_never_public(client, page_cache, section, author):
    article = testing.make_article(section, authors=[author])
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = client.get(article.url)
    assert "Dam" not in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_turning_the_cache_off_keeps_the_headers(client, settings, article):
    settings.MASTHEAD_PAGE_CACHE = {**settings.MASTHEAD_PAGE_CACHE, "ENABLED": False}
    response = client.get(article.url)
    assert "X-Masthead-Cache" not in response
    assert PUBLIC.match(response["Cache-Control"])


def _environ(path, **extra):
    import io
    import sys

    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        **extra,
    }


def test_the_wsgi_front_answers_stored_pages_without_django(client, page_cache, article):
    from core.pagecache.wsgi import PageCacheFront

    def django_must_not_run(environ, start_response):
        raise AssertionError(f"Django was asked for {environ['PATH_INFO']}")

    front = PageCacheFront(django_must_not_run)
    page = client.get(article.url)
    answered = {}

    def start_response(status, headers):
        answered.update(status=status, headers=dict(headers))

    body = b"".join(front(_environ(article.url), start_response))
    assert answered["status"] == "200 OK"
    assert body == page.content
    assert answered["headers"]["X-Masthead-Cache"] == "hit"
    assert answered["headers"]["Cache-Control"] == page["Cache-Control"]
    front(_environ(article.url, HTTP_IF_NONE_MATCH=page["ETag"]), start_response)
    assert answered["status"] == "304 Not Modified"
    # A session, an unknown parameter or a POST goes to Django.
    for environ in [
        _environ(article.url, HTTP_COOKIE="sessionid=abc"),
        _environ(article.url, QUERY_STRING="q=1"),
        _environ(article.url, REQUEST_METHOD="POST"),
    ]:
        with pytest.raises(AssertionError, match="Django was asked"):
            front(environ, start_response)


def test_editors_never_read_or_store_fragments(admin_client, page_cache, article):
    admin_client.get(article.url)
    assert not [key for key in store.local_entries().entries if key.startswith("fragment:")]


def test_stored_pages_go_compressed_to_readers_who_accept_gzip(client, page_cache, article):
    import gzip

    plain = client.get(article.url)
    hit = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert hit["X-Masthead-Cache"] == "hit"
    assert hit["Content-Encoding"] == "gzip"
    assert gzip.decompress(hit.content) == plain.content
    assert "Accept-Encoding" in hit["Vary"]
    assert len(hit.content) < len(plain.content) / 2
    again = client.get(article.url)
    assert "Content-Encoding" not in again
    assert again.content == plain.content
    not_modified = client.get(
        article.url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=hit["ETag"]
    )
    assert not_modified.status_code == 304
