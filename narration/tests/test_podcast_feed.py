"""``/podcast.xml`` as podcast apps and directories read it: Apple Podcasts' requirements (square
RGB artwork of 1400-3000 px, owner email, copyright, explicit flags, episode art) and the
Podcast Index namespace (guid, locked, funding, transcripts), through a real podcast parser
(podcastparser, as gPodder uses it) and the XML itself; the artwork opened with Pillow."""

import io
import uuid
import xml.etree.ElementTree as ET

import podcastparser
import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import PageViewRestriction

from core.models import NewsroomSettings
from demo import images as demo_images
from narration.feeds import PODCAST_NS, podcast_guid
from narration.models import Narration
from narration.tests.test_narration import body, republish
from testkit import builders

pytestmark = pytest.mark.django_db

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PODCAST = "{https://podcastindex.org/namespace/1.0}"
BACKGROUND = "#f3ede2"


@pytest.fixture(autouse=True)
def fresh_renditions():
    """Wagtail keeps renditions in the default cache by image id, and an id comes back in the
    next test (SQLite): each test finds only the renditions of its own media folder."""
    caches["default"].clear()


@pytest.fixture
def podcast_app(monkeypatch):
    """podcastparser, which knows the namespace only by its first, GitHub URI: the spec says
    clients must take https://podcastindex.org/namespace/1.0 (ours) as identical to it."""
    monkeypatch.setitem(podcastparser.Namespace.NAMESPACES, PODCAST_NS, "podcast")

    def read(client):
        response = client.get("/podcast.xml")
        assert response.status_code == 200
        return podcastparser.parse("http://testserver/podcast.xml", io.BytesIO(response.content))

    return read


@pytest.fixture
def media_served(settings):
    settings.ROOT_URLCONF = "narration.tests.media_urls"


def image(*, size, mode="RGB", colour=128, fmt="PNG"):
    buffer = io.BytesIO()
    PILImage.new(mode, size, colour).save(buffer, fmt)
    return Image.objects.create(title="Lead", file=ImageFile(buffer, name=f"lead.{fmt.lower()}"))


