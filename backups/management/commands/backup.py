"""``manage.py backup``: the database and every media file in one archive (backups/services.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from backups import services


class Command(BaseCommand):
    help = (
        "Write the database and every file under MEDIA_ROOT to one .tar.gz archive, "
        "safe to run while the site is up."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help=(
                "The archive to write, or a folder to write it in (default: the current folder, "
                f"named like {services.default_archive_name()})."
            ),
        )

    def handle(self, *args, output, **options):
        try:
            summary = services.backup_create(output=output)
        except services.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {summary.path} ({size(summary.size)})")
            + f"\n  database: {services.VENDOR_NAMES[summary.vendor]} dump, "
            f"{size(summary.database_bytes)}"
            f"\n  media:    {summary.media_files} files, {size(summary.media_bytes)}"
        )


def size(n):
    return filesizeformat(n).replace("\xa0", " ")
