"""Pieces of pages kept between renders: ``{% fragment "name" vary... %}…{% endfragment %}``.

The parts every page shares (navigation, footer form, News Feed column) and the parts of an
article that change with other content (Editors' Picks, related articles) are rendered once
and reused until what they show changes, by the same tags as whole pages (``store.py``). A page
that uses a stored fragment depends on the fragment's tags too, so the page cache stays exact.
This keeps a page render cheap when the page cache has no copy: after a News Feed post every
article page is rendered again, but only its column is new.
"""

import time
from datetime import UTC, datetime

from django.conf import settings

from . import store, variants
from .headers import has_session
from .tags import depends_on, expires_by


def _epoch(request):
    if not hasattr(request, "cache_epoch"):
        request.cache_epoch = store.current_epoch()
    return request.cache_epoch


def render(request, key, render_html, *, tags=()):
    """The stored HTML for ``key``, or ``render_html()`` stored under it."""
    # Readers with a session (editors, previews) always get a fresh render, and never store
    # it; but for a reader whose kind an app noted (variants.py), fragments are kept per kind.
    variant = None if request is None else variants.noted(request)
    if (
        request is None
        or not settings.MASTHEAD_PAGE_CACHE["FRAGMENTS"]
        or (has_session(request) and variant is None)
        or getattr(request, "is_preview", False)
    ):
        depends_on(request, *tags)
        return render_html()
    key = f"fragment:{request.build_absolute_uri('/')}:{key}"
    if variant is not None and has_session(request):
        key = f"{key}#{variant}"
    epoch = _epoch(request)
    now = time.time()
    fragment = store.lookup(key, epoch=epoch, now=now)
    if fragment is None:
        # Conservative: as old as the request, since its context may have been read earlier.
        started = getattr(request, "cache_started", now)
        outer_tags = getattr(request, "cache_tags", None)
        outer_expiry = getattr(request, "cache_expires_by", None)
        request.cache_tags, request.cache_expires_by = set(tags), None
        try:
            html = render_html()
            inner_tags = request.cache_tags
            lifetime = store.lifetime(request, started)
        finally:
            request.cache_tags, request.cache_expires_by = outer_tags, outer_expiry
        fragment = store.Fragment(
            html=html,
            tags=tuple(sorted(inner_tags)),
            rendered_at=started,
            expires_at=started + lifetime,
            checked_epoch=epoch,
        )
        if lifetime > 1:
            store.save(key, fragment)
    depends_on(request, *fragment.tags)
    expires_by(request, datetime.fromtimestamp(fragment.expires_at, tz=UTC))
    return fragment.html
