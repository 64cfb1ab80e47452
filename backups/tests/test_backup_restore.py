"""Backups: a round trip brings content and media back exactly; a bad archive changes nothing.

The tests commit real data (a dump only sees committed rows), on SQLite and on PostgreSQL alike,
and run ``backup`` and ``restore`` as an operator would, through ``call_command``.
"""

import hashlib
import io
import json
import os
import tarfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from articles.models import ArticleAuthor, ArticlePage
from authors.models import Author
from backups import services
from newsletters.models import Newsletter, Subscriber, Subscription
from testkit.builders import make_article, make_author, make_home, make_image

pytestmark = pytest.mark.django_db(transaction=True)

Image = get_image_model()
Rendition = Image.get_rendition_model()
only_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's backup API")
only_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL client programs"
)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def page_tree(transactional_db):
    """What the migrations made and an earlier transactional test may have flushed: the locale,
    the root page and the root collection."""
    language = get_supported_content_language_variant(django_settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def home(page_tree):
    return make_home()


@pytest.fixture
def newsroom(media_root, section, author):
    """A published article with a byline and a lead image (and its rendition), a confirmed
    newsletter subscriber, and a document-like file in a nested media folder."""
    image = make_image(title="The dam at dawn")
    image.get_rendition("fill-300x200")
    article = make_article(
        section, authors=[author], title="The dam held", lead_image=image, caption="At dawn."
    )
    newsletter = Newsletter.objects.create(name="River Notes", slug="river-notes")
    subscriber = Subscriber.objects.create(email="reader@example.org", first_name="Ira")
    Subscription.objects.create(
        subscriber=subscriber, newsletter=newsletter, status=Subscription.Status.SUBSCRIBED
    )
    (media_root / "documents" / "2025").mkdir(parents=True)
    (media_root / "documents" / "2025" / "budget.csv").write_bytes(b"line,amount\nprint,1200\n")
    return article


def content():
    """Every row a reader or editor would miss, as plain values."""
    models = [Page, ArticlePage, ArticleAuthor, Author, Image, Rendition, Subscriber, Subscription]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def media(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


def back_up(path):
    out = io.StringIO()
    call_command("backup", output=str(path), stdout=out)
    return out.getvalue()


def restore(path, *args):
    out = io.StringIO()
    call_command("restore", str(path), *args, stdout=out)
    return out.getvalue()


def edit_everything(article, media_root):
    """What a bad day does: a headline changed, a subscriber gone, an author added, and an
    image deleted, a file overwritten and another added under MEDIA_ROOT."""
    article.title = "The dam broke"
    article.save_revision().publish()
    Subscriber.objects.all().delete()
    make_author(name="Someone New")
    image_file = media_root / Image.objects.get().file.name
    image_file.unlink()
    (media_root / "documents" / "2025" / "budget.csv").write_bytes(b"overwritten")
    (media_root / "stray.txt").write_bytes(b"uploaded after the backup")


@pytest.fixture
def after_a_bad_day(newsroom, media_root, tmp_path):
    """A backup, then edits: (the archive, the content and media that must survive a failure)."""
    archive = tmp_path / "backup.tar.gz"
    back_up(archive)
    edit_everything(newsroom, media_root)
    return archive, content(), media(media_root)


def assert_unchanged(state, media_root):
    _, before, files_before = state
    assert content() == before
    assert media(media_root) == files_before
    assert sorted(path.name for path in media_root.parent.iterdir()) == ["backup.tar.gz", "media"]


def test_round_trip_brings_back_content_and_media_exactly(newsroom, media_root, tmp_path, client):
    before, files_before = content(), media(media_root)
    archive = tmp_path / "nightly.tar.gz"

    printed = back_up(archive)

    assert str(archive) in printed
    assert f"{len(files_before)} files" in printed
    edit_everything(newsroom, media_root)
    assert content() != before and media(media_root) != files_before

    printed = restore(archive, "--noinput")

    assert "Restored the database and" in printed
    assert content() == before
    assert media(media_root) == files_before
    assert ArticlePage.objects.get(pk=newsroom.pk).title == "The dam held"
    assert Subscriber.objects.get().subscriptions.get().status == "subscribed"
    page = client.get(newsroom.url)
    assert page.status_code == 200 and b"The dam held" in page.content
    # Nothing left behind: no temporary folders, no old media.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["media", "nightly.tar.gz"]


def test_the_archive_holds_a_manifest_the_dump_and_every_media_file(newsroom, media_root, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    back_up(archive)

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(services.MANIFEST_NAME))
        contents = {
            member.name: tar.extractfile(member).read()
            for member in tar.getmembers()
            if member.name != services.MANIFEST_NAME
        }

    dump = services.DUMP_NAMES[connection.vendor]
    assert manifest["format_version"] == services.FORMAT_VERSION
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["masthead_version"] and manifest["django_version"]
    assert manifest["created_at"].endswith("+00:00")
    assert {entry["path"] for entry in manifest["files"]} == set(contents)
    assert set(contents) == {dump} | {f"media/{name}" for name in media(media_root)}
    for entry in manifest["files"]:
        data = contents[entry["path"]]
        assert (entry["size"], entry["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    assert archive.stat().st_mode & 0o777 == 0o600


def test_the_default_name_has_the_utc_time_and_an_existing_file_is_never_overwritten(
    newsroom, tmp_path
):
    back_up(tmp_path)
    (written,) = tmp_path.glob("masthead-backup-*Z.tar.gz")

    with pytest.raises(CommandError, match="already exists"):
        back_up(written)


def test_a_backup_inside_media_root_is_refused(newsroom, media_root):
    with pytest.raises(CommandError, match="inside MEDIA_ROOT"):
        back_up(media_root / "backup.tar.gz")
    assert not list(media_root.glob("*.tar.gz"))


def test_a_failed_backup_leaves_no_file(newsroom, tmp_path, monkeypatch):
    def fail_half_way(media_root):
        yield from list(files(media_root))[:1]
        raise services.BackupError("the disk went away")

    files = services._media_files
    monkeypatch.setattr(services, "_media_files", fail_half_way)
    backups = tmp_path / "backups"
    backups.mkdir()

    with pytest.raises(CommandError, match="the disk went away"):
        back_up(backups / "backup.tar.gz")
    assert list(backups.iterdir()) == []


# Bad archives: refused with a clear message, the database and media untouched.


def truncated(data):
    return data[: len(data) // 2]


def flipped(data):
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


def with_a_changed_media_file(data):
    """Still a well-formed .tar.gz with its manifest, but one image's bytes are not the same."""
    out = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(data)) as source,
        tarfile.open(fileobj=out, mode="w:gz") as tar,
    ):
        for member in source.getmembers():
            body = source.extractfile(member).read()
            if member.name.startswith("media/original_images/"):
                body = body[:-1] + bytes([body[-1] ^ 1])
            tar.addfile(member, io.BytesIO(body))
    return out.getvalue()


def without_its_manifest(data):
    out = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(data)) as source,
        tarfile.open(fileobj=out, mode="w:gz") as tar,
    ):
        for member in source.getmembers():
            if member.name != services.MANIFEST_NAME:
                tar.addfile(member, source.extractfile(member))
    return out.getvalue()


def not_an_archive(data):
    return b"Dear editor, this is a letter, not a backup.\n" * 100


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (truncated, "is damaged"),
        (flipped, "is damaged"),
        (with_a_changed_media_file, "does not match its size and checksum"),
        (without_its_manifest, "ends before its manifest.json"),
        (not_an_archive, "is damaged or is not a Masthead backup"),
    ],
)
def test_a_damaged_archive_is_refused_and_nothing_changes(
    after_a_bad_day, media_root, tmp_path_factory, damage, message
):
    damaged = tmp_path_factory.mktemp("damaged") / "backup.tar.gz"
    damaged.write_bytes(damage(after_a_bad_day[0].read_bytes()))

    with pytest.raises(CommandError, match=message):
        restore(damaged, "--noinput")

    assert_unchanged(after_a_bad_day, media_root)


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        restore(tmp_path / "nowhere.tar.gz", "--noinput")


