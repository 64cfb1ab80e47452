"""Writes for backups: ``backup_create`` makes an archive, ``backup_unpacked`` + ``backup_restore``
put one back. Every failure the operator can act on is a ``BackupError`` with a plain message.

The archive format (``FORMAT_VERSION``), in this order inside one gzipped tar:

- ``database.sqlite3`` or ``database.pgdump``: the dump, named after the vendor;
- ``media/<path>``: every regular file under MEDIA_ROOT;
- ``manifest.json``: written last, so that its sizes and checksums are those of the bytes that
  really went into the archive, even if a file changed while it was read.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import tomllib
import zlib
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO, Any, cast

import django
import wagtail
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

FORMAT = "masthead-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_DIR = "media"
PREVIOUS_MEDIA_DIR = "previous-media"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CHUNK_BYTES = 1024 * 1024
# Sent to psql before the dump's SQL. The lock timeout: how long the DROP waits for other
# sessions (a web server or worker still running) before it gives up.
POSTGRESQL_PREAMBLE = """BEGIN;
SET LOCAL lock_timeout = '30s';
SET LOCAL client_min_messages = warning;
DROP SCHEMA public CASCADE;
CREATE SCHEMA public;
"""


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message tells the operator why."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    size: int
    vendor: str
    database_bytes: int
    media_files: int
    media_bytes: int


@dataclass(frozen=True)
class UnpackedBackup:
    """An archive whose every file matched its manifest, unpacked into ``folder``."""

    path: Path
    manifest: dict[str, Any]
    folder: Path

    @property
    def vendor(self) -> str:
        return self.manifest["database"]["vendor"]

    @property
    def media_files(self) -> list[dict[str, Any]]:
        return [
            entry for entry in self.manifest["files"] if entry["path"].startswith(f"{MEDIA_DIR}/")
        ]


@dataclass(frozen=True)
class RestoreSummary:
    media_files: int
    media_bytes: int
    unapplied_migrations: int


# Backing up


def backup_create(
    *, output: str | Path | None = None, using: str = DEFAULT_DB_ALIAS
) -> BackupSummary:
    """Write the database and MEDIA_ROOT to one new archive at ``output`` (a file or a folder)."""
    connection = connections[using]
    vendor = _supported_vendor(connection)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    path = _output_path(output, media_root)
    try:
        # The dump and the partial archive live in a hidden folder beside the archive, so the
        # final rename is atomic; leaving the block removes the folder, whatever happened.
        with tempfile.TemporaryDirectory(dir=path.parent, prefix=".masthead-backup-") as work:
            dump = Path(work) / DUMP_NAMES[vendor]
            DUMPERS[vendor](connection, dump)
            partial_archive = Path(work) / path.name
            manifest = _archive_write(
                partial_archive, dump=dump, media_root=media_root, vendor=vendor
            )
            os.replace(partial_archive, path)
        _fsync_folder(path.parent)
    except OSError as error:
        raise BackupError(f"Backup failed, nothing was written: {error}.") from error
    media = manifest["files"][1:]
    return BackupSummary(
        path=path,
        size=path.stat().st_size,
        vendor=vendor,
        database_bytes=manifest["files"][0]["size"],
        media_files=len(media),
        media_bytes=sum(entry["size"] for entry in media),
    )


def default_archive_name() -> str:
    return f"masthead-backup-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.tar.gz"


def _output_path(output, media_root):
    path = Path(output or ".").absolute()
    if path.is_dir():
        path = path / default_archive_name()
    if not path.parent.is_dir():
        raise BackupError(f"Folder {path.parent} does not exist.")
    if path.exists():
        raise BackupError(f"{path} already exists; choose another --output.")
    if path.resolve().is_relative_to(media_root):
        raise BackupError(
            f"{path} is inside MEDIA_ROOT ({media_root}): it would be served publicly under "
            "/media/ and copied into the next backup. Choose a folder outside it."
        )
    return path


def _archive_write(path, *, dump, media_root, vendor):
    files = []
    # Owner-only from the start: the archive holds subscribers' addresses and password hashes.
    opener = partial(os.open, mode=0o600)
    with open(path, "xb", opener=opener) as raw:
        # Level 6: media are mostly compressed already (JPEG, PNG, WebP, MP3); 9 buys little.
        with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
            files.append(_archive_add_file(tar, dump, dump.name))
            for source, name in _media_files(media_root):
                entry = _archive_add_file(tar, source, name)
                if entry is not None:
                    files.append(entry)
            manifest = _manifest(vendor=vendor, files=files)
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST_NAME)
            info.size, info.mtime, info.mode = len(data), time.time(), 0o644
            tar.addfile(info, io.BytesIO(data))
        raw.flush()
        os.fsync(raw.fileno())
    return manifest


def _media_files(media_root):
    """(path, name in the archive) of every regular file under MEDIA_ROOT, in a stable order."""
    for folder, subfolders, names in os.walk(media_root):
        subfolders.sort()
        for name in sorted(names):
            source = Path(folder, name)
            if source.is_file():
                yield source, f"{MEDIA_DIR}/{source.relative_to(media_root).as_posix()}"


class _HashingReader:
    """A file read by tarfile, hashed on the way: the checksum is of what the archive holds."""

    def __init__(self, file):
        self._file = file
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self._file.read(size)
        self.sha256.update(data)
        return data


def _archive_add_file(tar, source, name):
    try:
        file = open(source, "rb")  # noqa: SIM115 (closed below; a file may vanish before)
    except FileNotFoundError:
        return None  # deleted since the folder was listed (an editor deleted an image)
    with file:
        info = tar.gettarinfo(arcname=name, fileobj=file)
        reader = _HashingReader(file)
        try:
            tar.addfile(info, reader)
        except OSError as error:
            raise BackupError(
                f"Could not read {source} ({error}); it may have changed during the backup. "
                "Run the backup again."
            ) from error
    return {"path": name, "size": info.size, "sha256": reader.sha256.hexdigest()}


def _manifest(*, vendor, files):
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "masthead_version": _masthead_version(),
        "django_version": django.get_version(),
        "wagtail_version": wagtail.__version__,
        "database": {"vendor": vendor, "file": DUMP_NAMES[vendor]},
        "files": files,
    }


def _masthead_version():
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as file:
            return tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def _fsync_folder(folder):
    """Make a rename in ``folder`` survive a power cut."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# Restoring


