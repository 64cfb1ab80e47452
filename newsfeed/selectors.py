"""Reads: what readers see of the News Feed, in a fixed number of queries.

Every listing starts from ``feed_items()``: published items, each with ``article_link`` set
to its article only when that article is published (live and public), decided inside the
same query by the articles app's own rule.
"""

import hashlib

from django.db.models import Exists, OuterRef
from django.utils import timezone

from articles.selectors import published_articles

from .models import NewsFeedItem

COLUMN_SIZE = 8


def feed_items():
    """Published items, newest first, with their articles in the same query."""
    return (
        NewsFeedItem.objects.published()
        .select_related("article")
        .defer("article__body")  # links need the article's title and URL, not its text
        .annotate(article_published=Exists(published_articles().filter(pk=OuterRef("article_id"))))
        .order_by("-first_published_at", "-pk")
    )


def with_article_links(items):
    """Give each item ``article_link``: its article if readers may open it, else None."""
    items = list(items)
    for item in items:
        item.article_link = item.article if item.article_published else None
    return items


def latest_items(limit=COLUMN_SIZE):
    """The column: pinned items first, then the newest (one query)."""
    return with_article_links(
        feed_items().order_by("-is_pinned", "-first_published_at", "-pk")[:limit]
    )


def items_by_day(items):
    """[(day, [items])] for items in newest-first order; days in the newsroom's time zone."""
    days = []
    for item in items:
        day = timezone.localdate(item.first_published_at)
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(item)
    return days


def item_version(item):
    """Changes whenever the item is saved, published or unpublished."""
    return f"{int(item.updated_at.timestamp() * 1_000_000):x}"


def feed_version(items):
    """A short version of exactly what a list of items shows, for the ETag and the column.

    It covers which items are listed and in what order, every edit to them (``updated_at``)
    and whether each article link is still open to readers.
    """
    state = ";".join(
        f"{item.pk}:{item_version(item)}:{int(item.article_link is not None)}" for item in items
    )
    return hashlib.blake2b(state.encode(), digest_size=8).hexdigest()
