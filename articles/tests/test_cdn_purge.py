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

from core import testing
from live import services as live_services
from masthead.settings import base as base_settings

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


class CloudflareAPI:
    """Cloudflare's purge API as a local receiver: records each POST's body and credentials,
    answers as Cloudflare does. Wagtail's backend is pointed at it by rewriting the host."""

    def __init__(self):
        self.calls = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                api.calls.append((self.path, self.headers["Authorization"], body))
                answer = json.dumps({"success": True, "errors": [], "result": {}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def files(self):
        return [url for _, _, body in self.calls for url in body["files"]]


@pytest.fixture
def cloudflare(settings, monkeypatch):
    api = CloudflareAPI()
    api.thread.start()
    real_post = cloudflare_backend.requests.post
    local = f"http://127.0.0.1:{api.server.server_port}"

    def post(url, **kwargs):
        assert url.startswith("https://api.cloudflare.com/")
        return real_post(url.replace("https://api.cloudflare.com", local, 1), **kwargs)

    monkeypatch.setattr(cloudflare_backend.requests, "post", post)
    monkeypatch.setenv("MASTHEAD_CDN_BACKEND", "cloudflare")
    monkeypatch.setenv("MASTHEAD_CLOUDFLARE_TOKEN", "token-123")
    monkeypatch.setenv("MASTHEAD_CLOUDFLARE_ZONE", "zone-9")
    settings.WAGTAILFRONTENDCACHE = base_settings.frontend_cache_settings(environ.Env())
    yield api
    api.server.shutdown()
    api.server.server_close()


def test_cloudflare_gets_every_changed_url_with_the_token(
    cloudflare, section, author, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = testing.make_article(section, authors=[author], tags=["floods"])
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