@contextmanager
def backup_unpacked(*, path: str | Path, using: str = DEFAULT_DB_ALIAS) -> Iterator[UnpackedBackup]:
    """The archive at ``path``, checked file by file and unpacked next to MEDIA_ROOT.

    Nothing outside that temporary folder is touched. Leaving removes the folder, unless it
    still holds the previous media because putting them back failed (the error says where).
    """
    vendor = _supported_vendor(connections[using])
    path = Path(path).absolute()
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file.")
    for program in RESTORE_PROGRAMS[vendor]:
        _program(program)
    media_root = _media_root()
    if os.path.ismount(media_root):
        raise BackupError(
            f"MEDIA_ROOT ({media_root}) is a mount point, so it cannot be swapped for the "
            "restored folder. Mount its parent folder instead."
        )
    try:
        media_root.parent.mkdir(parents=True, exist_ok=True)
        folder = Path(
            tempfile.mkdtemp(dir=media_root.parent, prefix=f".{media_root.name}-restore-")
        )
        (folder / MEDIA_DIR).mkdir()
    except OSError as error:
        raise BackupError(
            f"Could not make a folder next to MEDIA_ROOT, in {media_root.parent}: {error}."
        ) from error
    try:
        manifest = _archive_unpack(path, folder, vendor=vendor)
        CHECKERS[vendor](folder / DUMP_NAMES[vendor])
        yield UnpackedBackup(path=path, manifest=manifest, folder=folder)
    finally:
        if not (folder / PREVIOUS_MEDIA_DIR).exists():
            shutil.rmtree(folder, ignore_errors=True)


