"""The page cache's names for the podcast, and its URLs.

Tag (``pagecache/tags.py``): ``podcast``, what the narrated articles show (the podcast feed,
each episode's transcript); an article's player is its own ``page:<id>``. The podcast lists
the newest public articles with audio, so any article published, withdrawn or made private
purges it (``listings``, registered in ``apps.py``).
"""

from django.urls import reverse

from pagecache.dependents import Listings

PODCAST = "podcast"


def feed_paths():
    return [reverse("narration:podcast")]


def episode_paths(article_id):
    """The podcast's URLs that show the article's episode: the feed and its transcript."""
    return [*feed_paths(), reverse("narration:transcript", kwargs={"article_id": article_id})]


def listings(_obj):
    """The podcast feed, for an article or a view restriction that changed."""
    return Listings(paths=feed_paths)
