"""Reads: the podcast's episodes, for its feed and its transcripts.

An episode is a published, public article open to every reader whose audio is public and
says its current text (the player's rule, ``Narration.is_playable``, asked in SQL). Whatever
takes the audio away (unpublishing, a view restriction, an access level for members, a new
text not yet narrated) takes the episode and its transcript with it.

A reader's episodes (``episodes_for``, a member's private feed) are those and the articles for
members they may read (``articles.access.can_read``) whose audio of the current text waits in
private storage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, Prefetch, Q

from articles.access import Access
from articles.models import ArticleAuthor
from articles.selectors import open_articles, published_articles, with_access

from .artwork import EPISODE_ART_SPEC

if TYPE_CHECKING:
    from wagtail.query import PageQuerySet

    from articles.access import Reader
    from articles.models import ArticlePage


def _with_episode_details(articles: PageQuerySet) -> PageQuerySet:
    from wagtail.images import get_image_model

    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec=EPISODE_ART_SPEC)
    )
    return (
        articles.select_related("narration", "lead_image")
        .prefetch_related(
            Prefetch("lead_image__renditions", queryset=renditions),
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
            ),
        )
        .order_by("-first_published_at", "-pk")
    )


CURRENT = Q(narration__audio_hash=F("narration__text_hash"))
PUBLIC_AUDIO = CURRENT & ~Q(narration__audio="")
WITHHELD_AUDIO = CURRENT & ~Q(narration__withheld_audio="")


def episodes() -> PageQuerySet:
    """Narrated published articles, newest first, with their narration, byline and the
    lead image's episode artwork rendition (if made) loaded."""
    return _with_episode_details(open_articles().filter(PUBLIC_AUDIO))


# How many candidates ``episodes_for`` reads at a time while it fills a feed.
_BATCH = 100


def episodes_for(reader: Reader, *, limit: int) -> list[ArticlePage]:
    """The newest ``limit`` episodes ``reader`` may hear: public ones (public audio), and
    articles for members that ``reader`` may read whose audio waits in private storage (the
    rule of ``audio.episode_audio``, which serves it). Loaded as ``episodes()`` loads them."""
    candidates = _with_episode_details(
        with_access(published_articles()).filter(PUBLIC_AUDIO | WITHHELD_AUDIO)
    )
    found: list[ArticlePage] = []
    start = 0
    while len(found) < limit:
        batch = list(candidates[start : start + _BATCH])
        for article in batch:
            if article.effective_access() == Access.PUBLIC:
                heard = bool(article.narration.audio)
            else:
                heard = bool(article.narration.withheld_audio) and article.readable_by(reader)
            if heard:
                found.append(article)
        if len(batch) < _BATCH:
            break
        start += _BATCH
    return found[:limit]


def members_episode(*, article_id: int) -> ArticlePage | None:
    """The published article for members whose audio of its current text waits in private
    storage (heard through ``audio.py``), with its narration and its section's level."""
    return (
        with_access(published_articles())
        .filter(WITHHELD_AUDIO, pk=article_id)
        .select_related("narration")
        .first()
    )