def backup_restore(*, backup: UnpackedBackup, using: str = DEFAULT_DB_ALIAS) -> RestoreSummary:
    """Replace the database and MEDIA_ROOT with ``backup`` (from ``backup_unpacked``)."""
    connection = connections[using]
    media_root = _media_root()
    restored, previous = backup.folder / MEDIA_DIR, backup.folder / PREVIOUS_MEDIA_DIR
    try:
        _media_swap(media_root, restored, previous)
    except OSError as error:
        raise BackupError(
            f"Could not put the restored media in place of {media_root} ({error}). "
            "Nothing was changed."
        ) from error
    try:
        LOADERS[backup.vendor](connection, backup.folder / DUMP_NAMES[backup.vendor])
    except BaseException:
        _media_swap_back(media_root, restored, previous)
        raise
    shutil.rmtree(previous, ignore_errors=True)
    # Caches hold pages and renditions of the old content (web servers: restart them too).
    for cache in caches.all():
        cache.clear()
    executor = MigrationExecutor(connection)
    unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return RestoreSummary(
        media_files=len(backup.media_files),
        media_bytes=sum(entry["size"] for entry in backup.media_files),
        unapplied_migrations=len(unapplied),
    )


def _media_root():
    # The real folder, not a symlink to it: the swap renames it, and the staging folder must be
    # on its file system.
    return Path(settings.MEDIA_ROOT).resolve()


def _media_swap(media_root, restored, previous):
    """Put ``restored`` in MEDIA_ROOT's place by renames; the old folder goes to ``previous``."""
    if media_root.exists():
        shutil.copymode(media_root, restored)
        media_root.rename(previous)
    try:
        restored.rename(media_root)
    except OSError:
        if previous.exists():
            previous.rename(media_root)
        raise


def _media_swap_back(media_root, restored, previous):
    try:
        media_root.rename(restored)
        if previous.exists():
            previous.rename(media_root)
    except OSError as error:
        raise BackupError(
            f"The database restore failed, and so did putting the previous media back ({error}): "
            f"they are in {previous}; move that folder to {media_root} by hand."
        ) from error


def _archive_unpack(path, folder, *, vendor):
    found = {}
    manifest = None
    try:
        with open(path, "rb") as raw, tarfile.open(fileobj=raw, mode="r|gz") as tar:
            for member in tar:
                name = _member_name(path, member)
                if name in found or (name == MANIFEST_NAME and manifest is not None):
                    raise BackupError(
                        f"{path} is damaged or is not a Masthead backup: {name} appears twice."
                    )
                source = tar.extractfile(member)
                if source is None:  # never: _member_name lets regular files only through
                    raise BackupError(f"{path} is damaged: {name} cannot be read.")
                if name == MANIFEST_NAME:
                    manifest = _manifest_parse(path, source.read())
                    continue
                if name in DUMP_NAMES.values() and name != DUMP_NAMES[vendor]:
                    other = next(key for key, value in DUMP_NAMES.items() if value == name)
                    raise _vendor_error(other, vendor)
                found[name] = _unpack_file(source, folder / name, mtime=member.mtime)
    except OSError as error:
        raise BackupError(f"Could not read {path}: {error.strerror or error}.") from error
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise BackupError(
            f"{path} is damaged or is not a Masthead backup (not a complete .tar.gz: {error})."
        ) from error
    if manifest is None:
        raise BackupError(
            f"{path} is damaged or is not a Masthead backup: it ends before its {MANIFEST_NAME} "
            "(cut short, or damaged part-way)."
        )
    _manifest_check(path, manifest, found, vendor=vendor)
    return manifest


def _member_name(path, member):
    """The member's name if a Masthead backup can hold it: only plain, relative file paths."""
    name = member.name
    parts = PurePosixPath(name).parts
    allowed = (
        member.isfile()
        and str(PurePosixPath(name)) == name
        and not PurePosixPath(name).is_absolute()
        and ".." not in parts
        and (
            name in (MANIFEST_NAME, *DUMP_NAMES.values())
            or (parts[:1] == (MEDIA_DIR,) and len(parts) > 1)
        )
    )
    if not allowed:
        raise BackupError(
            f"{path} is damaged or is not a Masthead backup: unexpected entry {name!r}."
        )
    return name


