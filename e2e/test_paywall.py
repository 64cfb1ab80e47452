"""The paywall card as a reader meets it on a phone (390 px) and a desktop (1280 px): after the
preview, with its links in reach, nothing against the edge, and no gated text on the page.

MASTHEAD_E2E_SHOTS=/some/folder keeps a screenshot of each, for a person to look at.
"""

import os
from pathlib import Path

import pytest

from articles.access import Access
from articles.models import ArticlePage
from testkit import builders

from .measure import against_the_edge, small_targets

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SHOTS = os.environ.get("MASTHEAD_E2E_SHOTS")
GATED = "Only members learn how the vote was counted."


@pytest.fixture
def gated(live_server):
    home = builders.make_home()
    section = builders.make_section(home, title="Politics")
    author = builders.make_author(name="Olha Bondar")
    articles = {}
    for access in (Access.MEMBERS, Access.PAID):
        article = builders.make_article(
            section,
            authors=[author],
            title=f"How the council vote was counted ({access})",
            lead_image=builders.make_image(),
            body=[
                ("paragraph", f"<p>{builders.words(60, 'preview')}</p>"),
                ("paragraph", f"<p>{builders.words(40, 'preview')}</p>"),
                ("paragraph", f"<p>{GATED}</p>"),
            ],
        )
        ArticlePage.objects.filter(pk=article.pk).update(access=access)
        articles[access] = article
    return articles


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    ("access", "call"),
    [(Access.MEMBERS, "Sign in or create a free account"), (Access.PAID, "Become a member")],
)
def test_the_paywall_card_reads_well_and_its_links_are_in_reach(
    page, live_server, gated, width, access, call
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{gated[access].url}")
    card = page.locator(".paywall")
    card.wait_for()
    assert page.get_by_role("link", name=call).is_visible()
    assert page.get_by_role("link", name="Support us just once").is_visible()
    assert GATED not in page.content()
    # The card comes after the preview, inside the article.
    preview_bottom = page.locator(".article__body").bounding_box()
    assert card.bounding_box()["y"] >= preview_bottom["y"] + preview_bottom["height"] - 1
    assert small_targets(page) == []
    assert against_the_edge(page) == []
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        card.screenshot(path=Path(SHOTS) / f"paywall-{access}-{width}.png")
        page.screenshot(path=Path(SHOTS) / f"paywall-page-{access}-{width}.png", full_page=True)
