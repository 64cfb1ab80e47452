"""Posts as a Ghost site gives them: shapes, includes, formats, gating, reads by id and slug."""

import re

import pytest

from content_api import ids

pytestmark = pytest.mark.django_db

GHOST_DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d")


def by_slug(posts):
    return {post["slug"]: post for post in posts}


def test_posts_browse_gives_ghosts_shape_and_pagination(api, newsroom):
    response = api("posts/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["meta"]["pagination"] == {
        "page": 1,
        "limit": 15,
        "pages": 1,
        "total": 3,
        "next": None,
        "prev": None,
    }
    post = by_slug(body["posts"])[newsroom["tagged"].slug]
    for name in (
        "id",
        "uuid",
        "title",
        "slug",
        "html",
        "comment_id",
        "feature_image",
        "featured",
        "visibility",
        "created_at",
        "updated_at",
        "published_at",
        "custom_excerpt",
        "codeinjection_head",
        "codeinjection_foot",
        "custom_template",
        "canonical_url",
        "url",
        "excerpt",
        "reading_time",
        "access",
        "comments",
        "og_image",
        "og_title",
        "og_description",
        "twitter_image",
        "twitter_title",
        "twitter_description",
        "meta_title",
        "meta_description",
        "email_subject",
        "frontmatter",
        "feature_image_alt",
        "feature_image_caption",
    ):
        assert name in post, name
    assert "plaintext" not in post  # only with formats=plaintext
    assert "tags" not in post and "primary_tag" not in post  # only with include
    assert post["title"] == "Floods reach the dam"
    assert post["uuid"] == str(newsroom["tagged"].translation_key)
    assert GHOST_DATE.fullmatch(post["published_at"])
    assert post["url"] == f"http://testserver{newsroom['tagged'].url}"
    assert post["custom_excerpt"] == post["excerpt"] == "The river rose overnight."
    assert "<p>First words.</p>" in post["html"]
    assert post["visibility"] == "public" and post["access"] is True
    assert post["masthead"]["narration"] is None


def test_newest_first_by_default(api, newsroom):
    slugs = [post["slug"] for post in api("posts/").json()["posts"]]
    assert slugs == [newsroom["members"].slug, newsroom["paid"].slug, newsroom["tagged"].slug]


def test_include_tags_and_authors_gives_primary_tag_and_author(api, newsroom, section, author):
    posts = by_slug(api("posts/", include="tags,authors").json()["posts"])
    post = posts[newsroom["tagged"].slug]
    assert [tag["slug"] for tag in post["tags"]] == [section.slug, "floods"]  # no #internal
    assert post["primary_tag"]["slug"] == section.slug
    assert post["primary_tag"]["name"] == "World"
    assert post["authors"][0]["name"] == "Olha Bondar"
    assert post["primary_author"]["slug"] == author.slug
    assert post["primary_author"]["url"] == f"http://testserver/author/{author.slug}/"


def test_paid_post_gives_the_preview_up_to_its_paywall_as_ghost_does(api, newsroom):
    posts = by_slug(api("posts/", formats="html,plaintext").json()["posts"])
    paid = posts[newsroom["paid"].slug]
    assert paid["visibility"] == "paid" and paid["access"] is False
    assert "Free part." in paid["html"] and "Paid part." not in paid["html"]
    assert paid["plaintext"] == "Free part."
    assert paid["excerpt"] == "Free part."
    # Without a paywall card Ghost gives nothing of a gated post's text.
    members = posts[newsroom["members"].slug]
    assert members["visibility"] == "members"
    assert members["html"] == "" and members["plaintext"] == "" and members["excerpt"] == ""


def test_formats_plaintext_only_drops_html(api, newsroom):
    post = by_slug(api("posts/", formats="plaintext").json()["posts"])[newsroom["tagged"].slug]
    assert "html" not in post
    assert post["plaintext"] == "First words.\n\nMore\n\nSecond words."


def test_fields_keeps_only_those(api, newsroom):
    posts = api("posts/", fields="title,slug,nonsense").json()["posts"]
    assert all(set(post) == {"title", "slug"} for post in posts)


def test_read_by_slug_and_by_the_id_it_shows(api, newsroom):
    slug = newsroom["tagged"].slug
    post = api(f"posts/slug/{slug}/").json()["posts"][0]
    assert post["slug"] == slug
    again = api(f"posts/{post['id']}/").json()
    assert again["posts"][0]["slug"] == slug
    assert "meta" not in again


def test_missing_post_is_ghosts_404(api, newsroom):
    response = api("posts/slug/no-such-post/")
    assert response.status_code == 404
    error = response.json()["errors"][0]
    assert error["type"] == "NotFoundError" and error["message"] == "Post not found."
    assert api(f"posts/{ids.of('post', 999999)}/").status_code == 404
    # A page's id is no post's.
    assert api(f"posts/{ids.of('page', newsroom['tagged'].pk)}/").status_code == 404


