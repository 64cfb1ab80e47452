"""The background worker: django-tasks' ``db_worker`` plus the periodic clock (core/periodic.py)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.module_loading import autodiscover_modules

from core.periodic import Clock


class Command(BaseCommand):
    help = "Run queued background tasks and the periodic jobs (scheduled work, resumed sends)."

    def add_arguments(self, parser):
        parser.add_argument("--no-clock", action="store_true", help="Run tasks only.")
        parser.add_argument(
            "worker_args", nargs="*", help="Passed to db_worker (put them after --)."
        )

    def handle(self, *args, no_clock, worker_args, **options):
        clock = None
        if not no_clock:
            autodiscover_modules("periodic")
            clock = Clock()
            clock.start()
        try:
            # No autoreloader: it would re-run this command in a child and start a second clock.
            call_command("db_worker", "--no-reload", *worker_args)
        finally:
            if clock is not None:
                clock.stop()
