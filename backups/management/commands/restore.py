"""``manage.py restore PATH``: put back the database and media of a ``manage.py backup`` archive.

The archive is checked in full before anything is asked or changed (backups/services.py).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from backups import services

from .backup import size


class Command(BaseCommand):
    help = (
        "Replace the database and MEDIA_ROOT with a backup archive, after checking every file "
        "in it. Stop the web server and the worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="An archive written by manage.py backup.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, path, interactive, **options):
        try:
            with services.backup_unpacked(path=path) as backup:
                if interactive and not self.confirmed(backup):
                    self.stdout.write("Restore cancelled; nothing was changed.")
                    return
                summary = services.backup_restore(backup=backup)
        except services.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the database and {summary.media_files} media files "
                f"({size(summary.media_bytes)}) from {backup.path}."
            )
        )
        if summary.unapplied_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup predates {summary.unapplied_migrations} of this code's "
                    "migrations: run manage.py migrate."
                )
            )

    def confirmed(self, backup):
        manifest = backup.manifest
        media = backup.media_files
        self.stdout.write(
            f"{backup.path} is a sound backup made {manifest['created_at']} by Masthead "
            f"{manifest['masthead_version']}: a {services.VENDOR_NAMES[backup.vendor]} database "
            f"and {len(media)} media files ({size(sum(entry['size'] for entry in media))}).\n"
            f"Restoring it REPLACES the database {connection.settings_dict['NAME']} and every "
            f"file in {settings.MEDIA_ROOT}. Stop the web server and the worker first."
        )
        answer = input("Type 'yes' to continue, or 'no' to cancel: ")
        return answer == "yes"
