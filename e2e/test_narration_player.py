"""The narration player: plays without JavaScript; with it, shows its length before anything is
fetched, plays, and the reader picks a speed."""

import lameenc
import pytest
from django.core.files.base import ContentFile

from narration.models import Narration
from testkit import builders

TIMES = "\u00d7"  # the multiplication sign the speed buttons show
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def narrated_url(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    home = builders.make_home()
    article = builders.make_article(
        builders.make_section(home, title="World"),
        authors=[builders.make_author(name="Olha Bondar")],
        title="Night trains resume",
    )
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(64)
    encoder.set_in_sample_rate(16000)
    encoder.set_channels(1)
    mp3 = encoder.encode(bytes(2 * 16000 * 3)) + encoder.flush()
    narration = Narration(
        article=article, status="done", text_hash="h", audio_hash="h", duration_seconds=252.4
    )
    narration.audio.save("night-trains.mp3", ContentFile(mp3))
    return live_server.url + article.url


def test_speed_buttons_set_the_playback_rate(page, narrated_url):
    page.goto(narrated_url)
    player = page.locator(".narration")
    assert "Listen · 4 min 12 s" in player.inner_text()
    assert "This audio is created with AI assistance" in player.inner_text()
    buttons = player.get_by_role("group", name="Playback speed").get_by_role("button")
    assert buttons.all_inner_texts() == [f"{speed}{TIMES}" for speed in ("1", "1.25", "1.5", "2")]
    assert player.get_by_role("button", name=f"1{TIMES}").get_attribute("aria-pressed") == "true"

    player.get_by_role("button", name=f"1.5{TIMES}").click()
    assert page.evaluate("document.querySelector('.narration audio').playbackRate") == 1.5
    assert player.get_by_role("button", name=f"1.5{TIMES}").get_attribute("aria-pressed") == "true"
    assert player.get_by_role("button", name=f"1{TIMES}").get_attribute("aria-pressed") == "false"

    page.reload()  # the choice is remembered
    assert page.evaluate("document.querySelector('.narration audio').playbackRate") == 1.5


def test_the_player_works_without_javascript(browser, narrated_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(narrated_url)
    audio = page.locator(".narration audio")
    assert audio.get_attribute("controls") is not None
    assert audio.get_attribute("preload") == "none"
    assert audio.is_visible()
    assert page.locator(".narration button:visible").count() == 0  # no control that cannot work
    context.close()


@pytest.fixture
def media(page, settings):
    """The live server serves static files only: answer /media/ from MEDIA_ROOT."""
    page.route(
        "**/media/**",
        lambda route: route.fulfill(
            path=settings.MEDIA_ROOT / route.request.url.split("/media/", 1)[1]
        ),
    )


def test_the_player_shows_the_length_before_anything_is_fetched(page, media, narrated_url):
    audio_requests = []
    page.on("request", lambda r: ".mp3" in r.url and audio_requests.append(r.url))
    page.goto(narrated_url)
    player = page.locator(".narration")
    assert "0:00 / 4:12" in player.inner_text()  # the heading's "4 min 12 s", as a player says it
    assert player.get_by_role("slider", name="Position").get_attribute("aria-valuetext") == (
        "0:00 of 4:12"
    )
    page.wait_for_load_state("networkidle")
    assert audio_requests == []  # nothing preloaded: the page stays lean

    player.get_by_role("button", name="Play").click()
    player.get_by_role("button", name="Pause").wait_for()
    page.wait_for_function("() => document.querySelector('.narration audio').currentTime >= 1")
    assert audio_requests
    elapsed = player.locator("[data-narration-elapsed]")
    page.wait_for_function("el => el.textContent !== '0:00'", arg=elapsed.element_handle())
    player.get_by_role("button", name="Pause").click()
    assert page.evaluate("document.querySelector('.narration audio').paused") is True
    player.get_by_role("button", name="Play").wait_for()
