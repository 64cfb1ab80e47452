"""The registry of who else shows an object (pagecache/dependents.py), and the page cache's
use of it and of each page type's declarations (pagecache/pages.py)."""

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from articles import cache as article_cache
from articles.models import ArticlePage, SectionPage
from authors import cache as author_cache
from narration import cache as narration_cache
from newsfeed.cache import NEWS_FEED
from pagecache import dependents, pages, purge
from pagecache import tags as cache_tags
from pagecache.dependents import Listings
from picks.cache import curated_list
from testkit import builders


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test; the apps' own registrations come back after it."""
    monkeypatch.setattr(dependents, "_providers", {})
    return dependents


def test_listings_unite_tags_pages_and_paths_without_reading_the_paths():
    asked = []

    def paths(name):
        def give():
            asked.append(name)
            return [f"/{name}/"]

        return give

    united = Listings.union(
        [
            Listings(tags={"a", "b"}, paths=paths("one")),
            Listings(tags=["b", "c"], pages=[7]),
            Listings(paths=paths("two"), pages={7, 8}),
        ]
    )
    assert united.tags == {"a", "b", "c"}
    assert united.pages == {7, 8}
    assert asked == []  # reversed only when the CDN is purged
    assert list(united.paths()) == ["/one/", "/two/"]
    assert list(Listings().paths()) == []


@pytest.mark.django_db
def test_an_object_gets_every_registered_providers_listings(registry, section, author):
    article = builders.make_article(section, authors=[author])
    registry.register("articles.ArticlePage", lambda obj: Listings(tags={f"one:{obj.pk}"}))
    registry.register(ArticlePage, lambda obj: Listings(paths=lambda: ["/two/"]))
    listings = registry.listings_of(article)
    assert listings.tags == {f"one:{article.pk}"}
    assert list(listings.paths()) == ["/two/"]
    # Another model's providers are not asked.
    assert registry.listings_of(section).tags == set()


@pytest.mark.django_db
def test_a_provider_for_a_parent_model_hears_of_every_child(registry, section, author):
    article = builders.make_article(section, authors=[author])
    registry.register(Page, lambda page: Listings(tags={f"any-page:{page.pk}"}))
    assert registry.listings_of(article).tags == {f"any-page:{article.pk}"}
    assert registry.listings_of(section).tags == {f"any-page:{section.pk}"}


@pytest.mark.django_db
def test_registering_twice_counts_once(registry, section):
    def provider(obj):
        return Listings(paths=lambda: ["/once/"])

    registry.register(SectionPage, provider)
    registry.register("articles.SectionPage", provider)
    assert list(registry.listings_of(section).paths()) == ["/once/"]


@pytest.mark.django_db
def test_nothing_registered_is_nothing_to_refresh(registry, section):
    listings = registry.listings_of(section)
    assert (listings.tags, listings.pages, list(listings.paths())) == (set(), set(), [])


def test_each_app_registers_what_it_lists_of_others():
    """The apps' ready(): articles are on their authors' pages and in the podcast; a view
    restriction changes the site's, the authors' sitemaps and the podcast; an image, the
    articles it leads."""
    providers = dependents._providers
    assert author_cache.article_listings in providers["articles.ArticlePage"]
    assert narration_cache.listings in providers["articles.ArticlePage"]
    restriction = providers[PageViewRestriction._meta.label]
    assert {
        article_cache.syndication_listings,
        author_cache.sitemap_listings,
        narration_cache.listings,
    } <= set(restriction)
    assert article_cache.lead_image_listings in providers[get_image_model()._meta.label]


@pytest.mark.django_db
def test_an_article_is_listed_by_its_own_declaration_and_its_authors(section, author):
    article = builders.make_article(section, authors=[author], tags=["floods"])
    floods = article.tags.get()
    listings = pages.page_listings(article)
    assert listings.tags == {
        article_cache.ARTICLES,
        article_cache.section(section.pk),
        article_cache.tag(floods.pk),
        author_cache.author(author.pk),
    }
    assert {
        "/",
        "/tag/floods/",
        "/tag/floods/rss/",
        f"/author/{author.slug}/",
        f"/author/{author.slug}/rss/",
        "/sitemap-authors.xml",
        "/podcast.xml",
        "/rss/",
    } <= set(listings.paths())


@pytest.mark.django_db
def test_a_page_type_that_declares_nothing_refreshes_every_page(home):
    root = Page.get_first_root_node()
    assert pages.page_listings(root).tags == {cache_tags.SITE}
    assert pages.page_listings(home).tags == {cache_tags.SITE}


@pytest.mark.django_db
def test_own_urls_are_each_cached_path_under_the_page_and_its_old_url(monkeypatch, section):
    assert pages.own_urls(section) == [section.full_url]
    monkeypatch.setattr(SectionPage, "get_cached_paths", lambda self: ["/", "/amp/"])
    assert pages.own_urls(section, ["http://testserver/old/"]) == [
        section.full_url,
        section.full_url + "amp/",
        "http://testserver/old/",
        "http://testserver/old/amp/",
    ]


@pytest.mark.django_db
def test_publishing_purges_every_path_a_page_type_caches(
    monkeypatch, settings, section, django_capture_on_commit_callbacks
):
    """As Wagtail's frontend cache purges a page: its URL with each of get_cached_paths()."""
    purged = []
    settings.WAGTAILFRONTENDCACHE = {"default": {"BACKEND": "unused"}}
    monkeypatch.setattr(purge, "purge_urls_from_cache", purged.extend)
    monkeypatch.setattr(SectionPage, "get_cached_paths", lambda self: ["/", "/?format=amp"])
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    assert {section.full_url, section.full_url + "?format=amp"} <= set(purged)


def test_the_tag_names_are_those_stored_pages_were_kept_under():
    """Moving the names to their apps changed no stored entry's tags."""
    assert [
        cache_tags.page(4),
        cache_tags.SITE,
        article_cache.ARTICLES,
        article_cache.section(5),
        article_cache.tag(6),
        author_cache.author(7),
        author_cache.AUTHORS,
        narration_cache.PODCAST,
    ] == ["page:4", "site", "articles", "section:5", "tag:6", "author:7", "authors", "podcast"]
    assert (NEWS_FEED, curated_list("editors-picks")) == ("newsfeed", "picks:editors-picks")
