"""A small clock inside the task worker, for work that must happen on time without cron.

Apps register jobs in their own ``periodic.py`` with ``@every(seconds=...)``; ``manage.py
worker`` imports those modules, starts the clock in a thread beside django-tasks' ``db_worker``
and runs each job when it is due (once at start, then every ``seconds``). A job should be
quick and idempotent — typically it finds due work and enqueues a task — because two workers
may run the same job at the same moment.

While the database is down the clock waits for it (``core/reconnect.py``, logged once for the
whole worker) and runs the job that met the outage again as soon as it is back.
"""

import logging
import threading
import time
from dataclasses import dataclass, field

from django.db import close_old_connections

from .reconnect import database, is_outage

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
    """Run every job that is due; a failing job is logged and does not stop the others.

    Returns the error if the database was unavailable: that job, and those after it, are
    still due."""
    now = time.monotonic() if now is None else now
    for name, job in _jobs.items():
        if job.next_run > now:
            continue
        close_old_connections()
        try:
            job.func()
        except Exception as error:
            if is_outage(error):
                return error
            logger.exception("Periodic job %s failed", name)
        finally:
            close_old_connections()
        job.next_run = now + job.seconds
    return None


class Clock(threading.Thread):
    def __init__(self, *, tick=1.0):
        super().__init__(name="masthead-clock", daemon=True)
        self.tick = tick
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            error = run_due_jobs()
            if error is not None:
                database.wait(error, stopping=self.stopped)
            else:
                self.stopped.wait(self.tick)

    def stop(self):
        self.stopped.set()


# The core app's own job.
@every(seconds=3600)
def forget_old_rate_limit_attempts():
    from .ratelimit import attempts_prune

    attempts_prune()
