"""PostgreSQL stopped under the real server, then started again.

A throwaway PostgreSQL (``scripts/postgres.sh``) with a small migrated newsroom, and the
production entry point: granian serving ``masthead.wsgi:application`` (the page cache's WSGI
front before Django), persistent health-checked connections as in production, the page cache in
files. Pages are warmed, then PostgreSQL stops as in a crash: stored pages still answer (a
current one from the front, an invalidated one as its stale copy), everything else is the 503
page, a sign-up says it was not saved. PostgreSQL starts again and pages render at once.
"""

import contextlib
import glob
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.utils.html import escape

from newsletters.forms import started_token
from newsletters.views import NOT_SAVED_MESSAGE, THANKS_MESSAGE
from pagecache import store

ROOT = Path(django_settings.BASE_DIR)
POSTGRES = str(ROOT / "scripts" / "postgres.sh")
REQUEST_TIMEOUT = 120  # "never", not speed: a first render on a busy machine


def postgres_installed():
    return shutil.which("initdb") is not None or bool(glob.glob("/usr/lib/postgresql/*/bin/initdb"))


pytestmark = pytest.mark.skipif(
    not postgres_installed(),
    reason="PostgreSQL server binaries (initdb, pg_ctl) are missing: apt-get install postgresql",
)


def run(args, *, timeout, env=None):
    done = subprocess.run(  # noqa: S603 (our own scripts, fixed arguments)
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, (
        f"{args} exited with {done.returncode}:\n{done.stdout}{done.stderr}"
    )
    return done.stdout


@pytest.fixture
def postgres():
    """(folder, DATABASE_URL) of a PostgreSQL of this test's own; stopped and deleted after."""
    # Under /tmp: the postgres user must reach it, and a socket path must stay short.
    folder = tempfile.mkdtemp(prefix="masthead-down-", dir="/tmp")
    try:
        run([POSTGRES, "start", folder], timeout=60)
        yield folder, run([POSTGRES, "url", folder], timeout=10).strip()
    finally:
        run([POSTGRES, "stop", folder], timeout=60)


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self):
        return self.body.decode()


class Site:
    def __init__(self, port):
        self.port = port

    def request(self, method, path, *, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            answer_headers = {name.lower(): value for name, value in response.getheaders()}
            return Answer(response.status, answer_headers, response.read())
        finally:
            connection.close()

    def get(self, path):
        return self.request("GET", path)

    def sign_up(self, email, *, json):
        form = {
            "email": email,
            "newsletters": "morning-brief",
            "homepage": "",
            "started": started_token(at=time.time() - 60),  # the same SECRET_KEY as the server
            "source": "",
        }
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if json:
            headers["Accept"] = "application/json"
        return self.request("POST", "/newsletters/signup/", body=urlencode(form), headers=headers)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process):
    """SIGTERM to the server's process group (granian and its worker), SIGKILL if it lingers.

    The group is signalled only while its leader is unreaped, so its id is still ours."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextlib.contextmanager
def serving(env, log_path):
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "granian", "--interface=wsgi", "masthead.wsgi:application",
             "--workers=1", "--blocking-threads=1", "--host=127.0.0.1", f"--port={port}",
             "--log-level=warning"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 180  # "never", not speed
            while True:
                assert process.poll() is None, f"the server exited:\n{log_path.read_text()}"
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    assert time.monotonic() < deadline, "the server never listened"
                    time.sleep(0.2)
            yield Site(port)
        finally:
            stop(process)


def invalidate(settings, page_cache_dir, tags):
    """What the commit of an edit does, into the server's page cache (a folder, and its tag
    times' beside it, as masthead/settings/test.py has them)."""
    from masthead.settings.base import page_tag_cache_settings

    pages = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(page_cache_dir),
    }
    settings.CACHES = {
        **settings.CACHES,
        "pages": pages,
        "page_tags": page_tag_cache_settings(pages),
    }
    store._invalidate_now(tags)


def test_pages_keep_answering_while_postgresql_is_down_and_render_again_after(
    postgres, tmp_path, settings
):
    folder, database_url = postgres
    page_cache_dir, outbox = tmp_path / "pages", tmp_path / "outbox"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
        # Persistent connections, checked before reuse, as production.py has them.
        "DATABASE_URL": f"{database_url}?conn_max_age=60&conn_health_checks=true",
        "MASTHEAD_TEST_PAGE_CACHE_URL": f"filecache://{page_cache_dir}",
        "EMAIL_URL": f"filemail:///{outbox}",  # one more slash: django-environ drops one
    }
    newsroom = json.loads(
        run([sys.executable, "-m", "core.tests.database_down_site"], env=env, timeout=240)
    )
    article, author = newsroom["article"], newsroom["author"]
    log = tmp_path / "server.log"

    with serving(env, log) as site:
        for path in (article, "/newsletters/"):
            assert site.get(path).status == 200, log.read_text()
            assert site.get(path).headers["x-masthead-cache"] == "hit"
        invalidate(settings, page_cache_dir, {f"page:{newsroom['article_id']}"})

        run([POSTGRES, "down", folder], timeout=30)

        current = site.get("/newsletters/")
        assert (current.status, current.headers["x-masthead-cache"]) == (200, "hit")
        stale = site.get(article)
        assert (stale.status, stale.headers["x-masthead-cache"]) == (200, "stale"), stale.text
        assert stale.headers["cache-control"] == "public, max-age=5"
        assert "Dam repairs begin" in stale.text

        uncached = site.get(author)
        assert uncached.status == 503
        assert uncached.headers["retry-after"] == "30"
        assert "no-store" in uncached.headers["cache-control"]
        assert "Sorry, we're having technical trouble" in uncached.text
        assert "Traceback" not in uncached.text

        updates = site.get("/news-feed/updates.json")
        assert updates.status == 503
        assert "Please try again" in json.loads(updates.body)["message"]

        signup = site.sign_up("reader@example.org", json=True)
        assert signup.status == 503
        assert json.loads(signup.body) == {"message": NOT_SAVED_MESSAGE}
        signup_page = site.sign_up("reader@example.org", json=False)
        assert signup_page.status == 503
        assert escape(NOT_SAVED_MESSAGE) in signup_page.text

        run([POSTGRES, "up", folder], timeout=60)

        assert site.get(author).status == 200, log.read_text()
        again = site.get(article)
        assert (again.status, again.headers["x-masthead-cache"]) == (200, "miss")
        signup = site.sign_up("reader@example.org", json=True)
        assert (signup.status, json.loads(signup.body)) == (200, {"message": THANKS_MESSAGE})

    assert len(list(outbox.iterdir())) == 1  # the sign-up that was saved, none for the others
    server_log = log.read_text()
    assert server_log.count("Database unavailable (OperationalError") == 1, server_log
    assert "Traceback" not in server_log
