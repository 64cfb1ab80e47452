"""manage.py import_ghost EXPORT.json: move a Ghost site in (docs/ghost-import.md)."""

import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from ghost_import import export as ghost_export
from ghost_import.services import Options, ghost_import_run, parse_section_map


class Command(BaseCommand):
    help = "Import a Ghost site's JSON export, its content folder, redirects and members CSV."

    def add_arguments(self, parser):
        parser.add_argument("export", help="Ghost's JSON export (Settings → Labs → Export).")
        parser.add_argument("--content", help="Ghost's content/ folder (images/, media/, files/).")
        parser.add_argument("--members", help="Ghost's members CSV export.")
        parser.add_argument("--redirects", help="Ghost's redirects.json.")
        parser.add_argument(
            "--section-map",
            default="",
            help="tag-slug=section-slug,...: the sections that primary tags file posts under.",
        )
        parser.add_argument(
            "--create-sections",
            action="store_true",
            help="Make a section of every unmapped primary tag (else the default section).",
        )
        parser.add_argument(
            "--default-section",
            default="news",
            help='The section for posts whose primary tag is not mapped (made if missing; "news").',
        )
        parser.add_argument(
            "--site-url",
            action="append",
            default=[],
            help="The old site's address (repeatable): its absolute links and images are local.",
        )
        parser.add_argument(
            "--narrate", action="store_true", help="Queue narration of every imported article."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be done; write nothing."
        )
        parser.add_argument(
            "--progress-every",
            type=int,
            default=500,
            help="A progress line every N posts on stderr (default 500).",
        )

    def handle(self, *args, **options):
        try:
            section_map = parse_section_map(options["section_map"])
        except ValueError as error:
            raise CommandError(f"--section-map: {error}") from None
        content = Path(options["content"]) if options["content"] else None
        if content is not None and not content.is_dir():
            raise CommandError(f"--content: {content} is not a folder.")
        for name in ("members", "redirects"):
            if options[name] and not Path(options[name]).is_file():
                raise CommandError(f"--{name}: no such file {options[name]}")
        hosts = tuple(
            (urlsplit(url if "//" in url else f"//{url}").netloc or "").lower()
            for url in options["site_url"]
        )
        try:
            export = ghost_export.load(options["export"])
            report = ghost_import_run(
                export=export,
                options=Options(
                    content_dir=content,
                    section_map=section_map,
                    default_section=slugify(options["default_section"]) or "news",
                    create_sections=options["create_sections"],
                    site_hosts=tuple(host for host in hosts if host),
                    redirects_file=Path(options["redirects"]) if options["redirects"] else None,
                    members_csv=Path(options["members"]) if options["members"] else None,
                    narrate=options["narrate"],
                    dry_run=options["dry_run"],
                ),
                progress=self.progress(max(1, options["progress_every"])),
            )
        except ghost_export.ExportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write("\n".join(report.lines()))

    def progress(self, every):
        tty = sys.stderr.isatty()

        def show(done, total):
            if tty:
                width = 30
                filled = width * done // max(total, 1)
                bar = "#" * filled + "-" * (width - filled)
                self.stderr.write(f"\r[{bar}] {done}/{total} posts", ending="")
                if done == total:
                    self.stderr.write("")
            elif done % every == 0 or done == total:
                self.stderr.write(f"{done}/{total} posts")

        return show
