"""Stored pages and the tag times that decide whether a stored page is still current.

Two Django caches, shared by every process:

- ``caches["pages"]`` (``MASTHEAD_PAGE_CACHE["CACHE"]``) holds ``page:<url>``: a rendered
  response (status, headers, body, ETag), the tags it depends on, the time its rendering
  started and when it expires; and ``fragment:<name>``: a piece of a page (``fragments.py``).
  Each expires with its lifetime, and the store may drop any of them when it is full.
- ``caches["page_tags"]`` (``MASTHEAD_PAGE_CACHE["TAG_CACHE"]``) holds ``tag:<name>``, the
  time the tag was last invalidated; ``withdrawn:<name>``, the time the tag's page was last
  unpublished, deleted or made private; and ``epoch``, which changes with every invalidation
  and records its time. They never expire: there are as many as pieces of content, and each
  must outlive every page that names it (files: ``tagcache.TagFileCache``, which never culls;
  Redis: keys without a TTL, which ``volatile-*`` eviction policies leave alone).

A stored page is current while every one of its tags has a time, and each time is *before*
its rendering started. ``invalidate()`` runs after the writing transaction has committed, so
a rendering that started later read the new content; one that started earlier may not have,
and is refused. This needs no atomic counter and no list of pages per tag, so it works the
same on a file cache, locmem (one process) and Redis.

A tag without a time fails closed: the store has lost it (evicted, cleared, deleted), or has
never seen it, and either way nothing says the page is current. So ``save`` gives each tag of
the entry it stores a time if it has none, with an atomic add (Redis ``SET NX``; files: a link
that fails if the name exists), and the time it gives is the epoch's: the time of the latest
invalidation of anything, which no invalidation of that tag can be later than. Why that is
safe whatever order things happen in:

- an invalidation that wrote the tag before the add: the add fails and its time stands;
- one that writes it after: it overwrites the added time with its own, later than the render
  start of every page stored before it, which are refused;
- one whose tag time was lost before the add: it wrote the epoch last, before ``save`` read
  it, so the added time is no earlier than its own, and a page rendered before it stays
  refused. If the epoch was lost too, a new one starts when that is seen, later still.

So an entry with a tag new to the store is refused if its render started before the epoch's
time (something was invalidated while it rendered), and is current once rendered again.
(Not covered: an invalidation of the tag and the loss of its time, both in the instant
between ``save`` reading the epoch and adding; the tag store is configured never to evict,
and ``clear`` takes the epoch with the tags.)

Each process also keeps the entries it served in memory (``LocalEntries``) with the epoch it
last checked them at: while the epoch is unchanged, a hit costs one small read of the tag
store (one ``stat()`` of the epoch file). After any invalidation each entry is checked against
its tags once more; if the epoch itself is gone, a new one starts, and that is a change too.

Pages stay in the shared store ``STALE_IF_ERROR`` seconds past their lifetime. ``lookup`` never
answers with them then, nor once they are invalidated; ``lookup_stale`` does, for when a page
cannot be rendered because the database is down (``core/outage.py``), except a page that shows
something withdrawn since it was rendered, or whose tags the store no longer knows (it would
not know of a withdrawal either): an article taken down stays down.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

logger = logging.getLogger(__name__)

EPOCH_KEY = "epoch"


_shared: dict[str, Any] = {}


def _store():
    """The store of pages and fragments."""
    # Looked up once per process (caches[] costs more than the rest of a hit); cache backends
    # are safe to share between threads. Tests that change the settings reset it.
    if "store" not in _shared:
        _shared["store"] = caches[settings.MASTHEAD_PAGE_CACHE["CACHE"]]
    return _shared["store"]


def _tag_store():
    """The store of tag times, withdrawals and the epoch."""
    if "tags" not in _shared:
        _shared["tags"] = caches[settings.MASTHEAD_PAGE_CACHE["TAG_CACHE"]]
    return _shared["tags"]


@receiver(setting_changed)
def _forget_store(setting, **kwargs):
    if setting in ("CACHES", "MASTHEAD_PAGE_CACHE"):
        _shared.clear()


def _tag_key(tag):
    return f"tag:{tag}"


def _withdrawn_key(tag):
    return f"withdrawn:{tag}"


@dataclass
class Entry:
    status: int
    headers: list
    body: bytes
    etag: str
    tags: tuple
    rendered_at: float
    expires_at: float
    checked_epoch: object = field(default=None, compare=False)
    # The body compressed once when stored, for the readers who accept gzip (nearly all).
    gzipped: bytes = b""
    # The key it was stored under: a stale answer is checked against it (``lookup_stale``).
    key: str = ""

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped) + 512


@dataclass
class Fragment:
    """A stored piece of a page (``fragments.py``), with the tags of what it shows."""

    html: str
    tags: tuple
    rendered_at: float
    expires_at: float
    checked_epoch: object = field(default=None, compare=False)

    @property
    def size(self) -> int:
        return len(self.html) + 256


Stored = Entry | Fragment


def etag_for(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


class LocalEntries:
    """This process's copies of stored entries, least recently used dropped past a byte limit."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.entries: OrderedDict[str, Stored] = OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()

    def get(self, key: str) -> Stored | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Stored) -> None:
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.bytes -= old.size
            self.entries[key] = entry
            self.bytes += entry.size
            while self.bytes > self.max_bytes and self.entries:
                _, dropped = self.entries.popitem(last=False)
                self.bytes -= dropped.size

    def discard(self, key: str) -> None:
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.bytes -= old.size

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.bytes = 0


