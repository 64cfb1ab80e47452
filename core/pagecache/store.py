"""Stored pages and the tag times that decide whether a stored page is still current.

Every process shares one Django cache, ``caches["pages"]``, which holds

- ``page:<url>``: a rendered response (status, headers, body, ETag), the tags it depends on,
  the time its rendering started and when it expires; ``fragment:<name>``: a piece of a page
  (``fragments.py``), likewise;
- ``tag:<name>``: the time the tag was last invalidated;
- ``withdrawn:<name>``: the time the tag's page was last unpublished, deleted or made private;
- ``epoch``: the time of the latest invalidation of any tag.

A stored page is current while every one of its tags was last invalidated *before* its
rendering started. ``invalidate()`` runs after the writing transaction has committed, so a
rendering that started later read the new content; one that started earlier may not have,
and is refused. This needs no atomic counter and no list of pages per tag, so it works the
same on a file cache, locmem (one process) and Redis.

Each process also keeps the entries it served in memory (``LocalEntries``) with the epoch it
last checked them at: while the epoch is unchanged, a hit costs one small cache read. After
any invalidation each entry is checked against its tags once more.

Pages stay in the shared store ``STALE_IF_ERROR`` seconds past their lifetime. ``lookup`` never
answers with them then, nor once they are invalidated; ``lookup_stale`` does, for when a page
cannot be rendered because the database is down (``core/outage.py``), except a page that shows
something withdrawn since it was rendered: an article taken down stays down.
"""

import hashlib
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

EPOCH_KEY = "epoch"


_shared = {}


def _store():
    # Looked up once per process (caches[] costs more than the rest of a hit); cache backends
    # are safe to share between threads. Tests that change the settings reset it.
    if "store" not in _shared:
        _shared["store"] = caches[settings.MASTHEAD_PAGE_CACHE["CACHE"]]
    return _shared["store"]


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
    def size(self):
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
    def size(self):
        return len(self.html) + 256


def etag_for(body):
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


class LocalEntries:
    """This process's copies of stored entries, least recently used dropped past a byte limit."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.entries = OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.bytes -= old.size
            self.entries[key] = entry
            self.bytes += entry.size
            while self.bytes > self.max_bytes and self.entries:
                _, dropped = self.entries.popitem(last=False)
                self.bytes -= dropped.size

    def discard(self, key):
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.bytes -= old.size

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.bytes = 0


_local = None


def local_entries():
    global _local
    if _local is None:
        _local = LocalEntries(settings.MASTHEAD_PAGE_CACHE["LOCAL_BYTES"])
    return _local


def current_epoch():
    """A token that changes whenever anything is invalidated (compared for equality only)."""
    store = _store()
    if isinstance(store, FileBasedCache):
        # The file cache writes each value to a new file and renames it over the old one, so
        # the epoch file's inode and time change with every invalidation: one stat() instead
        # of opening and unpickling it on every hit.
        if "epoch_file" not in _shared:
            _shared["epoch_file"] = store._key_to_file(EPOCH_KEY)
        try:
            found = os.stat(_shared["epoch_file"])
        except FileNotFoundError:
            store.add(EPOCH_KEY, f"start-{time.time():.6f}", None)
            found = os.stat(_shared["epoch_file"])
        return (found.st_ino, found.st_mtime_ns)
    epoch = store.get(EPOCH_KEY)
    if epoch is None:  # a new or emptied cache: start an epoch so hits can skip tag checks
        store.add(EPOCH_KEY, f"start-{time.time():.6f}", None)
        epoch = store.get(EPOCH_KEY)
    return epoch


def _is_current(entry, tag_times):
    margin = settings.MASTHEAD_PAGE_CACHE["CLOCK_SKEW_SECONDS"]
    return all(when < entry.rendered_at - margin for when in tag_times)


def lookup(key, *, epoch, now=None):
    """The current stored entry (or fragment) for ``key``, or None."""
    now = time.time() if now is None else now
    local = local_entries()
    entry = local.get(key)
    if entry is not None and entry.expires_at <= now:
        local.discard(key)
        entry = None
    if entry is not None and epoch is not None and entry.checked_epoch == epoch:
        return entry
    store = _store()
    if entry is None:
        entry = store.get(key)
        if entry is None or entry.expires_at <= now:
            return None
    times = store.get_many([_tag_key(tag) for tag in entry.tags]).values()
    if not _is_current(entry, times):
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


def lifetime(request, now):
    """Seconds a page or fragment rendered at ``now`` for ``request`` may be kept."""
    lifetime = min(settings.MASTHEAD_PAGE_CACHE["TIMEOUT"], _seconds_until_midnight(now))
    expires_by = getattr(request, "cache_expires_by", None)
    if expires_by is not None:
        lifetime = min(lifetime, expires_by.timestamp() - now)
    return lifetime


def lookup_stale(key, *, now=None):
    """The page last stored for ``key`` even if expired or invalidated, or None.

    For a page that cannot be rendered now (the database is down): the shared store keeps
    pages ``STALE_IF_ERROR`` seconds past their lifetime and holds the newest copy any process
    saved. No tag is checked, so the entry must carry ``key`` itself: the page asked for
    answers, never another one.
    """
    now = time.time() if now is None else now
    store = _store()
    entry = store.get(key)
    if entry is None or entry.key != key:
        return None
    if entry.expires_at + settings.MASTHEAD_PAGE_CACHE["STALE_IF_ERROR"] <= now:
        return None
    # Never an article unpublished, deleted or made private after this copy was rendered, nor
    # a listing that showed it: taking a story down must hold through an outage.
    withdrawn = store.get_many([_withdrawn_key(tag) for tag in entry.tags]).values()
    if not _is_current(entry, withdrawn):
        return None
    return entry


def save(key, entry, *, keep_stale=False):
    """Store ``entry`` under ``key`` until it expires; with ``keep_stale`` (whole pages) the
    shared store keeps it ``STALE_IF_ERROR`` seconds longer, for ``lookup_stale`` only."""
    timeout = max(1, int(entry.expires_at - time.time()))
    if keep_stale:
        timeout += settings.MASTHEAD_PAGE_CACHE["STALE_IF_ERROR"]
    _store().set(key, entry, timeout)
    local_entries().put(key, entry)


def _invalidate_now(tags, withdrawn=frozenset()):
    now = time.time()
    # Tag times must outlive every entry that names them while it may be current (at most
    # TIMEOUT); withdrawals, every stale copy too (STALE_IF_ERROR longer).
    keep = settings.MASTHEAD_PAGE_CACHE["TIMEOUT"] + 60
    store = _store()
    store.set_many({_tag_key(tag): now for tag in tags | withdrawn}, keep)
    if withdrawn:
        keep_withdrawn = keep + settings.MASTHEAD_PAGE_CACHE["STALE_IF_ERROR"]
        store.set_many({_withdrawn_key(tag): now for tag in withdrawn}, keep_withdrawn)
    # The epoch changes on every invalidation, whatever its value: processes compare it for
    # equality only, to know that their local copies must be checked again.
    store.set(EPOCH_KEY, f"{now:.6f}-{id(tags)}", None)


def invalidate(tags, urls=None, *, withdrawn=()):
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


def clear():
    """Forget every stored page (tests, and `manage.py` after restoring data)."""
    _store().clear()
    local_entries().clear()
