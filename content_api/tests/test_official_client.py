"""Ghost's official JavaScript client (``@tryghost/content-api``, pinned in ``js/``) against a
live Masthead: it browses, pages, filters and reads as a Ghost front end does, and gets what
a Ghost site would give it. Needs Node.js and ``npm ci --prefix content_api/tests/js``
(``make test`` does it; under CI, where it always has, a missing client fails rather than
skips)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from wagtail.rich_text import RichText

from articles.models import InfoPage
from content_api.models import ContentAPIKey
from payments.models import Tier
from testkit import builders

JS = Path(__file__).parent / "js"
NODE = shutil.which("node")
CLIENT_INSTALLED = (JS / "node_modules" / "@tryghost" / "content-api").is_dir()

ON_CI = bool(os.environ.get("CI"))

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(NODE is None and not ON_CI, reason="Node.js is not installed"),
    pytest.mark.skipif(
        not CLIENT_INSTALLED and not ON_CI,
        reason="npm ci --prefix content_api/tests/js (make test does it)",
    ),
]


def paragraph(text):
    return ("paragraph", RichText(f"<p>{text}</p>"))


@pytest.fixture
def site(live_server):
    builders.ensure_page_root()
    home = builders.make_home()
    world = builders.make_section(home, title="World")
    olha = builders.make_author(name="Olha Bondar")
    taras = builders.make_author(name="Taras Melnyk")
    articles = [
        builders.make_article(
            world,
            authors=[olha, taras],
            title=f"Story {n}",
            body=[paragraph(f"Words of story {n}.")],
            tags=["floods"] if n == 1 else [],
        )
        for n in range(1, 4)
    ]
    about = home.add_child(instance=InfoPage(title="About", slug="about"))
    about.save_revision().publish()
    Tier.objects.create(name="Supporter", slug="supporter", monthly_amount=500, currency="usd")
    key = ContentAPIKey.objects.create(name="Front end").key
    return {"url": live_server.url, "key": key, "articles": articles, "world": world}


def run_client(url, key):
    finished = subprocess.run(  # noqa: S603 (our own script, the live server's URL and key)
        [NODE, str(JS / "client.js"), url, key],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


def test_the_official_client_reads_masthead_as_a_ghost_site(site):
    out = run_client(site["url"], site["key"])
    newest = site["articles"][-1]

    posts = out["posts"]
    assert [post["title"] for post in posts["items"]] == ["Story 3", "Story 2"]
    assert posts["meta"]["pagination"] == {
        "page": 1,
        "limit": 2,
        "pages": 2,
        "total": 3,
        "next": 2,
        "prev": None,
    }
    first = posts["items"][0]
    assert first["slug"] == newest.slug
    assert "<p>Words of story 3.</p>" in first["html"]
    assert first["plaintext"] == "Words of story 3."
    assert [author["name"] for author in first["authors"]] == ["Olha Bondar", "Taras Melnyk"]
    assert first["primary_author"]["name"] == "Olha Bondar"
    assert first["primary_tag"]["slug"] == site["world"].slug

    assert [post["title"] for post in out["posts_page_2"]["items"]] == ["Story 1"]
    assert out["posts_page_2"]["meta"]["pagination"]["prev"] == 1
    assert [post["title"] for post in out["posts_filtered"]["items"]] == ["Story 1"]
    assert all(set(post) == {"title", "slug"} for post in out["posts_all"]["items"])
    assert out["posts_all"]["meta"]["pagination"]["limit"] == 100

    # A read gives the post itself, not a list (the client unwraps a single answer without meta).
    assert out["post_by_slug"]["slug"] == newest.slug
    assert out["post_by_slug"]["authors"][0]["name"] == "Olha Bondar"
    assert out["post_by_id"]["id"] == first["id"]
    assert out["post_missing"]["error"] == {
        "name": "NotFoundError",
        "message": "Post not found.",
        "type": "NotFoundError",
    }

    # One page: a list of one with meta, as Ghost's browse gives it.
    assert [page["slug"] for page in out["pages"]["items"]] == ["about"]
    authors = {author["name"]: author for author in out["authors"]["items"]}
    assert authors["Olha Bondar"]["count"]["posts"] == 3
    tags = {tag["slug"]: tag for tag in out["tags"]["items"]}
    assert tags["floods"]["count"]["posts"] == 1
    assert tags[site["world"].slug]["count"]["posts"] == 3

    settings = out["settings"]
    assert settings["url"] == "http://testserver/"
    assert settings["navigation"][0]["label"] == "World"

    tiers = out["tiers"]["items"]
    assert [tier["type"] for tier in tiers] == ["free", "paid"]
    assert tiers[1]["monthly_price"] == 500 and tiers[1]["currency"] == "USD"

    assert out["wrong_key"]["error"]["name"] == "UnauthorizedError"
    assert out["wrong_key"]["error"]["message"] == "Unknown Content API Key"