_local: LocalEntries | None = None


def local_entries() -> LocalEntries:
    global _local
    if _local is None:
        _local = LocalEntries(settings.MASTHEAD_PAGE_CACHE["LOCAL_BYTES"])
    return _local


def _epoch_value(when, token):
    return f"{when:.6f} {token}"


def _start_epoch(store):
    """A new or emptied store: start an epoch, as late as now (no invalidation it lost was
    later), so that hits can skip tag checks again."""
    store.add(EPOCH_KEY, _epoch_value(time.time(), "start"), None)


_warned = {"at": 0.0}


def _store_failed(what):
    """Log a store that cannot be read or written, at most once a minute (an outage of Redis
    would otherwise log every request). Readers get their pages, rendered each time."""
    now = time.monotonic()
    if now - _warned["at"] >= 60:
        _warned["at"] = now
        logger.warning("The page cache's store failed (%s); serving pages uncached", what,
                       exc_info=True)  # fmt: skip


def current_epoch() -> object:
    """A token that changes whenever anything is invalidated (compared for equality only).

    When the store cannot be read, a token that matches nothing: no copy this process keeps
    (stored entries, ``memo.py``) is trusted."""
    try:
        return _read_epoch()
    except Exception:
        _store_failed("epoch")
        return f"unavailable {secrets.token_hex(8)}"


def _read_epoch():
    store = _tag_store()
    if isinstance(store, FileBasedCache):
        # The file cache writes each value to a new file and renames it over the old one, so
        # the epoch file's inode and time change with every invalidation: one stat() instead
        # of opening and unpickling it on every hit.
        if "epoch_file" not in _shared:
            _shared["epoch_file"] = store._key_to_file(EPOCH_KEY)  # type: ignore[attr-defined]
        try:
            found = os.stat(_shared["epoch_file"])
        except FileNotFoundError:
            _start_epoch(store)
            found = os.stat(_shared["epoch_file"])
        return (found.st_ino, found.st_mtime_ns)
    epoch = store.get(EPOCH_KEY)
    if epoch is None:
        _start_epoch(store)
        epoch = store.get(EPOCH_KEY)
    return epoch


