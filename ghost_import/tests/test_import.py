import io
import json

import pytest
from django.core.management import CommandError, call_command
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image
from wagtail.models import Page

from articles.access import Access
from articles.models import ArticlePage, InfoPage, SectionPage
from authors.models import Author
from ghost_import.models import GhostRecord
from newsletters.models import Newsletter
from payments.models import Tier

from .ghost_site import GhostSite, png

pytestmark = pytest.mark.django_db


def run(export, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_ghost", str(export), *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.fixture
def site():
    ghost = GhostSite()
    ghost.opinion = ghost.tag("Opinion")
    ghost.climate = ghost.tag("Climate")
    ghost.internal = ghost.tag("#longread")
    ghost.olha = ghost.user(
        "Olha Bondar",
        bio="Reports from Kyiv.",
        profile_image=ghost.image("images/2023/01/olha.png"),
        website="https://olha.example.org",
        twitter="@olha",
        location="Kyiv",
    )
    ghost.ian = ghost.user("Ian Reed")
    ghost.gold = ghost.product("Gold")
    ghost.free = ghost.product("Free", type="free")
    ghost.daily = ghost.newsletter("Daily Brief")
    ghost.story = ghost.post(
        "Rivers are rising",
        tags=[ghost.opinion, ghost.climate, ghost.internal],
        authors=[ghost.ian, ghost.olha],
        custom_excerpt="What the floods mean.",
        feature_image=ghost.image("images/size/w600/2023/05/flood.png", png(color=(0, 90, 200))),
        featured=True,
        canonical_url="https://elsewhere.example.org/rivers",
        meta={
            "meta_title": "Rivers: the SEO title",
            "meta_description": "Search engines read this.",
            "og_title": "Rivers on social",
            "twitter_description": "Rivers on X",
            "og_image": ghost.image("images/2023/05/og.png", png(color=(9, 9, 9))),
            "email_subject": "Rivers (the email)",
            "feature_image_alt": "A flooded street",
            "feature_image_caption": "<span>Kyiv, <b>May</b></span>",
        },
    )
    # The original under the resized URL's path.
    ghost.images["images/2023/05/flood.png"] = ghost.images.pop(
        "images/size/w600/2023/05/flood.png"
    )
    ghost.members_only = ghost.post("For members", visibility="members")
    ghost.gold_only = ghost.post("Gold only", visibility="tiers", tiers=[ghost.gold])
    ghost.draft = ghost.post("Not yet", status="draft", published_at=None)
    ghost.scheduled = ghost.post(
        "Tomorrow's", status="scheduled", published_at="2099-01-01T08:00:00.000Z"
    )
    ghost.about = ghost.page("About us", slug="about")
    return ghost


def test_import_maps_posts_pages_authors_tags_tiers_and_newsletters(home, tmp_path, site):
    export, content = site.write(tmp_path)
    output = run(export, "--content", str(content), "--section-map", "opinion=comment")

    assert "post: 5 imported" in output
    comment = SectionPage.objects.get(slug="comment")
    news = SectionPage.objects.get(slug="news")
    story = ArticlePage.objects.get(slug="rivers-are-rising")
    assert story.get_parent().pk == comment.pk
    assert story.live and story.first_published_at.isoformat() == "2023-05-04T10:00:00+00:00"
    assert story.last_published_at == story.first_published_at
    assert story.updated_at.isoformat() == "2023-05-05T12:00:00+00:00"
    assert story.standfirst == "What the floods mean."
    assert story.seo_title == "Rivers: the SEO title"
    assert story.search_description == "Search engines read this."
    assert story.lead_image.title == "A flooded street"
    assert story.lead_image_caption == "Kyiv, May"
    assert [credit.author.name for credit in story.article_authors.all()] == [
        "Ian Reed",
        "Olha Bondar",
    ]
    assert sorted(story.tags.names()) == ["#longread", "Climate"]
    assert story.body[0].block_type == "paragraph"
    assert story.access == Access.PUBLIC
    assert story.featured and story.canonical_url == "https://elsewhere.example.org/rivers"
    assert story.og_title == "Rivers on social" and story.twitter_description == "Rivers on X"
    assert story.og_image is not None and story.og_image != story.lead_image
    assert not ArticlePage.objects.get(slug="for-members").featured

    assert ArticlePage.objects.get(slug="for-members").access == Access.MEMBERS
    gold_only = ArticlePage.objects.get(slug="gold-only")
    assert gold_only.get_parent().pk == news.pk
    assert gold_only.access == Access.TIERS
    assert [tier.name for tier in gold_only.access_tiers.all()] == ["Gold"]
    gold = Tier.objects.get(name="Gold")
    assert not gold.active and gold.monthly_amount == 500
    assert not Tier.objects.filter(name="Free").exists()

    draft = ArticlePage.objects.get(slug="not-yet")
    assert not draft.live and draft.first_published_at is None
    scheduled = ArticlePage.objects.get(slug="tomorrows")
    assert not scheduled.live
    assert scheduled.get_latest_revision().approved_go_live_at.year == 2099

    about = InfoPage.objects.get(slug="about")
    assert about.get_parent().pk == home.pk and about.live

    olha = Author.objects.get(slug="olha-bondar")
    assert olha.bio == "Reports from Kyiv." and olha.photo is not None
    assert {link.label: link.url for link in olha.links.all()} == {
        "Website": "https://olha.example.org",
        "X": "https://x.com/olha",
    }
    assert Newsletter.objects.get(slug="daily-brief").name == "Daily Brief"
    record = GhostRecord.objects.get(kind="post", ghost_id=site.story["id"])
    assert record.object_id == story.pk
    assert record.extra == {"email_subject": "Rivers (the email)"}


def test_internal_tags_keep_their_hash_and_stay_apart_from_public_ones(home, tmp_path, site):
    export, _content = site.write(tmp_path)
    run(export)
    assert Tag.objects.filter(name="#longread").exists()
    assert Tag.objects.get(name="Opinion").slug == "opinion"


def test_rerun_updates_in_place_and_never_duplicates(home, tmp_path, site):
    export, content = site.write(tmp_path)
    run(export, "--content", str(content))
    counts = (
        Page.objects.count(),
        Image.objects.count(),
        Author.objects.count(),
        Tag.objects.count(),
        Redirect.objects.count(),
    )

    second = run(export, "--content", str(content))
    assert "post: 0 imported, 0 updated, 5 unchanged" in second
    site.story["title"] = "Rivers are rising fast"
    site.story["updated_at"] = "2024-02-02T00:00:00.000Z"
    export.write_text(json.dumps(site.document()))
    third = run(export, "--content", str(content))

    assert "post: 0 imported, 1 updated, 4 unchanged" in third
    assert (
        Page.objects.count(),
        Image.objects.count(),
        Author.objects.count(),
        Tag.objects.count(),
        Redirect.objects.count(),
    ) == counts
    assert ArticlePage.objects.get(slug="rivers-are-rising").title == "Rivers are rising fast"
    assert GhostRecord.objects.filter(kind="post").count() == 5
    # The page tree is whole (treebeard's own check: paths, depths, child counts).
    assert all(not problems for problems in Page.find_problems())


def test_dry_run_writes_nothing(home, tmp_path, site):
    export, content = site.write(tmp_path)
    before = [model.objects.count() for model in (Page, Image, Tag, Redirect, Tier, Newsletter)]
    output = run(export, "--content", str(content), "--dry-run")
    assert "dry run" in output and "post: 5 imported" in output
    assert "image: 3 imported" in output  # what a real run would store
    assert [m.objects.count() for m in (Page, Image, Tag, Redirect, Tier, Newsletter)] == before
    assert not GhostRecord.objects.exists() and not Author.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json at all", "is not JSON"),
        ('{"hello": 1}', "is not a Ghost export"),
        ('{"db": [{"meta": {"version": "2.38.0"}, "data": {}}]}', "Ghost 2.38.0"),
        ('{"db": [{"meta": {}, "data": {}}]}', "which Ghost version"),
        ('{"db": [{"meta": {"version": "5.0.0"}, "data": {"posts": 3}}]}', '"posts" is not'),
    ],
)
def test_bad_files_are_refused_clearly(home, tmp_path, text, message):
    export = tmp_path / "export.json"
    export.write_text(text)
    with pytest.raises(CommandError, match=message):
        run(export)


