"""The documented deployment works: production settings pass Django's deploy check, refuse to
start without their required variables, and the Procfile's processes start and serve."""

import json
import os
import re
import secrets
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from testkit.mail import SMTPSink

BASE_DIR = Path(settings.BASE_DIR)
VENV_BIN = Path(sys.executable).parent


def production_env(tmp_path, **extra):
    env = {
        "PATH": f"{VENV_BIN}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "news.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'masthead.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "MASTHEAD_PAGE_CACHE_URL": f"filecache://{tmp_path / 'pages'}",
    }
    env.update(extra)
    return {name: value for name, value in env.items() if value is not None}


def manage(env, *args, timeout=120):
    return subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_deploy_check_reports_nothing(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_naming_what_is_missing(tmp_path, missing):
    result = manage(production_env(tmp_path, **{missing: None}), "check")
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert f"Production settings need these environment variables: {missing}" in message


def test_production_refuses_a_bounce_webhook_without_its_secret(tmp_path):
    """Anyone could otherwise suppress any address (mailing/webhooks.py)."""
    result = manage(production_env(tmp_path, MASTHEAD_ESP_WEBHOOK="postmark"), "check")
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert "MASTHEAD_ESP_WEBHOOK=postmark needs ANYMAIL_WEBHOOK_SECRET=user:password" in message


@pytest.fixture(scope="module")
def dkim_key(tmp_path_factory):
    from testkit.mail import DKIMKey

    return DKIMKey(tmp_path_factory.mktemp("dkim"), selector="s1", domain="example.org")


def dkim_env(tmp_path, **extra):
    dkim = {"DJANGO_DEFAULT_FROM_EMAIL": "newsletters@news.example.org"}
    return production_env(tmp_path, **{**dkim, "MASTHEAD_DKIM_SELECTOR": "s1", **extra})


@pytest.mark.parametrize("problem", ["missing", "not a key", "unreadable"])
def test_production_refuses_a_dkim_key_it_cannot_use(tmp_path, problem):
    """Otherwise every email would fail to leave, or leave unsigned and be refused."""
    key_file = tmp_path / "dkim.pem"
    if problem == "not a key":
        key_file.write_text("-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END")
    elif problem == "unreadable":
        key_file.mkdir()
    result = manage(dkim_env(tmp_path, MASTHEAD_DKIM_KEY_FILE=str(key_file)), "check")
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert f"MASTHEAD_DKIM_KEY_FILE={key_file}: no readable PEM RSA private key there" in message


def test_production_refuses_a_dkim_domain_dmarc_would_not_align(tmp_path, dkim_key):
    env = dkim_env(
        tmp_path, MASTHEAD_DKIM_KEY_FILE=str(dkim_key.path), MASTHEAD_DKIM_DOMAIN="mailer.example"
    )
    result = manage(env, "check")
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert "MASTHEAD_DKIM_DOMAIN=mailer.example does not align with" in message


def test_a_dkim_key_needs_its_selector(tmp_path, dkim_key):
    env = dkim_env(tmp_path, MASTHEAD_DKIM_KEY_FILE=str(dkim_key.path), MASTHEAD_DKIM_SELECTOR="")
    result = manage(env, "check")
    assert result.returncode != 0
    assert "MASTHEAD_DKIM_KEY_FILE needs MASTHEAD_DKIM_SELECTOR" in result.stderr


@pytest.mark.parametrize("domain", ["", "example.org"], ids=["From domain", "its parent"])
def test_production_with_a_dkim_key_passes_the_deploy_check(tmp_path, dkim_key, domain):
    env = dkim_env(tmp_path, MASTHEAD_DKIM_KEY_FILE=str(dkim_key.path), MASTHEAD_DKIM_DOMAIN=domain)
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_with_a_bounce_webhook_and_its_secret_passes_the_deploy_check(tmp_path):
    env = production_env(
        tmp_path,
        MASTHEAD_ESP_WEBHOOK="postmark",
        ANYMAIL_WEBHOOK_SECRET=f"postmark:{secrets.token_urlsafe(24)}",
    )
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def procfile():
    lines = (BASE_DIR / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line and not line.startswith("#"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=60):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"Host": "news.example.org", "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def start(command, env, log):
    return subprocess.Popen(  # noqa: S603 (a line of the project's own Procfile)
        ["/bin/bash", "-c", f"exec {command}"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


def test_procfile_release_web_and_worker_start_and_serve(tmp_path):
    processes = procfile()
    port = free_port()
    env = production_env(tmp_path, PORT=str(port), WEB_CONCURRENCY="1")
    release = subprocess.run(  # noqa: S603 (a line of the project's own Procfile)
        ["/bin/bash", "-c", processes["release"]],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert release.returncode == 0, release.stdout[-2000:] + release.stderr[-2000:]

    sink = SMTPSink().start()
    env["EMAIL_URL"] = f"smtp://127.0.0.1:{sink.port}"
    web_log, worker_log = tmp_path / "web.log", tmp_path / "worker.log"
    with web_log.open("w") as web_out, worker_log.open("w") as worker_out:
        web = start(processes["web"], env, web_out)
        worker = start(processes["worker"], env, worker_out)
        try:
            deadline = time.monotonic() + 180  # "never", not speed: a loaded machine is slow
            while True:
                assert web.poll() is None, web_log.read_text()
                try:
                    status, headers, body = get(port, "/admin/login/")
                    break
                except OSError:
                    assert time.monotonic() < deadline, web_log.read_text()
                    time.sleep(0.3)
            assert status == 200, body[:2000]
            assert b"Sign in" in body
            assert headers["Strict-Transport-Security"].startswith("max-age=")
            assert "object-src 'none'" in headers["Content-Security-Policy"]
            assert headers["X-Content-Type-Options"] == "nosniff"
            # Static files come hashed and compressed from WhiteNoise, nosniff as well.
            match = re.search(rb'href="(/static/[^"]+\.css)"', body)
            status, headers, _ = get(port, match.group(1).decode())
            assert status == 200 and headers["X-Content-Type-Options"] == "nosniff"
            assert "immutable" in headers["Cache-Control"]
            # Plain HTTP is sent to HTTPS.
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/admin/login/", headers={"Host": "news.example.org"}
            )

            class NoRedirect(urllib.request.HTTPRedirectHandler):
                def redirect_request(self, *args, **kwargs):
                    return None

            with pytest.raises(urllib.error.HTTPError) as redirect:
                urllib.request.build_opener(NoRedirect).open(request, timeout=60)
            assert redirect.value.code == 301
            assert redirect.value.headers["Location"].startswith("https://news.example.org/")

            # The one worker line runs every queue, each in its own slot.
            queued = manage(env, "shell", "-c", QUEUE_ONE_TASK_EACH)
            assert queued.returncode == 0, queued.stdout + queued.stderr
            deadline = time.monotonic() + 180  # "never", not speed: a loaded machine is slow
            while (
                len(finished := finished_tasks(env)) < len(settings.MASTHEAD_TASK_QUEUES)
                or len(sink.messages) < 2
            ):
                assert worker.poll() is None, worker_log.read_text()
                assert time.monotonic() < deadline, (finished, worker_log.read_text())
                time.sleep(0.5)
            assert worker.poll() is None, worker_log.read_text()
        finally:
            stop(web)
            stop(worker)
            sink.stop()
    assert sorted(queue for queue, _, _ in finished) == sorted(settings.MASTHEAD_TASK_QUEUES)
    for queue, status, worker_id in finished:
        assert (status, worker_id.rsplit("/", 1)[1]) == ("SUCCESSFUL", queue)
    [confirmation] = sink.to("new@example.org")
    assert confirmation["Subject"] == "Confirm your subscription to Morning Brief"
    [issue] = sink.to("reader@example.org")
    assert issue["Subject"] == "Tuesday: what happened overnight"
    assert "Traceback" not in worker_log.read_text()
    assert "Traceback" not in web_log.read_text()


# Through the services, as the site does: a sign-up's confirmation (email), an issue sent to one
# reader (mailing), a narration asked for an article that does not exist (narration), an
# author's articles re-indexed (default).
QUEUE_ONE_TASK_EACH = """
from django.db import transaction
from mailing import services as mailing
from mailing.models import Issue
from narration.tasks import narrate_article
from newsletters import services as newsletters
from newsletters.models import Newsletter, Subscriber, Subscription
from search.tasks import author_articles_reindex
from webhooks.tasks import delivery_send

brief = Newsletter.objects.create(name="Morning Brief", slug="morning-brief")
newsletters.subscription_request(email="new@example.org", newsletters=[brief])
reader = Subscriber.objects.create(email="reader@example.org")
Subscription.objects.create(subscriber=reader, newsletter=brief, status="subscribed")
issue = Issue.objects.create(newsletter=brief, subject="Tuesday: what happened overnight")
mailing.issue_start(issue_id=issue.pk)
narrate_article.enqueue(0, "no-such-text")
author_articles_reindex.enqueue(0)
delivery_send.enqueue(0)
"""

FINISHED_TASKS = """
import json
from django_tasks_db.models import DBTaskResult

ours = r"^(mailing|narration|newsletters|search|webhooks)[.]"
rows = DBTaskResult.objects.filter(finished_at__isnull=False, task_path__regex=ours)
print(json.dumps([[row.queue_name, row.status, row.worker_ids[-1]] for row in rows]))
"""


def finished_tasks(env):
    """(queue, status, worker id) of each of those tasks that has run, a batch's follow-up
    (the issue finishing) left out."""
    result = manage(env, "shell", "-c", FINISHED_TASKS)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = json.loads(result.stdout.strip().splitlines()[-1])
    seen, first_each = set(), []
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            first_each.append(row)
    return first_each


def normalise(command):
    """A command's words, with the venv's path and systemd's variable syntax made plain."""
    words = shlex.split(command)
    words[0] = Path(words[0]).name
    return [re.sub(r"\$\{(\w+)(:-[^}]*)?\}", r"${\1}", word) for word in words]


def test_systemd_units_run_what_the_procfile_runs():
    processes = procfile()
    units = BASE_DIR / "deploy" / "systemd"

    def unit_lines(name, key):
        text = (units / name).read_text()
        return [line.split("=", 1)[1] for line in text.splitlines() if line.startswith(f"{key}=")]

    (web,) = unit_lines("masthead-web.service", "ExecStart")
    assert normalise(web) == normalise(processes["web"])
    (worker,) = unit_lines("masthead-worker.service", "ExecStart")
    assert normalise(worker) == normalise(processes["worker"])
    release = [normalise(step) for step in processes["release"].split(" && ")]
    assert [normalise(pre) for pre in unit_lines("masthead-web.service", "ExecStartPre")] == release
