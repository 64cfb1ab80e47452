"""The audio of an article is public exactly while the article is: unpublishing, a view
restriction (on it or a section above it), a move under one, or deleting it make the old
URL answer 404 at once; when it is public again the audio comes back under a new name.

``/media/`` is served from ``MEDIA_ROOT`` as nginx serves it (``media_urls.py``), and a
Varnish stand-in records the CDN purges."""

import pytest
from django.conf import settings
from django.core.files.storage import default_storage, storages
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage
from articles.tests.test_cdn_purge import PurgeReceiver
from narration import services
from narration.models import Narration
from narration.tests.test_cached_pages import episodes
from narration.tests.test_narration import body, republish
from narration.text import spoken_paragraphs, text_hash
from testkit import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_served(settings):
    settings.ROOT_URLCONF = "narration.tests.media_urls"


@pytest.fixture
def cdn(settings):
    with PurgeReceiver() as receiver:
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": receiver.url,
            }
        }
        yield receiver


@pytest.fixture
def narrated(narration_on, media_served, section, author, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return builders.make_article(
            section, authors=[author], title="Dam report", body=body("The water rose.")
        )


def audio_of(article):
    return Narration.objects.get(article=article)


def fetch(client, url):
    response = client.get(url)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, content


def public_files_with(content):
    """Every file under MEDIA_ROOT (all of it is public) with these bytes."""
    return [
        path
        for path in settings.MEDIA_ROOT.rglob("*")
        if path.is_file() and path.read_bytes() == content
    ]


def transcript_url(article):
    return f"/podcast/{article.pk}/transcript.txt"


def assert_withdrawn(client, cdn, article, old_url, old_name, content):
    assert fetch(client, old_url)[0] == 404
    assert not default_storage.exists(old_name)
    assert public_files_with(content) == []
    assert old_url in cdn.paths()
    assert episodes(client.get("/podcast.xml")) == []
    # Its transcript goes with it, from the CDN too.
    assert fetch(client, transcript_url(article))[0] == 404
    assert transcript_url(article) in cdn.paths()


def assert_back_under_a_new_name(client, article, old_url, content):
    narration = audio_of(article)
    new_url = narration.audio.url
    assert new_url != old_url
    assert fetch(client, new_url) == (200, content)
    assert fetch(client, old_url)[0] == 404
    page = client.get(article.url).content.decode()
    assert f'src="{new_url}"' in page and old_url not in page
    [episode] = episodes(client.get("/podcast.xml"))
    assert episode.enclosures[0].href == f"http://testserver{new_url}"
    assert fetch(client, transcript_url(article))[0] == 200
    assert narration.withheld_audio == ""
    assert list((settings.STORAGES["private"]["OPTIONS"]["location"]).rglob("*.mp3")) == []


def test_the_audio_answers_while_the_article_is_public(client, narrated):
    narration = audio_of(narrated)
    status, content = fetch(client, narration.audio.url)
    assert status == 200 and len(content) == narration.audio_bytes > 0
    assert fetch(client, transcript_url(narrated))[0] == 200
    # Its name is random: not derived from the article or its text, so it cannot be guessed.
    wanted = text_hash(spoken_paragraphs(narrated))
    assert wanted[:12] not in narration.audio.name
    assert len(narration.audio.name.removeprefix(f"narration/{narrated.pk}-")) >= 20


def test_unpublishing_withdraws_the_audio_and_republishing_restores_it_without_synthesis(
    client, cdn, narrated, syntheses, django_capture_on_commit_callbacks
):
    narration = audio_of(narrated)
    old_url, old_name = narration.audio.url, narration.audio.name
    content = fetch(client, old_url)[1]

    with django_capture_on_commit_callbacks(execute=True):
        narrated.unpublish()
    assert_withdrawn(client, cdn, narrated, old_url, old_name, content)
    withheld = audio_of(narrated).withheld_audio
    assert storages["private"].open(withheld).read() == content

    republish(narrated, django_capture_on_commit_callbacks)
    assert_back_under_a_new_name(client, narrated, old_url, content)
    assert syntheses == []  # the text did not change: the same audio, moved back


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
@pytest.mark.parametrize("on", ["article", "section"])
def test_a_view_restriction_withdraws_the_audio_and_lifting_it_restores_it(
    client, cdn, narrated, section, syntheses, django_capture_on_commit_callbacks, kind, on
):
    narration = audio_of(narrated)
    old_url, old_name = narration.audio.url, narration.audio.name
    content = fetch(client, old_url)[1]

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=narrated if on == "article" else section,
            restriction_type=kind,
            password="open sesame" if kind == PageViewRestriction.PASSWORD else "",
        )
    assert_withdrawn(client, cdn, narrated, old_url, old_name, content)

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert_back_under_a_new_name(client, narrated, old_url, content)
    assert syntheses == []


