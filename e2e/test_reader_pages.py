"""What readers meet on a phone (390 px) and a desktop (1280 px): layout, targets, landmarks.

Measured in Chromium as a reader would notice: text against the edge of the screen, buttons and
links too small to hit (WCAG 2.2, 2.5.8), a header that eats the screen, the News Feed out of
reach below the story, two search landmarks a screen reader cannot tell apart.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from newsfeed import services as live_services
from newsletters import tokens
from newsletters.models import Newsletter, Subscriber, Subscription
from picks.models import EDITORS_PICKS, CuratedItem, CuratedList
from testkit import builders

from .measure import against_the_edge, small_targets

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SECTIONS = ["Region", "Politics", "Business", "World", "Culture", "Opinion", "Environment"]
# The phone's header: the name and a search link, then one line of sections.
HEADER_MAX_PX = 120
# The News Feed is in reach on a phone when a way to it shows in the first screen's top third.
NEWS_FEED_WITHIN_PX = PHONE["height"] / 3


@pytest.fixture
def newsroom(live_server):
    home = builders.make_home()
    sections = [builders.make_section(home, title=title) for title in SECTIONS]
    author = builders.make_author(name="Olha Bondar")
    now = timezone.now()
    others = [
        builders.make_article(
            sections[n % len(sections)],
            authors=[author],
            title=f"Other story number {n}",
            lead_image=builders.make_image(),
            published_at=now - timedelta(hours=n + 1),
        )
        for n in range(7)
    ]
    article = builders.make_article(
        sections[0],
        authors=[author],
        title="Night trains resume across the valley",
        body=[("paragraph", f"<p>{builders.words(80)}</p>") for _ in range(12)],
        lead_image=builders.make_image(),
        caption="A platform.",
        tags=["rail"],
    )
    for n in range(5):
        live_services.news_item_publish(headline=f"Update {n}", summary="Short.")
    live_services.news_item_publish(headline="Bridge closed after barge strike", summary="Now.")
    picks = CuratedList.objects.get(slug=EDITORS_PICKS)
    for n, pick in enumerate(others[:3]):
        CuratedItem.objects.create(curated_list=picks, article=pick, sort_order=n)
    Newsletter.objects.create(name="Morning Ledger", slug="morning", cadence="Weekdays")
    Newsletter.objects.create(name="River Notes", slug="river", host="Yana Holub")
    return {"url": live_server.url, "article": article}


def confirm_url(newsroom, email):
    subscriber = Subscriber.objects.create(email=email)
    for newsletter in Newsletter.objects.all():
        Subscription.objects.create(subscriber=subscriber, newsletter=newsletter)
    return newsroom["url"] + tokens.confirm_url(subscriber, [])


def visit(browser, viewport):
    context = browser.new_context(viewport=viewport)
    return context, context.new_page()


def reader_pages(page, newsroom, viewport):
    """(name, page) for each page readers meet, the page loaded in the browser."""
    base = newsroom["url"]
    for name, path in [
        ("front page", "/"),
        ("article", newsroom["article"].url),
        ("newsletters", "/newsletters/"),
        ("search", "/search/?q=story"),
    ]:
        page.goto(base + path)
        yield name, page
    page.goto(confirm_url(newsroom, f"reader{viewport['width']}@example.org"))
    yield "confirm", page
    page.get_by_role("button", name="Confirm subscription").click()
    page.get_by_role("heading", name="You're subscribed").wait_for()
    yield "subscribed", page
    page.go_back()
    page.reload()
    yield "confirm, used", page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_no_page_puts_its_text_against_the_edge_of_the_screen(browser, newsroom, viewport):
    context, page = visit(browser, viewport)
    try:
        found = {
            name: against_the_edge(shown) for name, shown in reader_pages(page, newsroom, viewport)
        }
    finally:
        context.close()
    assert {name: offenders for name, offenders in found.items() if offenders} == {}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_every_button_and_link_is_big_enough_to_hit(browser, newsroom, viewport):
    """24 by 24 px at least, or spaced so a 24 px circle around it meets no other (WCAG 2.5.8)."""
    context, page = visit(browser, viewport)
    try:
        found = {
            name: small_targets(shown) for name, shown in reader_pages(page, newsroom, viewport)
        }
    finally:
        context.close()
    assert {name: offenders for name, offenders in found.items() if offenders} == {}


def test_newsletter_pages_line_up_with_the_header(browser, newsroom):
    context, page = visit(browser, DESKTOP)
    try:
        page.goto(newsroom["url"] + "/newsletters/")
        brand = page.locator(".site-header__brand").bounding_box()
        heading = page.get_by_role("heading", name="Newsletters", exact=True).bounding_box()
        button = page.get_by_role("button", name="Sign up").bounding_box()
    finally:
        context.close()
    assert abs(heading["x"] - brand["x"]) <= 1
    assert button["height"] >= 40 and button["width"] >= 80  # a styled button, not 61 by 21


def test_a_used_confirmation_link_shows_no_button(browser, newsroom):
    context, page = visit(browser, PHONE)
    try:
        url = confirm_url(newsroom, "twice@example.org")
        page.goto(url)
        page.get_by_role("button", name="Confirm subscription").click()
        page.get_by_role("heading", name="You're subscribed").wait_for()
        page.goto(url)
        assert "nothing left to confirm" in page.locator("main").inner_text()
        assert page.locator("main").get_by_role("button").count() == 0
        page.locator("main").get_by_role("link", name="Manage your newsletters").click()
        page.get_by_role("heading", name="Your newsletters").wait_for()
    finally:
        context.close()


def test_the_phone_header_is_one_line_of_name_and_one_of_sections(browser, newsroom):
    context, page = visit(browser, PHONE)
    try:
        page.goto(newsroom["url"] + newsroom["article"].url)
        header = page.locator(".site-header").bounding_box()
        links = page.locator(".site-nav a")
        tops = {round(box["y"]) for box in (link.bounding_box() for link in links.all())}
        nav = page.locator(".site-nav ul")
        scrolls = nav.evaluate("ul => ul.scrollWidth > ul.clientWidth")
        page_overflows = page.evaluate("document.documentElement.scrollWidth > innerWidth")
        nav.evaluate("ul => ul.scrollTo(ul.scrollWidth, 0)")  # swipe to the end
        last = links.last.bounding_box()

        page.get_by_role("link", name="Search", exact=True).click()
        page.get_by_role("heading", name="Search", exact=True).wait_for()
        search_box = page.get_by_role("searchbox", name="Search articles")
        assert search_box.is_visible()
    finally:
        context.close()
    assert header["height"] <= HEADER_MAX_PX, f"header {header['height']:.0f} px high"
    assert len(tops) == 1, "sections on more than one line"
    assert scrolls and not page_overflows  # the sections scroll, the page does not
    assert last["x"] + last["width"] <= PHONE["width"]  # the last section can be reached


def test_on_a_phone_the_news_feed_is_in_reach_from_the_top_of_an_article(browser, newsroom):
    context, page = visit(browser, PHONE)
    try:
        page.goto(newsroom["url"] + newsroom["article"].url)
        way_in = page.get_by_role("link", name=re.compile(r"^News Feed")).first
        box = way_in.bounding_box()
        text = way_in.inner_text()
        way_in.click()
        page.wait_for_function(
            "() => { const r = document.querySelector('#news-feed').getBoundingClientRect();"
            " return r.top >= -1 && r.top < innerHeight / 2; }"
        )
        # The column itself follows the story, before More news and Editors' Picks.
        order = page.evaluate(
            "['.article', '#news-feed', '.more-news', '.picks'].map("
            "s => document.querySelector(s).getBoundingClientRect().top + scrollY)"
        )
    finally:
        context.close()
    assert box["y"] + box["height"] <= NEWS_FEED_WITHIN_PX
    assert "Bridge closed after barge strike" in text  # the newest update
    assert order == sorted(order)


def test_on_a_desktop_the_news_feed_is_beside_the_story_and_picks_beside_more_news(
    browser, newsroom
):
    context, page = visit(browser, DESKTOP)
    try:
        page.goto(newsroom["url"] + newsroom["article"].url)
        strip_shown = page.locator(".news-feed-strip").is_visible()
        story = page.locator(".article").bounding_box()
        column = page.locator("#news-feed").bounding_box()
        more = page.locator(".more-news").bounding_box()
        picks = page.get_by_role("heading", name="Editors' Picks").bounding_box()
        more_headlines = page.locator(".more-news .row__headline").all_inner_texts()
    finally:
        context.close()
    assert not strip_shown
    assert column["x"] > story["x"] + story["width"] and column["y"] < story["y"] + 200
    assert more["y"] > story["y"] + story["height"]  # under the story
    assert picks["x"] > more["x"] + more["width"] and abs(picks["y"] - more["y"]) < 50
    assert more_headlines[:2] == ["Other story number 0", "Other story number 1"]


def landmarks(page, role):
    """The accessible names of the `role` landmarks a screen reader lists."""
    snapshot = page.locator("body").aria_snapshot()
    return re.findall(rf'^\s*- {role}(?: "([^"]*)")?(?::|$)', snapshot, re.M)


def test_the_search_page_s_two_search_landmarks_have_distinct_names(browser, newsroom):
    context, page = visit(browser, DESKTOP)
    try:
        page.goto(newsroom["url"] + "/search/?q=night")
        names = landmarks(page, "search")
    finally:
        context.close()
    assert len(names) == 2
    assert all(names) and len(set(names)) == 2, names


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_sign_in_sits_on_the_line_of_the_newsroom_name(browser, newsroom, viewport):
    """The header's account link is a 44 px person on a phone and the word "Sign in" wider, and
    either way it sits on the name's line: the header does not grow by a line for it."""
    context, page = visit(browser, viewport)
    try:
        page.goto(newsroom["url"] + newsroom["article"].url)
        brand = page.locator(".site-header__brand").bounding_box()
        link = page.get_by_role("link", name="Sign in", exact=True)
        box = link.bounding_box()
        header = page.locator(".site-header").bounding_box()
    finally:
        context.close()
    middle = box["y"] + box["height"] / 2
    assert brand["y"] <= middle <= brand["y"] + brand["height"]
    assert box["width"] >= 44 and box["height"] >= 44
    if viewport is DESKTOP:
        assert header["height"] <= 70, f"header {header['height']:.0f} px high"
