"""Writes: publishing and unpublishing News Feed items outside the admin.

Open pages see the change at their next poll of ``/news-feed/updates.json``: every save bumps
``updated_at``, which changes the feed's version and so its ETag. Nothing is pushed, so there
is nothing to send after the commit.
"""

from django.db import transaction

from .models import NewsFeedItem


@transaction.atomic
def news_item_publish(
    *, headline, summary, article=None, is_breaking=False, is_pinned=False, user=None
):
    """Create an item and publish it now; returns the published item."""
    item = NewsFeedItem(
        headline=headline,
        summary=summary,
        article=article,
        is_breaking=is_breaking,
        is_pinned=is_pinned,
        live=False,
    )
    item.full_clean()
    item.save()
    item.save_revision(user=user).publish(user=user)
    item.refresh_from_db()
    return item


@transaction.atomic
def news_item_unpublish(*, item, user=None):
    """Take an item off the site; editors can publish it again from the admin."""
    item.unpublish(user=user)
    item.refresh_from_db()
    return item
