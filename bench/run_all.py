"""`make bench`: the HTTP benchmark on SQLite and PostgreSQL, page cache off and on, + Lighthouse.

    make bench                                          # everything, about 8 minutes
    make bench BENCH_ARGS="--only sqlite --cache on --seconds 5"
    .venv/bin/python bench/run_all.py --help

For each database (SQLite in var/bench/, then a throwaway PostgreSQL from scripts/postgres.sh):
load the demo newsroom, then for each page-cache setting (MASTHEAD_PAGE_CACHE=false, then
true) start the production server (granian, one worker per core), warm it up and load an
article, the front page and /news-feed/ with wrk (bench/http_load.py), then anonymous on a
public article next to the demo's paying member on a paid article. On the SQLite server
with the cache on, Lighthouse then audits the article and the front page in mobile mode
(bench/lighthouse_audit.py). A table closes the run, and every figure is also written to
var/bench/results-<timestamp>.json (Lighthouse's own reports to var/bench/lighthouse/).

Only 127.0.0.1 is ever contacted; every step has a time limit; servers (and PostgreSQL) are
stopped however the run ends. A part that fails is reported and the rest still runs; the exit
status is 1 if any HTTP measurement failed (a Lighthouse failure alone does not count).
"""

import argparse
import contextlib
import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
import urllib.request
from urllib.parse import urlsplit

import front_server
import http_load
import lighthouse_audit
import publish_check
import reference
from processes import StepFailed, run_bounded

POSTGRES_SH = http_load.ROOT / "scripts" / "postgres.sh"
DATABASES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
LIGHTHOUSE_PAGES = ("article", "front page")
# The article's bytes as the first server measured sent them, for bench/reference.py.
_article_body = {}


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--only", choices=DATABASES, help="one database instead of both")
    parser.add_argument(
        "--cache",
        choices=("on", "off", "both"),
        default="both",
        help="the full-page cache setting(s) to measure (default: both, off first)",
    )
    parser.add_argument("--seconds", type=int, default=15, help="wrk's duration per page")
    parser.add_argument("--connections", type=int, default=32, help="wrk's open connections")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="server workers")
    parser.add_argument(
        "--no-reference",
        dest="reference",
        action="store_false",
        help="skip the yardstick: nginx serving the same article as a file (bench/reference.py)",
    )
    parser.add_argument(
        "--no-lighthouse",
        dest="lighthouse",
        action="store_false",
        help="skip Lighthouse (it runs only where SQLite with the cache on is measured)",
    )
    args = parser.parse_args()
    if args.seconds < 1:
        parser.error("--seconds must be at least 1")
    return args


@contextlib.contextmanager
def throwaway_postgres():
    """A fresh PostgreSQL (scripts/postgres.sh); yield its DATABASE_URL, then delete it all."""
    # Under /tmp as in with-postgres.sh: the `postgres` user must reach it, the socket path
    # must stay short.
    folder = tempfile.mkdtemp(prefix="masthead-pg-bench.", dir="/tmp")
    try:
        run_bounded([str(POSTGRES_SH), "start", folder], timeout=120, what="postgres.sh start")
        yield run_bounded(
            [str(POSTGRES_SH), "url", folder], capture=True, timeout=30, what="postgres.sh url"
        ).strip()
    finally:
        run_bounded([str(POSTGRES_SH), "stop", folder], timeout=120, what="postgres.sh stop")


@contextlib.contextmanager
def database(name):
    """Yield (DATABASE_URL, media folder) for `name`, each database with its own uploads."""
    if name == "sqlite":
        yield f"sqlite:///{http_load.VAR / 'bench.sqlite3'}", http_load.VAR / "media"
        return
    media = http_load.VAR / "media-postgres"
    # The database is new each time, so are its uploads (else every run adds copies).
    shutil.rmtree(media, ignore_errors=True)
    with throwaway_postgres() as url:
        yield url, media


def run_lighthouse(base, pages, *, media_root, stamp):
    """Audit the article and the front page; print each; return the figures (or the failure).

    Through bench/front_server.py, which serves the uploads as a production front server would.
    """
    print("  Lighthouse (mobile, uploads served by a local front server):", flush=True)
    try:
        lighthouse_audit.ensure_installed()
    except StepFailed as error:
        print(f"    Lighthouse skipped: {error}")
        return [{"page": name, "error": str(error)} for name in LIGHTHOUSE_PAGES]
    with front_server.serving(urlsplit(base).port, media_root) as front:
        return [audit_page(front, name, pages[name], stamp) for name in LIGHTHOUSE_PAGES]


