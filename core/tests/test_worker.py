"""The task worker (core/worker.py) with real processes: a slot per queue, a killed worker's
work taken back and its synthesis gone, PostgreSQL stopped and started under a running worker.

The narration backend here is ``GatedBackend``: its synthesis writes ``started-<pid>`` into a
folder and waits until the test writes ``release`` there, so a narration runs exactly as long
as the test needs.
"""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import worker as core_worker
from core.models import TaskWorker
from core.worker import MAX_RUNS, recover_abandoned
from narration import services as narration_services
from narration.models import Narration
from newsletters import services as newsletter_services
from newsletters.models import Newsletter
from testkit import builders
from testkit.mail import SMTPSink
from testkit.servers import WorkerProcess, wait_until

from .test_database_down import POSTGRES, postgres, postgres_installed, run  # noqa: F401

ROOT = Path(django_settings.BASE_DIR)
GATED = "narration.tests.backends.GatedBackend"


@pytest.fixture
def task_table(settings):
    """Tasks go to the database, where a worker subprocess finds them."""
    settings.TASKS = {
        "default": {**settings.TASKS["default"], "BACKEND": "django_tasks_db.DatabaseBackend"}
    }


@pytest.fixture
def gate(tmp_path):
    folder = tmp_path / "gate"
    folder.mkdir()
    return folder


def worker_env(gate, tmp_path, **extra):
    return {
        "MASTHEAD_NARRATION_BACKEND": GATED,
        "MASTHEAD_NARRATION_VOICE": str(gate),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "MASTHEAD_WORKER_HEARTBEAT_SECONDS": "0.5",
        "MASTHEAD_WORKER_STALE_SECONDS": "3",
        **extra,
    }


def syntheses_started(gate):
    return sorted(int(path.name.split("-")[1]) for path in gate.glob("started-*"))


def synthesising(pid):
    """Is ``pid`` a live (not zombie) synthesis child?"""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z" and b"narration.synthesise" in cmdline


def published_article():
    builders.ensure_page_root()
    section = builders.make_section(builders.make_home(), title="World")
    return builders.make_article(
        section,
        authors=[builders.make_author(name="Olha Bondar")],
        title="Dam repairs begin",
        body=[("paragraph", "<p>Engineers started work on the dam on Monday.</p>")],
    )


def task_row(path_end):
    return DBTaskResult.objects.get(task_path__endswith=path_end)


# Recovery rules, on the test database (both lanes).


def running_row(worker_ids, *, started_ago):
    from newsletters.tasks import confirmation_send

    result = confirmation_send.enqueue(subscriber_id=0)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING",
        worker_ids=worker_ids,
        started_at=timezone.now() - timedelta(seconds=started_ago),
    )
    return result.id


def test_only_rows_of_workers_that_stopped_beating_are_taken_back(task_table, db, settings):
    settings.MASTHEAD_WORKER = {"HEARTBEAT_SECONDS": 5, "STALE_SECONDS": 30}
    now = timezone.now()
    for name, beat_ago in (("live", 1), ("dead", 3600)):
        TaskWorker.objects.create(
            id=name,
            hostname="h",
            pid=1,
            queues="email",
            started_at=now,
            beat_at=now - timedelta(seconds=beat_ago),
        )
    live = running_row(["live/email"], started_ago=600)
    dead = running_row(["dead/email"], started_ago=600)
    unknown = running_row(["a-worker-of-before-heartbeats"], started_ago=600)
    just_claimed = running_row(["dead/email"], started_ago=0)
    deadly = running_row(["dead/email"] * MAX_RUNS, started_ago=600)

    assert recover_abandoned() == (2, 1)

    status = {str(pk): value for pk, value in DBTaskResult.objects.values_list("pk", "status")}
    assert status[live] == status[just_claimed] == "RUNNING"
    assert status[dead] == status[unknown] == "READY"
    assert status[deadly] == "FAILED"
    assert "stopped while running it, 5 times" in DBTaskResult.objects.get(pk=deadly).traceback
    assert list(TaskWorker.objects.values_list("pk", flat=True)) == ["live"]


def test_after_an_outage_a_slot_gives_back_rows_it_holds_but_does_not_run(task_table, db):
    """A claim whose commit was cut off, or an outcome a lagging replica lost, leaves a row
    RUNNING in the slot's name: the slot queues it again, but not the one it is running."""
    slot = core_worker.QueueWorker(core_worker.WorkerProcess(queues=["email"]), "email")
    lost = running_row([slot.worker_id], started_ago=0)
    held = running_row([slot.worker_id], started_ago=0)
    others = running_row([f"{slot.process.id}/mailing"], started_ago=0)

    slot.requeue_lost_claims(running=DBTaskResult.objects.get(pk=held))

    status = {str(pk): value for pk, value in DBTaskResult.objects.values_list("pk", "status")}
    assert (status[lost], status[held], status[others]) == ("READY", "RUNNING", "RUNNING")


# Real worker processes, on the test database (both lanes).


