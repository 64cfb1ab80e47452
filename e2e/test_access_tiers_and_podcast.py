"""Specific tiers and the private podcast feed as people meet them: the tiers chooser in the
article editor, the paywall card offering an article's tiers, and a paying member's account
page with their feed's address, on a phone (390 px) and a desktop (1280 px).

MASTHEAD_E2E_SHOTS=/some/folder keeps a screenshot of each, for a person to look at.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from articles.access import Access
from articles.models import ArticlePage
from members.models import Member
from payments.models import Tier
from testkit import builders

from .admin import signed_in_page
from .measure import against_the_edge, small_targets

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SHOTS = os.environ.get("MASTHEAD_E2E_SHOTS")
GATED = "Only patrons learn how the vote was counted."


def shot(target, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        target.screenshot(path=Path(SHOTS) / f"{name}.png")


@pytest.fixture
def patrons_article(live_server):
    section = builders.make_section(builders.make_home(), title="Politics")
    patron = Tier.objects.create(name="Patron", slug="patron", monthly_amount=1500)
    article = builders.make_article(
        section,
        authors=[builders.make_author(name="Olha Bondar")],
        title="How the council vote was counted",
        body=[
            ("paragraph", f"<p>{builders.words(60, 'preview')}</p>"),
            ("preview_end", None),
            ("paragraph", f"<p>{GATED}</p>"),
        ],
        publish=False,
    )
    article.access, article.access_tiers = Access.TIERS, [patron]
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_paywall_offers_the_articles_tier(page, live_server, patrons_article, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{patrons_article.url}")
    card = page.locator(".paywall")
    card.wait_for()
    link = page.get_by_role("link", name="Become a Patron member")
    assert link.is_visible() and link.get_attribute("href") == "/membership/#tier-patron"
    assert GATED not in page.content()
    assert small_targets(page) == []
    assert against_the_edge(page) == []
    shot(card, f"paywall-tiers-{width}")


def test_the_tiers_show_in_the_editor_only_for_specific_tiers(
    browser, live_server, patrons_article, django_user_model
):
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    page = signed_in_page(browser, live_server, editor)
    page.goto(f"{live_server.url}/admin/pages/{patrons_article.pk}/edit/#tab-settings")
    tiers = page.get_by_role("checkbox", name="Patron")
    level = page.locator('select[name="access"]')
    level.wait_for()
    assert tiers.is_visible() and tiers.is_checked()
    level.select_option(Access.PAID)
    assert not tiers.is_visible()
    level.select_option(Access.TIERS)
    assert tiers.is_visible()
    shot(page, "editor-tiers")
    assert page.server_errors == []


@pytest.mark.parametrize("width", [390, 1280])
def test_a_paying_member_finds_their_podcast_feed_on_the_account_page(browser, live_server, width):
    member = Member.objects.create(email="patron@example.org", status=Member.Status.COMPED)
    client = Client()
    session = client.session
    session["member_id"] = member.pk
    session.save()
    context = browser.new_context(viewport={"width": width, "height": 900})
    name = settings.SESSION_COOKIE_NAME
    context.add_cookies([{"name": name, "value": session.session_key, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/account/")
    address = page.get_by_label("Your private feed")
    assert "/podcast/private/" in address.input_value()  # the site's own address
    assert page.get_by_role("button", name="Reset link").is_visible()
    assert small_targets(page) == []
    assert against_the_edge(page) == []
    shot(page.locator("#account-podcast").locator(".."), f"account-podcast-{width}")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy").click()
    page.get_by_text("Copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == address.input_value()
    before = address.input_value()
    page.get_by_role("button", name="Reset link").click()
    page.get_by_text("Your podcast feed has a new address").wait_for()
    assert page.get_by_label("Your private feed").input_value() != before
