"""The support call to action in an article and the site-wide banner, in Chromium at a phone's
and a desktop's width: tap targets of at least 24 px, nothing wider than the screen, and the
banner dismissed by the reader stays dismissed across pages (localStorage) with no reload."""

import pytest
from playwright.sync_api import expect

from core.models import NewsroomSettings
from testkit import builders

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SHOTS = "var/screenshots"


@pytest.fixture
def article(live_server):
    home = builders.make_home()
    section = builders.make_section(home)
    article = builders.make_article(
        section,
        authors=[builders.make_author(name="Mira Kos")],
        title="Ferry times change",
        body=[
            ("paragraph", "<p>The ferry leaves earlier from Monday.</p>"),
            ("support", {"heading": "Support our journalism", "text": "Readers pay for this."}),
            ("paragraph", "<p>Tickets stay the same price.</p>"),
        ],
    )
    settings = NewsroomSettings.load()
    settings.banner_on = True
    settings.banner_text = "Our reporting is funded by readers like you."
    settings.banner_link_label = "Become a member"
    settings.banner_link_url = "/membership/"
    settings.save()
    return live_server.url + article.url


@pytest.mark.parametrize("width", [390, 1280])
def test_the_block_and_the_banner_at_phone_and_desktop_widths(browser, article, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(article)
    cta = page.get_by_role("complementary", name="Support our journalism")
    links = [
        cta.get_by_role("link", name=n)
        for n in ("Become a member", "Support us just once", "Gift membership")
    ]
    banner = page.get_by_role("complementary", name="Announcement")
    close = banner.get_by_role("button", name="Dismiss the banner")
    expect(close).to_be_visible()
    for control in [*links, banner.get_by_role("link", name="Become a member"), close]:
        box = control.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24
        assert box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"{SHOTS}/support-prompts-{width}.png", full_page=True)
    links[2].click()
    page.wait_for_url("**/gift/")
    context.close()


def test_a_dismissed_banner_stays_dismissed(page, article):
    page.goto(article)
    banner = page.get_by_role("complementary", name="Announcement")
    banner.get_by_role("button", name="Dismiss the banner").click()
    expect(banner).to_have_count(0)
    assert page.context.cookies() == []  # nothing that would split the page cache
    page.goto("/".join(article.split("/")[:3]) + "/support/")
    expect(page.get_by_role("heading", name="Support us just once")).to_be_visible()
    expect(page.get_by_role("complementary", name="Announcement")).to_have_count(0)

    # A new wording shows again.
    settings = NewsroomSettings.load()
    settings.banner_text = "Give a membership this winter."
    settings.save()
    page.goto(article + "?utm_source=e2e")  # not the browser's copy of a minute ago
    expect(page.get_by_text("Give a membership this winter.")).to_be_visible()
