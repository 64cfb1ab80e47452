"""The database down, inside one process: every query fails as when PostgreSQL is stopped."""

import contextlib
from unittest import mock


@contextlib.contextmanager
def database_down():
    """Inside the block every query fails as when PostgreSQL is stopped: OperationalError on
    connecting. The test's own connection and transaction are untouched, for use after it."""
    from django.db import OperationalError, connections

    def refuse(database):
        raise OperationalError(
            'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
        )

    # On the class: a live server's thread has a connection of its own.
    with mock.patch.object(type(connections["default"]), "ensure_connection", refuse):
        yield
