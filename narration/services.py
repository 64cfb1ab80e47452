"""Writes: asking for a narration, doing it, retrying what failed, and keeping audio public
only while its article is.

The ``Narration`` row is the single source of truth. Every step changes it with a
conditional UPDATE, so concurrent publishes, duplicate tasks and retries agree on one
outcome: a request sets the wanted ``text_hash`` (unless that text is already narrated or
on its way); a task claims the work for that hash with a token; only the holder of the
token may record the result. A newer request clears the token, which supersedes the job.

``QuerySet.update()`` sends no signal, so each write here that changes what readers see (the
article's player, the podcast feed) refreshes those pages itself (``_refresh_pages``), and
purges them and every audio URL that stops working from the CDN.

Audio is in public media only while its article is published, public and open to every
reader (``articles.selectors.open_articles``). Unpublishing, a view restriction on the
article or a page above it, a move under one, or an access level for members only (the
article's own or its section's) puts the file in private storage at once
(``narration_visibility_sync``, called by ``signals.py`` and every minute by the worker's
clock); when the article is public again the file comes back under a new random name, so an
old URL never answers again, and nothing is synthesised again if the text is unchanged.
A published article for members is heard from private storage through ``audio.py``, which
asks whether the reader may read it. Deleting the article deletes its files
(``signals.delete_audio_files``).
"""

from __future__ import annotations

import logging
import math
import secrets
import tempfile
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage, storages
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from articles.models import ArticlePage
from articles.selectors import open_articles
from core.models import NewsroomSettings
from pagecache import invalidate
from pagecache import tags as cache_tags

from . import cache
from .backends import backend_options
from .child import run_synthesis
from .models import Narration
from .text import spoken_paragraphs, text_hash

if TYPE_CHECKING:
    from django.core.files.storage import Storage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4  # the first try and three retries
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=25)]
AI_LABEL = "This audio is created with AI assistance"


def narration_settings() -> dict[str, Any]:
    return {"TIME_LIMIT": 900, **settings.MASTHEAD_NARRATION}


def private_storage() -> Storage:
    """Where audio waits while its article is not public: served by no one, never under
    ``MEDIA_URL`` (``STORAGES["private"]``, ``MASTHEAD_PRIVATE_MEDIA_ROOT``)."""
    return storages["private"]


def _audio_name(article_id):
    """A new name for each file stored: a random token, so no URL can be guessed or reused."""
    return f"narration/{article_id}-{secrets.token_urlsafe(16)}.mp3"


def retired_audio_keep() -> timedelta:
    """How long replaced audio stays public: the longest a cached copy of a page that links it
    may still be served (Masthead's store, in an outage too, then a CDN, then a browser)."""
    cache = settings.MASTHEAD_PAGE_CACHE
    keys = ("TIMEOUT", "S_MAXAGE", "STALE_WHILE_REVALIDATE", "STALE_IF_ERROR", "MAX_AGE")
    return timedelta(seconds=sum(cache[key] for key in keys))


def _live_article(article_id):
    return (
        ArticlePage.objects.live()
        .filter(pk=article_id)
        .prefetch_related("article_authors__author")
        .first()
    )


def _is_public(article_id):
    return open_articles().filter(pk=article_id).exists()


def _refresh_pages(article_id, *, gone=()):
    """After the commit, the article's page (its player), the podcast feed and the episode's
    transcript are rendered afresh; the CDN forgets them and the audio URLs in ``gone``, which
    no longer answer."""
    gone = [name for name in gone if name]

    def urls():
        for article in ArticlePage.objects.filter(pk=article_id):
            if url := article.get_full_url():
                yield url
        yield from cache.episode_paths(article_id)
        for name in gone:
            yield default_storage.url(name)

    invalidate({cache_tags.page(article_id), cache.PODCAST}, urls)


def _delete_after_commit(storage, names):
    names = [name for name in names if name]

    def delete():
        for name in names:
            try:
                storage.delete(name)
            except Exception:
                logger.exception("Could not delete the narration file %s", name)

    if names:
        transaction.on_commit(delete)


