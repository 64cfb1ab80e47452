"""The registry of who else shows an object (pagecache/dependents.py), and the page cache's
use of it and of each page type's declarations (pagecache/pages.py)."""

import pytest
from wagtail.models import Page

from articles.models import ArticlePage, SectionPage
from pagecache import dependents
from pagecache.dependents import Listings
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
