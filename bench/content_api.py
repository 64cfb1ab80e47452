"""The Content API's rates: Ghost's front-end requests against the demo newsroom, page cache
off and on, as `make bench` measures pages.

    .venv/bin/python bench/content_api.py                 # SQLite in var/bench/
    scripts/with-postgres.sh .venv/bin/python bench/content_api.py

Steps: set up the demo database (once, bench/http_load.py), make a Content API key for the
run, then for each page-cache setting start the production server (granian, one worker per
core), warm up and load with wrk: a page of posts with their tags and authors (what a Ghost
front page asks), one post by slug with html and plaintext (an article page), and the tags
with their post counts (a navigation). Prints one line per request; only 127.0.0.1 is
contacted and every step has a time limit.
"""

import argparse
import json
import os

import http_load
from processes import run_bounded

API = "/ghost/api/content"

# A key for the run, and the newest public post's slug.
KEY_AND_SLUG = """
import json
from articles.access import Access
from articles.models import ArticlePage
from content_api.models import ContentAPIKey
key, _ = ContentAPIKey.objects.get_or_create(name="bench/content_api.py", defaults={"active": True})
articles = ArticlePage.objects.live().order_by("-first_published_at")
public = next(a for a in articles if a.effective_access() == Access.PUBLIC)
print(json.dumps({"key": key.key, "slug": public.slug}))
"""


def api_requests(env):
    out = run_bounded(
        [http_load.PYTHON, "manage.py", "shell", "-c", KEY_AND_SLUG],
        cwd=http_load.ROOT, env=env, capture=True, timeout=120, what="a Content API key",
    )  # fmt: skip
    found = json.loads(out.strip().splitlines()[-1])
    key, slug = found["key"], found["slug"]
    return {
        "posts page": f"{API}/posts/?key={key}&include=tags,authors&limit=15",
        "post": f"{API}/posts/slug/{slug}/?key={key}&include=tags,authors&formats=html,plaintext",
        "tags": f"{API}/tags/?key={key}&include=count.posts&limit=all",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    args = parser.parse_args()

    http_load.require_wrk()
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{http_load.VAR / 'bench.sqlite3'}"
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    http_load.prepare_site(http_load.environment(database_url))
    for cache in (False, True):
        env = http_load.environment(database_url, page_cache=cache)
        requests = api_requests(env)
        with http_load.production_server(env, workers=args.workers) as (base, pid):
            http_load.warm_up(base, requests)
            setting = "on" if cache else "off"
            print(
                f"{engine}, page cache {setting}, granian {args.workers} workers, "
                f"wrk -t2 -c{args.connections} -d{args.seconds}s",
                flush=True,
            )
            http_load.load_pages(
                base,
                pid,
                requests,
                seconds=args.seconds,
                connections=args.connections,
                report=lambda line: print(line, flush=True),
            )


if __name__ == "__main__":
    main()
