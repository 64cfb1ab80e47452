import io
import json

import pytest
from django.core.management import call_command

from articles.models import ArticlePage
from ghost_import.services import STANDFIRST_LIMIT
from members.models import Member
from newsletters.models import Subscription

from .ghost_site import GhostSite

pytestmark = pytest.mark.django_db


def run(export, *args):
    out = io.StringIO()
    call_command("import_ghost", str(export), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_ghost_4_meta_on_posts_and_mobiledoc_bodies(home, tmp_path):
    ghost = GhostSite(version="4.48.2")
    mobiledoc = {
        "version": "0.3.1",
        "markups": [],
        "atoms": [],
        "cards": [],
        "sections": [[1, "h2", [[0, [], 0, "Old heading"]]], [1, "p", [[0, [], 0, "Old text."]]]],
    }
    ghost.post(
        "Old post",
        lexical=None,
        mobiledoc=json.dumps(mobiledoc),
        meta_title="Old SEO title",
        meta_description="Old description",
    )
    export, _ = ghost.write(tmp_path)
    run(export)
    post = ArticlePage.objects.get(slug="old-post")
    assert post.seo_title == "Old SEO title" and post.search_description == "Old description"
    assert [block.block_type for block in post.body] == ["subheading", "paragraph"]


def test_a_long_excerpt_is_cut_at_a_word_and_reported(home, tmp_path):
    ghost = GhostSite()
    ghost.post("Long", custom_excerpt="word " * 150)
    export, _ = ghost.write(tmp_path)
    output = run(export)
    standfirst = ArticlePage.objects.get(slug="long").standfirst
    assert len(standfirst) <= STANDFIRST_LIMIT and standfirst.endswith("word…")
    assert "custom excerpt was cut" in output


def test_email_only_posts_are_skipped_with_the_reason(home, tmp_path):
    ghost = GhostSite()
    ghost.post("Newsletter only", status="sent")
    export, _ = ghost.write(tmp_path)
    output = run(export)
    assert "sent as an email only" in output
    assert not ArticlePage.objects.filter(slug="newsletter-only").exists()


def test_the_members_csv_goes_through_the_members_importer(home, tmp_path):
    ghost = GhostSite()
    ghost.newsletter("Daily Brief")
    export, _ = ghost.write(tmp_path)
    members = tmp_path / "members.csv"
    members.write_text(
        "id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,"
        "created_at,deleted_at,labels,tiers\n"
        "1,ada@example.org,Ada,,true,false,,2022-01-01T00:00:00.000Z,,vip,\n"
        "2,not-an-address,Bad,,false,false,,,,,\n"
    )
    output = run(export, "--members", str(members))
    assert "member: 1 imported" in output and "line 3" in output
    ada = Member.objects.get(email="ada@example.org")
    assert ada.name == "Ada"
    assert Subscription.objects.filter(
        subscriber__email="ada@example.org", newsletter__slug="daily-brief"
    ).exists()
    # Again: the same member, updated.
    assert "member: 0 imported, 1 updated" in run(export, "--members", str(members))
    assert Member.objects.filter(email="ada@example.org").count() == 1
