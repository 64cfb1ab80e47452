"""Bulk work that announces nothing object by object: an import of a whole site or of a
members CSV saves thousands of rows, and outgoing webhooks (like Ghost's, which its importers
do not fire either) must not send one request for each. The work runs inside
``bulk_operation``; apps that announce changes ask ``running()`` first."""

import contextlib
import contextvars

_running: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "masthead_bulk_operation", default=None
)


@contextlib.contextmanager
def bulk_operation(name: str):
    """Mark the code inside as part of the bulk operation ``name`` (for example "Ghost import")."""
    token = _running.set(name)
    try:
        yield
    finally:
        _running.reset(token)


def running() -> str | None:
    """The name of the bulk operation this code runs in, or None."""
    return _running.get()
