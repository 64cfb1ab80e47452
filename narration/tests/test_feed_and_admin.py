import re
from html import unescape

import feedparser
import pytest

from core.models import NewsroomSettings
from narration.models import Narration
from narration.templatetags.narration_tags import listen_duration, narration_player
from testkit import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def narrated(narration_on, section, author, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = builders.make_article(
            section,
            authors=[author, builders.make_author(name="Ivan Petrenko")],
            title="Rail line reopens",
            standfirst="Trains run again.",
        )
    return article


def test_podcast_feed_parses_with_itunes_tags(client, narrated):
    settings = NewsroomSettings.load()
    settings.logo = builders.make_image(size=(400, 400))
    settings.save()
    with_text_changed = builders.make_article(narrated.get_parent(), authors=[], publish=True)
    Narration.objects.create(article=with_text_changed, text_hash="new", audio_hash="old")

    response = client.get("/podcast.xml")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Masthead: articles read aloud"
    assert feed.feed.author == "Masthead"
    assert feed.feed.image.href.startswith("http://testserver/")
    assert len(feed.entries) == 1
    entry = feed.entries[0]
    narration = Narration.objects.get(article=narrated)
    assert entry.title == "Rail line reopens"
    assert entry.link == f"http://testserver{narrated.url}"
    assert entry.id == f"masthead-narration-{narrated.pk}"
    assert entry.guidislink is False
    assert entry.author == "Olha Bondar and Ivan Petrenko"
    enclosure = entry.enclosures[0]
    assert enclosure.href == f"http://testserver{narration.audio.url}"
    assert enclosure.type == "audio/mpeg"
    assert int(enclosure.length) == narration.audio_bytes > 0
    minutes, seconds = divmod(round(narration.duration_seconds), 60)
    assert entry.itunes_duration == f"00:{minutes:02}:{seconds:02}"


def test_podcast_episode_without_a_standfirst_is_described_by_its_first_paragraph(
    client, narration_on, section, author, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        builders.make_article(
            section,
            authors=[author],
            title="Dam repairs begin",
            standfirst="",
            body=[("paragraph", "<p>Divers found cracks in two gates.</p>")],
        )
    feed = feedparser.parse(client.get("/podcast.xml").content)
    assert not feed.bozo, feed.bozo_exception
    (entry,) = feed.entries
    assert entry.summary == (
        "Divers found cracks in two gates. (This audio is created with AI assistance.)"
    )


def test_player_costs_one_query_and_waits_for_current_audio(narrated, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert narration_player(narrated)["narration"] is not None
    Narration.objects.filter(article=narrated).update(text_hash="edited")
    assert narration_player(narrated)["narration"] is None


@pytest.mark.parametrize(
    ("seconds", "text"), [(252.4, "4 min 12 s"), (42, "42 s"), (60, "1 min 0 s"), (None, "")]
)
def test_listen_duration(seconds, text):
    assert listen_duration(seconds) == text


def test_admin_lists_narrations_with_licence_and_regenerates(
    admin_client, narrated, syntheses, django_capture_on_commit_callbacks
):
    response = admin_client.get("/admin/narration/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "A voice built by the test suite." in html
    assert "Rail line reopens" in html
    assert "Piper en_US-tiny-test" in html

    edit = admin_client.get(f"/admin/pages/{narrated.pk}/edit/").content.decode()
    assert f"/admin/narration/?article={narrated.pk}" in edit

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/narration/{narrated.pk}/regenerate/", {"next": "/admin/narration/"}
        )
    assert response.status_code == 302
    assert len(syntheses) == 1  # forced, though the text did not change
    assert Narration.objects.get(article=narrated).status == Narration.Status.DONE


def test_admin_says_in_plain_words_which_voice_reads_and_what_to_check(admin_client, settings, db):
    settings.MASTHEAD_NARRATION = {
        "BACKEND": "narration.backends.piper.PiperBackend",
        "VOICE": None,  # the default: joe
        "VOICE_LICENCE": "",
        "TIME_LIMIT": 60,
    }
    html = unescape(admin_client.get("/admin/narration/").content.decode())
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "narration.backends" not in html  # no class paths
    assert "Articles are read by “joe”, an American English voice" in text
    assert "Not cleared for commercial use." in text
    assert "may not be used for commercial voice synthesis" in text  # lessac's recordings
    assert "LibriTTS (CC BY 4.0" in text and "MASTHEAD_NARRATION_VOICE" in text
    assert "piper-tts, is free software under the GPL-3.0" in text
    link = re.search(r'<a href="([^"]+)">Read the narration guide', html).group(1)
    assert link == "/admin/narration/guide/#licences-the-operators-to-know"

    guide = admin_client.get(link.split("#")[0])
    assert guide.status_code == 200
    guide_html = unescape(guide.content.decode())
    assert '<h2 id="licences-the-operators-to-know"' in guide_html
    assert "piper-tts is GPL-3.0" in guide_html.replace("**", "")


def test_admin_names_another_voice_and_asks_for_its_licence(admin_client, settings, db):
    settings.MASTHEAD_NARRATION = {
        "BACKEND": "narration.backends.piper.PiperBackend",
        "VOICE": "/srv/voices/en_US-libritts_r-medium.onnx",
        "VOICE_LICENCE": "LibriTTS-R, CC BY 4.0: credit “LibriTTS-R” on the podcast page.",
        "TIME_LIMIT": 60,
    }
    html = unescape(admin_client.get("/admin/narration/").content.decode())
    assert "Articles are read by The Piper voice “en_US-libritts_r-medium”" in html
    assert "Check the licence of this voice" in html
    assert "Your team’s note on this voice:</strong> LibriTTS-R, CC BY 4.0" in html  # noqa: RUF001
    assert "Not cleared" not in html


def test_the_guide_needs_the_narration_permission(client, db):
    client.force_login(newsroom_user("Reporters"))
    guide = client.get("/admin/narration/guide/")
    assert (guide.status_code, guide["Location"]) == (302, "/admin/")  # Wagtail's "no permission"


def test_admin_shows_failures(admin_client, narrated):
    Narration.objects.filter(article=narrated).update(
        status=Narration.Status.FAILED, error="Voice file not found"
    )
    html = admin_client.get("/admin/narration/?status=failed").content.decode()
    assert "Voice file not found" in html
    assert "Failed" in html


def menu_urls(client):
    """The links of the admin's sidebar menu (Wagtail renders it from JSON in the page)."""
    import re

    html = client.get("/admin/").content.decode()
    return set(re.findall(r'"url": "([^"]+)"', html))


def newsroom_user(role):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(role.lower(), f"{role.lower()}@example.org", "pw")
    user.groups.add(Group.objects.get(name=role))
    return user


def test_a_reporter_neither_sees_the_narration_admin_nor_regenerates(
    client, narrated, syntheses, django_capture_on_commit_callbacks
):
    client.force_login(newsroom_user("Reporters"))
    menu = menu_urls(client)
    assert "/admin/pages/" in menu and "/admin/narration/" not in menu
    edit = client.get(f"/admin/pages/{narrated.pk}/edit/")
    assert edit.status_code == 200 and "/admin/narration/" not in edit.content.decode()

    listing = client.get("/admin/narration/")
    assert (listing.status_code, listing["Location"]) == (302, "/admin/")
    with django_capture_on_commit_callbacks(execute=True):
        forced = client.post(f"/admin/narration/{narrated.pk}/regenerate/")
    assert (forced.status_code, forced["Location"]) == (302, "/admin/")
    assert syntheses == []
    assert "permission" in client.get("/admin/").content.decode()


@pytest.mark.parametrize("role", ["Editors", "Administrators"])
def test_editors_and_administrators_list_and_regenerate(
    client, narrated, syntheses, django_capture_on_commit_callbacks, role
):
    client.force_login(newsroom_user(role))
    assert "/admin/narration/" in menu_urls(client)
    edit = client.get(f"/admin/pages/{narrated.pk}/edit/").content.decode()
    assert f"/admin/narration/?article={narrated.pk}" in edit
    listing = client.get("/admin/narration/")
    assert listing.status_code == 200
    assert "Rail line reopens" in listing.content.decode()
    assert f"/admin/narration/{narrated.pk}/regenerate/" in listing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        forced = client.post(f"/admin/narration/{narrated.pk}/regenerate/")
    assert (forced.status_code, forced["Location"]) == (302, "/admin/narration/")
    assert len(syntheses) == 1
