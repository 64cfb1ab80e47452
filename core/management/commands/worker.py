"""The background worker: a slot per task queue (core/worker.py) plus the periodic clock
(core/periodic.py), in one process."""

import logging
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import autodiscover_modules
from django_tasks_db.compat import TASKS_LOGGER

from core.periodic import Clock
from core.worker import WorkerProcess


class Command(BaseCommand):
    help = (
        "Run queued background tasks, one slot per queue (email never waits behind narration), "
        "and the periodic jobs (scheduled work, resumed sends). Waits through database outages."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queues",
            default=",".join(settings.MASTHEAD_TASK_QUEUES),
            help="Comma-separated queues to run, each in its own slot (default: all: %(default)s).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds an idle slot waits before looking for a task again (default: 1).",
        )
        parser.add_argument("--no-clock", action="store_true", help="Run tasks only.")

    def handle(self, *args, queues, interval, no_clock, verbosity, **options):
        names = [name.strip() for name in queues.split(",") if name.strip()]
        unknown = sorted(set(names) - set(settings.MASTHEAD_TASK_QUEUES))
        if not names or unknown:
            raise CommandError(
                f"Unknown queue(s) {', '.join(unknown) or '(none given)'}: "
                f"expected some of {', '.join(settings.MASTHEAD_TASK_QUEUES)}"
            )
        if interval < 0:
            raise CommandError("--interval must be zero or more seconds")
        self.configure_logging(verbosity)
        clock = None
        if not no_clock:
            autodiscover_modules("periodic")
            clock = Clock()
        sys.exit(WorkerProcess(queues=dict.fromkeys(names), interval=interval, clock=clock).run())

    def configure_logging(self, verbosity):
        """As db_worker does: task lines at INFO on stdout unless logging already shows them."""
        level = logging.CRITICAL if verbosity == 0 else logging.INFO
        for name in (TASKS_LOGGER, "django_tasks_db", "core.worker", "core.reconnect"):
            logger = logging.getLogger(name)
            logger.setLevel(level)
            if not logger.hasHandlers():
                logger.addHandler(logging.StreamHandler(self.stdout))
