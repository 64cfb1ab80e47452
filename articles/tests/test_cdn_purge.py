"""Publishing purges the changed pages from the CDN: a real HTTP receiver records the PURGEs."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from core import testing
from live import services as live_services

pytestmark = pytest.mark.django_db


class PurgeReceiver:
    """A Varnish stand-in on 127.0.0.1 that answers every PURGE with 200 and remembers it."""

    def __init__(self):
        self.purges = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                receiver.purges.append((self.headers["Host"], self.path))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}"

    def paths(self):
        return {path for _, path in self.purges}


@pytest.fixture
def cdn(settings):
    receiver = PurgeReceiver()
    receiver.thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": receiver.url,
        }
    }
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


def test_publishing_an_article_purges_it_and_every_listing(
    cdn, section, author, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = testing.make_article(section, authors=[author], tags=["floods"])
    assert {host for host, _ in cdn.purges} == {"testserver"}
    assert cdn.paths() >= {
        article.url,
        "/",
        section.url,
        reverse("authors:detail", kwargs={"slug": author.slug}),
        reverse("tags:detail", kwargs={"slug": "floods"}),
        "/rss/",
        reverse("syndication:section_rss", kwargs={"slug": section.slug}),
        reverse("syndication:author_rss", kwargs={"slug": author.slug}),
        reverse("syndication:tag_rss", kwargs={"slug": "floods"}),
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/news-sitemap.xml",
    }


def test_unpublishing_purges_the_article(cdn, section, author, django_capture_on_commit_callbacks):
    article = testing.make_article(section, authors=[author])
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert {article.url, "/", section.url} <= cdn.paths()


def test_a_news_feed_item_purges_the_pages_listing_items(
    cdn, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = live_services.news_item_publish(headline="Sirens", summary="Stay indoors.")
    assert {"/", "/news-feed/", "/news-feed/rss/", item.get_absolute_url()} <= cdn.paths()


def test_without_a_cdn_nothing_is_sent(
    settings, section, author, django_capture_on_commit_callbacks
):
    receiver = PurgeReceiver()
    receiver.thread.start()
    try:
        settings.WAGTAILFRONTENDCACHE = None
        with django_capture_on_commit_callbacks(execute=True):
            testing.make_article(section, authors=[author])
        assert receiver.purges == []
    finally:
        receiver.server.shutdown()
        receiver.server.server_close()
