"""Test support, for the tests only: never imported by the site, and not an installed app.

- ``builders``: test data (images, authors, the page tree, articles), one place, no factory library.
- ``outage``: ``database_down()``, every query failing as when PostgreSQL is stopped.
- ``mail``: ``SMTPSink``, a real local SMTP server (aiosmtpd), and ``DKIMKey``.
- ``servers``: ``free_port``, ``RedisServer`` (Debian's redis-server), ``WorkerProcess`` (a real
  ``manage.py worker``), ``subprocess_database_url`` and ``wait_until``.

The shared pytest fixtures built on them are in the top-level ``conftest.py``.
"""