def test_pagination_pages_through(api, newsroom):
    first = api("posts/", limit=2).json()
    assert first["meta"]["pagination"] == {
        "page": 1,
        "limit": 2,
        "pages": 2,
        "total": 3,
        "next": 2,
        "prev": None,
    }
    second = api("posts/", limit=2, page=2).json()
    assert len(second["posts"]) == 1
    assert second["meta"]["pagination"]["prev"] == 1
    assert second["meta"]["pagination"]["next"] is None
    beyond = api("posts/", limit=2, page=9).json()
    assert beyond["posts"] == []


def test_limit_all_and_huge_limits_are_capped_at_ghosts_100(api, newsroom):
    assert api("posts/", limit="all").json()["meta"]["pagination"]["limit"] == 100
    assert api("posts/", limit="100000").json()["meta"]["pagination"]["limit"] == 100


def test_order_by_title(api, newsroom):
    titles = [post["title"] for post in api("posts/", order="title asc").json()["posts"]]
    assert titles == sorted(titles)
    titles = [post["title"] for post in api("posts/", order="title desc").json()["posts"]]
    assert titles == sorted(titles, reverse=True)


def test_drafts_are_not_posts(api, section, author):
    from testkit import builders

    builders.make_article(section, authors=[author], title="Draft", publish=False)
    assert api("posts/").json()["posts"] == []


def test_include_tiers(api, newsroom):
    from payments.models import Tier

    Tier.objects.create(name="Supporter", slug="supporter", monthly_amount=500, currency="usd")
    posts = by_slug(api("posts/", include="tiers").json()["posts"])
    assert [tier["slug"] for tier in posts[newsroom["tagged"].slug]["tiers"]] == [
        "free",
        "supporter",
    ]
    assert [tier["slug"] for tier in posts[newsroom["paid"].slug]["tiers"]] == ["supporter"]


def test_social_meta_canonical_and_featured_are_ghosts_fields(api, newsroom):
    from articles.models import ArticlePage

    ArticlePage.objects.filter(pk=newsroom["tagged"].pk).update(
        featured=True,
        canonical_url="https://elsewhere.example/story",
        og_title="On Facebook",
        twitter_description="On X",
        seo_title="For search",
        search_description="Described",
    )
    post = api(f"posts/slug/{newsroom['tagged'].slug}/").json()["posts"][0]
    assert post["featured"] is True
    assert post["canonical_url"] == "https://elsewhere.example/story"
    assert (post["og_title"], post["og_description"]) == ("On Facebook", None)
    assert post["twitter_description"] == "On X"
    assert (post["meta_title"], post["meta_description"]) == ("For search", "Described")
    ordered = api("posts/", order="featured desc").json()["posts"]
    assert ordered[0]["slug"] == newsroom["tagged"].slug


def test_feature_image_is_absolute_with_its_caption(api, section, author):
    from testkit import builders

    image = builders.make_image()
    article = builders.make_article(
        section, authors=[author], lead_image=image, caption="The dam at dawn"
    )
    post = api(f"posts/slug/{article.slug}/").json()["posts"][0]
    assert post["feature_image"].startswith("http://testserver/")
    assert post["feature_image_caption"] == "The dam at dawn"


def test_body_images_have_absolute_urls_and_furniture_is_left_out(api, section, author):
    from testkit import builders

    image = builders.make_image()
    article = builders.make_article(
        section,
        authors=[author],
        body=[
            ("image", {"image": image, "caption": "The dam", "credit": "Agency"}),
            ("newsletter_signup", {"newsletter": None, "heading": "Sign up"}),
            paragraph_block("After the image."),
        ],
    )
    html = api(f"posts/slug/{article.slug}/").json()["posts"][0]["html"]
    assert "The dam" in html and "After the image." in html
    sources = re.findall(r'(?:src|srcset)="([^"]+)"', html)
    assert sources
    for source in sources:
        for candidate in source.split(","):
            assert candidate.strip().startswith("http://testserver/"), candidate
    assert "<form" not in html and "Sign up" not in html


def paragraph_block(text):
    from wagtail.rich_text import RichText

    return ("paragraph", RichText(f"<p>{text}</p>"))


def test_a_post_for_specific_tiers_lists_those_tiers(api, section, author):
    from articles.models import ArticlePage
    from payments.models import Tier
    from testkit import builders

    Tier.objects.create(name="Supporter", slug="supporter", monthly_amount=500)
    patron = Tier.objects.create(name="Patron", slug="patron", monthly_amount=2000)
    article = builders.make_article(section, authors=[author], title="For patrons")
    ArticlePage.objects.filter(pk=article.pk).update(access="tiers")
    article = ArticlePage.objects.get(pk=article.pk)
    article.access_tiers.add(patron)
    article.save()  # a cluster's relation is written when the page is
    post = api(f"posts/slug/{article.slug}/", include="tiers").json()["posts"][0]
    assert post["visibility"] == "tiers" and post["access"] is False
    assert [tier["slug"] for tier in post["tiers"]] == ["patron"]


def test_fields_with_include_keeps_the_relations(api, newsroom):
    posts = api("posts/", fields="title", include="tags,authors").json()["posts"]
    assert all(
        set(post) == {"title", "tags", "primary_tag", "authors", "primary_author"} for post in posts
    )
