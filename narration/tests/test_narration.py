"""Publish → task → MP3 → player, with the real Piper code on the tiny test voice."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from mutagen.mp3 import MP3

from narration import services
from narration.models import LexiconEntry, Narration
from narration.tests.conftest import TINY_SAMPLE_RATE
from narration.text import spoken_paragraphs, text_hash
from testkit import builders

pytestmark = pytest.mark.django_db

LABEL = "This audio is created with AI assistance"


def body(*paragraphs):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]


def publish(section, author, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return builders.make_article(section, authors=[author], **fields)


def republish(article, django_capture_on_commit_callbacks, **changes):
    for name, value in changes.items():
        setattr(article, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    article.refresh_from_db()


def test_publish_narrates_the_article_into_a_tagged_mp3_and_shows_the_player(
    narration_on, client, section, author, syntheses, django_capture_on_commit_callbacks
):
    article = publish(
        section,
        author,
        django_capture_on_commit_callbacks,
        title="Rail line reopens",
        standfirst="Trains run again after 14 months.",
        body=body("The first train left at 6:11 PM.", "It was full."),
    )

    narration = Narration.objects.get(article=article)
    assert narration.status == Narration.Status.DONE
    assert narration.voice == "Piper en_US-tiny-test"
    assert narration.attempts == 1
    assert narration.audio.name.startswith("narration/") and narration.audio.name.endswith(".mp3")
    assert narration.audio_hash == narration.text_hash == text_hash(spoken_paragraphs(article))
    assert syntheses[0]["paragraphs"][0] == "Rail line reopens."
    assert "six eleven p m" in syntheses[0]["paragraphs"][3]

    with default_storage.open(narration.audio.name) as stored:
        mp3 = MP3(stored)
    synthesised = syntheses[0]["result"]["samples"] / TINY_SAMPLE_RATE
    assert synthesised > 1
    assert mp3.info.length == pytest.approx(synthesised, abs=0.15)
    assert narration.duration_seconds == pytest.approx(mp3.info.length)
    assert mp3.info.channels == 1
    assert mp3.info.bitrate == 64000
    assert str(mp3.tags["TIT2"]) == "Rail line reopens"
    assert str(mp3.tags["TPE1"]) == "Masthead"
    assert str(mp3.tags["TALB"]) == "World"
    assert narration.audio_bytes == default_storage.size(narration.audio.name)

    html = client.get(article.url).content.decode()
    assert (
        f'<audio class="narration__audio" controls preload="none" src="{narration.audio.url}"'
        in html
    )
    assert LABEL in html
    assert "Listen · " in html
    assert "js/narration.js" in html


def test_unchanged_text_is_not_narrated_again(
    narration_on, section, author, syntheses, django_capture_on_commit_callbacks
):
    article = publish(section, author, django_capture_on_commit_callbacks, body=body("One."))
    audio = Narration.objects.get(article=article).audio.name

    # A change a listener cannot hear (the caption) is published: nothing is synthesised.
    republish(article, django_capture_on_commit_callbacks, lead_image_caption="New caption")
    assert len(syntheses) == 1
    assert Narration.objects.get(article=article).audio.name == audio

    republish(article, django_capture_on_commit_callbacks, standfirst="A new standfirst.")
    assert len(syntheses) == 2
    narration = Narration.objects.get(article=article)
    assert narration.status == Narration.Status.DONE
    assert narration.audio.name != audio
    # The old audio stays while cached pages may still link it, then it is removed.
    assert narration.retired_audio == audio and default_storage.exists(audio)
    keep = services.retired_audio_keep()
    assert keep >= timedelta(seconds=settings.MASTHEAD_PAGE_CACHE["STALE_IF_ERROR"])
    assert services.narration_retired_delete(now=narration.retired_at + keep / 2) == 0
    assert default_storage.exists(audio)
    assert services.narration_retired_delete(now=narration.retired_at + keep) == 1
    assert not default_storage.exists(audio)
    assert default_storage.exists(Narration.objects.get(article=article).audio.name)


def test_narration_off_by_setting(settings, section, author, django_capture_on_commit_callbacks):
    settings.MASTHEAD_NARRATION_ON_PUBLISH = False
    article = publish(section, author, django_capture_on_commit_callbacks)
    assert not Narration.objects.filter(article=article).exists()


def test_repeated_enqueues_of_one_revision_make_one_synthesis(
    narration_on, section, author, syntheses, django_capture_on_commit_callbacks, monkeypatch
):
    article = builders.make_article(section, authors=[author], body=body("Once only."))
    wanted = text_hash(spoken_paragraphs(article))
    during = []
    real = services.run_synthesis  # the `syntheses` spy, which counts

    def meanwhile(**kwargs):
        # While this synthesis runs, the same revision is requested and its task run again.
        during.append(services.narration_request(article_id=article.pk))
        during.append(services.narration_run(article_id=article.pk, wanted=wanted))
        return real(**kwargs)

    monkeypatch.setattr(services, "run_synthesis", meanwhile)
    services.narration_request(article_id=article.pk)
    for _ in range(3):
        services.narration_request(article_id=article.pk)
        assert services.narration_run(article_id=article.pk, wanted=wanted) == "taken"

    assert during[1] == "taken"
    assert Narration.objects.get(article=article).status == Narration.Status.DONE
    assert Narration.objects.get(article=article).attempts == 1
    assert len(syntheses) == 1


def test_a_newer_revision_supersedes_a_running_job(
    narration_on, section, author, django_capture_on_commit_callbacks, monkeypatch
):
    article = builders.make_article(section, authors=[author], body=body("First words."))
    real = services.run_synthesis
    outcomes = []

    def edit_meanwhile(**kwargs):
        if not outcomes:
            outcomes.append("editing")
            republish(article, django_capture_on_commit_callbacks, standfirst="Second words.")
        return real(**kwargs)

    monkeypatch.setattr(services, "run_synthesis", edit_meanwhile)
    first = text_hash(spoken_paragraphs(article))
    services.narration_request(article_id=article.pk)

    narration = Narration.objects.get(article=article)
    assert narration.text_hash != first
    assert narration.audio_hash == narration.text_hash
    assert narration.status == Narration.Status.DONE
    # An out-of-date job exits early.
    assert services.narration_run(article_id=article.pk, wanted=first) == "superseded"
    assert len(default_storage.listdir("narration")[1]) == 1


def test_a_failing_backend_records_the_error_retries_with_backoff_and_the_page_renders(
    narration_on, client, section, author, django_capture_on_commit_callbacks
):
    narration_on.MASTHEAD_NARRATION = {
        **narration_on.MASTHEAD_NARRATION,
        "BACKEND": "narration.tests.backends.FailingBackend",
    }
    article = publish(section, author, django_capture_on_commit_callbacks)
    narration = Narration.objects.get(article=article)
    assert narration.status == Narration.Status.FAILED
    assert "The voice exploded" in narration.error
    assert narration.attempts == 1
    assert narration.retry_at is not None

    response = client.get(article.url)
    assert response.status_code == 200
    assert b"<audio" not in response.content
    assert LABEL.encode() not in response.content

    assert services.narration_retry_due() == 0  # not yet due
    for attempt in (2, 3, 4):
        assert services.narration_retry_due(now=narration.retry_at) == 1
        narration.refresh_from_db()
        assert narration.attempts == attempt
    assert narration.retry_at is None  # three retries, then it waits for an editor
    assert services.narration_retry_due(now=narration.updated_at) == 0


def test_the_time_limit_kills_a_stuck_synthesis(
    narration_on, section, author, django_capture_on_commit_callbacks
):
    narration_on.MASTHEAD_NARRATION = {
        **narration_on.MASTHEAD_NARRATION,
        "BACKEND": "narration.tests.backends.StuckBackend",
        "TIME_LIMIT": 2,
    }
    article = publish(section, author, django_capture_on_commit_callbacks)
    narration = Narration.objects.get(article=article)
    assert narration.status == Narration.Status.FAILED
    assert "longer than 2 s" in narration.error


def test_the_lexicon_is_applied_before_synthesis(
    narration_on, section, author, syntheses, django_capture_on_commit_callbacks
):
    LexiconEntry.objects.create(word="Halvesk", say_as="HAL vesk")
    publish(section, author, django_capture_on_commit_callbacks, title="Halvesk votes")
    assert syntheses[0]["paragraphs"][0] == "HAL vesk votes."


def test_priority_puts_newest_first():
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    ages = [timedelta(0), timedelta(hours=1), timedelta(days=1), timedelta(days=30)]
    priorities = [services.narration_priority(now - age, now=now) for age in ages]
    assert priorities == sorted(priorities, reverse=True)
    assert priorities[0] == 0 and priorities[-1] >= -100
