"""What a cached page depends on: tag names, and collecting them while a page renders.

A tag names content that a page shows. When that content changes, the tag is invalidated and
every cached page that named it is rendered afresh on its next request.

- ``page:<id>``: a Wagtail page's own content, wherever it shows (its page, and its card in
  listings, rails, teasers and related lists).
- ``section:<id>``, ``author:<id>``, ``tag:<id>``: a listing of one section's, author's or
  tag's articles (pages and feeds), which a newly published or moved article may join.
- ``articles``: the listings of all articles (front page, site feed, sitemaps).
- ``newsfeed``: anything that shows News Feed items; ``picks:<slug>``: a curated list.
- ``authors``: the list of authors (their sitemap); ``podcast``: the narrated articles.
- ``site``: what every page shows: the newsroom's name and logo, the section navigation and
  the newsletters in the footer.

``last_changed(request)``, once a page has named its tags, says when any of them last changed:
its Last-Modified, for pages that change only when their tags do (feeds, sitemaps).
"""

import time

SITE = "site"
ARTICLES = "articles"
NEWS_FEED = "newsfeed"
PODCAST = "podcast"
AUTHORS = "authors"


def page(pk):
    return f"page:{pk}"


def section(pk):
    return f"section:{pk}"


def author(pk):
    return f"author:{pk}"


def tag(pk):
    return f"tag:{pk}"


def picks(slug):
    return f"picks:{slug}"


def pages(objects):
    """``page:<id>`` for each page (or article card) in an iterable."""
    return [page(obj.pk) for obj in objects]


def depends_on(request, *tag_names):
    """Note that the page being rendered for ``request`` shows what these tags name."""
    if request is None:
        return
    collected = getattr(request, "cache_tags", None)
    if collected is None:
        collected = request.cache_tags = set()
    collected.update(tag_names)


def expires_by(request, when):
    """Note that the page being rendered changes by itself at ``when`` (an aware datetime).

    A curated item's expiry, for instance: the stored page must not outlive it.
    """
    if request is None or when is None:
        return
    current = getattr(request, "cache_expires_by", None)
    if current is None or when < current:
        request.cache_expires_by = when


def last_changed(request):
    """When what the page being rendered for ``request`` shows last changed (a POSIX time):
    the latest invalidation of the tags it has named so far, never later than the start of its
    rendering (``store.last_changed``). Only for pages that change with their tags alone: not
    one that says "today" or drops items as time passes."""
    from . import store

    started = getattr(request, "cache_started", None) or time.time()
    return store.last_changed(tuple(getattr(request, "cache_tags", ())), started=started)
