"""The task worker behind ``manage.py worker``: a slot per queue, database outages, a heartbeat.

**A slot per queue.** Each queue of ``MASTHEAD_TASK_QUEUES`` gets a thread of its own that
claims and runs that queue's tasks one at a time, as django-tasks' ``db_worker`` does (the
same claim: ``SELECT … FOR UPDATE SKIP LOCKED``, then ``RUNNING`` with the thread's worker id
appended to ``worker_ids``). So a confirmation email (``email``) never waits behind a
narration (``narration``, up to its 15-minute limit) or an issue's batches (``mailing``), and
CDN purges and the rest (``default``) wait behind none of them. Worker ids are
``<process id>/<queue>``; the process id is the ``TaskWorker`` row's.

**Database outages.** No thread dies of one. A thread that cannot claim waits for the database
(``core/reconnect.py``: backoff, one log line when it goes and one when it is back). A task
that fails because the database went away (``OperationalError``/``InterfaceError`` in its
error's chain) is not marked failed: once the database answers it is put back in the queue,
as a task is safe to run twice (at most ``MAX_RUNS`` runs in all; then it fails). An outcome
that could not be written is written once the database is back, never dropped.

**Abandoned rows.** Every ``HEARTBEAT_SECONDS`` the process writes its ``TaskWorker`` row's
``beat_at`` (the database's clock). A ``RUNNING`` task row was abandoned when the worker that
claimed it has no row or one older than ``STALE_SECONDS`` (it was killed, crashed, or its
machine went), and the row itself started more than ``STALE_SECONDS`` ago; any worker puts
such rows back in the queue (``recover_abandoned``), or fails them after ``MAX_RUNS`` runs, as
a task that kills its worker each time must stop somewhere. A live worker's rows are never
taken: its heartbeat is fresh. After an outage every heartbeat is old, so a process judges
others only once it has itself beaten for ``STALE_SECONDS`` without a failure, long enough for
every live worker to have beaten again (``STALE_SECONDS`` must be at least three heartbeats).
All workers must be ``manage.py worker``: rows claimed by a bare ``db_worker`` have no
heartbeat and would be taken back.
"""

import logging
import os
import signal
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import close_old_connections, connection
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import (
    DEFAULT_TASK_BACKEND_ALIAS,
    TaskContext,
    TaskResultStatus,
    task_finished,
    task_started,
)
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from .models import TaskWorker
from .outage import DATABASE_DOWN
from .reconnect import database, is_locked, is_outage

logger = logging.getLogger(__name__)

MAX_RUNS = 5  # claims of one task row, interrupted runs included


def _conf(name):
    return settings.MASTHEAD_WORKER[name]


def _stale():
    return Now() - timedelta(seconds=_conf("STALE_SECONDS"))


class WorkerLost(Exception):
    """Recorded on a task row whose workers died under it ``MAX_RUNS`` times."""


def _requeue(row):
    """Put a RUNNING row back in its queue, unless it changed since it was read."""
    return DBTaskResult.objects.filter(
        pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
    ).update(status=TaskResultStatus.READY)


def recover_abandoned():
    """Queue again the RUNNING rows whose worker stopped beating; returns (queued, failed)."""
    live = set(TaskWorker.objects.filter(beat_at__gte=_stale()).values_list("pk", flat=True))
    queued = failed = 0
    candidates = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=_stale()
    ).only("pk", "started_at", "worker_ids", "task_path")
    for row in candidates:
        owner = row.worker_ids[-1].split("/")[0] if row.worker_ids else ""
        if owner in live:
            continue
        if len(row.worker_ids) < MAX_RUNS:
            if _requeue(row):
                queued += 1
                logger.warning(
                    "Task %s (%s) was left running by worker %s, which stopped: queued again",
                    row.pk,
                    row.task_path,
                    owner,
                )
            continue
        message = f"Its worker stopped while running it, {len(row.worker_ids)} times"
        failed += DBTaskResult.objects.filter(
            pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
        ).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            return_value=None,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}: {message}\n",
        )
        logger.error("Task %s (%s) failed: %s", row.pk, row.task_path, message)
    # Their rows are recovered (or will be, once old enough: a missing worker counts as dead).
    TaskWorker.objects.filter(beat_at__lt=_stale()).delete()
    return queued, failed


