"""A reader keeps an article open; the News Feed column updates itself."""

import time

import pytest
from playwright.sync_api import expect

from newsfeed.services import news_item_publish, news_item_unpublish
from testkit import builders

# serialized_rollback: each test gets back the data migrations made (root page, groups).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POLL_SECONDS = 2
# How long to wait for what must happen: it bounds "never", not speed (a loaded machine is slow).
NEVER_MS = 120_000

# Make this Chromium behave like a browser without CSS scroll anchoring (older Safari), so
# that live.js has to keep the reader's place itself.
WITHOUT_SCROLL_ANCHORING = """
const supports = CSS.supports.bind(CSS);
CSS.supports = (...args) => !String(args[0]).includes("overflow-anchor") && supports(...args);
document.addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.textContent = "* { overflow-anchor: none !important; }";
  document.head.append(style);
});
"""


@pytest.fixture
def article(live_server, settings):
    settings.MASTHEAD_LIVE_POLL_SECONDS = POLL_SECONDS
    home = builders.make_home()
    section = builders.make_section(home, title="World")
    return builders.make_article(
        section,
        authors=[builders.make_author(name="Olha Bondar")],
        title="Night trains resume",
        body=[("paragraph", "<p>The line reopened on Tuesday.</p>")],
    )


def test_a_published_update_appears_in_an_open_article(page, live_server, article):
    news_item_publish(headline="Ferry timetable changes", summary="Winter sailings start.")
    scripts = []
    page.on(
        "response", lambda r: scripts.append((r.url, r.status)) if r.url.endswith(".js") else None
    )
    page.goto(live_server.url + article.url)
    assert (f"{live_server.url}/static/js/live.js", 200) in scripts
    page.evaluate("window.loadedOnce = true")  # gone if the page reloads
    column = page.locator(".news-feed")
    expect(column.locator(".news-feed__item")).to_have_count(1)

    started = time.monotonic()
    item = news_item_publish(
        headline="Iron Bridge closed after barge strike",
        summary="Police have closed the Iron Bridge to traffic while engineers inspect it.",
        article=article,
        is_breaking=True,
    )
    new_item = column.locator(f'[data-item-id="{item.pk}"]')
    expect(new_item).to_be_visible(timeout=NEVER_MS)
    appeared_after = time.monotonic() - started
    print(f"\nNews Feed item appeared {appeared_after:.1f}s after publishing")

    expect(column.locator(".news-feed__notice")).to_have_text("1 new update")
    expect(column.locator(".news-feed__item").first).to_contain_text("Iron Bridge closed")
    expect(new_item.get_by_text("Breaking")).to_be_visible()
    expect(new_item.get_by_role("link", name="Iron Bridge closed")).to_have_attribute(
        "href", article.url
    )
    assert page.evaluate("window.loadedOnce") is True

    # Unpublishing takes it out of the open page too.
    news_item_unpublish(item=item)
    expect(new_item).to_have_count(0, timeout=NEVER_MS)
    expect(column.locator(".news-feed__item")).to_have_count(1)


def test_a_hidden_tab_does_not_poll_and_catches_up_when_shown(page, live_server, article):
    polls = []
    page.on("request", lambda r: polls.append(r.url) if "updates.json" in r.url else None)
    # The column polls while the tab is visible.
    with page.expect_request(lambda r: "updates.json" in r.url, timeout=NEVER_MS):
        page.goto(live_server.url + article.url)

    set_visibility = """state => {
        Object.defineProperty(document, "visibilityState", {value: state, configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }"""
    page.evaluate(set_visibility, "hidden")
    polls.clear()
    page.wait_for_timeout(POLL_SECONDS * 2000 + 500)
    assert polls == []

    item = news_item_publish(headline="Back on the Left Bank", summary="Power is back.")
    page.evaluate(set_visibility, "visible")
    expect(page.locator(f'[data-item-id="{item.pk}"]')).to_be_attached(timeout=NEVER_MS)


@pytest.mark.parametrize("anchoring", ["native", "by live.js"])
def test_new_items_never_move_what_the_reader_is_reading(browser, live_server, article, anchoring):
    for i in range(8):
        news_item_publish(headline=f"Earlier update {i}", summary="A sentence. " * 8)
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    if anchoring == "by live.js":
        page.add_init_script(WITHOUT_SCROLL_ANCHORING)
    page.goto(live_server.url + article.url)
    # On a phone the column is below the article; the reader is halfway down the column.
    reading_id = page.locator(".news-feed__item").nth(3).get_attribute("data-item-id")
    reading = page.locator(f'.news-feed__item[data-item-id="{reading_id}"]')
    reading.evaluate("el => window.scrollBy(0, el.getBoundingClientRect().top - 200)")
    before = reading.evaluate("el => el.getBoundingClientRect().top")
    assert page.locator(".news-feed__list").evaluate("el => el.getBoundingClientRect().top") < 0

    item = news_item_publish(headline="Water back on the Left Bank", summary="Supply is back.")
    page.wait_for_selector(f'[data-item-id="{item.pk}"]', state="attached", timeout=NEVER_MS)
    page.wait_for_timeout(100)  # let any scroll adjustment settle
    after = reading.evaluate("el => el.getBoundingClientRect().top")
    context.close()
    assert abs(after - before) <= 1, (before, after)


@pytest.mark.parametrize("anchoring", ["native", "by live.js"])
def test_on_a_wide_screen_the_article_text_stays_put(browser, live_server, article, anchoring):
    revision = article.save_revision()
    long_article = revision.as_object()
    long_article.body = [
        ("paragraph", f"<p>Paragraph {i}. {'The river rose slowly all week. ' * 12}</p>")
        for i in range(30)
    ]
    long_article.save_revision().publish()
    for i in range(8):
        news_item_publish(headline=f"Earlier update {i}", summary="A sentence. " * 8)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    if anchoring == "by live.js":
        page.add_init_script(WITHOUT_SCROLL_ANCHORING)
    page.goto(live_server.url + article.url)
    # The column is in the sidebar, above the viewport; the reader is in the article text.
    reading = page.get_by_text("Paragraph 12.")
    reading.evaluate("el => window.scrollBy(0, el.getBoundingClientRect().top - 200)")
    before = reading.evaluate("el => el.getBoundingClientRect().top")
    assert page.locator(".news-feed__list").evaluate("el => el.getBoundingClientRect().top") < 0

    item = news_item_publish(headline="Water back on the Left Bank", summary="Supply is back.")
    page.wait_for_selector(f'[data-item-id="{item.pk}"]', state="attached", timeout=NEVER_MS)
    page.wait_for_timeout(100)
    after = reading.evaluate("el => el.getBoundingClientRect().top")
    context.close()
    assert abs(after - before) <= 1, (before, after)