def _unpack_file(source, target, *, mtime):
    """Copy one member to ``target``, with its modification time; its (size, sha256) as read."""
    digest, size = hashlib.sha256(), 0
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as out:
            for chunk in iter(partial(source.read, CHUNK_BYTES), b""):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        os.utime(target, (mtime, mtime))
    except OSError as error:
        # Reading the archive raises tarfile's errors, never OSError: this is the disk.
        raise BackupError(f"Could not write {target}: {error.strerror or error}.") from error
    return size, digest.hexdigest()


def _manifest_parse(path, data):
    unreadable = BackupError(
        f"{path} is damaged or is not a Masthead backup: its {MANIFEST_NAME} is unreadable."
    )
    try:
        manifest = json.loads(data)
        known = (
            manifest["format"] == FORMAT
            and manifest["database"]["vendor"] in DUMP_NAMES
            and isinstance(manifest["created_at"], str)
        )
        version = int(manifest["format_version"])
        manifest["files"] = [
            {"path": str(entry["path"]), "size": int(entry["size"]), "sha256": entry["sha256"]}
            for entry in manifest["files"]
        ]
    except (ValueError, KeyError, TypeError) as error:
        raise unreadable from error
    if not known:
        raise unreadable
    if version > FORMAT_VERSION:
        raise BackupError(
            f"{path} was made by a newer Masthead (backup format {version}; this one reads up "
            f"to {FORMAT_VERSION}). Restore it with that version."
        )
    return manifest


def _manifest_check(path, manifest, found, *, vendor):
    archived = manifest["database"]["vendor"]
    if archived != vendor:
        raise _vendor_error(archived, vendor)
    if DUMP_NAMES[vendor] not in found:
        raise BackupError(f"{path} is damaged: it holds no database dump.")
    listed = {entry["path"]: (entry["size"], entry["sha256"]) for entry in manifest["files"]}
    missing = sorted(listed.keys() - found.keys())
    if missing:
        raise BackupError(
            f"{path} is damaged: {', '.join(missing)} listed in the manifest but not in it."
        )
    unlisted = sorted(found.keys() - listed.keys())
    if unlisted:
        raise BackupError(f"{path} is damaged: {', '.join(unlisted)} not in the manifest.")
    for name, (size, sha256) in found.items():
        if (size, sha256) != listed[name]:
            raise BackupError(
                f"{path} is damaged: {name} does not match its size and checksum in the manifest."
            )


def _vendor_error(archived, configured):
    return BackupError(
        f"This backup holds a {VENDOR_NAMES.get(archived, archived)} database, but the "
        f"configured database is {VENDOR_NAMES[configured]}: restore it into a "
        f"{VENDOR_NAMES.get(archived, archived)} database. Nothing was changed."
    )


# Databases


def _supported_vendor(connection):
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(
            "Backups support SQLite and PostgreSQL; "
            f"the configured database is {connection.vendor}."
        )
    return connection.vendor


