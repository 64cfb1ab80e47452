import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.models import NewsroomSettings
from testkit import builders

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
# W3C datetime with an explicit offset (seconds, optional fraction).
W3C_DATETIME = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}"


def xml(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 - our own response


def entries(client, url):
    """{loc: lastmod or None} of a sitemap's <url> entries."""
    root = xml(client.get(url))
    assert root.tag == f"{SITEMAP}urlset"
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }


def test_sitemap_index_names_the_page_author_and_tag_sitemaps(client, section, author):
    builders.make_article(section, authors=[author], tags=["Energy"])
    root = xml(client.get("/sitemap.xml"))
    assert root.tag == f"{SITEMAP}sitemapindex"
    locs = [sitemap.findtext(f"{SITEMAP}loc") for sitemap in root.iter(f"{SITEMAP}sitemap")]
    assert locs == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-authors.xml",
        "http://testserver/sitemap-tags.xml",
    ]
    for sitemap in root.iter(f"{SITEMAP}sitemap"):
        assert re.fullmatch(W3C_DATETIME, sitemap.findtext(f"{SITEMAP}lastmod"))


def test_page_sitemap_lists_published_public_pages_with_lastmod(client, home, section, author):
    article = builders.make_article(section, authors=[author])
    draft = builders.make_article(section, authors=[author], publish=False)
    private_section = builders.make_section(home, title="Staff")
    private = builders.make_article(private_section, authors=[author])
    PageViewRestriction.objects.create(page=private_section, restriction_type="login")

    pages = entries(client, "/sitemap-pages.xml")

    assert f"http://testserver{article.url}" in pages
    assert f"http://testserver{section.url}" in pages
    assert "http://testserver/" in pages
    assert re.fullmatch(W3C_DATETIME, pages[f"http://testserver{article.url}"])
    assert not {draft.get_url(), private.url, private_section.url} & {
        loc.removeprefix("http://testserver") for loc in pages
    }


def test_author_sitemap_lists_published_authors_with_published_articles(client, section, author):
    builders.make_article(section, authors=[author])
    drafts_only = builders.make_author()
    builders.make_article(section, authors=[drafts_only], publish=False)
    unpublished = builders.make_author(live=False)
    builders.make_article(section, authors=[unpublished])

    authors = entries(client, "/sitemap-authors.xml")

    assert list(authors) == [f"http://testserver/author/{author.slug}/"]
    assert re.fullmatch(W3C_DATETIME, authors[f"http://testserver/author/{author.slug}/"])


def test_tag_sitemap_lists_tags_of_published_articles(client, section, author):
    builders.make_article(section, authors=[author], tags=["Energy", "Grain"])
    builders.make_article(section, authors=[author], tags=["Secret"], publish=False)
    tags = entries(client, "/sitemap-tags.xml")
    assert list(tags) == ["http://testserver/tag/energy/", "http://testserver/tag/grain/"]
    assert all(re.fullmatch(W3C_DATETIME, lastmod) for lastmod in tags.values())


def test_unknown_sitemap_is_404(client, home):
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-pages.xml?p=9").status_code == 404


def test_empty_site_sitemaps_are_valid(client, home):
    for url in ["/sitemap.xml", "/sitemap-authors.xml", "/sitemap-tags.xml", "/news-sitemap.xml"]:
        xml(client.get(url))


def test_sitemap_queries_do_not_grow_with_pages(client, section, author):
    builders.make_article(section, authors=[author], tags=["a"])
    urls = ["/sitemap.xml", "/sitemap-pages.xml", "/sitemap-authors.xml", "/sitemap-tags.xml"]

    def count():
        for url in urls:
            client.get(url)  # warm Wagtail's site root cache
        with CaptureQueriesContext(connection) as queries:
            for url in urls:
                client.get(url)
        return len(queries)

    few = count()
    for i in range(5):
        builders.make_article(section, authors=[builders.make_author()], tags=[f"t{i}"])
    assert count() == few


def test_news_sitemap_lists_articles_of_the_last_48_hours(client, section, author):
    NewsroomSettings.objects.create(name="The Kyiv Ledger & Co")
    now = timezone.now()
    fresh = builders.make_article(
        section, authors=[author], title="Fresh <news>", published_at=now - timedelta(hours=2)
    )
    builders.make_article(
        section, authors=[author], title="Yesterday", published_at=now - timedelta(hours=47)
    )
    builders.make_article(
        section, authors=[author], title="Stale", published_at=now - timedelta(hours=49)
    )
    builders.make_article(section, authors=[author], title="Draft", publish=False)

    root = xml(client.get("/news-sitemap.xml"))

    assert root.tag == f"{SITEMAP}urlset"
    urls = list(root.iter(f"{SITEMAP}url"))
    assert [url.findtext(f"{NEWS}news/{NEWS}title") for url in urls] == [
        "Fresh <news>",
        "Yesterday",
    ]
    first = urls[0]
    assert first.findtext(f"{SITEMAP}loc") == f"http://testserver{fresh.url}"
    news = first.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The Kyiv Ledger & Co"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    published = news.findtext(f"{NEWS}publication_date")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}", published)
    assert timezone.datetime.fromisoformat(published) == fresh.first_published_at.replace(
        microsecond=0
    )


@pytest.mark.parametrize("host", ["testserver", "news.example.org"])
def test_robots_txt_names_both_sitemaps_and_keeps_crawlers_out_of_admin(client, home, host):
    response = client.get("/robots.txt", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    # On the site (http://testserver), whatever host the request named.
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines


def test_a_crawlers_if_modified_since_sees_an_unpublished_page_go(
    client, section, author, django_capture_on_commit_callbacks
):
    """Django dates a sitemap by its latest lastmod, which goes back in time when the latest
    page is unpublished: a crawler holding that date must not be told nothing changed."""
    from articles.tests.test_feeds import a_second_later

    builders.make_article(section, authors=[author], title="Older", tags=["Energy"])
    with django_capture_on_commit_callbacks(execute=True):
        newest = builders.make_article(section, authors=[author], title="Newest", tags=["Rivers"])
    for url in ["/sitemap.xml", "/sitemap-tags.xml"]:
        seen = client.get(url)
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=seen["Last-Modified"]).status_code == 304

    a_second_later()
    seen = {url: client.get(url) for url in ["/sitemap.xml", "/sitemap-tags.xml"]}
    with django_capture_on_commit_callbacks(execute=True):
        newest.unpublish()
    for url, response in seen.items():
        again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert again.status_code == 200, url
    assert list(entries(client, "/sitemap-tags.xml")) == ["http://testserver/tag/energy/"]
    assert f"http://testserver{newest.url}" not in entries(client, "/sitemap-pages.xml")
