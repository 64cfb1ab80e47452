"""`make run`'s set-up in one process (each manage.py start costs seconds of imports)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from pagecache import store


class Command(BaseCommand):
    help = "Migrate the database, load the demo newsroom if missing and ensure the admin account."

    def handle(self, *args, verbosity, **options):
        call_command("migrate", interactive=False, verbosity=verbosity)
        call_command("load_demo", verbosity=verbosity)
        call_command("ensure_admin")
        # Templates and code may have changed since the server last ran; pages are re-rendered.
        store.clear()
