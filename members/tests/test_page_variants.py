"""A member's pages come from the page cache per kind of reader, and only while their signed
variant cookie (pagecache/variants.py) proves that kind: forged, copied or expired, it opens
nothing, and a member who loses access loses the paid variant when the cookie runs out."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from articles.access import Access
from articles.models import ArticlePage
from members.models import Member, Membership
from pagecache import serving, store, variants
from pagecache import tags as cache_tags
from payments.models import Tier
from testkit import builders

pytestmark = pytest.mark.django_db

GATED = "The paid-only dredging invoice."


@pytest.fixture
def clock(monkeypatch):
    """time.time() moved on at will (the variant cookie and the page cache read it)."""

    class Clock:
        offset = 0.0

        def advance(self, seconds):
            self.offset += seconds

    clock, real_time = Clock(), time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + clock.offset)
    return clock


@pytest.fixture
def article(page_cache):
    section = builders.make_section(builders.make_home(), title="Harbour")
    article = builders.make_article(
        section,
        authors=[builders.make_author(name="Mira Kos")],
        title="Dredging costs",
        body=[
            ("paragraph", "<p>The harbour opens its books.</p>"),
            ("preview_end", None),
            ("paragraph", f"<p>{GATED}</p>"),
        ],
    )
    ArticlePage.objects.filter(pk=article.pk).update(access=Access.PAID)
    return article


@pytest.fixture
def tier(db):
    return Tier.objects.create(name="Gold", slug="gold", monthly_amount=900)


def paid_member(tier, *, period_end=timedelta(days=20)):
    member = Member.objects.create(email="paid@example.org", status=Member.Status.PAID)
    Membership.objects.create(
        member=member,
        subscription_id=f"sub_{member.pk}",
        tier=tier,
        status="active",
        current_period_end=timezone.now() + period_end,
    )
    return member


def browser_of(member):
    """A browser signed in as ``member``, after one page that handed it its variant cookie."""
    client = Client()
    session = client.session
    session["member_id"] = member.pk
    session.save()
    client.get("/")
    assert variants.COOKIE in client.cookies
    return client


def read(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return response.get("X-Masthead-Cache"), GATED in response.content.decode()


def test_the_paid_variant_is_stored_and_answered(article, tier):
    member = paid_member(tier)
    client = browser_of(member)
    assert read(client, article) == ("miss", True)
    assert read(client, article) == ("hit", True)
    # Another member of the same tier gets the same stored page with their own cookie.
    Member.objects.filter(pk=member.pk).update(email="other@example.org")
    assert read(browser_of(paid_member(tier)), article) == ("hit", True)


def test_a_forged_or_copied_variant_cookie_opens_nothing(article, tier):
    client = browser_of(paid_member(tier))
    assert read(client, article) == ("miss", True)
    genuine = client.cookies[variants.COOKIE].value
    # Altered to another variant, with the signature kept: no cache, and Django says who it is.
    client.cookies[variants.COOKIE] = genuine.replace(f"paid.{tier.pk}", "paid.999", 1)
    assert read(client, article) == (None, True)
    assert client.cookies[variants.COOKIE].value.startswith(f"paid.{tier.pk}:")
    # Copied into a free member's browser (another session): worth nothing there.
    free = browser_of(Member.objects.create(email="free@example.org"))
    free.cookies[variants.COOKIE] = genuine
    assert read(free, article) == (None, False)
    assert free.cookies[variants.COOKIE].value.startswith("free:")
    # An anonymous browser with it but no session is anonymous: the anonymous page.
    anonymous = Client()
    anonymous.cookies[variants.COOKIE] = genuine
    assert read(anonymous, article)[1] is False


def test_an_expired_variant_cookie_is_not_answered(article, tier, clock):
    client = browser_of(paid_member(tier))
    read(client, article)
    assert read(client, article) == ("hit", True)
    stale = client.cookies[variants.COOKIE].value
    clock.advance(variants.LIFETIME + 1)
    client.cookies[variants.COOKIE] = stale  # a browser that kept it past its Max-Age
    assert read(client, article) == (None, True)  # rendered, and the cookie issued again
    assert client.cookies[variants.COOKIE].value != stale


def test_a_cancelled_member_loses_the_paid_variant_when_the_cookie_runs_out(article, tier, clock):
    member = paid_member(tier)
    client = browser_of(member)
    read(client, article)
    assert read(client, article) == ("hit", True)
    # Access ends (a refund, an immediate cancellation): the cookie is all that still says
    # "paid", for at most its short lifetime.
    Membership.objects.filter(member=member).update(status="canceled")
    Member.objects.filter(pk=member.pk).update(status=Member.Status.FREE)
    clock.advance(variants.LIFETIME)
    assert read(client, article) == (None, False)  # the paywall, never the paid page
    assert client.cookies[variants.COOKIE].value.startswith("free:")
    assert read(client, article) == ("miss", False)  # the free variant, stored


def test_the_cookie_never_outlives_the_access(article, tier):
    client = browser_of(paid_member(tier, period_end=timedelta(seconds=90)))
    expires = int(client.cookies[variants.COOKIE].value.split(":")[1])
    assert expires <= time.time() + 90
    assert client.cookies[variants.COOKIE]["max-age"] <= 90


def test_the_cookie_is_renewed_only_in_the_second_half_of_its_life(article, tier, clock):
    client = browser_of(paid_member(tier))
    first = client.cookies[variants.COOKIE].value
    clock.advance(variants.LIFETIME / 2 - 10)
    assert variants.COOKIE not in client.get("/about-nothing/").cookies
    clock.advance(20)
    client.get("/about-nothing/")
    assert client.cookies[variants.COOKIE].value != first


def test_refreshing_a_page_refuses_every_variant_of_it(
    article, tier, django_capture_on_commit_callbacks
):
    client = browser_of(paid_member(tier))
    anonymous = Client()
    for reader in (client, anonymous):
        read(reader, article)
        assert read(reader, article)[0] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        store.invalidate([cache_tags.page(article.pk)])
    assert read(client, article)[0] == "miss"
    assert read(anonymous, article)[0] == "miss"


def test_signing_out_takes_the_cookie_back(article, tier):
    client = browser_of(paid_member(tier))
    client.post("/account/sign-out/")
    assert client.cookies[variants.COOKIE].value == ""
    assert read(client, article) == (None, False)


def test_an_editor_who_is_a_member_too_gets_no_variant(article, tier):
    """An editor's pages show "Edit post": never stored, whoever else the session holds."""
    client = browser_of(paid_member(tier))
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "x" * 12)
    client.force_login(editor)
    session = client.session
    session["member_id"] = Member.objects.get().pk
    session.save()
    client.get("/")
    assert client.cookies[variants.COOKIE].value == ""
    assert read(client, article) == (None, True)
    assert read(client, article) == (None, True)


