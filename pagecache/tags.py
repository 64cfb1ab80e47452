"""What a cached page depends on: tag names, and collecting them while a page renders.

A tag names content that a page shows. When that content changes, the tag is invalidated and
every cached page that named it is rendered afresh on its next request.

The page cache names two kinds itself:

- ``page:<id>``: a Wagtail page's own content, wherever it shows (its page, and its card in
  listings, rails, teasers and related lists).
- ``site``: what every page shows: the newsroom's name and logo, the section navigation and
  the newsletters in the footer.

Every other tag is its app's, named in its ``cache.py`` with ``keyed()`` or as a constant:
``articles``, ``section:<id>`` and ``tag:<id>`` (articles), ``author:<id>`` and ``authors``
(authors), ``newsfeed`` (newsfeed), ``picks:<slug>`` (picks), ``podcast`` (narration).

``last_changed(request)``, once a page has named its tags, says when any of them last changed:
its Last-Modified, for pages that change only when their tags do (feeds, sitemaps).
"""

import time

SITE = "site"


def keyed(kind, key):
    """The tag of one thing of a kind: ``keyed("section", 12)`` is ``section:12``."""
    return f"{kind}:{key}"


def page(pk):
    return keyed("page", pk)


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
