"""Authors, tags, pages, tiers, settings and Masthead's News Feed, in Ghost's shapes."""

import pytest

from articles.models import InfoPage
from payments.models import Tier
from testkit import builders

pytestmark = pytest.mark.django_db


def test_authors_browse_and_read(api, newsroom, author):
    body = api("authors/", include="count.posts").json()
    names = [each["name"] for each in body["authors"]]
    assert names == ["Olha Bondar", "Taras Melnyk"]  # by name, as Ghost
    olha = body["authors"][0]
    assert olha["count"] == {"posts": 2}
    for name in (
        "id",
        "slug",
        "profile_image",
        "cover_image",
        "bio",
        "website",
        "location",
        "facebook",
        "twitter",
        "meta_title",
        "meta_description",
        "url",
    ):
        assert name in olha
    assert "email" not in olha
    assert api(f"authors/slug/{author.slug}/").json()["authors"][0]["id"] == olha["id"]
    assert api(f"authors/{olha['id']}/").json()["authors"][0]["slug"] == author.slug
    assert api("authors/slug/nobody/").status_code == 404


def test_author_links_become_ghosts_social_fields(api, author):
    from authors.models import AuthorLink

    AuthorLink.objects.create(author=author, label="X", url="https://x.com/olha", sort_order=0)
    AuthorLink.objects.create(
        author=author, label="Site", url="https://olha.example/", sort_order=1
    )
    olha = api(f"authors/slug/{author.slug}/").json()["authors"][0]
    assert olha["twitter"] == "@olha"
    assert olha["website"] == "https://olha.example/"


def test_unpublished_authors_are_not_listed(api, db):
    builders.make_author(name="Hidden", live=False)
    assert api("authors/").json()["authors"] == []


def test_tags_are_sections_and_public_tags(api, newsroom, section):
    body = api("tags/", include="count.posts", limit="all").json()
    by_slug = {tag["slug"]: tag for tag in body["tags"]}
    assert set(by_slug) == {section.slug, newsroom["opinion"].slug, "floods"}
    assert by_slug[section.slug]["count"] == {"posts": 2}
    assert by_slug["floods"]["count"] == {"posts": 1}
    assert by_slug["floods"]["url"] == "http://testserver/tag/floods/"
    assert by_slug[section.slug]["visibility"] == "public"
    assert "created_at" not in by_slug["floods"]
    assert [tag["name"] for tag in body["tags"]] == sorted(
        (tag["name"] for tag in body["tags"]), key=str.lower
    )
    ordered = api("tags/", include="count.posts", order="count.posts desc").json()["tags"]
    assert ordered[0]["slug"] == section.slug


def test_tag_read_by_slug_and_id_and_internal_tags_are_never_found(api, newsroom, section):
    tag = api("tags/slug/floods/").json()["tags"][0]
    assert api(f"tags/{tag['id']}/").json()["tags"][0]["slug"] == "floods"
    world = api(f"tags/slug/{section.slug}/").json()["tags"][0]
    assert world["name"] == "World"
    assert api(f"tags/{world['id']}/").json()["tags"][0]["slug"] == section.slug
    assert api("tags/slug/internal/").status_code == 404
    assert api("tags/slug/hash-internal/").status_code == 404


def test_pages_are_info_pages(api, home):
    about = home.add_child(instance=InfoPage(title="About us", slug="about", standfirst="Who."))
    about.save_revision().publish()
    body = api("pages/", include="tags,authors").json()
    (page,) = body["pages"]
    assert page["title"] == "About us" and page["slug"] == "about"
    assert page["url"] == "http://testserver/about/"
    assert page["authors"] == [] and page["tags"] == []
    assert page["visibility"] == "public"
    assert api("pages/slug/about/").json()["pages"][0]["id"] == page["id"]
    assert api(f"pages/{page['id']}/").json()["pages"][0]["slug"] == "about"
    assert api("posts/slug/about/").status_code == 404


