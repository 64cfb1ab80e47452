"""The promise that matters: killed mid-send and restarted, every reader gets exactly one copy.

A real worker (``manage.py worker``: db_worker plus the clock) runs in a subprocess against the
test database and a real SMTP server in this process; it is SIGKILLed part-way and a second
worker finishes the job through the periodic resume.
"""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from mailing import services
from mailing.models import Delivery, Issue
from testkit.mail import SMTPSink

from .conftest import make_subscribers

pytestmark = pytest.mark.django_db(transaction=True)

READERS = 1000
BASE_DIR = Path(settings.BASE_DIR)


def subprocess_database_url():
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{db['NAME']}"))


def start_worker(sink, log):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
        "DATABASE_URL": subprocess_database_url(),
        "MASTHEAD_TEST_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "MASTHEAD_MAILING_BACKEND": "mailing.backends.smtp.SMTPBackend",
        "MASTHEAD_MAILING_BATCH_SIZE": "100",
        "MASTHEAD_MAILING_CLAIM_SECONDS": "3",
        "MASTHEAD_MAILING_STALE_SECONDS": "2",
        "MASTHEAD_MAILING_RESUME_EVERY_SECONDS": "1",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.1"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_for(condition, *, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            errors = Counter(Delivery.objects.values_list("status", "last_error"))
            raise AssertionError(f"timed out waiting for {what}; deliveries: {errors}")
        time.sleep(0.05)


def test_sigkill_mid_send_then_restart_delivers_exactly_once(newsletter, issue, settings, tmp_path):
    settings.TASKS = {
        "default": {**settings.TASKS["default"], "BACKEND": "django_tasks_db.DatabaseBackend"}
    }
    make_subscribers(newsletter, READERS)
    sink = SMTPSink().start()
    log = (tmp_path / "worker.log").open("w")
    workers = []
    try:
        services.issue_start(issue_id=issue.pk)  # queues the first batch in the task table
        assert Delivery.objects.filter(issue=issue).count() == READERS

        workers.append(start_worker(sink, log))
        wait_for(lambda: len(sink.messages) >= 300, timeout=180, what="300 messages")
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(timeout=10)
        assert len(sink.messages) < READERS, "killed too late to test anything"

        workers.append(start_worker(sink, log))
        wait_for(
            lambda: Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT,
            timeout=180,
            what="the issue to finish",
        )
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait(timeout=10)
        sink.stop()
        log.close()

    per_reader = Counter(rcpt for rcpts, _ in sink.messages for rcpt in rcpts)
    expected = {f"reader{n}@example.org" for n in range(READERS)}
    assert set(per_reader) == expected
    assert [address for address, n in per_reader.items() if n != 1] == []
    assert Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count() == READERS
