"""Publishing purges the changed pages from the CDN: real HTTP receivers record the purges
(PURGE requests as Varnish gets them, and Cloudflare's purge API)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends import cloudflare as cloudflare_backend

from masthead.settings import base as base_settings
from newsfeed import services as live_services
from testkit import builders

pytestmark = pytest.mark.django_db


class LocalReceiver:
    """An HTTP server on 127.0.0.1, in a thread, answering with ``handle`` (a context manager
    stops it); subclasses record what they receive."""

    def __init__(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                receiver.handle(self)

            def do_POST(self):
                receiver.handle(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()


class PurgeReceiver(LocalReceiver):
    """A Varnish stand-in that answers every PURGE with 200 and remembers it."""

    def __init__(self):
        super().__init__()
        self.purges = []

    def handle(self, request):
        self.purges.append((request.headers["Host"], request.path))
        request.send_response(200)
        request.end_headers()

    def paths(self):
        return {path for _, path in self.purges}


@pytest.fixture
def cdn(settings):
    with PurgeReceiver() as receiver:
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": receiver.url,
            }
        }
        yield receiver


def test_publishing_an_article_purges_it_and_every_listing(
    cdn, section, author, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = builders.make_article(section, authors=[author], tags=["floods"])
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
    article = builders.make_article(section, authors=[author])
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
    with PurgeReceiver() as receiver:
        settings.WAGTAILFRONTENDCACHE = None
        with django_capture_on_commit_callbacks(execute=True):
            builders.make_article(section, authors=[author])
        assert receiver.purges == []


class CloudflareAPI(LocalReceiver):
    """Cloudflare's purge API: records each POST's path, credentials and body, and answers as
    Cloudflare does. Wagtail's backend reaches it with only the host of its URL rewritten."""

    def __init__(self):
        super().__init__()
        self.calls = []

    def handle(self, request):
        body = json.loads(request.rfile.read(int(request.headers["Content-Length"])))
        self.calls.append((request.path, request.headers["Authorization"], body))
        answer = json.dumps({"success": True, "errors": [], "result": {}}).encode()
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(answer)))
        request.end_headers()
        request.wfile.write(answer)

    def files(self):
        return [url for _, _, body in self.calls for url in body["files"]]


@pytest.fixture
def cloudflare(settings, monkeypatch):
    real_post = cloudflare_backend.requests.post
    with CloudflareAPI() as api:

        def post(url, **kwargs):
            assert url.startswith("https://api.cloudflare.com/")
            return real_post(url.replace("https://api.cloudflare.com", api.url, 1), **kwargs)

        monkeypatch.setattr(cloudflare_backend.requests, "post", post)
        monkeypatch.setenv("MASTHEAD_CDN_BACKEND", "cloudflare")
        monkeypatch.setenv("MASTHEAD_CLOUDFLARE_TOKEN", "token-123")
        monkeypatch.setenv("MASTHEAD_CLOUDFLARE_ZONE", "zone-9")
        settings.WAGTAILFRONTENDCACHE = base_settings.frontend_cache_settings(environ.Env())
        yield api


def test_cloudflare_gets_every_changed_url_with_the_token(
    cloudflare, section, author, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = builders.make_article(section, authors=[author], tags=["floods"])
    assert {path for path, _, _ in cloudflare.calls} == {"/client/v4/zones/zone-9/purge_cache"}
    assert {auth for _, auth, _ in cloudflare.calls} == {"Bearer token-123"}
    files = cloudflare.files()
    assert len(files) == len(set(files))
    assert {article.full_url, "http://testserver/", section.full_url} <= set(files)
    assert all(len(body["files"]) <= 30 for _, _, body in cloudflare.calls)  # Cloudflare's limit


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, None),
        (
            {"MASTHEAD_CDN_BACKEND": "http", "MASTHEAD_CDN_PURGE_URL": "http://varnish:6081"},
            {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
             "LOCATION": "http://varnish:6081"},
        ),
        (
            {"MASTHEAD_CDN_BACKEND": "cloudflare", "MASTHEAD_CLOUDFLARE_TOKEN": "t",
             "MASTHEAD_CLOUDFLARE_ZONE": "z"},
            {"BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
             "BEARER_TOKEN": "t", "ZONEID": "z"},
        ),
    ],
)  # fmt: skip
def test_the_cdn_is_chosen_by_settings(monkeypatch, variables, expected):
    for name in ("MASTHEAD_CDN_BACKEND", "MASTHEAD_CDN_PURGE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    chosen = base_settings.frontend_cache_settings(environ.Env())
    assert chosen == (None if expected is None else {"default": expected})


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"MASTHEAD_CDN_BACKEND": "fastly"}, "expected http, cloudflare, cloudfront or nothing"),
        ({"MASTHEAD_CDN_BACKEND": "http"}, "MASTHEAD_CDN_PURGE_URL"),
        ({"MASTHEAD_CDN_BACKEND": "cloudfront"}, "needs boto3"),
    ],
)
def test_a_bad_cdn_setting_is_a_clear_error_at_start(monkeypatch, variables, message):
    monkeypatch.delenv("MASTHEAD_CDN_PURGE_URL", raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        base_settings.frontend_cache_settings(environ.Env())
