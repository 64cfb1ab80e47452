"""Masthead's full-page cache (anonymous readers, members per kind), every page's cache headers.

How it works (docs/page-cache.md):

- A public view marks its response with ``public(response)``; while it renders, the code that
  reads content names what the page shows with ``depends_on(request, *tags)`` (``tags.py``:
  ``page:<id>`` for a page and every card of it, ``site``; each app names its own in its
  ``cache.py``: ``section:<id>``, ``author:<id>``, ``tag:<id>``, ``articles``, ``newsfeed``,
  ``picks:<slug>``, ``podcast``).
- Members' pages are stored per kind of reader: an app notes the request's *variant* and
  hands the reader a signed cookie naming it (``variants.py``), which the WSGI front verifies
  without the database; without a valid one a request with a session is never cached.
- ``PageCacheMiddleware`` stores such a response, for readers without a session, in the
  Django cache named ``pages`` (shared by every process: a file cache by default, Redis in
  production), with a per-process copy in memory for the hot path.
- A write calls ``invalidate(tags, urls)`` once its transaction commits: every stored page
  that depends on one of those tags is refused from then on (tag times, in the cache named
  ``page_tags``, kept for good: ``store.py``), and the URLs are purged from the CDN through
  Wagtail's frontend cache (``purge.py``). For any Wagtail page published, unpublished, moved,
  deleted or made private, ``signals.py`` does it (``pages.py``): the page's own URLs
  (``get_cached_paths()``), what its type declares lists it (``cache_listings()``) and what
  other apps register (``dependents.py``).
"""

from .headers import public
from .store import invalidate
from .tags import depends_on, expires_by, last_changed

__all__ = ["depends_on", "expires_by", "invalidate", "last_changed", "public"]
