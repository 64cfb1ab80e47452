"""Query budgets: each public page type costs a fixed number of SQL queries, uncached.

Every page is rendered with Masthead's page and fragment caches off, first with a little
content, then with several times as much (articles, authors per byline, tags, News Feed
items, Editors' Picks, body teasers); both renders must cost exactly the page's budget. A new
query on a page type shows up here as a deliberate change to its budget.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsfeed import services as live_services
from picks.models import EDITORS_PICKS, TOP_STORIES, CuratedItem, CuratedList
from testkit import builders

pytestmark = pytest.mark.django_db

# The database is warmed by one request first: content types are cached per process by Django,
# and the request's Site and root page, the newsroom settings and whether any page is private
# by pagecache/memo.py, until the next invalidation, as they are in a running server.
BUDGETS = {
    # 23, and 3 for "More news" under the story (the rows, their thumbnails, their sections).
    "article": 26,
    "front page": 19,
    "section": 9,
    "author": 9,
    "tag": 8,
    "news feed": 4,
    "news feed item": 3,
    "site feed": 4,
    "section feed": 5,
    "news sitemap": 1,
    "sitemap of pages": 6,
    "search": 5,
    "newsletters": 2,
}


def grow(section, authors, *, articles, items, picks):
    """Add content: articles with every author and several tags, items, picks and teasers."""
    made = [
        builders.make_article(
            section,
            authors=authors,
            title=f"Story {n}",
            tags=[f"tag-{n}", "floods", "dams"],
            lead_image=builders.make_image(),
        )
        for n in range(articles)
    ]
    for n in range(items):
        live_services.news_item_publish(
            headline=f"Update {n}", summary="Short.", article=made[n % len(made)]
        )
    for slug in (EDITORS_PICKS, TOP_STORIES):
        curated = CuratedList.objects.get(slug=slug)
        for n, article in enumerate(made[:picks]):
            CuratedItem.objects.create(curated_list=curated, article=article, sort_order=n)
    return made


def urls(section, author, article):
    return {
        "article": article.url,
        "front page": "/",
        "section": section.url,
        "author": reverse("authors:detail", kwargs={"slug": author.slug}),
        "tag": reverse("tags:detail", kwargs={"slug": "floods"}),
        "news feed": reverse("live:feed"),
        "news feed item": None,  # filled in below
        "site feed": "/rss/",
        "section feed": reverse("syndication:section_rss", kwargs={"slug": section.slug}),
        "news sitemap": "/news-sitemap.xml",
        "sitemap of pages": "/sitemap-pages.xml",
        "search": "/search/?q=story",
        "newsletters": reverse("newsletters:index"),
    }


def queries_per_page(client, section, author, article):
    """{page type: queries of its second render} (the first warms the process up)."""
    from newsfeed.models import NewsFeedItem

    page_urls = urls(section, author, article)
    page_urls["news feed item"] = NewsFeedItem.objects.first().get_absolute_url()
    counts = {}
    for page_type, url in page_urls.items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[page_type] = len(queries)
    return counts


def test_every_page_type_costs_a_fixed_number_of_queries(client, home, section, author):
    """All page types in one test, so the content is grown once (a dict diff names each page)."""
    second = builders.make_author(name="Second Author")
    grow(section, [author], articles=2, items=1, picks=1)
    teased = builders.make_article(
        section, authors=[author], title="Teased", lead_image=builders.make_image()
    )
    article = builders.make_article(
        section,
        authors=[author],
        title="The article",
        tags=["floods"],
        body=[("related_article", {"article": teased})],
        lead_image=builders.make_image(),
    )
    assert queries_per_page(client, section, author, article) == BUDGETS

    more = grow(section, [author, second], articles=8, items=10, picks=6)
    article.body = [("related_article", {"article": teaser}) for teaser in more[:4]]
    builders.add_credit(article, second)
    article.save_revision().publish()
    assert queries_per_page(client, section, author, article) == BUDGETS
