"""A paid newsletter as a reader meets it on a phone (390 px) and a desktop (1280 px): on the
sign-up page and on a preferences page, shown as for paying members with a link to join in
reach, nothing against the edge, and no box to tick.

MASTHEAD_E2E_SHOTS=/some/folder keeps a screenshot of each, for a person to look at.
"""

import os
from pathlib import Path

import pytest

from newsletters import tokens
from newsletters.models import Newsletter, Subscriber, Subscription

from .measure import against_the_edge, small_targets

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SHOTS = os.environ.get("MASTHEAD_E2E_SHOTS")


@pytest.fixture
def pages(live_server):
    Newsletter.objects.create(name="The Morning", slug="the-morning", cadence="Weekdays")
    insider = Newsletter.objects.create(
        name="Insider",
        slug="insider",
        audience="paid",
        cadence="Fridays",
        description="What the newsroom learned this week, for the members who pay for it.",
        sort_order=1,
    )
    subscriber = Subscriber.objects.create(email="reader@example.org")
    Subscription.objects.create(subscriber=subscriber, newsletter=insider, status="subscribed")
    return {
        "signup": f"{live_server.url}/newsletters/",
        "preferences": live_server.url + tokens.preferences_url(subscriber),
    }


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", ["signup", "preferences"])
def test_a_paid_newsletter_reads_as_for_paying_members(page, pages, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(pages[name])
    paid = page.locator(".newsletter-signup__paid")
    assert paid.count() == 1 and "For paying members." in paid.inner_text()
    assert paid.locator("input").count() == 0
    link = paid.get_by_role("link", name="Become a member")
    assert link.get_attribute("href") == "/membership/"
    if name == "preferences":
        assert "You stay subscribed" in paid.inner_text()
    assert small_targets(page) == []
    assert against_the_edge(page) == []
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SHOTS) / f"paid-newsletter-{name}-{width}.png", full_page=True)
