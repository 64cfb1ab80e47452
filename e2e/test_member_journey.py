"""A reader's whole way from the paywall to paying and back, in Chromium, against the real
parts: the sign-in emails through a real SMTP server, Checkout and the Billing Portal on the
Stripe stand-in through the official SDK, its signed webhooks delivered to the live server,
and narration made by the real Piper path (a tiny voice).

Anonymous, the reader meets the paywall; signs up by the emailed link, and later in by the
code; as a free member reads the members-only article but not the paid one; picks a tier and
pays; once the webhook has come, reads the paid article and plays its audio, and subscribes to
their private podcast feed with a podcast parser; cancels in the portal and keeps reading until
the period ends; and loses the paid article, and its audio in the feed, when it has.
"""

import io
import re
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import podcastparser
import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Site

from articles.access import Access
from members.models import Member, Membership
from narration.models import Narration
from narration.tests.conftest import build_tiny_voice
from payments.models import Tier
from testkit import builders
from testkit.payments import TEST_CARD, WEBHOOK_SECRET
from testkit.servers import wait_until

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "journey.reader@example.org"
LINK = re.compile(r"https?://[^/\s]+(/account/sign-in/link/[^\s]+)")
CODE = re.compile(r"\b(\d{6})\b")
MEMBERS_TEXT = "Only members learn which allotments doubled their rent."
PAID_TEXT = "Only paying members learn which shifts the steelworks cut."


@pytest.fixture
def site(live_server, standin, payments_backend, smtp_sink, settings, tmp_path):
    """The live server, the stand-in delivering to its webhook, narration on."""
    standin.add_endpoint(
        live_server.url + reverse("payments:stripe_webhook"), secret=WEBHOOK_SECRET
    )
    settings.MASTHEAD_NARRATION_ON_PUBLISH = True
    settings.MASTHEAD_NARRATION = {
        "BACKEND": "narration.backends.piper.PiperBackend",
        "VOICE": str(build_tiny_voice(tmp_path)),
        "VOICE_LICENCE": "A voice built by the test suite.",
        "TIME_LIMIT": 60,
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    private = {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path / "private"}}
    settings.STORAGES = {**settings.STORAGES, "private": private}
    return live_server.url


def _article(section, author, title, access, gated):
    article = builders.make_article(
        section,
        authors=[author],
        title=title,
        publish=False,
        body=[
            ("paragraph", f"<p>{builders.words(60, 'preview')}</p>"),
            ("paragraph", f"<p>{builders.words(40, 'preview')}</p>"),
            ("paragraph", f"<p>{gated}</p>"),
        ],
    )
    article.access = access
    article.save_revision().publish()
    article.refresh_from_db()
    return article


@pytest.fixture
def newsroom(site):
    home = builders.make_home()
    address = urlsplit(site)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=address.port)
    section = builders.make_section(home, title="Business")
    author = builders.make_author(name="Olha Bondar")
    tier = Tier.objects.create(
        name="Supporter",
        slug="supporter",
        description="For readers who keep us going.",
        monthly_amount=500,
        yearly_amount=5000,
        currency="eur",
    )
    tier.refresh_from_db()
    assert tier.monthly_price_id, "the tier's prices were made at the stand-in"
    members_only = _article(section, author, "Allotment rents", Access.MEMBERS, MEMBERS_TEXT)
    paid = _article(section, author, "Steelworks shifts", Access.PAID, PAID_TEXT)
    wait_until(
        lambda: Narration.objects.filter(article=paid, status="done").exists(),
        timeout=60,
        what="the paid article's narration",
    )
    return {"members": site + members_only.url, "paid": site + paid.url, "tier": tier}


def _email(sink, address, count):
    """The plain text of the ``count``-th email to ``address``, once it has come."""
    wait_until(lambda: len(sink.to(address)) >= count, timeout=15, what=f"email {count}")
    return sink.to(address)[count - 1].get_body(preferencelist=("plain",)).get_content()