class QueueWorker(threading.Thread):
    """One queue's slot: claims its next ready task and runs it, until the process stops."""

    def __init__(self, process, queue):
        super().__init__(name=f"masthead-worker-{queue}", daemon=True)
        self.process = process
        self.queue = queue
        self.worker_id = f"{process.id}/{queue}"
        self.running_task = None

    def run(self):
        stopping = self.process.stopping
        try:
            while not stopping.is_set():
                try:
                    task_row = self.claim()
                except DATABASE_DOWN as error:
                    if is_locked(error):  # SQLite: another writer holds the lock
                        task_row = None
                    else:
                        if database.wait(error, stopping=stopping):
                            self.requeue_lost_claims(running=None)
                        continue
                if task_row is not None:
                    self.run_task(task_row)
                else:
                    stopping.wait(self.process.interval)
        finally:
            connection.close()

    def claim(self):
        close_old_connections()
        ready = DBTaskResult.objects.ready().filter(
            backend_name=DEFAULT_TASK_BACKEND_ALIAS, queue_name=self.queue
        )
        with exclusive_transaction(ready.db):
            task_row = ready.get_locked()
            if task_row is not None:
                task_row.claim(self.worker_id)
        return task_row

    def requeue_lost_claims(self, *, running):
        """After an outage: any row RUNNING in this slot's name but ``running`` (the task row
        it holds now, if any) is one it will never finish. A claim whose commit was cut off
        may have been applied; a failover to a replica that lags, or a server without
        synchronous commit, can lose an outcome written just before the crash."""
        try:
            for row in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
                "pk", "started_at", "worker_ids", "task_path"
            ):
                mine = row.worker_ids and row.worker_ids[-1] == self.worker_id
                if mine and (running is None or row.pk != running.pk) and _requeue(row):
                    logger.warning(
                        "Task %s (%s) was still RUNNING in this slot's name after the outage: "
                        "queued again",
                        row.pk,
                        row.task_path,
                    )
        except DATABASE_DOWN:
            pass  # down again: the next wait comes back here

    def run_task(self, task_row):
        self.running_task = task_row
        try:
            try:
                task = task_row.task
                result = task_row.task_result
                task_started.send(sender=type(task.get_backend()), task_result=result)
                if task.takes_context:
                    value = task.call(
                        TaskContext(task_result=result), *result.args, **result.kwargs
                    )
                else:
                    value = task.call(*result.args, **result.kwargs)
            except BaseException as error:  # as db_worker: whatever a task raises is its outcome
                if is_outage(error) and len(task_row.worker_ids) < MAX_RUNS:
                    self.requeue_after_outage(task_row, error)
                    return
                self.record(task_row.set_failed, error)
            else:
                try:
                    self.record(task_row.set_successful, value)
                except Exception as error:  # e.g. a return value JSON cannot hold
                    self.record(task_row.set_failed, error)
            self.finished(task_row)
        finally:
            self.running_task = None
            close_old_connections()

    def requeue_after_outage(self, task_row, error):
        logger.warning(
            "Task %s (%s) was cut off by the database (%s): it runs again once it is back",
            task_row.pk,
            task_row.task_path,
            type(error).__name__,
        )
        if database.wait(error, stopping=self.process.stopping):
            self.requeue_lost_claims(running=task_row)
            self.record(lambda _: _requeue(task_row), None)

    def record(self, write, value):
        """Write a task's outcome, waiting through an outage: an outcome is never dropped. If
        the process is told to stop meanwhile, the row stays RUNNING and its heartbeat stops,
        so another worker queues it again."""
        while True:
            try:
                return write(value)
            except DATABASE_DOWN as error:
                if not database.wait(error, stopping=self.process.stopping):
                    return None
                self.requeue_lost_claims(running=self.running_task)

    @staticmethod
    def finished(task_row):
        try:
            task_finished.send(
                sender=type(task_row.task.get_backend()), task_result=task_row.task_result
            )
        except (ImportError, SuspiciousOperation):
            logger.exception("Task id=%s failed unexpectedly", task_row.pk)


