"""What a reader does on an article page, in a real browser."""

import pytest

from testkit import builders

# serialized_rollback: each test gets back the data migrations made (root page, groups).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def article_url(live_server):
    home = builders.make_home()
    section = builders.make_section(home, title="World")
    article = builders.make_article(
        section,
        authors=[builders.make_author(name="Olha Bondar")],
        title="Night trains resume",
        body=[("paragraph", "<p>The line reopened on Tuesday.</p>")],
        lead_image=builders.make_image(),
        caption="A platform.",
    )
    return live_server.url + article.url


def test_first_tab_focuses_skip_link_which_moves_to_main(page, article_url):
    page.goto(article_url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    assert page.locator(".skip-link").is_visible()  # shown when focused, hidden otherwise

    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues from the main content, not from the header.
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.getElementById('main').contains(document.activeElement)")
    assert inside_main


def test_article_reads_on_a_phone_without_horizontal_scroll(browser, article_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    page.goto(article_url)
    assert page.locator("h1").inner_text() == "Night trains resume"
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    context.close()
    assert not overflow
