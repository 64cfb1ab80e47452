"""After a publish, does any reader get the old page from Masthead's cache?

With the production server running and its page cache warm, an editor's change is made in a
separate process (as the admin or the worker would make it): the article's headline is
published anew, and a News Feed item is posted. Right after each commit the pages that show the
change are requested many times over new connections (so every worker answers some), and every
answer that still shows the old version is counted. The target is none.
"""

import re
import subprocess
import time
import urllib.request

from processes import StepFailed

CHECKS = 40  # requests per page after each change

PUBLISH_HEADLINE = """
from articles.models import ArticlePage
page = ArticlePage.objects.live().get(url_path__endswith={slug!r})
page.title = {title!r}
page.save_revision().publish()
"""

POST_ITEM = """
from newsfeed import services
services.news_item_publish(headline={headline!r}, summary="Posted by the benchmark.")
"""


def _fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def _change(env, python, root, code):
    subprocess.run(
        [python, "manage.py", "shell", "-c", code],
        cwd=root, env=env, check=True, timeout=120, capture_output=True,
    )  # fmt: skip


def _stale(urls, marker):
    """Answers (of CHECKS per URL) that lack the new version's marker."""
    stale = 0
    for url in urls:
        for _ in range(CHECKS):
            if marker not in _fetch(url):
                stale += 1
    return stale


def check(base, pages, env, *, python, root):
    """Publish twice while the cache is warm; {change: stale answers} (0 is the target)."""
    article_url = base + pages["article"]
    page = _fetch(article_url)
    headline = re.search(r'<h1 class="article__headline">([^<]+)</h1>', page)
    if headline is None:
        raise StepFailed("no headline found on the article page")
    stamp = time.strftime("%H:%M:%S")
    title = re.sub(r" \(checked [\d:]+\)$", "", headline.group(1)) + f" (checked {stamp})"
    slug = pages["article"].rstrip("/").rsplit("/", 1)[-1] + "/"
    for _ in range(3):  # every worker has its copy
        _fetch(article_url), _fetch(base + "/")
    results = {}
    _change(env, python, root, PUBLISH_HEADLINE.format(slug=slug, title=title))
    results["headline published"] = (
        _stale([article_url, base + "/"], f"(checked {stamp})"),
        2 * CHECKS,
    )
    item = f"Benchmark update {stamp}"
    _change(env, python, root, POST_ITEM.format(headline=item))
    results["News Feed item posted"] = (
        _stale([article_url, base + "/", base + "/news-feed/"], item),
        3 * CHECKS,
    )
    return results
