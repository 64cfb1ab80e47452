import io
import json

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect

from articles.models import SectionPage
from ghost_import.models import GhostRedirectRule
from ghost_import.patterns import regex_refusal
from ghost_import.redirects import literal_path

from .ghost_site import GhostSite

pytestmark = pytest.mark.django_db


def run(export, *args):
    out = io.StringIO()
    call_command("import_ghost", str(export), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def site():
    ghost = GhostSite()
    ghost.world = ghost.tag("World")
    ghost.misc = ghost.tag("Misc")
    ghost.writer = ghost.user("Ann Lee", slug="ann_lee")
    ghost.story = ghost.post("Big story", tags=[ghost.world], authors=[ghost.writer])
    ghost.other = ghost.post("Small story", tags=[ghost.misc], authors=[ghost.writer])
    ghost.about = ghost.page("About", slug="about")
    return ghost


def test_old_post_tag_and_author_urls_answer_301(client, home, tmp_path, site):
    export, _ = site.write(tmp_path)
    run(export, "--section-map", "world=world")

    response = client.get("/big-story/")
    assert response.status_code == 301 and response["Location"] == "/world/big-story/"
    assert client.get("/world/big-story/").status_code == 200
    assert client.get("/small-story/")["Location"] == "/news/small-story/"
    # The tag that became a section, and a tag that stayed a tag (its page keeps its path).
    assert client.get("/tag/world/")["Location"] == "/world/"
    assert client.get("/tag/misc/").status_code == 200
    # The author keeps the path they had.
    assert client.get("/author/ann_lee/").status_code == 200
    # The page kept its address: no redirect needed.
    assert client.get("/about/").status_code == 200
    assert not Redirect.objects.filter(old_path="/about").exists()


def test_custom_permalinks_are_followed(client, home, tmp_path, site):
    site.setting("permalinks", "/:year/:month/:slug/")
    export, _ = site.write(tmp_path)
    run(export)
    assert client.get("/2023/05/big-story/")["Location"] == "/news/big-story/"


def test_the_redirects_file_plain_rules_regexes_and_refusals(client, home, tmp_path, site):
    export, _ = site.write(tmp_path)
    rules = [
        {"from": "^/old-about/$", "to": "/about/", "permanent": True},
        {"from": "^\\/feed\\.xml$", "to": "/rss/", "permanent": False},
        {"from": "^/blog/(.*)$", "to": "/news/$1", "permanent": True},
        {"from": "^/(a+)+$", "to": "/x/", "permanent": True},
        {"from": "^/([a-z$", "to": "/x/"},
        {"from": "^/loop-a/$", "to": "/loop-b/"},
        {"from": "^/loop-b/$", "to": "/loop-a/"},
        {"from": "^/world/$", "to": "/elsewhere/"},
    ]
    redirects_file = tmp_path / "redirects.json"
    redirects_file.write_text(json.dumps(rules))
    output = run(export, "--redirects", str(redirects_file), "--section-map", "world=world")

    assert client.get("/old-about/").status_code == 301
    assert client.get("/old-about/")["Location"] == "/about/"
    assert client.get("/feed.xml").status_code == 302
    blog = client.get("/blog/small-story/")
    assert blog.status_code == 301 and blog["Location"] == "/news/small-story/"
    assert "nested quantifier" in output
    assert "not a regular expression" in output
    assert "loop back" in output
    assert "a page of the new site has this address" in output
    assert client.get("/world/").status_code == 200
    assert GhostRedirectRule.objects.count() == 1
    assert SectionPage.objects.filter(slug="world").exists()

    # Again: the same redirects, none twice.
    count = Redirect.objects.count()
    run(export, "--redirects", str(redirects_file), "--section-map", "world=world")
    assert Redirect.objects.count() == count and GhostRedirectRule.objects.count() == 1


def test_a_bad_redirects_file_is_refused(home, tmp_path, site):
    from django.core.management import CommandError

    export, _ = site.write(tmp_path)
    bad = tmp_path / "redirects.json"
    bad.write_text('{"from": "/a/"}')
    with pytest.raises(CommandError, match="not Ghost's"):
        run(export, "--redirects", str(bad))


def test_literal_patterns_and_refusals():
    assert literal_path("^/old/$") == "/old/"
    assert literal_path("/old/") == "/old/"
    assert literal_path("^/old/?$") == "/old/"
    assert literal_path("^/old/.*$") is None
    assert regex_refusal("^/(x+)*$") is not None
    assert regex_refusal("^/tag/(.*)/$") is None


def test_the_rules_are_listed_in_the_admin(admin_client):
    GhostRedirectRule.objects.create(pattern="^/blog/(.*)$", replacement="/news/$1")
    response = admin_client.get("/admin/ghost_redirect_rules/")
    assert response.status_code == 200
    assert "^/blog/(.*)$" in response.content.decode()


def test_the_admin_refuses_a_runaway_pattern(admin_client):
    response = admin_client.post(
        "/admin/ghost_redirect_rules/new/",
        {"pattern": "^/(a+)+$", "replacement": "/x/", "permanent": "on", "sort_order": "0"},
    )
    assert response.status_code == 200 and "nested quantifier" in response.content.decode()
    assert not GhostRedirectRule.objects.exists()
