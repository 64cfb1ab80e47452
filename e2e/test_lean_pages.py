"""An article on a phone, in Chromium: which image files it fetches, and that nothing jumps."""

import time

import lameenc
import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from narration.models import Narration
from testkit import builders

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Lighthouse's phone: a Moto G Power.
PHONE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}

# Every layout shift of a page element (shifts inside the audio player's own controls have no
# element to report, and are not the page's doing).
RECORD_SHIFTS = """
window.shifted = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    for (const source of entry.sources) {
      if (source.node && source.node.nodeType === Node.ELEMENT_NODE) {
        window.shifted.push(source.node.className || source.node.tagName);
      }
    }
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture
def article_url(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    home = builders.make_home()
    article = builders.make_article(
        builders.make_section(home, title="World"),
        authors=[builders.make_author(name="Olha Bondar")],
        title="Night trains resume",
        body=[
            ("paragraph", f"<p>{builders.words(600)}</p>"),
            ("image", {"image": builders.make_image(), "caption": "The depot.", "credit": ""}),
        ],
        lead_image=builders.make_image(),
        caption="A train at the platform.",
    )
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(64)
    encoder.set_in_sample_rate(16000)
    encoder.set_channels(1)
    narration = Narration(
        article=article, status="done", text_hash="h", audio_hash="h", duration_seconds=3
    )
    mp3 = encoder.encode(bytes(96000)) + encoder.flush()
    narration.audio.save("night-trains.mp3", ContentFile(mp3))
    return live_server.url + article.url


@pytest.fixture
def phone(browser, settings):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    # The live server serves static files only: answer /media/ from MEDIA_ROOT.
    page.route(
        "**/media/**",
        lambda route: route.fulfill(
            path=settings.MEDIA_ROOT / route.request.url.split("/media/", 1)[1]
        ),
    )
    yield page
    context.close()


def test_a_phone_loads_the_lead_photo_as_avif_and_the_body_photo_only_when_near(phone, article_url):
    images = []
    phone.on("request", lambda r: images.append(r.url) if r.resource_type == "image" else None)
    phone.goto(article_url)
    lead = phone.locator(".article__lead img")
    expect(lead).to_have_js_property("complete", True)
    assert lead.evaluate("img => img.currentSrc").endswith(".avif")
    assert lead.evaluate("img => img.naturalWidth") > 0  # Chromium decodes our AVIF
    assert images == [lead.evaluate("img => img.currentSrc")]  # nothing else yet

    body = phone.locator(".body-image img")
    body.scroll_into_view_if_needed()
    expect(body).to_have_js_property("complete", True)
    assert body.evaluate("img => img.currentSrc").endswith(".avif")


def test_nothing_moves_while_the_page_and_its_scripts_load(phone, article_url):
    def late(route):
        time.sleep(0.5)  # as on a slow network: the page is painted before the script runs
        route.continue_()

    phone.route("**/js/narration*.js", late)
    phone.add_init_script(RECORD_SHIFTS)
    phone.goto(article_url)
    expect(phone.locator(".narration--ready")).to_have_count(1)  # narration.js has run
    expect(phone.locator(".article__lead img")).to_have_js_property("complete", True)
    phone.wait_for_timeout(300)
    assert phone.evaluate("window.shifted") == []
