"""Waiting for the database to come back, for the task worker's threads (``core/worker.py``,
``core/periodic.py``).

A thread that meets an outage (``core.outage.DATABASE_DOWN`` anywhere in the error's chain)
calls ``database.wait(error)``: it retries this thread's connection with backoff (0.5 s,
doubling, at most ``MAX_DELAY``) until a ``SELECT 1`` answers. Every thread of the process
shares one ``Database``, so an outage is logged once when it begins and once when it ends,
however many threads notice it.
"""

import logging
import threading
import time

from django.db import connection

from .outage import DATABASE_DOWN

logger = logging.getLogger(__name__)

FIRST_DELAY = 0.5
MAX_DELAY = 5.0


def is_outage(error):
    """Did ``error`` come from the database being unreachable (or its connection lost)?"""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DATABASE_DOWN):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def is_locked(error):
    """SQLite's "database is locked": another writer, not an outage."""
    return "database is locked" in str(error).lower()


class Database:
    def __init__(self):
        self._lock = threading.Lock()
        self._down_since = None

    def wait(self, error, *, stopping=None):
        """Block until this thread's connection answers again (at once if it already does:
        ``error`` may have been a lost connection the database has since come back from).
        Returns False if ``stopping`` (a ``threading.Event``) is set first."""
        stopping = stopping or threading.Event()
        delay = FIRST_DELAY
        while not stopping.is_set():
            if self.answers():
                with self._lock:
                    if self._down_since is not None:
                        logger.warning(
                            "Database back after %.0f s", time.monotonic() - self._down_since
                        )
                        self._down_since = None
                return True
            self._went_down(error)
            stopping.wait(delay)
            delay = min(delay * 2, MAX_DELAY)
        return False

    def _went_down(self, error):
        with self._lock:
            if self._down_since is None:
                self._down_since = time.monotonic()
                text = str(error).strip()
                logger.error(
                    "Database unavailable (%s: %s); the worker waits for it and carries on",
                    type(error).__name__,
                    text.splitlines()[0] if text else "",
                )

    @staticmethod
    def answers():
        # This thread's connection: a lost one would only fail again, so start afresh.
        connection.close()
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DATABASE_DOWN:
            connection.close()
            return False
        return True


database = Database()
