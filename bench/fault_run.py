"""Fault run: PostgreSQL stopped for 60 s while the worker narrates and sends, under light load.

    .venv/bin/python bench/fault_run.py                 # 400 readers, 4 narrations, 60 s outage
    .venv/bin/python bench/fault_run.py --outage 60 --subscribers 400 --articles 4 --voice X.onnx

Everything is real and local: a PostgreSQL of its own (``scripts/postgres.sh``; ``down`` stops it
as a crash would, ``up`` starts it again), the demo newsroom, production settings, one
``manage.py worker``, granian serving the site to a light HTTP load (a request every 0.2 s),
an SMTP server that takes 0.1 s per message (as a provider's does), the default Piper voice.
PostgreSQL keeps its durability on (``MASTHEAD_PG_DURABLE=1``), as in production.

1. A newsletter with ``--subscribers`` readers; a reader whose confirmation task a dead worker
   left RUNNING an hour ago; the worker starts.
2. The issue starts sending, ``--articles`` articles are to be narrated, 20 readers sign up.
3. Once a third of the issue is out and a synthesis is running, PostgreSQL stops for
   ``--outage`` seconds, then starts again; 20 more readers sign up.
4. When everything is done (or after 20 minutes) it prints what arrived, what the task table
   holds, the worker's outage log and how long recovery took.
"""

import argparse
import asyncio
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import http_load
from processes import StepFailed, run_bounded, stop_group

ROOT = http_load.ROOT
PYTHON = sys.executable
POSTGRES = str(ROOT / "scripts" / "postgres.sh")
VAR = ROOT / "var" / "fault-run"
SIGNUPS = 20
SMTP_SECONDS_PER_MESSAGE = 0.1
DONE_TIMEOUT = 1200


class Sink:
    """A real SMTP server (aiosmtpd) that keeps (recipients, subject) of each message."""

    def __init__(self, delay):
        from aiosmtpd.controller import Controller

        self.delay, self.messages, self.lock = delay, [], threading.Lock()
        self.port = http_load.free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by name
        await asyncio.sleep(self.delay)
        subject = re.search(rb"^Subject: (.*?)\r?$", envelope.content, re.M | re.I)
        with self.lock:
            self.messages.append((tuple(envelope.rcpt_tos), subject.group(1).decode()))
        return "250 OK"

    def count(self, subject_starts):
        with self.lock:
            return sum(1 for _, subject in self.messages if subject.startswith(subject_starts))

    def recipients(self, subject_starts):
        with self.lock:
            return Counter(
                rcpt for rcpts, subject in self.messages if subject.startswith(subject_starts)
                for rcpt in rcpts
            )  # fmt: skip


class Load(threading.Thread):
    """A reader every 0.2 s on the front page, an article or /news-feed/; answers by phase."""

    def __init__(self, base, paths):
        super().__init__(daemon=True)
        self.base, self.paths, self.phase = base, paths, "before"
        self.answers, self.done = Counter(), threading.Event()

    def run(self):
        n = 0
        while not self.done.wait(0.2):
            path = self.paths[n % len(self.paths)]
            n += 1
            try:
                with urllib.request.urlopen(self.base + path, timeout=30) as response:
                    answer = (response.status, response.headers.get("X-Masthead-Cache", "-"))
            except urllib.error.HTTPError as error:
                answer = (error.code, error.headers.get("X-Masthead-Cache", "-"))
            except OSError as error:
                answer = (type(error).__name__, "-")
            self.answers[(self.phase, *answer)] += 1


def site(env, *args, timeout=300):
    out = run_bounded(
        [PYTHON, str(ROOT / "bench" / "fault_site.py"), *map(str, args)],
        cwd=ROOT, env=env, capture=True, timeout=timeout, what=f"fault_site {args[0]}",
    )  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def synthesis_running():
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            if b"narration.synthesise" in cmdline.read_bytes():
                return True
    return False


def wait(condition, *, timeout, what, worker):
    end = time.monotonic() + timeout
    while not condition():
        if worker.poll() is not None:
            raise StepFailed(f"the worker exited ({worker.returncode}) waiting for {what}")
        if time.monotonic() > end:
            raise StepFailed(f"{what}: not within {timeout} s")
        time.sleep(0.2)
    return time.monotonic()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outage", type=float, default=60)
    parser.add_argument("--subscribers", type=int, default=400)
    parser.add_argument("--articles", type=int, default=4)
    parser.add_argument("--voice", help="a Piper .onnx voice (default: the joe voice)")
    args = parser.parse_args()

    # PostgreSQL's own durability (postgres.sh turns it off for tests): a crash then loses
    # nothing that was committed, as on a production server.
    os.environ["MASTHEAD_PG_DURABLE"] = "1"
    VAR.mkdir(parents=True, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="masthead-fault-", dir="/tmp")
    run_bounded([POSTGRES, "start", folder], timeout=120, what="postgres.sh start", capture=True)
    try:
        database_url = run_bounded(
            [POSTGRES, "url", folder], timeout=30, what="postgres.sh url", capture=True
        ).strip()
        run(args, folder, database_url)
    finally:
        run_bounded([POSTGRES, "stop", folder], timeout=120, what="postgres.sh stop")