def _latest_invalidation():
    """The time the epoch records: of the latest invalidation of any tag, or of the epoch's
    start, whichever came last. No tag was invalidated later (``_invalidate_now``)."""
    store = _tag_store()
    value = store.get(EPOCH_KEY)
    if value is None:
        _start_epoch(store)
        value = store.get(EPOCH_KEY)
    try:
        return float(value.split(" ", 1)[0])
    except (AttributeError, ValueError):
        return time.time()  # not written by this code: now is later than anything it records


def _times(keys):
    """The times the tag store holds for ``keys`` (one read), by key; missing keys left out."""
    return _tag_store().get_many(keys)


def _limit(entry):
    return entry.rendered_at - settings.MASTHEAD_PAGE_CACHE["CLOCK_SKEW_SECONDS"]


def _is_current(entry, times):
    """Whether every tag of ``entry`` has a time in ``times``, each before its rendering began.
    A missing time fails closed: the store may have lost the invalidation it recorded."""
    limit = _limit(entry)
    return all(_tag_key(tag) in times and times[_tag_key(tag)] < limit for tag in entry.tags)


def _record_tags(tags):
    """Give each of ``tags`` that has no time the latest invalidation's (module docstring), so
    that an entry just stored with them is current, unless something changed as it rendered."""
    known = _times([_tag_key(tag) for tag in tags])
    missing = [_tag_key(tag) for tag in tags if _tag_key(tag) not in known]
    if not missing:
        return
    since = _latest_invalidation()
    store = _tag_store()
    for key in missing:
        store.add(key, since, None)  # atomic: never over the time an invalidation wrote


def lookup(key: str, *, epoch: object, now: float | None = None) -> Stored | None:
    """The current stored entry (or fragment) for ``key``, or None."""
    now = time.time() if now is None else now
    local = local_entries()
    entry = local.get(key)
    if entry is not None and entry.expires_at <= now:
        local.discard(key)
        entry = None
    if entry is not None and epoch is not None and entry.checked_epoch == epoch:
        return entry
    try:
        if entry is None:
            entry = _store().get(key)
            if entry is None or entry.expires_at <= now:
                return None
        current = _is_current(entry, _times([_tag_key(tag) for tag in entry.tags]))
    except Exception:
        _store_failed("lookup")
        return None  # cannot prove it current: render the page
    if not current:
        local.discard(key)
        return None
    entry.checked_epoch = epoch
    local.put(key, entry)
    return entry


def _seconds_until_midnight(now):
    """Pages show "today"-relative dates and the year: none may outlive the newsroom's day."""
    local = timezone.localtime(datetime.fromtimestamp(now, tz=timezone.get_current_timezone()))
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - local).total_seconds()


def lifetime(request: HttpRequest | None, now: float) -> float:
    """Seconds a page or fragment rendered at ``now`` for ``request`` may be kept."""
    lifetime = min(settings.MASTHEAD_PAGE_CACHE["TIMEOUT"], _seconds_until_midnight(now))
    expires_by = getattr(request, "cache_expires_by", None)
    if expires_by is not None:
        lifetime = min(lifetime, expires_by.timestamp() - now)
    return lifetime


def lookup_stale(key: str, *, now: float | None = None) -> Entry | None:
    """The page last stored for ``key`` even if expired or invalidated, or None.

    For a page that cannot be rendered now (the database is down): the shared store keeps
    pages ``STALE_IF_ERROR`` seconds past their lifetime and holds the newest copy any process
    saved. No tag is checked, so the entry must carry ``key`` itself: the page asked for
    answers, never another one.
    """
    now = time.time() if now is None else now
    try:
        entry = _store().get(key)
        if entry is None or entry.key != key:
            return None
        if entry.expires_at + settings.MASTHEAD_PAGE_CACHE["STALE_IF_ERROR"] <= now:
            return None
        # Never an article unpublished, deleted or made private after this copy was rendered,
        # nor a listing that showed it: taking a story down must hold through an outage. A
        # store that has lost the copy's tag times may have lost a withdrawal too: refused.
        times = _times([*map(_tag_key, entry.tags), *map(_withdrawn_key, entry.tags)])
    except Exception:
        _store_failed("stale lookup")
        return None
    if not all(_tag_key(tag) in times for tag in entry.tags):
        return None
    withdrawn = [times[_withdrawn_key(tag)] for tag in entry.tags if _withdrawn_key(tag) in times]
    if any(when >= _limit(entry) for when in withdrawn):
        return None
    return entry


