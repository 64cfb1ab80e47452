"""Benchmark: import a synthetic Ghost export of N posts, then import it again unchanged.

    .venv/bin/python bench/ghost_import.py                 # 2,000 posts, SQLite under var/
    .venv/bin/python bench/ghost_import.py --posts 30000
    scripts/with-postgres.sh .venv/bin/python bench/ghost_import.py   # PostgreSQL

The export is written in Ghost 6's format (the tests' builder, ghost_import/tests/ghost_site.py):
posts with a Lexical body of a heading and a few paragraphs, 3 tags and one or two authors
each, among 20 tags and 30 staff users. ``import_ghost`` runs as a user would run it (the management
command, in this process). Prints posts/s for the first import and for the unchanged re-run.
"""

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def build_export(folder, posts, GhostSite, lexical):
    rng = random.Random(18)  # noqa: S311 (the same export every run)
    site = GhostSite()
    tags = [site.tag(f"Topic {n}") for n in range(20)]
    users = [site.user(f"Writer {n}") for n in range(30)]
    for n in range(posts):
        site.post(
            f"Story number {n}",
            slug=f"story-{n}",
            tags=rng.sample(tags, 3),
            authors=rng.sample(users, rng.choice((1, 2))),
            custom_excerpt=f"What happened in story {n}.",
            lexical=lexical(
                *(f"Paragraph {p} of story {n}, with a few words more." for p in range(6)),
                heading=f"Heading of {n}",
            ),
            visibility=rng.choice(("public", "public", "members", "paid")),
            meta={"meta_title": f"Story {n}", "og_title": f"Story {n} on social"},
        )
    export, _ = site.write(folder)
    return export


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    args = parser.parse_args()

    database = BASE_DIR / "var" / "bench-ghost-import.sqlite3"
    if "DATABASE_URL" not in os.environ:
        (BASE_DIR / "var").mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.update(DJANGO_SETTINGS_MODULE="masthead.settings.base", DJANGO_LOG_LEVEL="WARNING")
    os.environ.setdefault("MASTHEAD_NARRATION_ON_PUBLISH", "0")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from articles.models import ArticlePage
    from ghost_import.tests.ghost_site import GhostSite, lexical
    from testkit.builders import make_home

    call_command("migrate", verbosity=0)
    if not ArticlePage.objects.exists():
        make_home()

    with tempfile.TemporaryDirectory() as folder:
        export = build_export(Path(folder), args.posts, GhostSite, lexical)
        size = export.stat().st_size
        print(f"{args.posts:,} posts, export {size / 1e6:.1f} MB, {connection.vendor}")
        for label in ("first import", "unchanged re-run"):
            started = time.perf_counter()
            call_command(
                "import_ghost",
                str(export),
                "--create-sections",
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )
            elapsed = time.perf_counter() - started
            print(f"{label}: {elapsed:.1f} s, {args.posts / elapsed:,.0f} posts/s")
        print(json.dumps({"articles": ArticlePage.objects.count()}))


if __name__ == "__main__":
    main()