def test_moving_into_a_private_section_withdraws_the_audio(
    client, cdn, narrated, home, django_capture_on_commit_callbacks
):
    private = builders.make_section(home, title="Members")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    narration = audio_of(narrated)
    old_url, old_name = narration.audio.url, narration.audio.name
    content = fetch(client, old_url)[1]

    with django_capture_on_commit_callbacks(execute=True):
        narrated.move(private, pos="last-child")
    assert_withdrawn(client, cdn, narrated, old_url, old_name, content)


def test_deleting_the_article_deletes_its_audio(
    client, cdn, narrated, django_capture_on_commit_callbacks
):
    narration = audio_of(narrated)
    old_url, old_name = narration.audio.url, narration.audio.name
    content = fetch(client, old_url)[1]

    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=narrated.pk).delete()
    assert_withdrawn(client, cdn, narrated, old_url, old_name, content)
    assert not Narration.objects.exists()


def test_an_unpublished_articles_withheld_audio_goes_when_it_is_deleted(
    client, narrated, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        narrated.unpublish()
    withheld = audio_of(narrated).withheld_audio
    assert storages["private"].exists(withheld)
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=narrated.pk).delete()
    assert not storages["private"].exists(withheld)


def test_a_private_article_is_narrated_into_private_storage_and_published_with_its_section(
    narration_on,
    media_served,
    client,
    section,
    author,
    syntheses,
    django_capture_on_commit_callbacks,
):
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = builders.make_article(section, authors=[author], body=body("Members only."))
    narration = audio_of(article)
    assert narration.status == Narration.Status.DONE and narration.audio.name == ""
    content = storages["private"].open(narration.withheld_audio).read()
    assert public_files_with(content) == []

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert fetch(client, audio_of(article).audio.url) == (200, content)
    assert len(syntheses) == 1


def test_audio_recorded_after_its_article_became_private_is_kept_private(
    narration_on,
    media_served,
    client,
    section,
    author,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    article = builders.make_article(section, authors=[author], body=body("Hold the front page."))
    real = services.run_synthesis

    def restricted_meanwhile(**kwargs):
        # While the voice speaks, an editor makes the article private.
        with django_capture_on_commit_callbacks(execute=True):
            PageViewRestriction.objects.create(
                page=article, restriction_type=PageViewRestriction.LOGIN
            )
        return real(**kwargs)

    monkeypatch.setattr(services, "run_synthesis", restricted_meanwhile)
    with django_capture_on_commit_callbacks(execute=True):
        services.narration_request(article_id=article.pk)
    narration = audio_of(article)
    assert narration.status == Narration.Status.DONE
    assert narration.audio.name == "" and storages["private"].exists(narration.withheld_audio)
    assert list(settings.MEDIA_ROOT.rglob("*.mp3")) == []


def test_the_workers_clock_withdraws_audio_that_a_change_without_signals_left_public(
    client, narrated
):
    """A safety net: the signals act at once, and the clock repeats the check every minute."""
    old_url = audio_of(narrated).audio.url
    ArticlePage.objects.filter(pk=narrated.pk).update(live=False)  # no signal sent
    assert fetch(client, old_url)[0] == 200
    assert services.narration_visibility_sync() == 1
    assert fetch(client, old_url)[0] == 404
    assert services.narration_visibility_sync() == 0


def test_republishing_when_the_withheld_file_was_lost_narrates_again(
    client, narrated, syntheses, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        narrated.unpublish()
    storages["private"].delete(audio_of(narrated).withheld_audio)  # e.g. not in a backup
    republish(narrated, django_capture_on_commit_callbacks)
    narration = audio_of(narrated)
    assert len(syntheses) == 1
    assert narration.is_playable and fetch(client, narration.audio.url)[0] == 200


def test_an_article_unpublished_before_its_turn_is_narrated_when_republished(
    narration_on, section, author, syntheses, django_capture_on_commit_callbacks
):
    article = builders.make_article(section, authors=[author], body=body("Later."))
    wanted = text_hash(spoken_paragraphs(article))
    tasks = narration_on.TASKS["default"]
    narration_on.TASKS = {
        "default": {**tasks, "BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    services.narration_request(article_id=article.pk)
    article.unpublish()
    assert services.narration_run(article_id=article.pk, wanted=wanted) == "gone"
    narration_on.TASKS = {"default": tasks}
    republish(article, django_capture_on_commit_callbacks)
    assert audio_of(article).is_playable and len(syntheses) == 1


def test_private_storage_inside_the_public_media_folder_is_refused(settings, tmp_path):
    from narration.apps import private_storage_is_private

    settings.MEDIA_ROOT = tmp_path / "media"
    outside = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**outside, "OPTIONS": {"location": tmp_path / "private"}},
    }
    assert private_storage_is_private() == []
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**outside, "OPTIONS": {"location": tmp_path / "media" / "private"}},
    }
    [error] = private_storage_is_private()
    assert error.id == "narration.E002" and "MEDIA_ROOT" in error.msg