def _sqlite_dump(connection, target):
    """A consistent copy through SQLite's online backup API, even while others write."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # One self-contained file, without the -wal/-shm files WAL mode would add on opening.
        copy.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as error:
        raise BackupError(f"SQLite backup failed: {error}.") from error
    finally:
        copy.close()


def _sqlite_load(connection, source):
    """Copy the dump over the configured database, page by page in one write transaction."""
    connection.ensure_connection()
    dump = sqlite3.connect(source)
    try:
        dump.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(
            f"SQLite restore failed: {error}. The database was not changed."
        ) from error
    finally:
        dump.close()


def _sqlite_check(dump):
    try:
        with closing(sqlite3.connect(f"{dump.as_uri()}?mode=ro", uri=True)) as database:
            (result,) = database.execute("PRAGMA quick_check").fetchone()
    except sqlite3.Error as error:
        result = str(error)
    if result != "ok":
        raise BackupError(f"The SQLite dump in the backup is not a sound database: {result}.")


def _postgresql_dump(connection, target):
    args, env = _postgresql_command(
        connection, "pg_dump", ["--format=custom", "--no-password", f"--file={target}"]
    )
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603 (fixed program, arguments from settings)
    if result.returncode != 0:
        raise BackupError(
            f"pg_dump failed (exit status {result.returncode}): {result.stderr.strip()}"
        )


def _postgresql_check(dump):
    """pg_restore can read the dump (an older pg_restore cannot read a newer pg_dump's)."""
    result = subprocess.run(  # noqa: S603 (a fixed program and our own file)
        [_program("pg_restore"), "--list", str(dump)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore cannot read the dump: {result.stderr.strip()}")


def _postgresql_load(connection, dump):
    """Drop schema ``public`` and load the dump into it, in one transaction.

    pg_restore turns the dump into SQL (owners and grants left out: everything belongs to the
    configured user) and we pass it on to psql after a BEGIN and the DROP. COMMIT is sent only
    if pg_restore finished; psql stops at the first error. Without the COMMIT, the server rolls
    everything back when psql disconnects. Tables the dump lacks (newer migrations') go too.
    """
    connection.close()  # Django's own session must not be in the way of the DROP
    psql, env = _postgresql_command(
        connection, "psql", ["--no-psqlrc", "--quiet", "--no-password", "--set=ON_ERROR_STOP=1"]
    )
    script = [_program("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(dump)]
    with tempfile.TemporaryFile() as psql_errors, tempfile.TemporaryFile() as script_errors:
        loader = subprocess.Popen(  # noqa: S603 (a fixed program, arguments from settings)
            psql, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=psql_errors, env=env
        )
        source = subprocess.Popen(script, stdout=subprocess.PIPE, stderr=script_errors)  # noqa: S603 (a fixed program and our own file)
        # Both are pipes (PIPE above), never None.
        sql_in, sql_out = cast(IO[bytes], loader.stdin), cast(IO[bytes], source.stdout)
        try:
            sql_in.write(POSTGRESQL_PREAMBLE.encode())
            shutil.copyfileobj(sql_out, sql_in, CHUNK_BYTES)
            if source.wait() == 0:
                sql_in.write(b"COMMIT;\n")
        except BrokenPipeError:
            pass  # psql stopped at an error: it says which below
        finally:
            sql_out.close()
            with suppress(BrokenPipeError):
                sql_in.close()
            source.wait()
            loader.wait()
        failures = [
            f"{name} failed (exit status {process.returncode}): {_tail(errors)}"
            for name, process, errors in [
                ("psql", loader, psql_errors),
                ("pg_restore", source, script_errors),
            ]
            if process.returncode != 0
        ]
    if failures:
        raise BackupError(f"PostgreSQL restore failed; the database was not changed. {failures[0]}")


def _tail(file, lines=20):
    file.seek(0)
    return "\n".join(file.read().decode(errors="replace").strip().splitlines()[-lines:])


def _postgresql_command(connection, program, options):
    """Arguments and environment for a PostgreSQL client program, as ``dbshell`` builds them.

    The password travels in PGPASSWORD, never on the command line (where ``ps`` shows it).
    """
    args, env = connection.client.settings_to_cmd_args_env(connection.settings_dict, options)
    return [_program(program), *args[1:]], {**os.environ, **(env or {})}


def _program(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client programs "
            "(Debian: apt-get install postgresql-client), of the server's major version or newer."
        )
    return path


DUMPERS = {"sqlite": _sqlite_dump, "postgresql": _postgresql_dump}
LOADERS = {"sqlite": _sqlite_load, "postgresql": _postgresql_load}
CHECKERS = {"sqlite": _sqlite_check, "postgresql": _postgresql_check}
RESTORE_PROGRAMS = {"sqlite": [], "postgresql": ["pg_restore", "psql"]}
