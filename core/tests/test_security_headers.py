"""Every response carries the security headers, public pages, stored pages and the admin alike."""

import pytest

from pagecache.tests.test_page_cache import _environ
from testkit import builders

pytestmark = pytest.mark.django_db

COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def directives(response_headers):
    policy = response_headers["Content-Security-Policy"]
    return dict([*part.strip().split(" ", 1), ""][:2] for part in policy.split(";") if part.strip())


@pytest.fixture
def article(section, author):
    return builders.make_article(section, authors=[author], title="Night buses return")


def assert_common(headers):
    for name, value in COMMON.items():
        assert headers.get(name) == value, name
    assert "camera=()" in headers["Permissions-Policy"]
    csp = directives(headers)
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["form-action"] == "'self'"
    return csp


def test_reader_pages_get_a_strict_policy(client, article):
    csp = assert_common(client.get(article.url).headers)
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe" not in client.get(article.url)["Content-Security-Policy"]


def test_admin_pages_get_the_policy_with_wagtails_inline_code_allowed(client, admin_client):
    for response in (client.get("/admin/login/"), admin_client.get("/admin/")):
        csp = assert_common(response.headers)
        assert csp["frame-ancestors"] == "'self'"  # the admin's own preview frame
        assert csp["script-src"] == "'self' 'unsafe-inline'"


def test_errors_and_feeds_carry_them_too(client, home):
    assert_common(client.get("/no-such-page/").headers)
    assert_common(client.get("/rss/").headers)


def test_stored_pages_answered_by_the_wsgi_front_keep_the_headers(client, page_cache, article):
    from pagecache.wsgi import PageCacheFront

    rendered = client.get(article.url)
    answered = {}

    def start_response(status, headers):
        answered.update(dict(headers))

    PageCacheFront(lambda *a: pytest.fail("Django ran"))(_environ(article.url), start_response)
    assert answered["X-Masthead-Cache"] == "hit"
    assert_common(answered)
    assert answered["Content-Security-Policy"] == rendered["Content-Security-Policy"]


def test_hsts_on_https_only(client, settings, article):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert "Strict-Transport-Security" not in client.get(article.url)
    secure = client.get(article.url, headers={"X-Forwarded-Proto": "https"})
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


def test_media_on_another_origin_is_allowed_for_images(client, settings, article):
    settings.MEDIA_URL = "https://media.example.org/newsroom/"
    csp = directives(client.get(article.url).headers)
    assert csp["img-src"] == "'self' https://media.example.org data:"
