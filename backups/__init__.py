"""Backups: the whole newsroom (database and uploaded media) in one archive, and back.

``manage.py backup`` dumps the database first and then reads MEDIA_ROOT, so every file the dump
refers to is in the archive. SQLite is copied with its online backup API (a consistent snapshot
while the site keeps running and writing), PostgreSQL with ``pg_dump --format=custom``. The
archive is one ``.tar.gz``: the dump, ``media/...`` and, last, ``manifest.json`` (format version,
Masthead, Django and Wagtail versions, database vendor, time, and every file with its size and
SHA-256 as it went into the archive). It is written under a temporary name in the destination
folder and renamed only once complete, readable by its owner alone.

``manage.py restore`` reads the whole archive into a folder next to MEDIA_ROOT, checking every
file against the manifest, before it asks anything or touches anything; a damaged archive, or one
from the other database vendor, stops there. Then the new media folder is swapped in by renames,
the database is replaced (SQLite through the backup API, in one write transaction; PostgreSQL
with ``pg_restore`` piped to ``psql`` that drops and recreates schema ``public`` in a single
transaction), and a database failure swaps the old media folder back. Caches are cleared
afterwards. The logic is in ``services.py``; docs/backups.md says how to run it.
"""
