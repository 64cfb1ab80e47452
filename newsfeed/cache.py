"""The page cache's names for the News Feed, and its URLs.

Tag (``pagecache/tags.py``): ``newsfeed``, anything that shows News Feed items (the column on
the front page and articles, /news-feed/, its RSS, an item's page). The articles an item links
to are theirs, ``page:<id>``.
"""

from django.urls import reverse

NEWS_FEED = "newsfeed"


def item_paths(item):
    """The URLs a published, withdrawn or deleted item changes: the front page's column, the
    feed, its RSS and the item's own page."""
    return ["/", reverse("live:feed"), reverse("live:rss"), item.get_absolute_url()]
