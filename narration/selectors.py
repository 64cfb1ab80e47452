"""Reads: the podcast's episodes, for its feed and its transcripts.

An episode is a published, public article whose audio is public and says its current text
(the player's rule, ``Narration.is_playable``, asked in SQL). Whatever takes the audio away
(unpublishing, a view restriction, a new text not yet narrated) takes the episode and its
transcript with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, Prefetch, Q

from articles.models import ArticleAuthor
from articles.selectors import published_articles

from .artwork import EPISODE_ART_SPEC

if TYPE_CHECKING:
    from wagtail.query import PageQuerySet


def episodes() -> PageQuerySet:
    """Narrated published articles, newest first, with their narration, byline and the
    lead image's episode artwork rendition (if made) loaded."""
    from wagtail.images import get_image_model

    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec=EPISODE_ART_SPEC)
    )
    playable = Q(narration__audio_hash=F("narration__text_hash")) & ~Q(narration__audio="")
    return (
        published_articles()
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
