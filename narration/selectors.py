"""Reads: the podcast's episodes, for its feed and its transcripts.

An episode is a published, public article open to every reader whose audio is public and
says its current text (the player's rule, ``Narration.is_playable``, asked in SQL). Whatever
takes the audio away (unpublishing, a view restriction, an access level for members, a new
text not yet narrated) takes the episode and its transcript with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, Prefetch, Q

from articles.models import ArticleAuthor
from articles.selectors import open_articles, published_articles, with_access

from .artwork import EPISODE_ART_SPEC

if TYPE_CHECKING:
    from wagtail.query import PageQuerySet

    from articles.models import ArticlePage


def episodes() -> PageQuerySet:
    """Narrated published articles, newest first, with their narration, byline and the
    lead image's episode artwork rendition (if made) loaded."""
    from wagtail.images import get_image_model

    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec=EPISODE_ART_SPEC)
    )
    playable = Q(narration__audio_hash=F("narration__text_hash")) & ~Q(narration__audio="")
    return (
        open_articles()
        .filter(playable)
        .select_related("narration", "lead_image")
        .prefetch_related(
            Prefetch("lead_image__renditions", queryset=renditions),
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
            ),
        )
        .order_by("-first_published_at", "-pk")
    )


def members_episode(*, article_id: int) -> ArticlePage | None:
    """The published article for members whose audio of its current text waits in private
    storage (heard through ``audio.py``), with its narration and its section's level."""
    current = Q(narration__audio_hash=F("narration__text_hash")) & ~Q(narration__withheld_audio="")
    return (
        with_access(published_articles())
        .filter(current, pk=article_id)
        .select_related("narration")
        .first()
    )