def _ask_for_sign_in(page):
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_role("button", name="Email me a sign-in link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()


def _fetch(url):
    """(status, content type, body) of a GET with no cookies, as a podcast app makes it."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 (the live server)
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def _podcast(feed_url):
    status, _, body = _fetch(feed_url)
    assert status == 200
    return podcastparser.parse(feed_url, io.BytesIO(body))


def _episodes(feed_url):
    return {episode["title"] for episode in _podcast(feed_url)["episodes"]}


def _episode_audio(feed_url, title):
    (episode,) = [e for e in _podcast(feed_url)["episodes"] if e["title"] == title]
    return episode["enclosures"][0]["url"]


def _membership(**state):
    return Membership.objects.filter(member__email=EMAIL, **state).exists()


def test_from_the_paywall_to_paying_cancelling_and_losing_access(
    page, site, newsroom, standin, smtp_sink
):
    body = page.locator(".article__body")

    # Anonymous: both articles stop at the paywall, and their text is not on the page.
    page.goto(newsroom["paid"])
    expect(page.get_by_role("link", name="Become a member")).to_be_visible()
    assert PAID_TEXT not in page.content()
    page.goto(newsroom["members"])
    expect(page.get_by_role("heading", name="Keep reading for free")).to_be_visible()
    assert MEMBERS_TEXT not in page.content()

    # Signs up by the emailed link, and comes back to the article.
    page.get_by_role("link", name="Sign in or create a free account").click()
    _ask_for_sign_in(page)
    link = LINK.search(_email(smtp_sink, EMAIL, 1)).group(1)
    page.goto(site + link)
    page.get_by_role("button", name="Create account and sign in").click()
    page.wait_for_url(newsroom["members"])
    expect(body).to_contain_text(MEMBERS_TEXT)
    assert Member.objects.get(email=EMAIL).status == Member.Status.FREE

    # Signs out, and in again by the code.
    page.goto(site + reverse("members:account"))
    page.get_by_role("button", name="Sign out").click()
    page.goto(newsroom["members"])
    expect(page.locator(".paywall")).to_be_visible()
    page.get_by_role("link", name="Sign in or create a free account").click()
    _ask_for_sign_in(page)
    page.get_by_label("Code").fill(CODE.search(_email(smtp_sink, EMAIL, 2)).group(1))
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(newsroom["members"])
    expect(body).to_contain_text(MEMBERS_TEXT)

    # A free member: the paid article still stops at the paywall, its audio with it.
    page.goto(newsroom["paid"])
    expect(page.get_by_role("link", name="Become a member")).to_be_visible()
    assert PAID_TEXT not in page.content()
    assert page.locator(".narration audio").count() == 0

    # Picks the tier and pays on Checkout.
    page.get_by_role("link", name="Become a member").click()
    page.get_by_role("button", name="Join for €5 a month").click()
    page.wait_for_url(f"{standin.url}/checkout/**")
    expect(page.get_by_text("Supporter: 5.00 EUR per month")).to_be_visible()
    expect(page.get_by_text(EMAIL)).to_be_visible()  # the member's address, not to retype
    page.get_by_label("Card number").fill(TEST_CARD)
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url(f"{site}/membership/thanks/**")

    # The webhook comes; the paid article opens and its audio plays.
    wait_until(lambda: _membership(status="active"), timeout=20, what="the webhook")
    page.goto(newsroom["paid"])
    expect(body).to_contain_text(PAID_TEXT)
    expect(page.locator(".paywall")).to_have_count(0)
    audio = page.locator(".narration audio")
    source = audio.get_attribute("src") or audio.locator("source").get_attribute("src")
    heard = page.request.get(site + source)
    assert (heard.status, heard.headers["content-type"]) == (200, "audio/mpeg")
    assert page.evaluate(
        """async () => {
            const audio = document.querySelector('.narration audio');
            audio.muted = true;
            await audio.play();
            return !audio.paused;
        }"""
    )

    # Subscribes to the private podcast feed in a podcast app: no cookies, only the address.
    page.goto(site + reverse("members:account"))
    feed_url = page.get_by_label("Your private feed").input_value()
    assert _episodes(feed_url) == {"Allotment rents", "Steelworks shifts"}
    enclosure = _episode_audio(feed_url, "Steelworks shifts")
    assert _fetch(enclosure)[:2] == (200, "audio/mpeg")

    # Cancels in the portal: the account page says when it ends, and the article stays open.
    page.get_by_role("button", name="Manage billing").click()
    page.get_by_role("button", name="Cancel plan").click()
    expect(page.get_by_text("Cancels on")).to_be_visible()
    page.get_by_role("link", name="Return to the site").click()
    wait_until(lambda: _membership(cancel_at_period_end=True), timeout=20, what="the cancellation")
    page.reload()
    expect(page.get_by_text("Cancelled: it ends on")).to_be_visible()
    page.goto(newsroom["paid"])
    expect(body).to_contain_text(PAID_TEXT)

    # The period ends: the paid article and its audio close again; the free one stays open.
    standin.advance(days=32)
    wait_until(lambda: _membership(status="canceled"), timeout=20, what="the period's end")
    page.goto(newsroom["paid"])
    expect(page.get_by_role("link", name="Become a member")).to_be_visible()
    assert PAID_TEXT not in page.content()
    assert page.request.get(site + source).status == 403
    # The podcast app keeps a feed that answers, with the members-only episode only now.
    assert _episodes(feed_url) == {"Allotment rents"}
    assert _fetch(enclosure)[0] == 403
    page.goto(newsroom["members"])
    expect(body).to_contain_text(MEMBERS_TEXT)
