"""HTTP benchmark: the production server on 127.0.0.1 with the demo newsroom, loaded by wrk.

    make bench-http                      # SQLite (var/bench/)
    scripts/with-postgres.sh make bench-http   # the same against a throwaway PostgreSQL
    make bench                           # both databases, page cache off and on, + Lighthouse

Steps: set up the demo database (once), collect static files, start granian with one worker per
core, warm every URL up (renditions are made on first view), then run `wrk -t2 -c32 -d15s
--latency` against an article, the front page and /news-feed/, then anonymous on the newest
public article and the demo's paying member (signed in: their session and variant cookies
passed to wrk with -H) on the newest paid article, sampling the summed RSS of the
server processes meanwhile. Prints one line per URL. Traffic goes to 127.0.0.1 only, and every
step has a time limit.

This module is also the HTTP half of `make bench` (bench/run_all.py), which imports it.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from processes import StepFailed, run_bounded, stop_group

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
PAGE_CACHE_DIR = VAR / "page-cache"
WARM_UP_REQUESTS = 20
# A page's first view makes its image renditions: on a fresh database and a busy 2-core machine
# the front page's take well over a minute.
FIRST_VIEW_TIMEOUT = 180
# Longest wait for the requests wrk leaves queued (32 uncached front pages on a busy machine).
DRAIN_TIMEOUT = 300


def require_wrk():
    """Stop with the install command rather than a traceback when wrk is not there."""
    if shutil.which("wrk") is None:
        sys.exit(
            "wrk (the HTTP load generator) is missing. Install it with:\n"
            "    apt-get update && apt-get install -y wrk"
        )


def environment(database_url, *, media_root=VAR / "media", page_cache=None):
    """The server's environment: production settings, local-only, no background work.

    `page_cache` (True/False) sets MASTHEAD_PAGE_CACHE for the full-page cache; None leaves
    the caller's own setting (or the project's default, on) in place. The page cache's store
    is a folder of the benchmark's own, not the development server's var/cache/pages.
    """
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.production",
        DJANGO_SECRET_KEY="bench-only-not-secret",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_STATIC_ROOT=str(VAR / "static"),
        DJANGO_MEDIA_ROOT=str(media_root),
        MASTHEAD_TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        # The immediate backend would narrate every demo article inside set-up: not measured here.
        MASTHEAD_NARRATION_ON_PUBLISH="false",
        DJANGO_LOG_LEVEL="WARNING",
        MASTHEAD_PAGE_CACHE_URL=f"filecache://{PAGE_CACHE_DIR}",
    )
    if page_cache is not None:
        env["MASTHEAD_PAGE_CACHE"] = "true" if page_cache else "false"
    return env


def prepare_site(env):
    """Demo newsroom into the database (once: setup_demo adds only what is missing) + static."""
    VAR.mkdir(parents=True, exist_ok=True)
    for args, timeout in (
        (("setup_demo", "--verbosity", "0"), 900),
        (("collectstatic", "--noinput", "--verbosity", "0"), 300),
    ):
        # Captured: setup_demo prints the dev server's URL and the admin's password, which do
        # not apply here (the output is shown if the step fails).
        run_bounded(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture=True,
            timeout=timeout,
            what=args[0],
        )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url, server, *, deadline=60, first_view=FIRST_VIEW_TIMEOUT):
    """Wait for the port to accept, then for one 200 answer (a first view may be slow)."""
    address = ("127.0.0.1", urlsplit(url).port)
    end = time.monotonic() + deadline
    while True:
        if server.poll() is not None:
            raise StepFailed(f"the server exited with status {server.returncode} before answering")
        try:
            socket.create_connection(address, timeout=1).close()
            break
        except OSError:
            if time.monotonic() > end:
                raise StepFailed(f"no server on {url} within {deadline} s") from None
            time.sleep(0.3)
    with urllib.request.urlopen(url, timeout=first_view) as response:
        if response.status != 200:
            raise StepFailed(f"{url} answered {response.status}, not 200")


@contextlib.contextmanager
def production_server(env, *, workers):
    """Serve the site on a free 127.0.0.1 port; yield (base URL, master pid); always stop it.

    Each server starts with an empty page cache, so that it measures its own pages (the
    warm-up fills the cache), never pages a previous run cached from another database.
    """
    shutil.rmtree(PAGE_CACHE_DIR, ignore_errors=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # Granian: HTTP in Rust with keep-alive, the WSGI app in each worker process, one Python
    # thread per worker (more only contend for the GIL: 54 against 81 uncached articles/s).
    server = subprocess.Popen(
        [PYTHON, "-m", "granian", "--interface=wsgi", "masthead.wsgi:application",
         f"--workers={workers}", "--blocking-threads=1", "--host=127.0.0.1", f"--port={port}",
         "--log-level=warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        wait_until_up(base + "/", server)
        yield base, server.pid
    finally:
        stop_group(server)


def pages_to_load(base):
    """The three pages measured: the first article on the front page, the front page, the feed."""
    front = urllib.request.urlopen(base + "/", timeout=30).read().decode()
    match = re.search(r'<h2 class="card__headline"><a href="([^"]+)"', front)
    if match is None:
        raise StepFailed("no article link (card__headline) found on the front page")
    return {"article": match.group(1), "front page": "/", "news feed": "/news-feed/"}


# A signed-in session for the demo's first member with paid access (its comped member), made
# as a sign-in makes one, and the newest public and paid articles.
MEMBER_SESSION = """
import json
from importlib import import_module
from django.conf import settings
from articles.access import Access
from articles.models import ArticlePage
from members.models import Member
member = Member.objects.filter(status__in=["paid", "comped"]).order_by("pk").first()
session = import_module(settings.SESSION_ENGINE).SessionStore()
session["member_id"] = member.pk
session.create()
articles = list(ArticlePage.objects.live().order_by("-first_published_at"))
public = next(a for a in articles if a.effective_access() == Access.PUBLIC)
paid = next(a for a in articles if a.effective_access() == Access.PAID)
print(json.dumps({"cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
                  "public": public.get_url(), "paid": paid.get_url()}))
