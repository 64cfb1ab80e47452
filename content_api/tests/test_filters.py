"""Ghost's NQL filters on each resource, and bad filters answered with 400."""

import pytest

from content_api import ids

pytest.importorskip("content_api.nql")

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200, response.content
    return {post["slug"] for post in response.json()["posts"]}


def test_tag_matches_the_section_and_taggit_tags(api, newsroom, section):
    assert slugs(api("posts/", filter="tag:floods")) == {newsroom["tagged"].slug}
    assert slugs(api("posts/", filter=f"tag:{section.slug}")) == {
        newsroom["tagged"].slug,
        newsroom["members"].slug,
    }
    assert slugs(api("posts/", filter=f"primary_tag:{newsroom['opinion'].slug}")) == {
        newsroom["paid"].slug
    }


def test_internal_tags_match_nothing(api, newsroom):
    assert slugs(api("posts/", filter="tag:internal")) == set()


def test_tags_in_a_list_and_negated(api, newsroom, section):
    both = slugs(api("posts/", filter=f"tags:[floods,{newsroom['opinion'].slug}]"))
    assert both == {newsroom["tagged"].slug, newsroom["paid"].slug}
    assert slugs(api("posts/", filter="tag:-floods")) == {
        newsroom["paid"].slug,
        newsroom["members"].slug,
    }


def test_author_and_primary_author(api, newsroom, author):
    assert slugs(api("posts/", filter=f"author:{author.slug}")) == {
        newsroom["tagged"].slug,
        newsroom["paid"].slug,
    }
    assert slugs(api("posts/", filter=f"primary_author:{author.slug}")) == {
        newsroom["tagged"].slug,
        newsroom["paid"].slug,
    }


def test_visibility_slug_id_and_and_or(api, newsroom):
    assert slugs(api("posts/", filter="visibility:paid")) == {newsroom["paid"].slug}
    assert slugs(api("posts/", filter=f"slug:{newsroom['paid'].slug}")) == {newsroom["paid"].slug}
    post_id = ids.of("post", newsroom["members"].pk)
    assert slugs(api("posts/", filter=f"id:{post_id}")) == {newsroom["members"].slug}
    assert slugs(api("posts/", filter="visibility:public+tag:floods")) == {newsroom["tagged"].slug}
    assert slugs(api("posts/", filter="visibility:paid,visibility:members")) == {
        newsroom["paid"].slug,
        newsroom["members"].slug,
    }


def test_published_at_comparisons(api, newsroom):
    assert len(slugs(api("posts/", filter="published_at:>'2000-01-01'"))) == 3
    assert slugs(api("posts/", filter="published_at:<'2000-01-01'")) == set()


def test_nothing_is_featured_by_default(api, newsroom):
    assert len(slugs(api("posts/", filter="featured:false"))) == 3
    assert slugs(api("posts/", filter="featured:true")) == set()


@pytest.mark.parametrize(
    "bad",
    [
        "nonsense:1",
        "tag:",
        "tag:[a,b",
        "(tag:a",
        "published_at:>'not a date'",
        "featured:maybe",
        "'" * 3,
        "x" * 5000,
        "tag:a+" * 100,
    ],
)
def test_bad_filters_are_ghosts_400(api, newsroom, bad):
    response = api("posts/", filter=bad)
    assert response.status_code == 400, (bad, response.content)
    error = response.json()["errors"][0]
    assert error["type"] == "BadRequestError"
    assert error["message"].startswith("Error parsing filter")


def test_filters_on_tags_and_authors(api, newsroom, author):
    tags = api("tags/", filter="slug:floods").json()["tags"]
    assert [tag["slug"] for tag in tags] == ["floods"]
    authors = api("authors/", filter=f"slug:{author.slug}").json()["authors"]
    assert [each["slug"] for each in authors] == [author.slug]
    assert api("authors/", filter="email:x@example.org").status_code == 400


def test_featured_filter(api, newsroom):
    from articles.models import ArticlePage

    ArticlePage.objects.filter(pk=newsroom["paid"].pk).update(featured=True)
    assert slugs(api("posts/", filter="featured:true")) == {newsroom["paid"].slug}
    assert len(slugs(api("posts/", filter="featured:false"))) == 2


def test_tag_ids_the_api_shows_filter_posts(api, newsroom, section):
    tags = {tag["slug"]: tag["id"] for tag in api("tags/").json()["tags"]}
    assert slugs(api("posts/", filter=f"tags.id:{tags['floods']}")) == {newsroom["tagged"].slug}
    assert slugs(api("posts/", filter=f"tags.id:{tags[section.slug]}")) == {
        newsroom["tagged"].slug,
        newsroom["members"].slug,
    }


def test_filters_on_pages_and_tiers(api, home):
    from articles.models import InfoPage

    for slug in ("about", "contact"):
        page = home.add_child(instance=InfoPage(title=slug.title(), slug=slug))
        page.save_revision().publish()
    pages = api("pages/", filter="slug:[about]").json()["pages"]
    assert [page["slug"] for page in pages] == ["about"]
    # Info pages have no tags or authors: Ghost's keys match none of them, their negations all.
    assert api("pages/", filter="tag:x").json()["pages"] == []
    assert len(api("pages/", filter="author:-x").json()["pages"]) == 2
    assert api("pages/", filter="nonsense:x").status_code == 400


def test_status_published_is_every_post(api, newsroom):
    assert len(slugs(api("posts/", filter="status:published"))) == 3
    assert slugs(api("posts/", filter="status:draft")) == set()


def test_uuid_filter_and_a_malformed_uuid(api, newsroom):
    uuid = str(newsroom["paid"].translation_key)
    assert slugs(api("posts/", filter=f"uuid:{uuid}")) == {newsroom["paid"].slug}
    assert slugs(api("posts/", filter="uuid:not-a-uuid")) == set()
    assert slugs(api("posts/", filter="uuid:[x,y]")) == set()
    assert api("posts/", filter="id:nonsense").status_code == 200


def test_tiers_of_a_type(api, home):
    from payments.models import Tier

    Tier.objects.create(name="Supporter", slug="supporter", monthly_amount=500)
    only_paid = api("tiers/", filter="type:paid").json()["tiers"]
    assert [tier["slug"] for tier in only_paid] == ["supporter"]
    only_free = api("tiers/", filter="type:free").json()["tiers"]
    assert [tier["slug"] for tier in only_free] == ["free"]
