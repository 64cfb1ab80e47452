"""The Content API's answers in the page cache, refreshed by the same tags as pages.

An answer's key is the full URL with its query (the key parameter included: each key has its
own answers), under a prefix of its own, so no page and no answer share one. While an answer
is made, what it shows names its tags (``page:<id>`` of each post, ``articles`` for lists a
new article joins, ``site``, ``authors``, ``tag:<id>``, ``payments:tiers``, ``newsfeed``); the
changes that refresh pages refresh it (``pagecache.invalidate``). A key is checked before any
look-up, so a revoked key is never answered from here.
"""

import time
from urllib.parse import urlencode

from django.conf import settings

from pagecache import store

PREFIX = "content-api:"


def key_for(request):
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    return f"{PREFIX}{request.scheme}://{request.get_host()}{request.path}?{query}"


def enabled():
    return settings.MASTHEAD_PAGE_CACHE["ENABLED"]


def lookup(key):
    """(body, etag) of a current stored answer, or None."""
    entry = store.lookup(key, epoch=store.current_epoch())
    return None if entry is None else (entry.body, entry.etag)


def save(request, key, body, etag, *, started):
    lifetime = store.lifetime(request, started)
    if lifetime <= 1:
        return
    store.save(
        key,
        store.Entry(
            status=200,
            headers=[],
            body=body,
            etag=etag,
            tags=tuple(sorted(getattr(request, "cache_tags", ()))),
            rendered_at=started,
            expires_at=started + lifetime,
        ),
    )


def started():
    """When the answer's reading of content begins: after the look-up, which may start the
    page cache's epoch (a tag's first time is the epoch's; ``pagecache/store.py``)."""
    return time.time()
