"""Writes: asking for a narration, doing it, and retrying what failed.

The ``Narration`` row is the single source of truth. Every step changes it with a
conditional UPDATE, so concurrent publishes, duplicate tasks and retries agree on one
outcome: a request sets the wanted ``text_hash`` (unless that text is already narrated or
on its way); a task claims the work for that hash with a token; only the holder of the
token may record the result. A newer request clears the token, which supersedes the job.
"""

import logging
import math
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from articles.models import ArticlePage
from core.models import NewsroomSettings

from .backends import backend_options
from .child import run_synthesis
from .models import Narration
from .text import spoken_paragraphs, text_hash

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4  # the first try and three retries
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=25)]
AI_LABEL = "This audio is created with AI assistance"


def narration_settings():
    return {"TIME_LIMIT": 900, **settings.MASTHEAD_NARRATION}


def _live_article(article_id):
    return (
        ArticlePage.objects.live()
        .filter(pk=article_id)
        .prefetch_related("article_authors__author")
        .first()
    )


def narration_request(*, article_id, force=False):
    """Queue a narration of the article's live text, unless that text is already narrated,
    queued or being narrated (``force`` queues it anyway: the admin's "regenerate")."""
    article = _live_article(article_id)
    if article is None:
        return None
    wanted = text_hash(spoken_paragraphs(article))
    narration = _narration_for(article)
    claimable = Narration.objects.filter(pk=narration.pk)
    if not force:
        claimable = claimable.exclude(
            text_hash=wanted,
            status__in=[Narration.Status.QUEUED, Narration.Status.RUNNING, Narration.Status.DONE],
        )
    queued = claimable.update(
        text_hash=wanted,
        status=Narration.Status.QUEUED,
        claim="",
        attempts=0,
        error="",
        retry_at=None,
        updated_at=timezone.now(),
    )
    if queued:
        _enqueue(article_id=article.pk, wanted=wanted, published_at=article.first_published_at)
    return narration


def _narration_for(article):
    try:
        with transaction.atomic():
            return Narration.objects.get_or_create(article=article)[0]
    except IntegrityError:  # created at the same moment by another request
        return Narration.objects.get(article=article)


def narration_priority(published_at, *, now=None):
    """Newest first: 0 for an article published now, -10 an hour ago, -46 a day ago, -94 a
    month ago. Never above the default 0, so other tasks do not wait behind narration."""
    if published_at is None:
        return 0
    hours = max(0.0, ((now or timezone.now()) - published_at).total_seconds() / 3600)
    return max(-100, -round(10 * math.log2(1 + hours)))


def _enqueue(*, article_id, wanted, published_at):
    from .tasks import narrate_article

    narrate_article.using(priority=narration_priority(published_at)).enqueue(article_id, wanted)


def narration_run(*, article_id, wanted):
    """Narrate the article if ``wanted`` is still its text and no one else holds the work.

    Returns what happened: "done", "failed", "superseded", "taken" or "gone".
    """
    article = _live_article(article_id)
    if article is None:
        return "gone"
    paragraphs = spoken_paragraphs(article)
    if text_hash(paragraphs) != wanted:
        return "superseded"  # a newer publish has queued its own job
    token = uuid.uuid4().hex
    claimed = Narration.objects.filter(
        article_id=article_id, text_hash=wanted, status=Narration.Status.QUEUED
    ).update(
        status=Narration.Status.RUNNING,
        claim=token,
        attempts=F("attempts") + 1,
        started_at=timezone.now(),
        retry_at=None,
        updated_at=timezone.now(),
    )
    if not claimed:
        return "taken"
    held = Narration.objects.filter(article_id=article_id, claim=token)
    config = narration_settings()
    try:
        with tempfile.TemporaryDirectory(prefix="narration-") as folder:
            path = Path(folder) / "narration.mp3"
            result = run_synthesis(
                backend=config["BACKEND"],
                options=backend_options(config),
                paragraphs=paragraphs,
                output_path=path,
                time_limit=config["TIME_LIMIT"],
                still_wanted=held.exists,
            )
            if result is None:
                return "superseded"
            duration = tag_mp3(path, article=article)
            with path.open("rb") as mp3:
                name = default_storage.save(f"narration/{article.pk}-{wanted[:12]}.mp3", File(mp3))
            size = path.stat().st_size
    except Exception as error:
        logger.warning("Narration of article %s failed: %s", article_id, error)
        _record_failure(held, error)
        return "failed"
    return _record_audio(held, name=name, size=size, duration=duration, voice=result["voice"])


def _record_audio(held, *, name, size, duration, voice):
    with transaction.atomic():
        narration = held.select_for_update().first()
        if narration is None:  # superseded while the file was being stored
            default_storage.delete(name)
            return "superseded"
        previous = narration.audio.name
        held.update(
            status=Narration.Status.DONE,
            audio=name,
            audio_hash=narration.text_hash,
            audio_bytes=size,
            duration_seconds=duration,
            voice=voice,
            error="",
            claim="",
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    if previous and previous != name:
        transaction.on_commit(lambda: default_storage.delete(previous))
    return "done"


def _record_failure(held, error):
    narration = held.first()
    if narration is None:
        return
    retry_at = None
    if narration.attempts < MAX_ATTEMPTS:
        retry_at = timezone.now() + RETRY_DELAYS[min(narration.attempts, len(RETRY_DELAYS)) - 1]
    held.update(
        status=Narration.Status.FAILED,
        error=str(error)[:2000],
        retry_at=retry_at,
        claim="",
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def tag_mp3(path, *, article):
    """ID3 title, newsroom (artist), section (album) and the AI label; returns seconds."""
    from mutagen.id3 import COMM, TALB, TIT2, TPE1
    from mutagen.mp3 import MP3

    audio = MP3(path)
    if audio.tags is None:
        audio.add_tags()
    section = article.get_parent()
    audio.tags.add(TIT2(encoding=3, text=article.title))
    audio.tags.add(TPE1(encoding=3, text=NewsroomSettings.load().name))
    audio.tags.add(TALB(encoding=3, text=section.title if section else ""))
    audio.tags.add(COMM(encoding=3, lang="eng", desc="", text=AI_LABEL))
    audio.save()
    return audio.info.length


def narration_retry_due(*, now=None):
    """Re-queue failed narrations whose retry time has come; recover ones a dead worker left
    running. Returns how many were queued. Run by the worker's clock (``periodic.py``)."""
    now = now or timezone.now()
    abandoned = now - timedelta(seconds=narration_settings()["TIME_LIMIT"] + 300)
    Narration.objects.filter(status=Narration.Status.RUNNING, started_at__lt=abandoned).update(
        status=Narration.Status.FAILED,
        error="Interrupted: the worker stopped during synthesis",
        claim="",
        retry_at=now,
        updated_at=now,
    )
    queued = 0
    due = Narration.objects.filter(
        status=Narration.Status.FAILED, retry_at__lte=now, attempts__lt=MAX_ATTEMPTS
    ).select_related("article")
    for narration in due:
        if Narration.objects.filter(pk=narration.pk, status=Narration.Status.FAILED).update(
            status=Narration.Status.QUEUED, retry_at=None, updated_at=now
        ):
            queued += 1
            _enqueue(
                article_id=narration.article_id,
                wanted=narration.text_hash,
                published_at=narration.article.first_published_at,
            )
    return queued