"""


class PaidMember:
    """The demo's paying member, signed in, as wrk sends them: their session cookie and the
    variant cookie the site hands them (members/middleware.py), fetched again before each run
    as a browser would have it (it lives minutes)."""

    def __init__(self, env):
        out = run_bounded(
            [PYTHON, "manage.py", "shell", "-c", MEMBER_SESSION],
            cwd=ROOT, env=env, capture=True, timeout=120, what="a member's session",
        )  # fmt: skip
        found = json.loads(out.strip().splitlines()[-1])
        self.session_cookie = found["cookie"]
        self.public_article, self.paid_article = found["public"], found["paid"]

    def cookie(self, base):
        """The Cookie header: the session, and the variant cookie the paid article sets."""
        request = urllib.request.Request(
            base + self.paid_article, headers={"Cookie": self.session_cookie}
        )
        with urllib.request.urlopen(request, timeout=FIRST_VIEW_TIMEOUT) as response:
            body = response.read().decode()
            set_cookies = response.headers.get_all("Set-Cookie") or []
        if 'class="paywall"' in body or "paywalled-content" not in body:
            raise StepFailed("the signed-in member got the paywall on the paid article")
        variant = next(
            (c.split(";")[0] for c in set_cookies if c.startswith("masthead_variant=")), None
        )
        if variant is None:
            raise StepFailed("no variant cookie handed to the signed-in member")
        return f"{self.session_cookie}; {variant}"

    def served_as(self, base):
        """X-Masthead-Cache of the paid article as the member gets it now ("hit" when cached)."""
        request = urllib.request.Request(
            base + self.paid_article, headers={"Cookie": self.cookie(base)}
        )
        for _ in range(2):  # the first may store it
            with urllib.request.urlopen(request, timeout=FIRST_VIEW_TIMEOUT) as response:
                response.read()
                served = response.headers.get("X-Masthead-Cache") or "not cached"
        return served


def member_pages(pages, member):
    """The pages measured with a member: anonymous on the newest public article, next to the
    paid member on the newest paid article (their Cookie header made when measured)."""
    return {
        **pages,
        "public art.": member.public_article,
        "paid member": (member.paid_article, member.cookie),
    }


def _path_and_headers(base, page):
    """A page is a path, or (path, function of the base giving the Cookie header)."""
    if isinstance(page, tuple):
        path, cookie = page
        return path, {"Cookie": cookie(base)}
    return page, {}


def warm_up(base, pages):
    """Renditions are made on first view, and templates/querysets warm up in every worker."""
    for page in pages.values():
        path, headers = _path_and_headers(base, page)
        for _ in range(WARM_UP_REQUESTS):
            request = urllib.request.Request(base + path, headers=headers)
            urllib.request.urlopen(request, timeout=FIRST_VIEW_TIMEOUT).read()


def tree_rss_kib(root_pid):
    """Summed VmRSS of a process and its children (the server and its workers)."""
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
    """Samples the server's summed RSS every 0.2 s; `take_peak()` reads and restarts the peak."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()
        self.lock = threading.Lock()

    def run(self):
        while not self.done.is_set():
            rss = tree_rss_kib(self.pid)
            with self.lock:
                self.peak = max(self.peak, rss)
            self.done.wait(0.2)

    def take_peak(self):
        with self.lock:
            peak, self.peak = self.peak, tree_rss_kib(self.pid)
        return peak