def audit_page(base, name, path, stamp, *, attempts=2):
    """One page's Lighthouse figures, printed; a failure is printed and returned, not raised.

    A failed audit is tried once more: on a busy machine Lighthouse sometimes loses its trace
    (NO_NAVSTART, NO_FCP), and its own advice is to run it again.
    """
    report_path = http_load.VAR / "lighthouse" / f"{stamp}-{name.replace(' ', '-')}.json"
    for attempt in range(1, attempts + 1):
        try:
            figures = lighthouse_audit.audit(base + path, report_path)
            break
        except (StepFailed, OSError, ValueError, KeyError) as error:
            again = " (trying once more)" if attempt < attempts else ""
            print(f"    {name:<11} failed{again}: {error}", flush=True)
            if not again:
                return {"page": name, "error": str(error), "attempts": attempts}
    figures.update(page=name, attempts=attempt)
    print("  " + format_lighthouse_row(figures), flush=True)
    for category, audit_ids in figures["audits_below_full_marks"].items():
        print(f"    {category} below 100 for: {', '.join(audit_ids)}")
    for url in figures["requests_outside_local_server"]:
        print(f"    warning: the page asked for {url}, outside the local server")
    for warning in figures["warnings"]:
        # Its first sentence; the rest is a link to Lighthouse's documentation.
        print(f"    Lighthouse warning: {warning.split('. ')[0].strip()}.")
    return figures


def format_lighthouse_row(figures):
    scores = "".join(
        f"{'-' if score is None else score:>6}" for score in figures["scores"].values()
    )
    lcp = http_load.format_duration(figures["lcp_ms"])
    tbt = http_load.format_duration(figures["tbt_ms"])
    cls = "-" if figures["cls"] is None else f"{figures['cls']:.3f}"
    return f"  {figures['page']:<11}{scores}  {lcp:>9}  {tbt:>9}  {cls:>6}"


def measure_server(env, *, label, args, lighthouse_stamp=None):
    """One server run: warm-up, wrk on each page, then Lighthouse if asked; its figures."""
    print(f"\n{label}: granian {args.workers} workers, wrk -t2 -c{args.connections} "
          f"-d{args.seconds}s --latency", flush=True)  # fmt: skip
    member = http_load.PaidMember(env)
    with http_load.production_server(env, workers=args.workers) as (base, pid):
        pages = http_load.pages_to_load(base)
        measured = http_load.member_pages(pages, member)
        http_load.warm_up(base, measured)
        print(f"  the paid member's paid article: {member.served_as(base)}", flush=True)
        if "body" not in _article_body:
            with urllib.request.urlopen(base + pages["article"], timeout=30) as answer:
                _article_body["body"] = answer.read()
        rows = http_load.load_pages(
            base,
            pid,
            measured,
            seconds=args.seconds,
            connections=args.connections,
            report=lambda line: print(line, flush=True),
        )
        print(f"  peak RSS of the server processes: {max(r['peak_rss_mib'] for r in rows)} MiB")
        # With the page cache off too: what each process keeps between renders (fragments,
        # pagecache/memo.py) must not outlive a publish either.
        for change, (stale, asked) in publish_check.check(
            base, pages, env, python=http_load.PYTHON, root=http_load.ROOT
        ).items():
            print(f"  after {change}: {stale} of {asked} answers showed the old page")
            rows[0].setdefault("stale_after_publish", {})[change] = [stale, asked]
        audits = []
        if lighthouse_stamp:
            media_root = env["DJANGO_MEDIA_ROOT"]
            audits = run_lighthouse(base, pages, media_root=media_root, stamp=lighthouse_stamp)
    return rows, audits


def measure_database(name, *, caches, args, stamp, results):
    """Set up `name`, then one server run per cache setting; figures and failures into results.

    A failure is printed and recorded, not raised: one broken part (say, no PostgreSQL on this
    machine) should not cost the figures of the others.
    """
    print(f"\n{DATABASES[name]}: setting up the demo newsroom ...", flush=True)
    try:
        with database(name) as (database_url, media):
            http_load.prepare_site(http_load.environment(database_url, media_root=media))
            for cache in caches:
                label = f"{DATABASES[name]}, page cache {'on' if cache else 'off'}"
                env = http_load.environment(database_url, media_root=media, page_cache=cache)
                audit = args.lighthouse and name == "sqlite" and cache
                try:
                    rows, audits = measure_server(
                        env, label=label, args=args, lighthouse_stamp=stamp if audit else None
                    )
                except Exception as error:
                    print(f"  FAILED: {error}")
                    traceback.print_exc(limit=3)
                    results["failures"].append(f"{label}: {error}")
                    continue
                for row in rows:
                    row.update(database=DATABASES[name], page_cache="on" if cache else "off")
                results["http"].extend(rows)
                results["lighthouse"].extend(audits)
    except Exception as error:
        print(f"  FAILED: {DATABASES[name]}: {error}")
        results["failures"].append(f"{DATABASES[name]}: {error}")


