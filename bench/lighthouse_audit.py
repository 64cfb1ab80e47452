"""Lighthouse on pages of a local server: the four category scores plus LCP, TBT and CLS.

Used by `make bench` (bench/run_all.py) on the SQLite server with the page cache on.
Lighthouse is an npm package kept in bench/lighthouse/ (package.json + package-lock.json,
pinned to 12.2.3: version 13 needs Node 22, this machine has Node 20); `npm ci` installs it
there when node_modules is missing or older than the lock. It drives Debian's Chromium
(CHROME_PATH=/usr/bin/chromium) in Lighthouse's default mobile mode, with simulated
throttling, so the performance score says how a mid-range phone on a slow network would fare.

The pages have no third-party assets, so nothing is blocked; every report is checked instead
for requests to anything other than the local server, and any such request is reported.
"""

import json
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from processes import StepFailed, run_bounded

NPM_PROJECT = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE = NPM_PROJECT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path("/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --disable-quic --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# One audit takes 20-60 s on an idle 2-core machine; a busy machine can double that.
AUDIT_TIMEOUT = 240


def ensure_installed():
    """Install the pinned Lighthouse with `npm ci` unless node_modules matches the lock."""
    if not CHROMIUM.exists():
        raise StepFailed(f"{CHROMIUM} is missing: apt-get update && apt-get install -y chromium")
    if shutil.which("npm") is None:
        raise StepFailed("npm is missing: apt-get update && apt-get install -y npm")
    installed_lock = NPM_PROJECT / "node_modules" / ".package-lock.json"
    lock = NPM_PROJECT / "package-lock.json"
    if LIGHTHOUSE.exists() and installed_lock.stat().st_mtime >= lock.stat().st_mtime:
        return
    print("Installing Lighthouse (npm ci in bench/lighthouse/) ...", flush=True)
    run_bounded(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=NPM_PROJECT,
        capture=True,
        timeout=600,
        what="npm ci (bench/lighthouse)",
    )


def audit(url, report_path):
    """Run Lighthouse on `url`, save its JSON report at `report_path`, return the figures."""
    if urlsplit(url).hostname not in LOCAL_HOSTS:
        raise ValueError(f"Lighthouse runs against the local server only, not {url}")
    report_path.parent.mkdir(parents=True, exist_ok=True)
    run_bounded(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report_path}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        capture=True,
        timeout=AUDIT_TIMEOUT,
        what=f"lighthouse {url}",
    )
    return figures_from(json.loads(report_path.read_text()), report_path)


def figures_from(report, report_path):
    """Scores as 0-100 (None where Lighthouse could not score), LCP/TBT in ms, CLS unitless."""
    if error := report.get("runtimeError"):
        raise StepFailed(f"Lighthouse: {error.get('code')}: {error.get('message')}")
    audits = report["audits"]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    outside = sorted(
        {
            item["url"]
            for item in requests
            if urlsplit(item["url"]).scheme in ("http", "https")
            and urlsplit(item["url"]).hostname not in LOCAL_HOSTS
        }
    )
    scores, shortfalls = {}, {}
    for name in CATEGORIES:
        category = report["categories"].get(name, {})
        score = category.get("score")
        scores[name] = None if score is None else round(score * 100)
        # Which weighted audits cost points (performance's are its metrics, shown anyway).
        if name != "performance":
            shortfalls[name] = [
                ref["id"]
                for ref in category.get("auditRefs", [])
                if ref.get("weight")
                and (audits[ref["id"]].get("score") or 0) < 1
                and audits[ref["id"]].get("scoreDisplayMode") in ("binary", "numeric")
            ]
    return {
        "url": report["finalDisplayedUrl"],
        "form_factor": report["configSettings"]["formFactor"],
        "lighthouse_version": report["lighthouseVersion"],
        "scores": scores,
        "audits_below_full_marks": {name: ids for name, ids in shortfalls.items() if ids},
        "lcp_ms": audits["largest-contentful-paint"].get("numericValue"),
        "tbt_ms": audits["total-blocking-time"].get("numericValue"),
        "cls": audits["cumulative-layout-shift"].get("numericValue"),
        "requests": len(requests),
        "requests_outside_local_server": outside,
        "warnings": report.get("runWarnings", []),
        "report": str(report_path),
    }