def test_tiers_free_first_then_paid_with_prices_in_cents(api, home):
    Tier.objects.create(
        name="Supporter",
        slug="supporter",
        monthly_amount=500,
        yearly_amount=5000,
        currency="eur",
        benefits="Every article\nThe podcast",
    )
    Tier.objects.create(name="Old", slug="old", monthly_amount=100, active=False)
    tiers = api("tiers/").json()["tiers"]
    assert [tier["slug"] for tier in tiers] == ["free", "supporter"]
    free, paid = tiers
    assert free["type"] == "free" and "monthly_price" not in free
    assert paid["type"] == "paid"
    assert (paid["monthly_price"], paid["yearly_price"], paid["currency"]) == (500, 5000, "EUR")
    assert paid["benefits"] == ["Every article", "The podcast"]
    assert paid["visibility"] == "public" and paid["active"] is True


def test_settings(api, home, section):
    from core.models import NewsroomSettings

    newsroom = NewsroomSettings.load()
    newsroom.name, newsroom.tagline = "The Ledger", "News from the river"
    newsroom.save()
    about = home.add_child(instance=InfoPage(title="About", slug="about"))
    about.save_revision().publish()
    body = api("settings/").json()
    assert body["meta"] == {}
    settings = body["settings"]
    assert settings["title"] == "The Ledger"
    assert settings["description"] == "News from the river"
    assert settings["url"] == "http://testserver/"
    assert settings["navigation"] == [{"label": "World", "url": f"http://testserver{section.url}"}]
    assert settings["secondary_navigation"] == [
        {"label": "About", "url": "http://testserver/about/"}
    ]
    assert settings["timezone"] and settings["locale"] == "en"


def test_news_feed_extra(api, home):
    from newsfeed.models import NewsFeedItem

    item = NewsFeedItem(headline="Bridge reopens", summary="Traffic flows again.")
    item.save()
    item.save_revision().publish()
    body = api("masthead/news-feed/").json()
    assert [row["headline"] for row in body["news_feed"]] == ["Bridge reopens"]
    assert body["meta"]["pagination"]["total"] == 1


def test_corrections_are_masthead_extras_on_posts(api, newsroom):
    from articles.models import ArticleCorrection

    ArticleCorrection.objects.create(page=newsroom["tagged"], note="The dam is 40 m tall.")
    post = api(f"posts/slug/{newsroom['tagged'].slug}/").json()["posts"][0]
    assert [c["note"] for c in post["masthead"]["corrections"]] == ["The dam is 40 m tall."]


def test_narration_is_a_masthead_extra_only_where_its_audio_is_public(api, newsroom):
    from narration.models import Narration

    for article in (newsroom["tagged"], newsroom["members"]):
        Narration.objects.create(
            article=article,
            status=Narration.Status.DONE,
            text_hash="h",
            audio_hash="h",
            audio=f"narration/{article.slug}.mp3",
            duration_seconds=61.4,
        )
    posts = {post["slug"]: post for post in api("posts/").json()["posts"]}
    narration = posts[newsroom["tagged"].slug]["masthead"]["narration"]
    assert narration["duration"] == 61
    assert narration["url"].startswith("http://testserver/")
    assert narration["url"].endswith(f"{newsroom['tagged'].slug}.mp3")
    # A members' article's audio stays behind its access check.
    assert posts[newsroom["members"].slug]["masthead"]["narration"] is None


def test_news_feed_items_linking_a_post_are_on_it(api, newsroom):
    from newsfeed.models import NewsFeedItem

    item = NewsFeedItem(headline="Dam update", summary="Water falls.", article=newsroom["tagged"])
    item.save()
    item.save_revision().publish()
    post = api(f"posts/slug/{newsroom['tagged'].slug}/").json()["posts"][0]
    assert [each["headline"] for each in post["masthead"]["news_feed"]] == ["Dam update"]


def test_a_tag_named_as_a_section_is_listed_once(api, section, author):
    article = builders.make_article(section, authors=[author], tags=[section.slug])
    tags = api("tags/").json()["tags"]
    assert [tag["slug"] for tag in tags] == [section.slug]
    post = api(f"posts/slug/{article.slug}/", include="tags").json()["posts"][0]
    assert [tag["slug"] for tag in post["tags"]] == [section.slug]
