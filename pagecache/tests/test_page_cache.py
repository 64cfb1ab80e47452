"""The page cache as readers and editors meet it: hits, headers, ETags, who is never cached."""

import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from pagecache import store
from testkit import builders
from testkit.servers import free_port

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
    return builders.make_article(section, authors=[author], title="Dam repairs begin")


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
    article = builders.make_article(section, authors=[author])
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
    from pagecache.wsgi import PageCacheFront

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


def forget(*keys):
    """The store loses these keys, as when it is full (culled, evicted) or partly cleared."""
    from django.core.cache import caches

    for alias in ("pages", "page_tags"):
        caches[alias].delete_many(keys)


def test_a_page_whose_tag_time_the_store_lost_is_never_served(client, page_cache, article):
    """An edit's tag time gone from the store: the copy from before the edit is not current."""
    client.get(article.url)
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"
    store._invalidate_now({f"page:{article.pk}"})  # another process's edit, committed
    forget(f"tag:page:{article.pk}")
    assert client.get(article.url)["X-Masthead-Cache"] == "miss"
    # Rendered again, it is current again.
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"
    store.local_entries().clear()  # and for another process, from the shared store
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"


def test_a_render_stored_after_its_tag_time_was_lost_stays_refused(client, page_cache, article):
    """A slow render, begun before an edit, stored once the edit's tag time is lost: the time
    its tag is given again must still be later than that render."""
    key = f"page:http://testserver{article.url}?"
    client.get(article.url)
    old = store.local_entries().entries[key]
    store._invalidate_now({f"page:{article.pk}"})
    forget(f"tag:page:{article.pk}")
    store.save(key, old)
    store.local_entries().clear()
    assert client.get(article.url)["X-Masthead-Cache"] == "miss"


def test_a_lost_epoch_has_every_copy_checked_again(client, page_cache, article):
    """This process's copy was checked at an epoch the store no longer has: with the tag times
    lost as well (a store emptied behind its back), it is not current."""
    client.get(article.url)
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"
    store._invalidate_now({f"page:{article.pk}"})
    client.get(article.url)
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"
    forget("epoch", "tag:site", f"tag:page:{article.pk}")
    assert client.get(article.url)["X-Masthead-Cache"] == "miss"
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"


def test_a_listing_is_stored_once_per_page_it_has(client, page_cache, section, author, settings):
    from urllib.parse import urlencode

    settings.MASTHEAD_PAGE_SIZE = 2
    articles = [builders.make_article(section, authors=[author], tags=["rail"]) for _ in range(9)]
    listings = ["/", section.url, f"/author/{author.slug}/", "/tag/rail/", "/news-feed/"]
    junk = ["01", "0", "-1", "1.0", "abc", "", "99999", "2 "]
    for url in listings:
        for page in junk:
            assert client.get(url, {"page": page}).status_code == 404, (url, page)
            assert (
                store._store().get(f"page:http://testserver{url}?{urlencode({'page': page})}")
                is None
            )
        response = client.get(f"{url}?page=1&page=2")
        assert response.status_code == 404
    # The pages a listing has are stored as ever.
    for url in ["/?page=2", f"{section.url}?page=3"]:
        assert client.get(url)["X-Masthead-Cache"] == "miss"
        assert client.get(url)["X-Masthead-Cache"] == "hit"
    # A page that is not a listing answers the same to any ?page=, and stores none of them.
    for page in ["2", "3"]:
        response = client.get(articles[0].url, {"page": page})
        assert response.status_code == 200
        assert "X-Masthead-Cache" not in response
        assert "X-Masthead-Cache" not in client.get(articles[0].url, {"page": page})
    stored = [key for key in store.local_entries().entries if key.startswith("page:")]
    assert sorted(stored) == sorted(
        ["page:http://testserver/?page=2", f"page:http://testserver{section.url}?page=3"]
    )


def test_tag_times_on_files_are_added_once_by_racing_writers(tmp_path):
    """Two processes storing pages with a new tag both add its time: one wins, and an add never
    replaces a time already there (an invalidation's)."""
    import threading

    from pagecache.tagcache import TagFileCache

    tags = TagFileCache(str(tmp_path), {})
    writers = 16
    start = threading.Barrier(writers)
    won = []

    def add(n):
        start.wait()
        if tags.add("tag:page:1", n, None):
            won.append(n)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1
    assert tags.get("tag:page:1") == won[0]
    tags.set("tag:page:1", "invalidated", None)
    assert not tags.add("tag:page:1", "older", None)
    assert tags.get("tag:page:1") == "invalidated"
    assert all(path.suffix == ".djcache" for path in tmp_path.iterdir())  # no file left over


def test_a_store_that_refuses_writes_costs_a_render_never_the_page(
    client, page_cache, article, settings
):
    """Redis at its maxmemory with ``noeviction`` (its default) refuses every write: readers
    still get their page, rendered each time, and nothing stale is served."""
    pages = settings.CACHES["pages"]
    if "redis" not in pages["BACKEND"].lower():
        pytest.skip("only Redis refuses writes when full")
    import redis

    server = redis.Redis.from_url(pages["LOCATION"])
    server.config_set("maxmemory-policy", "noeviction")
    server.config_set("maxmemory", 1)  # below what it holds already: every write refused
    try:
        with pytest.raises(redis.exceptions.ResponseError, match="maxmemory"):
            server.set("probe", b"x" * 4096)
        answers = [client.get(article.url) for _ in range(2)]
    finally:
        server.config_set("maxmemory", 0)
    assert [answer.status_code for answer in answers] == [200, 200]
    assert [answer["X-Masthead-Cache"] for answer in answers] == ["miss", "miss"]
    assert all("Dam repairs begin" in answer.content.decode() for answer in answers)


def test_with_its_store_unreachable_the_site_serves_every_page_uncached(
    client, page_cache, article, settings
):
    """Redis down (nothing listens on its port): readers get their pages, none from a store."""
    pages = settings.CACHES["pages"]
    if "redis" not in pages["BACKEND"].lower():
        pytest.skip("a file cache is on this machine's disk")
    working = settings.CACHES
    closed = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    settings.CACHES = {
        **working,
        "pages": {**pages, "LOCATION": closed},
        "page_tags": {**working["page_tags"], "LOCATION": closed},
    }
    try:
        answers = [client.get(article.url) for _ in range(2)]
    finally:
        settings.CACHES = working  # the fixture empties the store afterwards
    assert [answer.status_code for answer in answers] == [200, 200]
    assert [answer["X-Masthead-Cache"] for answer in answers] == ["miss", "miss"]
    assert "Dam repairs begin" in answers[1].content.decode()
