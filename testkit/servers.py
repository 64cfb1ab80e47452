"""Real servers and processes a test starts: a free port, Redis, ``manage.py worker``; and
waiting for one of them to get somewhere."""


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on (for now)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A real Redis server (Debian's redis-server) on 127.0.0.1, in a folder of its own,
    persisting nothing; the page cache's production store (``MASTHEAD_PAGE_CACHE_URL``)."""

    def __init__(self, folder):
        import shutil

        self.program = shutil.which("redis-server")
        self.folder = folder
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, *, deadline=20):
        import socket
        import subprocess
        import time

        self.process = subprocess.Popen(  # noqa: S603 (Debian's program, fixed arguments)
            [self.program, "--bind", "127.0.0.1", "--port", str(self.port), "--dir",
             str(self.folder), "--save", "", "--appendonly", "no", "--protected-mode", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        end = time.monotonic() + deadline
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with status {self.process.returncode}")
            with socket.socket() as probe:
                probe.settimeout(1)
                try:
                    probe.connect(("127.0.0.1", self.port))
                    probe.sendall(b"PING\r\n")
                    if probe.recv(16).startswith(b"+PONG"):
                        return self
                except OSError:
                    pass
            if time.monotonic() > end:
                self.stop()
                raise RuntimeError(f"redis-server gave no answer on port {self.port}")
            time.sleep(0.1)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def wait_until(condition, *, timeout, what, details=lambda: ""):
    """Poll ``condition`` until it holds; fail only if it never does within ``timeout`` seconds
    (generous: it bounds "never", not speed)."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} never happened\n{details()}")
        time.sleep(0.05)


def subprocess_database_url(database=None):
    """DATABASE_URL of the test database (``database`` on the same server, if given), for a
    process a test starts."""
    import os
    from urllib.parse import urlsplit, urlunsplit

    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{database or db['NAME']}"))


class WorkerProcess:
    """A real ``manage.py worker`` in a subprocess, on the test database unless ``env`` says
    otherwise, with the database task backend; its output goes to ``log_path`` (its own file)."""

    def __init__(self, log_path, *, env=None, args=("--interval", "0.1")):
        self.log_path = log_path
        self.env = env or {}
        self.args = list(args)
        self.process = None

    def start(self):
        import os
        import subprocess
        import sys

        from django.conf import settings

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
            "DATABASE_URL": subprocess_database_url(),
            "MASTHEAD_TEST_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
            **self.env,
        }
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(  # noqa: S603 (this interpreter, our own command)
                [sys.executable, "manage.py", "worker", *self.args],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    @property
    def pid(self):
        return self.process.pid

    @property
    def log(self):
        return self.log_path.read_text()

    def alive(self):
        return self.process.poll() is None

    def says(self, text):
        """Has it logged ``text``? Fails at once if it has exited."""
        if not self.alive():
            raise AssertionError(f"the worker exited with {self.process.returncode}:\n{self.log}")
        return text in self.log

    def wait_ready(self, *, timeout=180):
        """Until it says it is ready (its heartbeat is written, its slots started)."""
        wait_until(
            lambda: self.says(" ready: queues "),
            timeout=timeout,
            what="the worker getting ready",
            details=lambda: self.log,
        )
        return self

    def kill(self):
        import signal

        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except Exception:
                self.process.kill()
                self.process.wait(timeout=30)