def narration_request(*, article_id: int, force: bool = False) -> Narration | None:
    """Queue a narration of the article's live text, unless that text is already narrated,
    queued or being narrated (``force`` queues it anyway: the admin's "regenerate").

    A live article behind a view restriction is narrated too; its audio is kept private
    until the article is public."""
    article = _live_article(article_id)
    if article is None:
        return None
    wanted = text_hash(spoken_paragraphs(article))
    narration = _narration_for(article)
    claimable = Narration.objects.filter(pk=narration.pk)
    if not force:
        has_audio = ~Q(audio="") | ~Q(withheld_audio="")
        on_its_way = Q(status__in=[Narration.Status.QUEUED, Narration.Status.RUNNING])
        done = Q(status=Narration.Status.DONE) & has_audio
        claimable = claimable.exclude(Q(text_hash=wanted) & (on_its_way | done))
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
        # A new text hides the player of the old one (``is_playable``) until its audio exists.
        _refresh_pages(article.pk)
        _enqueue(article_id=article.pk, wanted=wanted, published_at=article.first_published_at)
    return narration


def _narration_for(article):
    try:
        with transaction.atomic():
            return Narration.objects.get_or_create(article=article)[0]
    except IntegrityError:  # created at the same moment by another request
        return Narration.objects.get(article=article)


def narration_priority(published_at: datetime | None, *, now: datetime | None = None) -> int:
    """Newest first: 0 for an article published now, -10 an hour ago, -46 a day ago, -94 a
    month ago. Never above the default 0, so other tasks do not wait behind narration."""
    if published_at is None:
        return 0
    hours = max(0.0, ((now or timezone.now()) - published_at).total_seconds() / 3600)
    return max(-100, -round(10 * math.log2(1 + hours)))


def _enqueue(*, article_id, wanted, published_at):
    from .tasks import narrate_article

    narrate_article.using(priority=narration_priority(published_at)).enqueue(article_id, wanted)