def latency_ms(duration):
    """wrk's '874.00ms', '1.61s', '12.30us', '1.02m' as milliseconds; None for no sample.

    When every request timed out (or none finished in time) wrk has no latency to report and
    prints 0.00us: that is no measurement, not a fast answer.
    """
    if duration is None:
        return None
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", duration).groups()
    ms = float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}[unit]
    return ms or None


def error_breakdown(figures):
    """'6 timeout, 1 non-2xx/3xx' for the figures' errors, or '' if there were none."""
    kinds = {**figures["socket_errors"], "non-2xx/3xx": figures["non_2xx_3xx"]}
    return ", ".join(f"{count} {kind}" for kind, count in kinds.items() if count)


def wrk(url, *, seconds, connections, headers=None):
    """One wrk run; its figures as a dict (latencies in ms, errors = non-2xx/3xx + socket)."""
    extra = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    out = run_bounded(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            *extra,
            url,
        ],
        capture=True,
        timeout=seconds + 30,
        what=f"wrk {url}",
    )
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    socket_counts = [int(n) for n in socket_errors.groups()] if socket_errors else [0] * 4
    by_kind = dict(zip(("connect", "read", "write", "timeout"), socket_counts, strict=True))
    figures = {
        "requests": requests,
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency_ms(latency.get("50")),
        "p99_ms": latency_ms(latency.get("99")),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": by_kind,
    }
    figures["errors"] = figures["non_2xx_3xx"] + sum(socket_counts)
    return figures


def accept_queue(port):
    """Connections waiting in the listen queue of 127.0.0.1:`port` (Recv-Q of a listener)."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port, state, queued = int(fields[1].split(":")[1], 16), fields[3], fields[4]
        if state == "0A" and local_port == port:  # 0A: LISTEN
            return int(queued.split(":")[1], 16)
    return 0


def wait_until_drained(base, *, deadline=DRAIN_TIMEOUT):
    """Wait until the server has served what wrk left queued; return the seconds waited.

    When wrk stops it closes its connections, but a worker still serves every request
    already sent: the listen queue holds up to one per connection. Slow (uncached)
    pages leave minutes of such work, and the next page measured would wait behind it.
    """
    started = time.monotonic()
    port = urlsplit(base).port
    while accept_queue(port) and time.monotonic() - started < deadline:
        time.sleep(0.5)
    # Queued behind what the workers still hold, so its answer means they are free again.
    urllib.request.urlopen(base + "/", timeout=FIRST_VIEW_TIMEOUT).read()
    return time.monotonic() - started


def load_pages(base, server_pid, pages, *, seconds, connections, report=print):
    """wrk against each page in turn; one dict per page, with the server's peak RSS during it."""
    sampler = PeakSampler(server_pid)
    sampler.start()
    rows = []
    try:
        for name, page in pages.items():
            path, headers = _path_and_headers(base, page)
            figures = wrk(base + path, seconds=seconds, connections=connections, headers=headers)
            drained_s = wait_until_drained(base)
            figures.update(
                page=name,
                path=path,
                peak_rss_mib=round(sampler.take_peak() / 1024),
                drain_s=round(drained_s, 1),
            )
            report(format_row(figures))
            if drained_s >= 1:
                report(f"    (then {drained_s:.0f} s more to serve the requests wrk left queued)")
            rows.append(figures)
    finally:
        sampler.done.set()
        sampler.join()
    return rows


def format_duration(ms):
    if ms is None:
        return "-"
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms" if ms >= 10 else f"{ms:.1f} ms"


def format_row(figures):
    p50, p99 = format_duration(figures["p50_ms"]), format_duration(figures["p99_ms"])
    return (
        f"  {figures['page']:<11} {figures['requests_per_s']:>9.1f} req/s  p50 {p50:>9}"
        f"  p99 {p99:>9}  errors {figures['errors']:<4}  peak RSS {figures['peak_rss_mib']} MiB"
        + (f"  ({breakdown})" if (breakdown := error_breakdown(figures)) else "")
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    args = parser.parse_args()

    require_wrk()
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR / 'bench.sqlite3'}"
    env = environment(database_url)
    prepare_site(env)
    member = PaidMember(env)
    with production_server(env, workers=args.workers) as (base, pid):
        pages = member_pages(pages_to_load(base), member)
        warm_up(base, pages)
        print(f"the paid member's paid article: {member.served_as(base)}")
        engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
        print(f"{engine}, granian {args.workers} workers, wrk -t2 -c{args.connections} "
              f"-d{args.seconds}s")  # fmt: skip
        rows = load_pages(base, pid, pages, seconds=args.seconds, connections=args.connections)
        peak = max(row["peak_rss_mib"] for row in rows)
        print(f"  peak RSS of the server processes: {peak} MiB")


if __name__ == "__main__":
    main()