def test_the_anonymous_key_is_as_before():
    environ = {
        "REQUEST_METHOD": "GET",
        "wsgi.url_scheme": "http",
        "HTTP_HOST": "example.org",
        "PATH_INFO": "/a/",
        "QUERY_STRING": "page=2",
    }
    assert serving.cache_key(environ) == "page:http://example.org/a/?page=2"
    assert serving.cache_key({**environ, "HTTP_COOKIE": "other=1"}) == (
        "page:http://example.org/a/?page=2"
    )
    assert serving.cache_key({**environ, "HTTP_COOKIE": "sessionid=abc"}) is None
    good = variants.cookie_value("free", int(time.time()) + 60, "abc")
    cookie = f"sessionid=abc; {variants.COOKIE}={good}"
    assert serving.cache_key({**environ, "HTTP_COOKIE": cookie}) == (
        "page:http://example.org/a/?page=2#free"
    )
    assert serving.cache_key({**environ, "HTTP_COOKIE": cookie.replace("=abc", "=abd")}) is None


@pytest.mark.urls("members.tests.csrf_urls")
def test_a_page_with_a_csrf_token_is_never_stored_for_a_variant(article, tier):
    """Even marked public: its token is this reader's (the response sets the CSRF cookie)."""
    client = browser_of(paid_member(tier))
    for _ in range(3):
        response = client.get("/public-form/")
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert not response.has_header("X-Masthead-Cache")
        assert response["Cache-Control"] == "private, no-store"


def test_a_young_cookie_spares_the_render_every_query(
    article, tier, clock, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    settings.MASTHEAD_PAGE_CACHE = {**settings.MASTHEAD_PAGE_CACHE, "ENABLED": False}
    member = paid_member(tier)
    clock.advance(variants.LIFETIME * 2 + 5)  # long after the member was saved
    client = browser_of(member)
    assert read(client, article) == (None, True)  # fragments stored
    with django_assert_num_queries(0):  # not even the session
        assert read(client, article) == (None, True)
    # A change without a signal is not seen until the cookie is half spent...
    Member.objects.filter(pk=member.pk).update(status=Member.Status.FREE)
    Membership.objects.filter(member=member).update(status="canceled")
    assert read(client, article) == (None, True)
    # ...but every save is, at once.
    member.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        member.save()
    assert read(client, article) == (None, False)
    assert client.cookies[variants.COOKIE].value.startswith("free:")