def other_vendor_archive(path):
    """A well-formed backup, checksums and all, of the database vendor not in use."""
    vendor = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    dump_name, dump = services.DUMP_NAMES[vendor], b"a dump from the other database"
    image = b"\x89PNG not really"
    files = [(dump_name, dump), ("media/original_images/a.png", image)]
    manifest = {
        "format": services.FORMAT,
        "format_version": services.FORMAT_VERSION,
        "created_at": "2025-01-01T00:00:00+00:00",
        "masthead_version": "0.1.0",
        "django_version": "5.2",
        "wagtail_version": "8.0",
        "database": {"vendor": vendor, "file": dump_name},
        "files": [
            {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in files
        ],
    }
    with tarfile.open(path, mode="w:gz") as tar:
        for name, data in [*files, (services.MANIFEST_NAME, json.dumps(manifest).encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return services.VENDOR_NAMES[vendor]


def test_a_dump_from_the_other_database_vendor_is_refused(newsroom, media_root, tmp_path):
    before, files_before = content(), media(media_root)
    archive = tmp_path / "elsewhere.tar.gz"
    other = other_vendor_archive(archive)

    with pytest.raises(CommandError) as refused:
        restore(archive, "--noinput")

    message = str(refused.value)
    assert f"holds a {other} database" in message
    assert f"configured database is {services.VENDOR_NAMES[connection.vendor]}" in message
    assert "Nothing was changed" in message
    assert content() == before
    assert media(media_root) == files_before


def test_restore_asks_first_and_no_leaves_everything_as_it_was(
    after_a_bad_day, media_root, monkeypatch
):
    questions = []
    monkeypatch.setattr("builtins.input", lambda prompt: questions.append(prompt) or "no")

    printed = restore(after_a_bad_day[0])

    assert questions and "REPLACES the database" in printed
    assert "cancelled" in printed
    assert_unchanged(after_a_bad_day, media_root)


# A database restore that fails: the database as it was, and the old media put back.


@only_sqlite
def test_a_failed_sqlite_restore_changes_nothing(after_a_bad_day, media_root):
    # SQLite refuses to copy into a connection with an open transaction.
    with pytest.raises(CommandError, match="SQLite restore failed"), transaction.atomic():
        restore(after_a_bad_day[0], "--noinput")

    assert_unchanged(after_a_bad_day, media_root)


@only_postgresql
def test_a_failed_postgresql_restore_rolls_back_the_drop(after_a_bad_day, media_root, monkeypatch):
    # Fails once every table is dropped, inside the transaction.
    failing = services.POSTGRESQL_PREAMBLE + "SELECT 1/0;\n"
    monkeypatch.setattr(services, "POSTGRESQL_PREAMBLE", failing)

    with pytest.raises(CommandError, match=r"psql failed .*division by zero"):
        restore(after_a_bad_day[0], "--noinput")

    assert_unchanged(after_a_bad_day, media_root)


@only_postgresql
def test_pg_restore_stopping_half_way_commits_nothing(
    after_a_bad_day, media_root, tmp_path_factory, monkeypatch
):
    # A pg_restore that prints part of a script and then fails: psql must never COMMIT it.
    bin_folder = tmp_path_factory.mktemp("bin")
    fake = bin_folder / "pg_restore"
    fake.write_text(
        "#!/bin/sh\n"
        "echo 'CREATE TABLE public.half_restored (id int);'\n"
        "echo 'pg_restore: error: simulated failure' >&2\n"
        "exit 1\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setitem(services.CHECKERS, "postgresql", lambda dump: None)

    with pytest.raises(CommandError, match=r"pg_restore failed .*simulated failure"):
        restore(after_a_bad_day[0], "--noinput")

    assert_unchanged(after_a_bad_day, media_root)
    assert "half_restored" not in connection.introspection.table_names()


@only_postgresql
def test_pg_dump_missing_is_a_clear_error(newsroom, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))

    with pytest.raises(CommandError, match="pg_dump was not found on PATH"):
        back_up(tmp_path / "backup.tar.gz")
    assert not (tmp_path / "backup.tar.gz").exists()


@only_postgresql
def test_pg_dump_failing_is_a_clear_error_and_the_password_stays_off_the_command_line(
    newsroom, tmp_path, monkeypatch
):
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", "not-the-password-4711")
    runs = []
    real_run = services.subprocess.run

    def recording_run(args, **kwargs):
        runs.append((args, kwargs["env"]))
        return real_run(args, **kwargs)

    monkeypatch.setattr(services.subprocess, "run", recording_run)

    with pytest.raises(CommandError, match=r"pg_dump failed .*password authentication failed"):
        back_up(tmp_path / "backup.tar.gz")

    ((args, env),) = runs
    assert not any("not-the-password-4711" in arg for arg in args)
    assert env["PGPASSWORD"] == "not-the-password-4711"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["media"]
