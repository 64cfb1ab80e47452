"""load_demo: a full, readable newsroom on a fresh database, and nothing duplicated on a rerun.

The demo takes seconds to load, so it is loaded once for this module, inside a transaction that
is rolled back at the end; each test still runs in its own savepoint (django_db).
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from wagtail.images.models import Image
from wagtail.models import Page, Site

from articles.blocks import read_text
from articles.models import ArticleAuthor, ArticlePage, HomePage, InfoPage, SectionPage
from articles.reading_time import count_words
from authors.models import Author, AuthorLink
from core.models import NewsroomSettings

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, ArticlePage, SectionPage, Author, AuthorLink, ArticleAuthor, Image)
    }


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)
    cache.clear()  # Wagtail caches site root paths; none of the rolled-back pages may linger.


def test_second_run_changes_nothing(loaded):
    before = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == before


def test_newsroom_front_page_and_sections(loaded):
    newsroom = NewsroomSettings.load()
    assert newsroom.name == "The Halvesk Ledger"
    assert newsroom.logo is not None
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert (site.hostname, site.port, site.site_name) == ("127.0.0.1", 8000, newsroom.name)
    # Wagtail's welcome page is gone: the front page is the only page below the root.
    assert list(Page.objects.filter(depth=2)) == [site.root_page]
    assert SectionPage.objects.live().child_of(site.root_page).count() >= 4


def test_authors(loaded):
    authors = Author.objects.published()
    assert authors.count() >= 6
    for author in authors:
        assert author.photo is not None
        assert author.role and 0 < len(author.bio) <= 600
        assert author.links.exists()


def test_articles(loaded):
    articles = ArticlePage.objects.live()
    assert articles.count() >= 24
    for article in articles:
        words = count_words(*read_text(article.body))
        assert 300 <= words <= 1500, (article.slug, words)
        assert article.lead_image is not None
        assert article.article_authors.exists()
        assert article.tags.exists()
    bylines = [article.article_authors.count() for article in articles]
    assert sum(count >= 2 for count in bylines) >= 3
    published_days = {article.first_published_at.date() for article in articles}
    assert len(published_days) >= 15
    assert articles.filter(updated_at__isnull=False).exists()


def test_pages_render(loaded, client):
    assert client.get("/").status_code == 200
    article = ArticlePage.objects.live().get(slug="who-owns-the-river")
    teased = ArticlePage.objects.live().get(slug="kestra-basin-commission")
    response = client.get(article.url)
    assert response.status_code == 200
    assert f'href="{teased.url}"' in response.content.decode()  # the teaser card rendered


def test_about_page(loaded, client):
    about = InfoPage.objects.live().get(slug="about")
    response = client.get(about.url)
    assert response.status_code == 200
    assert "no master but its readers" in response.content.decode()


def test_some_articles_are_for_members_and_one_for_paying_members(loaded):
    from articles.access import Access

    levels = {article.slug: article.effective_access() for article in ArticlePage.objects.all()}
    assert levels["grandmothers-allotment-food-prices"] == Access.MEMBERS
    assert levels["brodny-steelworks-shift-cut"] == Access.PAID
    assert levels["olesk-village-school"] == Access.TIERS
    assert sum(level == Access.PUBLIC for level in levels.values()) == len(levels) - 3


def test_patrons_read_the_investigation_first_and_readers_are_asked_to_support(loaded, client):
    from core.models import NewsroomSettings
    from newsletters.models import Newsletter

    investigation = ArticlePage.objects.get(slug="olesk-village-school")
    assert [tier.slug for tier in investigation.access_tiers.all()] == ["patron"]
    html = client.get(investigation.url).content.decode()
    assert "Patron" in html and 'class="paywall' in html

    floodwall = ArticlePage.objects.get(slug="floodwall-repairs-behind-schedule")
    html = client.get(floodwall.url).content.decode()
    assert "Support our journalism" in html and 'href="/gift/"' in html
    assert "funded by readers like you" in html  # the banner
    assert NewsroomSettings.load().banner_on
    assert Newsletter.objects.get(slug="ledger-insider").audience == "paid"
