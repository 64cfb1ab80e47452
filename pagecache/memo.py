"""What every page render reads first, kept in this process until anything is invalidated.

Before an uncached page renders, Wagtail finds the request's ``Site`` and its root page, routes
to the article, checks its view restrictions and reads the newsroom settings: six queries, two
thirds of an article render whose fragments are stored (``fragments.py``). This keeps each
answer per process (articles: the most read 500, by URL), under the page cache's epoch
(``store.current_epoch``), which every invalidation changes once its transaction has
committed: a publish, a section or settings change, a privacy change (``signals.py``),
a change of ``Site`` (``core/signals.py``). The epoch is read once per request, and a request
that renders fragments reads it anyway.

Nothing is kept from inside a transaction of the site's own (it might roll back), and each
request gets its own copy of a kept model instance, so nothing one render sets on it reaches
another.
"""

import contextlib
import copy
import threading
from collections import OrderedDict

from django.db import InterfaceError, OperationalError, connection

from . import store


def _epoch(request):
    if request is None:
        return store.current_epoch()
    if not hasattr(request, "cache_epoch"):
        request.cache_epoch = store.current_epoch()
    return request.cache_epoch


def _in_transaction():
    """In an ``atomic()`` block of the site's own (a test's own transaction does not count)."""
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


class EpochMemo:
    """Values by key, all forgotten when the epoch changes; the least recently used go past
    ``max_entries``."""

    def __init__(self, max_entries=None):
        self.lock = threading.Lock()
        self.max_entries = max_entries
        self.epoch = None
        self.values = OrderedDict()

    def get(self, request, key, compute):
        epoch = _epoch(request)
        with self.lock:
            if epoch != self.epoch:
                self.epoch, self.values = epoch, OrderedDict()
            if key in self.values:
                self.values.move_to_end(key)
                return self.values[key]
        value = compute()
        if not _in_transaction():
            with self.lock:
                if epoch == self.epoch:
                    self.values[key] = value
                    if self.max_entries is not None and len(self.values) > self.max_entries:
                        self.values.popitem(last=False)
        return value

    def clear(self):
        with self.lock:
            self.epoch, self.values = None, OrderedDict()


memo = EpochMemo()
# Articles by URL: the most read few hundred (a page is some kilobytes, its body unparsed).
pages = EpochMemo(max_entries=500)


def clear():
    memo.clear()
    pages.clear()


def site_for_request(request):
    """``Site.find_for_request`` with its root page, as the specific page, looked up once."""
    from wagtail.models import Site
    from wagtail.models.sites import split_domain_port

    hostname = split_domain_port(request._get_raw_host())[0]
    key = ("site", hostname, request.get_port())

    def find():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.localized.specific
        return site

    site = memo.get(request, key, find)
    if site is None:
        return None
    site = copy.copy(site)
    site.root_page = copy.copy(site.root_page)
    return site


def page_at(request, url_path, find):
    """The live page at ``url_path`` (``find()`` reads it, or None), this request's own copy."""
    page = pages.get(request, ("page", url_path), find)
    return None if page is None else copy.copy(page)


def any_view_restriction():
    """Whether any page is private (usually none is: then no page needs its own check)."""
    from wagtail.models import PageViewRestriction

    return memo.get(None, ("restricted",), PageViewRestriction.objects.exists)


def newsroom_settings(request, load):
    """The newsroom settings (``load()`` reads them), with their logo image, read once."""

    def read():
        settings = load()
        settings.logo  # noqa: B018 -- the header shows it: kept with the settings
        return settings

    return copy.copy(memo.get(request, ("newsroom",), read))


class SiteMiddleware:
    """Gives the request its ``Site`` from ``site_for_request``: Wagtail then asks no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The database down (what core/outage.py calls DATABASE_DOWN): Wagtail's own look-up in
        # the view meets it too, and gets a 503 there.
        with contextlib.suppress(OperationalError, InterfaceError):
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)
