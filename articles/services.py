"""Writes around publishing that Wagtail does not do itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

if TYPE_CHECKING:
    from wagtail.models import Revision

    from .models import ArticlePage


@transaction.atomic
def article_record_update(*, article: ArticlePage, revision: Revision | None) -> None:
    """Stamp "Updated <now>" on an article whose editor marked this publish as an update.

    The flag is cleared on the page and in the published revision, so the next edit starts
    unticked and a later routine publish does not count as another update.
    """
    now = timezone.now()
    type(article).objects.filter(pk=article.pk).update(updated_at=now, mark_as_update=False)
    article.updated_at, article.mark_as_update = now, False
    if revision is not None:
        revision.content.update(updated_at=now.isoformat(), mark_as_update=False)
        revision.save(update_fields=["content"])
