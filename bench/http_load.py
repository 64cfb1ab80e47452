"""HTTP benchmark: the production server on 127.0.0.1 with the demo newsroom, loaded by wrk.

    make bench-http                      # SQLite (var/bench/)
    scripts/with-postgres.sh make bench-http   # the same against a throwaway PostgreSQL

Steps: set up the demo database (once), collect static files, start gunicorn with one worker per
core, warm every URL up (renditions are made on first view), then run `wrk -t2 -c32 -d15s
--latency` against an article, the front page and /news-feed/, sampling the summed RSS of the
server processes meanwhile. Prints one line per URL. Traffic goes to 127.0.0.1 only, and every
step has a time limit.
"""

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable


def environment(database_url):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.production",
        DJANGO_SECRET_KEY="bench-only-not-secret",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_STATIC_ROOT=str(VAR / "static"),
        DJANGO_MEDIA_ROOT=str(VAR / "media"),
        MASTHEAD_TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        # The immediate backend would narrate every demo article inside set-up: not measured here.
        MASTHEAD_NARRATION_ON_PUBLISH="false",
        DJANGO_LOG_LEVEL="WARNING",
    )
    return env


def manage(env, *args, timeout=600):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=timeout)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url, deadline=60):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url} within {deadline}s")


def tree_rss_kib(root_pid):
    """Summed VmRSS of a process and its children (gunicorn master + workers)."""
    total = 0
    pids = [root_pid]
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{root_pid}$", text, re.M):
            pids.append(int(status.parent.name))
    for pid in pids:
        try:
            match = re.search(r"^VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
        except OSError:
            continue
        total += int(match.group(1)) if match else 0
    return total


class PeakSampler(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self):
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss_kib(self.pid))
            self.done.wait(0.2)


def wrk(url, *, seconds, connections):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, latency.get("50"), latency.get("99"), int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    args = parser.parse_args()

    VAR.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR / 'bench.sqlite3'}"
    env = environment(database_url)
    manage(env, "setup_demo", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "masthead.wsgi", f"--workers={args.workers}",
         f"--bind=127.0.0.1:{port}", "--access-logfile=/dev/null", "--log-level=warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        wait_until_up(base + "/")
        front = urllib.request.urlopen(base + "/", timeout=30).read().decode()
        article = re.search(r'<h2 class="card__headline"><a href="([^"]+)"', front).group(1)
        urls = {"article": article, "front page": "/", "news feed": "/news-feed/"}
        for path in urls.values():  # warm-up: renditions, template and query caches
            for _ in range(20):
                urllib.request.urlopen(base + path, timeout=30).read()
        sampler = PeakSampler(server.pid)
        sampler.start()
        engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
        print(f"{engine}, gunicorn {args.workers} workers, wrk -t2 -c{args.connections} "
              f"-d{args.seconds}s")  # fmt: skip
        for name, path in urls.items():
            rps, p50, p99, errors = wrk(
                base + path, seconds=args.seconds, connections=args.connections
            )
            print(f"  {name:<11} {rps:>9.1f} req/s  p50 {p50:>8}  p99 {p99:>8}  errors {errors}")
        sampler.done.set()
        sampler.join()
        print(f"  peak RSS of the server processes: {sampler.peak / 1024:.0f} MiB")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