def measure_reference(args, results):
    """nginx serving the measured article as a file, same wrk command: the machine's yardstick."""
    if "body" not in _article_body:
        return
    print(f"\nYardstick: nginx {reference.nginx_version()}, {args.workers} workers, serving the "
          "same article as a file", flush=True)  # fmt: skip
    try:
        figures = reference.measure(
            _article_body["body"],
            seconds=args.seconds,
            connections=args.connections,
            workers=args.workers,
        )
    except StepFailed as error:
        print(f"  skipped: {error}")
        return
    figures.update(database="nginx", page_cache="file", page="article", peak_rss_mib=None)
    print(http_load.format_row({**figures, "peak_rss_mib": "-"}), flush=True)
    results["reference"] = figures


def git_revision():
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=http_load.ROOT, capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=http_load.ROOT, capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return head + (" (with uncommitted changes)" if dirty else "")


def print_summary(results):
    settings = results["settings"]
    load = results["load_average"]
    print(
        f"\nSummary: wrk -t2 -c{settings['connections']} -d{settings['seconds']}s, granian "
        f"{settings['workers']} workers on {settings['cores']} cores, load average "
        f"{load['start']:.1f} at start, {load['end']:.1f} at end"
    )
    header = f"{'database':<11} {'cache':<5} {'page':<11} {'req/s':>8} {'p50':>9} {'p99':>9}"
    print(header + f" {'errors':>7} {'peak RSS':>9}")
    rows = [*results["http"], *([results["reference"]] if "reference" in results else [])]
    for row in rows:
        rss = "-" if row["peak_rss_mib"] is None else row["peak_rss_mib"]
        print(
            f"{row['database']:<11} {row['page_cache']:<5} {row['page']:<11} "
            f"{row['requests_per_s']:>8.1f} {http_load.format_duration(row['p50_ms']):>9} "
            f"{http_load.format_duration(row['p99_ms']):>9} {row['errors']:>7} "
            f"{rss:>5} MiB"
        )
    if "reference" in results:
        print("nginx file: the same article's bytes served as a file by nginx (the yardstick, "
              "bench/reference.py)")  # fmt: skip
    if results["lighthouse"]:
        print(f"\nLighthouse, mobile, SQLite, cache on\n{'page':<11}{'perf':>6}{'a11y':>6}"
              f"{'best':>6}{'seo':>6}  {'LCP':>9}  {'TBT':>9}  {'CLS':>6}")  # fmt: skip
        for figures in results["lighthouse"]:
            if "error" in figures:
                print(f"{figures['page']:<11} failed: {figures['error'].splitlines()[0]}")
            else:
                print(format_lighthouse_row(figures)[2:])
    print("errors: non-2xx/3xx responses + socket errors (wrk --timeout 10s); kinds in the JSON")
    for failure in results["failures"]:
        print(f"FAILED: {failure}")


def main():
    args = parse_args()
    # SIGTERM ends the run like Ctrl-C does: through the `finally`s that stop the servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    http_load.require_wrk()

    started = datetime.datetime.now(datetime.UTC)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    databases = [args.only] if args.only else list(DATABASES)
    caches = {"both": (False, True), "off": (False,), "on": (True,)}[args.cache]
    results = {
        "started": started.isoformat(timespec="seconds"),
        "revision": git_revision(),
        "settings": {
            "seconds": args.seconds,
            "connections": args.connections,
            "wrk_threads": 2,
            "workers": args.workers,
            "cores": os.cpu_count(),
            "warm_up_requests_per_page": http_load.WARM_UP_REQUESTS,
        },
        "load_average": {"start": os.getloadavg()[0]},
        "http": [],
        "lighthouse": [],
        "failures": [],
    }
    print(f"make bench {stamp}: {', '.join(DATABASES[d] for d in databases)}; page cache "
          f"{' then '.join('on' if c else 'off' for c in caches)}; "
          f"load average {results['load_average']['start']:.1f}", flush=True)  # fmt: skip
    if args.lighthouse and not ("sqlite" in databases and True in caches):
        print("Lighthouse skipped: it runs on the SQLite server with the page cache on.")

    for name in databases:
        measure_database(name, caches=caches, args=args, stamp=stamp, results=results)
    if args.reference:
        measure_reference(args, results)

    results["load_average"]["end"] = os.getloadavg()[0]
    results["finished"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    print_summary(results)
    output = http_load.VAR / f"results-{stamp}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nFigures written to {output.relative_to(http_load.ROOT)}")
    sys.exit(1 if results["failures"] else 0)


if __name__ == "__main__":
    main()