def test_missing_file_is_a_command_error(home, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "nope.json")


def test_imported_pages_render_with_ghost_dates_and_gates(client, home, tmp_path, site):
    export, content = site.write(tmp_path)
    run(export, "--content", str(content), "--section-map", "opinion=comment")
    story = client.get("/comment/rivers-are-rising/")
    assert story.status_code == 200
    html = story.content.decode()
    assert "Rivers are rising" in html and "What the floods mean." in html
    assert "2023-05-04" in html  # the Ghost date, not today's
    assert client.get("/news/not-yet/").status_code == 404
    assert client.get("/news/tomorrows/").status_code == 404
    assert client.get("/about/").status_code == 200


def test_the_import_queues_no_narration_unless_asked(
    home, tmp_path, site, settings, django_capture_on_commit_callbacks
):
    from narration.models import Narration

    settings.MASTHEAD_NARRATION_ON_PUBLISH = True
    export, _ = site.write(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        run(export)
    assert not Narration.objects.exists()

    site.story["updated_at"] = "2025-01-01T00:00:00.000Z"
    export.write_text(json.dumps(site.document()))
    with django_capture_on_commit_callbacks(execute=True):
        run(export, "--narrate")
    assert Narration.objects.filter(article__slug="rivers-are-rising").count() == 1


def test_links_resolve_to_posts_imported_later_in_the_same_run(home, tmp_path, monkeypatch):
    from ghost_import import lexical

    seen = {}

    def convert(source, *, resolve_url, find_page):
        seen[source] = (
            resolve_url("__GHOST_URL__/later-story/#part"),
            find_page("__GHOST_URL__/later-story/"),
            find_page("https://elsewhere.example.org/"),
            resolve_url("__GHOST_URL__/content/images/size/w600/2024/a.png"),
        )
        return lexical.Conversion(blocks=[{"type": "paragraph", "value": "<p>x</p>"}])

    monkeypatch.setattr(lexical, "convert_lexical", convert)
    ghost = GhostSite()
    ghost.post("Early story", lexical="early")
    ghost.post("Later story", lexical="later")
    export, _ = ghost.write(tmp_path)
    run(export)
    later = ArticlePage.objects.get(slug="later-story")
    assert seen["early"] == (
        "/news/later-story/#part",
        later.pk,
        None,
        "/content/images/2024/a.png",
    )


def test_progress_lines_and_sections_made_from_primary_tags(home, tmp_path):
    ghost = GhostSite()
    science = ghost.tag("Science")
    for n in range(5):
        ghost.post(f"Story {n}", tags=[science])
    export, _ = ghost.write(tmp_path)
    err = io.StringIO()
    call_command(
        "import_ghost",
        str(export),
        "--create-sections",
        "--progress-every",
        "2",
        stdout=io.StringIO(),
        stderr=err,
    )
    assert err.getvalue().split() == ["2/5", "posts", "4/5", "posts", "5/5", "posts"]
    assert ArticlePage.objects.child_of(SectionPage.objects.get(slug="science")).count() == 5


def test_a_bad_section_map_is_a_command_error(home, tmp_path):
    export, _ = GhostSite().write(tmp_path)
    with pytest.raises(CommandError, match="--section-map"):
        run(export, "--section-map", "opinion")


def test_the_ghost_ids_of_imported_objects_are_read_back(home, tmp_path, site):
    from ghost_import.selectors import ghost_ids

    export, _ = site.write(tmp_path)
    run(export)
    story = ArticlePage.objects.get(slug="rivers-are-rising")
    olha = Author.objects.get(slug="olha-bondar")
    assert ghost_ids(model=ArticlePage, pks=[story.pk]) == {story.pk: site.story["id"]}
    assert ghost_ids(model=Author, pks=[olha.pk, 10**9]) == {olha.pk: site.olha["id"]}


def test_rows_of_the_wrong_shape_are_passed_over(home, tmp_path):
    ghost = GhostSite()
    ghost.post("Fine")
    ghost.data["posts"] += [
        "a string",
        {"id": 5, "slug": "x"},
        {"id": "b", "slug": "y", "title": 7},
        {"id": "c", "slug": "z", "title": "Meta of the wrong shape"},
        {"id": "d", "slug": "w", "lexical": "{not json", "html": "<p>From the HTML.</p>"},
    ]
    ghost.data["tags"].append({"id": "t", "slug": None, "name": "No slug"})
    ghost.data["posts_meta"].append({"post_id": "c", "meta_title": ["no"]})
    export, _ = ghost.write(tmp_path)
    output = run(export)
    assert "post: 3 imported" in output and "w: its lexical could not be read" in output
    assert ArticlePage.objects.get(slug="z").seo_title == ""
    assert "From the HTML." in str(ArticlePage.objects.get(slug="w").body)
