"""A small clock inside the task worker, for work that must happen on time without cron.

Apps register jobs in their own ``periodic.py`` with ``@every(seconds=...)``; ``manage.py
worker`` imports those modules, starts the clock in a thread beside django-tasks' ``db_worker``
and runs each job when it is due (once at start, then every ``seconds``). A job should be
quick and idempotent — typically it finds due work and enqueues a task — because two workers
may run the same job at the same moment.
"""

import logging
import threading
import time
from dataclasses import dataclass, field

from django.db import close_old_connections

logger = logging.getLogger(__name__)


@dataclass
class Job:
    func: object
    seconds: float
    next_run: float = field(default=0.0)


_jobs: dict[str, Job] = {}


def every(*, seconds):
    def register(func):
        _jobs[f"{func.__module__}.{func.__qualname__}"] = Job(func=func, seconds=seconds)
        return func

    return register


def run_due_jobs(now=None):
    """Run every job that is due; a failing job is logged and does not stop the others."""
    now = time.monotonic() if now is None else now
    for name, job in _jobs.items():
        if job.next_run > now:
            continue
        job.next_run = now + job.seconds
        close_old_connections()
        try:
            job.func()
        except Exception:
            logger.exception("Periodic job %s failed", name)
        finally:
            close_old_connections()


class Clock(threading.Thread):
    def __init__(self, *, tick=1.0):
        super().__init__(name="masthead-clock", daemon=True)
        self.tick = tick
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            run_due_jobs()
            self.stopped.wait(self.tick)

    def stop(self):
        self.stopped.set()


# The core app's own job.
@every(seconds=3600)
def forget_old_rate_limit_attempts():
    from .ratelimit import attempts_prune

    attempts_prune()