def narration_run(
    *, article_id: int, wanted: str, claim: str | None = None
) -> Literal["done", "failed", "superseded", "taken", "gone"]:
    """Narrate the article if ``wanted`` is still its text and no one else holds the work.

    ``claim`` (the task's id) names the holder: a run holding the same claim, cut off by a
    dead worker or a database outage, is taken back at once. Returns what happened: "done",
    "failed", "superseded", "taken" or "gone".
    """
    article = _live_article(article_id)
    if article is None:
        _set_aside(article_id=article_id, wanted=wanted)
        return "gone"
    paragraphs = spoken_paragraphs(article)
    if text_hash(paragraphs) != wanted:
        return "superseded"  # a newer publish has queued its own job
    token = claim or uuid.uuid4().hex
    claimable = Q(status=Narration.Status.QUEUED) | Q(status=Narration.Status.RUNNING, claim=token)
    claimed = Narration.objects.filter(claimable, article_id=article_id, text_hash=wanted).update(
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
            return _record_audio(
                held, article_id=article_id, path=path, duration=duration, voice=result["voice"]
            )
    except Exception as error:
        logger.warning("Narration of article %s failed: %s", article_id, error)
        _record_failure(held, error)
        return "failed"


def _set_aside(*, article_id, wanted):
    """The article was unpublished before its turn: its next publish queues it again."""
    Narration.objects.filter(
        article_id=article_id, text_hash=wanted, status=Narration.Status.QUEUED
    ).update(
        status=Narration.Status.FAILED,
        error="Not narrated: the article was unpublished before its turn",
        retry_at=None,
        claim="",
        updated_at=timezone.now(),
    )


def _record_audio(held, *, article_id, path, duration, voice):
    """Keep the new audio (public only if the article still is); the audio it replaces stays
    public for a while as ``retired_audio`` (cached pages may still link it)."""
    storage, name = default_storage, ""
    try:
        with transaction.atomic():
            narration = held.select_for_update().first()
            if narration is None:  # superseded at the last moment
                return "superseded"
            public = _is_public(article_id)
            if not public:
                storage = private_storage()
            with path.open("rb") as mp3:
                name = storage.save(_audio_name(article_id), File(mp3))
            now, previous = timezone.now(), narration.audio.name
            # ``gone``: public files that stop answering now.
            if not public:  # nothing of an article that is not public stays public
                gone, retired, retired_at = [previous, narration.retired_audio], "", None
            elif previous:  # replaced, but cached pages may link it for a while yet
                gone, retired, retired_at = [narration.retired_audio], previous, now
            else:
                gone, retired, retired_at = [], narration.retired_audio, narration.retired_at
            held.update(
                status=Narration.Status.DONE,
                audio=name if public else "",
                withheld_audio="" if public else name,
                retired_audio=retired,
                retired_at=retired_at,
                audio_hash=narration.text_hash,
                audio_bytes=path.stat().st_size,
                duration_seconds=duration,
                voice=voice,
                error="",
                claim="",
                finished_at=now,
                updated_at=now,
            )
    except Exception:
        if name:
            storage.delete(name)
        raise
    _refresh_pages(article_id, gone=gone)
    # After the pages are refused: no fresh page links a deleted file.
    _delete_after_commit(default_storage, gone)
    _delete_after_commit(private_storage(), [narration.withheld_audio])
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


def tag_mp3(path: Path, *, article: ArticlePage) -> float:
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


def narration_retry_due(*, now: datetime | None = None) -> int:
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


def narration_visibility_sync(*, article_ids: Iterable[int] | None = None) -> int:
    """Audio in public media exactly for the articles that are published, public and open to
    every reader.

    The audio (and retired audio) of each article, of ``article_ids`` or of all, that is not
    public is moved to private storage; the waiting audio of each that is public again comes
    back under a new name. Returns how many narrations changed.
    """
    public = Exists(open_articles().filter(pk=OuterRef("article_id")))
    narrations = Narration.objects.annotate(public=public)
    if article_ids is not None:
        narrations = narrations.filter(article_id__in=list(article_ids))
    exposed = narrations.filter(public=False).exclude(audio="", retired_audio="")
    waiting = narrations.filter(public=True, audio="").exclude(withheld_audio="")
    changed = 0
    for article_id in list(exposed.values_list("article_id", flat=True)):
        changed += _withhold(article_id)
    for article_id in list(waiting.values_list("article_id", flat=True)):
        changed += _restore(article_id)
    return changed


def _withhold(article_id):
    """Take the article's audio out of public media now: its URL answers 404 from here on."""
    with transaction.atomic():
        narration = Narration.objects.select_for_update().filter(article_id=article_id).first()
        if narration is None or _is_public(article_id):
            return 0
        public_names = [narration.audio.name, narration.retired_audio]
        if not any(public_names):
            return 0
        private, withheld = private_storage(), ""
        if narration.audio.name and default_storage.exists(narration.audio.name):
            with default_storage.open(narration.audio.name) as audio:
                withheld = private.save(_audio_name(article_id), audio)
        elif not narration.audio:  # only retired audio was public: the waiting file stays
            withheld = narration.withheld_audio
        try:
            Narration.objects.filter(pk=narration.pk).update(
                audio="",
                withheld_audio=withheld,
                retired_audio="",
                retired_at=None,
                updated_at=timezone.now(),
            )
            # Still inside the transaction: if a file cannot be deleted, the row keeps
            # pointing at it and the worker's clock tries again.
            for name in public_names:
                if name:
                    default_storage.delete(name)
        except Exception:
            if withheld and withheld != narration.withheld_audio:
                private.delete(withheld)
            raise
    if narration.withheld_audio != withheld:
        _delete_after_commit(private, [narration.withheld_audio])
    _refresh_pages(article_id, gone=public_names)
    return 1


def _restore(article_id):
    """The article is public again: its waiting audio goes back to public media under a new
    name (or, if the file was lost, the article is narrated again)."""
    private, name = private_storage(), ""
    try:
        with transaction.atomic():
            narration = Narration.objects.select_for_update().filter(article_id=article_id).first()
            if narration is None or not narration.withheld_audio:
                return 0
            withheld = narration.withheld_audio
            if narration.audio or not _is_public(article_id):
                return 0
            if private.exists(withheld):
                with private.open(withheld) as audio:
                    name = default_storage.save(_audio_name(article_id), audio)
            Narration.objects.filter(pk=narration.pk).update(
                audio=name, withheld_audio="", updated_at=timezone.now()
            )
    except Exception:
        if name:
            default_storage.delete(name)
        raise
    _delete_after_commit(private, [withheld])
    _refresh_pages(article_id)
    if not name:
        logger.warning("The withheld audio of article %s was missing", article_id)
        if settings.MASTHEAD_NARRATION_ON_PUBLISH:
            transaction.on_commit(lambda: narration_request(article_id=article_id))
    return 1


def narration_retired_delete(*, now: datetime | None = None) -> int:
    """Delete replaced audio that no cached page can still link. Returns how many files."""
    cutoff = (now or timezone.now()) - retired_audio_keep()
    deleted = 0
    due = Narration.objects.filter(retired_at__lte=cutoff).exclude(retired_audio="")
    for pk, name in list(due.values_list("pk", "retired_audio")):
        if Narration.objects.filter(pk=pk, retired_audio=name).update(
            retired_audio="", retired_at=None
        ):
            default_storage.delete(name)
            deleted += 1
    return deleted