def run(args, folder, database_url):
    sink = Sink(SMTP_SECONDS_PER_MESSAGE)
    sink.controller.start()
    env = http_load.environment(database_url, media_root=VAR / "media")
    env.update(
        MASTHEAD_TASK_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
        MASTHEAD_PRIVATE_MEDIA_ROOT=str(VAR / "private"),
    )
    if args.voice:
        env["MASTHEAD_NARRATION_VOICE"] = args.voice
    print("Setting up the demo newsroom on a fresh PostgreSQL …", flush=True)
    http_load.prepare_site(env)
    prepared = site(env, "prepare", args.subscribers)
    articles = prepared["articles"][: args.articles]

    worker_log = VAR / "worker.log"
    with worker_log.open("w") as log:
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "worker"], cwd=ROOT, env={**env, "DJANGO_LOG_LEVEL": "INFO"},
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        wait(lambda: " ready: queues " in worker_log.read_text(), timeout=180,
             what="the worker starting", worker=worker)  # fmt: skip
        with http_load.production_server(env, workers=1) as (base, _):
            pages = http_load.pages_to_load(base)
            load = Load(base, list(pages.values()))
            load.start()
            figures = fault(args, env, prepared, articles, sink, worker, worker_log, load, folder)
            load.done.set()
            load.join()
        worker_pid_alive = worker.poll() is None
    finally:
        stop_group(worker, grace=120)
        sink.controller.stop()
    figures["worker_alive_to_the_end"] = worker_pid_alive
    figures["worker_exit_status_on_sigterm"] = worker.returncode
    log_text = worker_log.read_text()
    figures["worker_log"] = {
        "Database unavailable": log_text.count("Database unavailable"),
        "Database back": re.findall(r"Database back after \d+ s", log_text),
        "tasks cut off and queued again": log_text.count("was cut off by the database"),
        "stale rows queued again": log_text.count("was left running by worker"),
        "Traceback": log_text.count("Traceback"),
    }
    figures["http"] = {" ".join(map(str, key)): n for key, n in sorted(load.answers.items())}
    print(json.dumps(figures, indent=2))


def fault(args, env, prepared, articles, sink, worker, worker_log, load, folder):
    issue = "The fault run"
    confirm = "Confirm your subscription"
    started = time.monotonic()
    site(env, "start", prepared["issue"], *articles)
    site(env, "signup", "early", SIGNUPS)
    wait(
        lambda: sink.count(issue) >= args.subscribers // 3 and synthesis_running(),
        timeout=600,
        what="a third of the issue out with a synthesis running",
        worker=worker,
    )
    at_down = {"issue_messages": sink.count(issue), "confirmations": sink.count(confirm)}
    load.phase = "during"
    run_bounded([POSTGRES, "down", folder], timeout=60, what="postgres.sh down")
    down_at = time.monotonic()
    while time.monotonic() - down_at < args.outage:
        if worker.poll() is not None:
            raise StepFailed(f"the worker exited ({worker.returncode}) during the outage")
        time.sleep(0.5)
    at_up = {"issue_messages": sink.count(issue), "confirmations": sink.count(confirm)}
    run_bounded([POSTGRES, "up", folder], timeout=120, what="postgres.sh up")
    up_at = time.monotonic()
    load.phase = "after"
    back_at = wait(lambda: "Database back after" in worker_log.read_text(), timeout=300,
                   what="the worker reconnecting", worker=worker)  # fmt: skip
    site(env, "signup", "late", SIGNUPS)
    expected_confirmations = 2 * SIGNUPS + 1  # and the stranded reader's

    done = {}  # when each kind of work was first seen complete, in seconds after `up`

    def finished():
        report = site(env, "report")
        for kind, complete in (
            ("confirmations", sink.count(confirm) >= expected_confirmations),
            ("narrations", report["narrations"].get("done", 0) == len(articles)),
            ("issue", report["issue"] == "sent"),
            ("task table", report["ready"] == report["running"] == 0),
        ):
            if complete:
                done.setdefault(kind, round(time.monotonic() - up_at, 1))
        return len(done) == 4

    try:
        done_at = wait(finished, timeout=DONE_TIMEOUT, what="all the work done", worker=worker)
    except StepFailed as error:
        done_at = None
        print(f"NOT DONE: {error}", flush=True)
    report = site(env, "report")
    readers = sink.recipients(issue)
    confirmations = sink.recipients(confirm)
    return {
        "outage_seconds": round(up_at - down_at, 1),
        "before_the_outage": at_down,
        "during_the_outage": {k: at_up[k] - at_down[k] for k in at_up},
        "issue": {
            "expected": args.subscribers,
            "readers_reached": len(readers),
            "duplicates": sum(n - 1 for n in readers.values()),
            "missing": args.subscribers - len(readers),
        },
        "confirmations": {
            "expected": expected_confirmations,
            "addresses_reached": len(confirmations),
            "duplicates": sum(n - 1 for n in confirmations.values()),
        },
        "narrations": {"expected": len(articles), **report["narrations"]},
        "task_rows": report["tasks"],
        "task_rows_running_or_ready_at_the_end": report["running"] + report["ready"],
        "task_rows_failed": report["failed"],
        "stranded_row": report["stranded"],
        "seconds": {
            "start_to_outage": round(down_at - started, 1),
            "up_to_worker_reconnected": round(back_at - up_at, 1),
            "up_to_all_done": round(done_at - up_at, 1) if done_at else None,
            "up_to_done_by_kind": done,
        },
        "deliveries": report["deliveries"],
    }


if __name__ == "__main__":
    try:
        main()
    except StepFailed as error:
        sys.exit(f"fault_run: {error}")