def save(key: str, entry: Stored, *, keep_stale: bool = False) -> bool:
    """Store ``entry`` under ``key`` until it expires; with ``keep_stale`` (whole pages) the
    shared store keeps it ``STALE_IF_ERROR`` seconds longer, for ``lookup_stale`` only."""
    timeout = max(1, int(entry.expires_at - time.time()))
    if keep_stale:
        timeout += settings.MASTHEAD_PAGE_CACHE["STALE_IF_ERROR"]
    try:
        _store().set(key, entry, timeout)
        _record_tags(entry.tags)
    except Exception:
        # A full or unreachable store (a Redis refusing writes at its maxmemory, a full disk)
        # costs the next reader a render, never this reader their page. An entry whose tags
        # could not be recorded is refused by ``lookup`` (missing tag times are stale).
        _store_failed("save")
        return False
    local_entries().put(key, entry)
    return True


def last_changed(tags: Collection[str], *, started: float) -> float:
    """When what a response showing ``tags``, rendered from ``started`` on, last changed: the
    latest time one of them was invalidated, as a POSIX time (for Last-Modified). A tag the
    store has no time for first gets the latest invalidation's, as ``save`` gives it, so the
    answer holds still until one of them changes; it only ever moves forward.

    Never later than ``started`` (less the clock skew): a change recorded after the render
    began may be missing from it, and the next render reports the change's own, later time.
    ``started`` too when there are no tags or the store cannot be read: a time that promises
    nothing (``If-Modified-Since`` with it matches no later render).
    """
    limit = started - settings.MASTHEAD_PAGE_CACHE["CLOCK_SKEW_SECONDS"]
    if not tags:
        return limit
    try:
        _record_tags(tags)
        times = _times([_tag_key(tag) for tag in tags])
        if len(times) < len(set(tags)):  # lost again at once: promise nothing
            return limit
    except Exception:
        _store_failed("last changed")
        return limit
    return min(max(times.values()), limit)


def _invalidate_now(tags, withdrawn=frozenset()):
    now = time.time()
    # Kept for good (no timeout): every entry that names them needs them (module docstring).
    store = _tag_store()
    store.set_many({_tag_key(tag): now for tag in tags | withdrawn}, None)
    if withdrawn:
        store.set_many({_withdrawn_key(tag): now for tag in withdrawn}, None)
    # Written last, so its time is no earlier than any tag time written before it. Processes
    # compare the epoch for equality, to know that their local copies must be checked again.
    store.set(EPOCH_KEY, _epoch_value(now, secrets.token_hex(6)), None)


def invalidate(
    tags: Iterable[str],
    urls: Callable[[], Iterable[str]] | None = None,
    *,
    withdrawn: Iterable[str] = (),
) -> None:
    """Refuse every stored page that depends on one of ``tags``, once the transaction commits.

    ``urls``: a function giving the absolute URLs to purge from the CDN at the same moment;
    called only if a CDN is configured (``purge.py``). ``withdrawn``: tags of pages taken down
    (unpublished, deleted, made private); pages showing them are refused as stale copies too.
    """
    tags, withdrawn = frozenset(tags), frozenset(withdrawn)

    def after_commit():
        if tags or withdrawn:
            _invalidate_now(tags, withdrawn)
        if urls is not None:
            from .purge import purge

            purge(urls)

    transaction.on_commit(after_commit)


def clear() -> None:
    """Forget every stored page and tag time (tests, and `manage.py` after restoring data)."""
    _store().clear()
    _tag_store().clear()
    local_entries().clear()