@pytest.mark.django_db(transaction=True)
def test_a_confirmation_leaves_while_a_narration_is_running(task_table, gate, tmp_path):
    article = published_article()
    newsletter = Newsletter.objects.create(name="Morning Brief", slug="morning-brief")
    sink = SMTPSink().start()
    worker = WorkerProcess(
        tmp_path / "worker.log",
        env=worker_env(gate, tmp_path, EMAIL_URL=f"smtp://127.0.0.1:{sink.port}"),
    )
    try:
        worker.start().wait_ready()
        narration_services.narration_request(article_id=article.pk)
        wait_until(
            lambda: syntheses_started(gate),
            timeout=180,
            what="the narration starting",
            details=lambda: worker.log,
        )

        newsletter_services.subscription_request(
            email="reader@example.org", newsletters=[newsletter]
        )
        wait_until(
            lambda: sink.to("reader@example.org"),
            timeout=180,
            what="the confirmation while the narration runs",
            details=lambda: worker.log,
        )
        # The narration was still running when the email left.
        assert Narration.objects.get(article=article).status == Narration.Status.RUNNING
        assert task_row("narrate_article").status == "RUNNING"

        (gate / "release").touch()
        wait_until(
            lambda: Narration.objects.get(article=article).status == Narration.Status.DONE,
            timeout=180,
            what="the narration finishing",
            details=lambda: worker.log,
        )
    finally:
        (gate / "release").touch()
        worker.stop()
        sink.stop()
    [message] = sink.to("reader@example.org")
    assert message["Subject"] == "Confirm your subscription to Morning Brief"
    assert task_row("confirmation_send").queue_name == "email"
    assert task_row("narrate_article").queue_name == "narration"
    assert "Traceback" not in worker.log


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_leaves_no_synthesis_and_the_next_takes_its_narration_back(
    task_table, gate, tmp_path
):
    article = published_article()
    env = worker_env(gate, tmp_path)
    first = WorkerProcess(tmp_path / "first.log", env=env)
    second = WorkerProcess(tmp_path / "second.log", env=env)
    child = None
    try:
        first.start().wait_ready()
        narration_services.narration_request(article_id=article.pk)
        wait_until(
            lambda: syntheses_started(gate),
            timeout=180,
            what="the narration starting",
            details=lambda: first.log,
        )
        [child] = syntheses_started(gate)
        assert synthesising(child)

        first.kill()  # SIGKILL: no clean-up of any kind
        wait_until(
            lambda: not synthesising(child),
            timeout=60,
            what="the synthesis child dying with its worker",
        )
        row = task_row("narrate_article")
        assert row.status == "RUNNING"  # as the dead worker left it

        (gate / "release").touch()
        second.start().wait_ready()
        wait_until(
            lambda: Narration.objects.get(article=article).status == Narration.Status.DONE,
            timeout=180,
            what="the next worker finishing the narration",
            details=lambda: second.log,
        )
    finally:
        (gate / "release").touch()
        if child is not None and synthesising(child):
            os.kill(child, 9)
        first.stop()
        second.stop()

    row = task_row("narrate_article")
    assert row.status == "SUCCESSFUL"
    assert row.return_value == "done"
    dead, alive = (worker_id.split("/")[0] for worker_id in row.worker_ids)
    assert dead != alive and alive in second.log
    assert len(syntheses_started(gate)) == 2  # the killed one and the one that finished
    narration = Narration.objects.get(article=article)
    assert narration.is_playable
    assert "left running by worker" in second.log


# PostgreSQL stopped and started under a running worker: a server of this test's own.

only_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql" or not postgres_installed(),
    reason="PostgreSQL lane: stops and starts a PostgreSQL server of its own",
)


def site(env, *args):
    done = subprocess.run(  # noqa: S603 (this interpreter, our own module)
        [sys.executable, "-m", "core.tests.worker_site", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else None


@only_postgresql
def test_the_worker_waits_through_a_postgresql_outage_and_carries_on(
    postgres,  # noqa: F811
    gate,
    tmp_path,
):
    folder, database_url = postgres
    sink = SMTPSink().start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
        # Persistent, health-checked connections, as production.py has them.
        "DATABASE_URL": f"{database_url}?conn_max_age=60&conn_health_checks=true",
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
    }
    newsroom = site(env, "setup")
    worker = WorkerProcess(tmp_path / "worker.log", env={**env, **worker_env(gate, tmp_path)})
    try:
        worker.start().wait_ready()
        site(env, "narrate", str(newsroom["article_id"]))
        wait_until(
            lambda: syntheses_started(gate),
            timeout=180,
            what="the narration starting",
            details=lambda: worker.log,
        )

        run([POSTGRES, "down", folder], timeout=60)
        wait_until(
            lambda: worker.says("Database unavailable"),
            timeout=180,
            what="the worker noticing the outage",
            details=lambda: worker.log,
        )
        [child] = syntheses_started(gate)
        wait_until(lambda: not synthesising(child), timeout=60, what="the cut-off synthesis ending")
        assert worker.alive(), worker.log
        (gate / "release").touch()  # the narration's next run may finish
        run([POSTGRES, "up", folder], timeout=60)

        site(env, "signup", "reader@example.org")  # a task queued after the outage
        wait_until(
            lambda: sink.to("reader@example.org"),
            timeout=180,
            what="the confirmation after the outage",
            details=lambda: worker.log,
        )

        def narrated():
            return site(env, "report")["narrations"] == [{"status": "done", "playable": True}]

        wait_until(
            narrated, timeout=180, what="the cut-off narration done", details=lambda: worker.log
        )
        assert worker.alive(), worker.log  # the same process throughout
    finally:
        (gate / "release").touch()
        worker.stop()
        sink.stop()

    tasks = {task["task"].rsplit(".", 1)[1]: task for task in site(env, "report")["tasks"]}
    assert {"narrate_article", "confirmation_send"} <= set(tasks)
    # Nothing failed, nothing left running or queued (the setup's Wagtail tasks included).
    assert {task["status"] for task in tasks.values()} == {"SUCCESSFUL"}
    # Cut off by the outage, queued again and run by the same worker.
    assert len(tasks["narrate_article"]["workers"]) == 2
    assert len(set(tasks["narrate_article"]["workers"])) == 1
    assert len(sink.to("reader@example.org")) == 1
    log = worker.log
    assert log.count("Database unavailable") == 1, log
    assert "Database back after" in log
    assert "Traceback" not in log