@pytest.fixture
def newsroom(django_capture_on_commit_callbacks):
    """Change the newsroom's settings as the admin does (pages refreshed after the commit)."""

    def change(**fields):
        settings = NewsroomSettings.load()
        for name, value in fields.items():
            setattr(settings, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            settings.save()
        return settings

    return change


def narrate(section, author, capture, **fields):
    with capture(execute=True):
        return builders.make_article(section, authors=[author], **fields)


@pytest.fixture
def show(narration_on, media_served, newsroom, section, author, django_capture_on_commit_callbacks):
    """A newsroom with the demo's logo (512 px, transparent corners) and its podcast settings,
    and one narrated article."""
    logo = Image.objects.create(
        title="Logo", file=ImageFile(io.BytesIO(demo_images.logo("HL")), name="logo.png")
    )
    newsroom(
        name="The Halvesk Ledger",
        logo=logo,
        artwork_background=BACKGROUND,
        podcast_email="podcast@halvesk.example",
        support_url="https://halvesk.example/support/",
        copyright="© 2026 The Halvesk Ledger",
    )
    return narrate(
        section,
        author,
        django_capture_on_commit_callbacks,
        title="Dam report",
        standfirst="The water rose.",
        body=body("Engineers opened the gates at dawn."),
    )


def feed_xml(client):
    return ET.fromstring(client.get("/podcast.xml").content)  # noqa: S314 - our own response


def fetch_image(client, url):
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200, url
    content = b"".join(response.streaming_content)
    picture = PILImage.open(io.BytesIO(content))
    picture.load()
    return picture


def close(pixel, colour, tolerance=3):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def test_the_show_art_is_a_square_rgb_image_apple_accepts(client, show, podcast_app):
    cover_url = podcast_app(client)["cover_url"]
    art = fetch_image(client, cover_url)
    assert art.format == "PNG" and art.mode == "RGB"
    assert art.width == art.height and 1400 <= art.width <= 3000

    # The logo in the middle, its transparent corners on the newsroom's colour, not black.
    size = art.width
    assert close(art.getpixel((5, 5)), rgb(BACKGROUND))
    logo_left = round(size * 0.18)  # the logo takes 64% of the square, centred
    assert close(art.getpixel((logo_left + 3, logo_left + 3)), rgb(BACKGROUND))
    assert close(art.getpixel((logo_left + size // 20, size // 2)), rgb(demo_images.INK))


def test_a_wide_logo_makes_square_art_too_and_a_new_colour_a_new_url(
    client, show, newsroom, podcast_app
):
    wide = image(size=(1200, 240), mode="RGBA", colour=(200, 30, 30, 255))
    newsroom(logo=wide)
    first_url = podcast_app(client)["cover_url"]
    art = fetch_image(client, first_url)
    assert art.size == (3000, 3000) and art.mode == "RGB"
    assert close(art.getpixel((1500, 1500)), (200, 30, 30))
    assert close(art.getpixel((1500, 700)), rgb(BACKGROUND))  # above the wordmark

    newsroom(artwork_background="#102030")
    second_url = podcast_app(client)["cover_url"]
    assert second_url != first_url  # apps keep artwork by URL
    assert close(fetch_image(client, second_url).getpixel((5, 5)), (0x10, 0x20, 0x30))


def test_the_show_has_an_owner_copyright_and_the_podcast_namespace(client, show, podcast_app):
    podcast = podcast_app(client)
    assert podcast["itunes_owner"] == {
        "name": "The Halvesk Ledger",
        "email": "podcast@halvesk.example",
    }
    assert podcast["explicit"] is False
    assert podcast["funding_url"] == "https://halvesk.example/support/"
    assert podcast["import_prohibited"] is True  # podcast:locked

    channel = feed_xml(client).find("channel")
    assert channel.findtext("copyright") == "© 2026 The Halvesk Ledger"
    assert channel.findtext(f"{PODCAST}guid") == str(
        uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), "testserver/podcast.xml")
    )
    locked = channel.find(f"{PODCAST}locked")
    assert (locked.text, locked.get("owner")) == ("yes", "podcast@halvesk.example")
    funding = channel.find(f"{PODCAST}funding")
    assert funding.text == "Support The Halvesk Ledger"


def test_podcast_guid_follows_the_podcast_index_rule():
    # The spec's own example: the feed URL without its scheme (and trailing slashes).
    expected = "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    assert podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml") == expected
    assert podcast_guid("http://mp3s.nashownotes.com/pc20rss.xml/") == expected


def test_a_moved_feed_keeps_its_guid(client, show, settings):
    settings.MASTHEAD_PODCAST_GUID = "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    channel = feed_xml(client).find("channel")
    assert channel.findtext(f"{PODCAST}guid") == settings.MASTHEAD_PODCAST_GUID


def test_without_an_email_or_support_page_those_tags_are_left_out(
    client, show, newsroom, podcast_app
):
    newsroom(podcast_email="", support_url="", copyright="")
    podcast = podcast_app(client)
    assert not podcast.get("itunes_owner")
    assert "import_prohibited" not in podcast and "funding_url" not in podcast
    channel = feed_xml(client).find("channel")
    assert channel.find(f"{ITUNES}owner") is None and channel.find(f"{PODCAST}locked") is None
    assert channel.findtext("copyright") == "© The Halvesk Ledger"
    assert channel.findtext(f"{PODCAST}guid")  # always there


def test_episodes_are_flagged_clean_and_carry_art_only_when_apple_would_take_it(
    client, show, section, author, podcast_app, django_capture_on_commit_callbacks
):
    # A greyscale photograph large enough for episode art, and one too small for it.
    large = narrate(
        section,
        author,
        django_capture_on_commit_callbacks,
        title="Large picture",
        lead_image=image(size=(2400, 1600), mode="L", fmt="JPEG"),
    )
    narrate(
        section,
        author,
        django_capture_on_commit_callbacks,
        title="Small picture",
        lead_image=image(size=(1600, 900)),
    )
    episodes = {episode["title"]: episode for episode in podcast_app(client)["episodes"]}
    assert {title: e["explicit"] for title, e in episodes.items()} == {
        "Large picture": False,
        "Small picture": False,
        "Dam report": False,
    }
    art = fetch_image(client, episodes["Large picture"]["episode_art_url"])
    assert art.format == "JPEG" and art.mode == "RGB" and art.size == (1400, 1400)
    # Too small, or no picture: no episode art, so apps show the show's.
    assert not episodes["Small picture"].get("episode_art_url")
    assert not episodes["Dam report"].get("episode_art_url")
    assert large.lead_image.get_rendition("fill-1400x1400|rgb|format-jpeg").width == 1400


def test_each_episode_links_its_transcript_as_plain_text(client, show, podcast_app):
    [episode] = podcast_app(client)["episodes"]
    url = episode["transcript_url"]
    assert url == f"http://testserver/podcast/{show.pk}/transcript.txt"
    item = feed_xml(client).find("channel/item")
    transcript = item.find(f"{PODCAST}transcript")
    assert transcript.get("type") == "text/plain" and transcript.get("language")

    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "Dam report.\n\nThe water rose.\n\nBy Olha Bondar.\n\nEngineers opened the gates at dawn.\n"
    )


def transcript_status(client, article):
    return client.get(f"/podcast/{article.pk}/transcript.txt").status_code


def test_a_transcript_answers_only_while_its_episode_is_in_the_feed(
    client, show, section, author, django_capture_on_commit_callbacks
):
    assert transcript_status(client, show) == 200
    # A new text, not narrated yet: the old audio no longer says it.
    Narration.objects.filter(article=show).update(text_hash="edited")
    assert transcript_status(client, show) == 404
    Narration.objects.filter(article=show).update(text_hash=show.narration.audio_hash)
    assert transcript_status(client, show) == 200

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert transcript_status(client, show) == 404
    PageViewRestriction.objects.all().delete()

    draft = builders.make_article(section, authors=[author], publish=False)
    assert transcript_status(client, draft) == 404
    for path in ["/podcast/99999999999999999999999/transcript.txt", "/podcast/x/transcript.txt"]:
        assert client.get(path).status_code == 404


def test_a_cached_transcript_goes_when_the_article_is_unpublished(
    client, show, page_cache, django_capture_on_commit_callbacks
):
    url = f"/podcast/{show.pk}/transcript.txt"
    client.get(url)
    assert client.get(url)["X-Masthead-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        show.unpublish()
    assert client.get(url).status_code == 404
    republish(show, django_capture_on_commit_callbacks)
    assert client.get(url).status_code == 200


def test_the_settings_refuse_an_insecure_support_page_and_a_bad_colour(db):
    """The Podcast Index wants https for every link; the colour is drawn as it is typed."""
    settings = NewsroomSettings(support_url="http://halvesk.example/support/")
    settings.artwork_background = "red"
    with pytest.raises(ValidationError) as refused:
        settings.full_clean()
    assert refused.value.message_dict == {
        "support_url": ["Enter an https:// address."],
        "artwork_background": ["A colour such as #f3ede2."],
    }