class Heartbeat(threading.Thread):
    """Writes the process's ``beat_at``; once healthy long enough, recovers abandoned rows."""

    def __init__(self, process):
        super().__init__(name="masthead-heartbeat", daemon=True)
        self.process = process
        self.healthy_since = time.monotonic()  # the process has just beaten (WorkerProcess.run)

    def run(self):
        stopping = self.process.stopping
        try:
            while not stopping.wait(_conf("HEARTBEAT_SECONDS")):
                try:
                    self.process.beat()
                    if self.healthy_since is None:
                        self.healthy_since = time.monotonic()
                    if time.monotonic() - self.healthy_since >= _conf("STALE_SECONDS"):
                        recover_abandoned()
                except DATABASE_DOWN as error:
                    self.healthy_since = None
                    if not is_locked(error):
                        database.wait(error, stopping=stopping)
                except Exception:
                    # A bug must not stop the heartbeat: the process's rows would be taken.
                    logger.exception("Heartbeat or recovery of abandoned tasks failed")
                finally:
                    close_old_connections()
        finally:
            connection.close()


class WorkerProcess:
    """``manage.py worker``: a slot per queue, the heartbeat and (optionally) the clock."""

    def __init__(self, *, queues, interval=1.0, clock=None):
        self.queues = list(queues)
        self.interval = interval
        self.clock = clock
        hostname = socket.gethostname()
        self.id = f"{hostname[:24]}:{os.getpid()}:{get_random_string(8)}"
        self.hostname = hostname
        self.stopping = threading.Event()
        self.workers = []

    def beat(self):
        if not TaskWorker.objects.filter(pk=self.id).update(beat_at=Now()):
            # New, or taken for dead after a long partition: announce ourselves (again).
            TaskWorker.objects.create(
                id=self.id,
                hostname=self.hostname[:255],
                pid=os.getpid(),
                queues=",".join(self.queues)[:255],
                started_at=timezone.now(),
                beat_at=Now(),
            )

    def _first_beat(self):
        while not self.stopping.is_set():
            try:
                self.beat()
                return True
            except DATABASE_DOWN as error:
                database.wait(error, stopping=self.stopping)
            finally:
                close_old_connections()
        return False

    def stop(self, signum=None, frame=None):
        if self.stopping.is_set():
            logger.warning("Stopping now; the running tasks will be queued again")
            os._exit(1)
        name = signal.Signals(signum).name if signum else "stop"
        running = [w.running_task.task_path for w in self.workers if w.running_task is not None]
        logger.warning(
            "%s: stopping once the running tasks end (%s); again to stop at once",
            name,
            ", ".join(running) or "none",
        )
        self.stopping.set()
        if self.clock is not None:
            self.clock.stop()

    def run(self):
        """Run until SIGINT/SIGTERM (or until a slot fails, a bug: exit status 1)."""
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT):
            signal.signal(signum, self.stop)
        if not self._first_beat():
            return 0
        self.workers = [QueueWorker(self, queue) for queue in self.queues]
        threads = [*self.workers, Heartbeat(self)]
        if self.clock is not None:
            threads.append(self.clock)
        for thread in threads:
            thread.start()
        logger.info(
            "Worker %s ready: queues %s; clock %s",
            self.id,
            ", ".join(self.queues),
            "on" if self.clock is not None else "off",
        )
        status = 0
        while any(worker.is_alive() for worker in self.workers):
            for worker in self.workers:
                worker.join(0.5)
                if not worker.is_alive() and not self.stopping.is_set():
                    logger.error("The %s slot stopped unexpectedly; stopping", worker.queue)
                    status = 1
                    self.stop()
        for thread in threads[len(self.workers) :]:
            thread.join(5)
        try:
            TaskWorker.objects.filter(pk=self.id).delete()
        except DATABASE_DOWN:
            pass  # its heartbeat simply goes stale
        finally:
            connection.close()
        return status
