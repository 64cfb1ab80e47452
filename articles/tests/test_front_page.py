import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from picks.models import EDITORS_PICKS, TOP_STORIES, CuratedItem, CuratedList
from testkit import builders

BASE = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)


def make_stories(section, author, count, prefix="Story"):
    return [
        builders.make_article(
            section,
            authors=[author],
            title=f"{prefix} {i}",
            published_at=BASE + dt.timedelta(hours=i),
        )
        for i in range(count)
    ]


def curate(slug, *articles, expires_at=None):
    curated = CuratedList.objects.get(slug=slug)
    for order, article in enumerate(articles):
        CuratedItem.objects.create(
            curated_list=curated, article=article, sort_order=order, expires_at=expires_at
        )


def region(html, start, end):
    return html[html.index(start) : html.index(end, html.index(start))]


def titles(html):
    return re.findall(r">(Story \d+)</a>", html)


def test_without_curation_the_latest_lead_and_the_rest_is_more_news(
    client, home, section, author, settings
):
    settings.MASTHEAD_PAGE_SIZE = 3
    make_stories(section, author, 10)
    html = client.get(home.url).content.decode()
    top = region(html, 'class="front__top"', "</section>")
    more = region(html, 'class="front__more"', "</section>")
    assert titles(top) == ["Story 9", "Story 8", "Story 7", "Story 6", "Story 5"]
    assert titles(more) == ["Story 4", "Story 3", "Story 2"]
    assert 'href="?page=2"' in more and "Load more news" in more


def test_more_news_second_page_works_without_javascript(client, home, section, author, settings):
    settings.MASTHEAD_PAGE_SIZE = 3
    make_stories(section, author, 10)
    html = client.get(home.url, {"page": 2}).content.decode()
    assert 'class="front__top"' not in html
    assert titles(region(html, 'class="front__more"', "</section>")) == [
        "Story 1",
        "Story 0",
    ]


def test_curated_top_stories_lead_in_editors_order_then_fill_with_latest(
    client, home, section, author
):
    stories = make_stories(section, author, 8)
    curate(TOP_STORIES, stories[2], stories[5])
    html = client.get(home.url).content.decode()
    top = region(html, 'class="front__top"', "</section>")
    assert titles(top) == ["Story 2", "Story 5", "Story 7", "Story 6", "Story 4"]
    lead = region(html, 'class="card card--lead"', "</article>")
    assert "Story 2" in lead


def test_expired_or_unpublished_top_story_falls_back_to_latest(client, home, section, author):
    stories = make_stories(section, author, 6)
    curate(TOP_STORIES, stories[0], expires_at=timezone.now() - dt.timedelta(minutes=5))
    curate(TOP_STORIES, stories[1])
    stories[1].unpublish()
    html = client.get(home.url).content.decode()
    assert titles(region(html, 'class="front__top"', "</section>"))[0] == "Story 5"


def test_editors_picks_on_front_page_and_beside_articles(client, home, section, author):
    stories = make_stories(section, author, 4)
    curate(EDITORS_PICKS, stories[1], stories[3], stories[0])
    front = client.get(home.url).content.decode()
    assert titles(region(front, 'class="picks"', "</section>")) == ["Story 1", "Story 3", "Story 0"]
    article_page = client.get(stories[3].url).content.decode()
    assert titles(region(article_page, 'class="picks"', "</section>")) == ["Story 1", "Story 0"]


def test_each_section_has_a_block_of_its_latest(client, home, section, author):
    business = builders.make_section(home, title="Business")
    make_stories(section, author, 4)
    make_stories(business, author, 2, prefix="Market")
    html = client.get(home.url).content.decode()
    world_block = region(html, f'id="section-{section.pk}"', "</section>")
    business_block = region(html, f'id="section-{business.pk}"', "</section>")
    assert titles(world_block) == ["Story 3", "Story 2", "Story 1"]
    assert re.findall(r">(Market \d+)</a>", business_block) == ["Market 1", "Market 0"]


def test_empty_newsroom_front_page(client, home):
    response = client.get(home.url)
    assert response.status_code == 200 and "No articles yet." in response.content.decode()


def test_front_page_queries_do_not_grow_with_items_shown(
    client, home, section, author, settings, django_assert_num_queries
):
    count = 8
    settings.MASTHEAD_PAGE_SIZE = 20
    business = builders.make_section(home, title="Business")
    stories = make_stories(section, author, count)
    curate(EDITORS_PICKS, *stories[:2])
    client.get(home.url)  # renditions and caches warm
    with CaptureQueriesContext(connection) as few:
        client.get(home.url)
    few_count = len(few)  # read now: the next request clears Django's query log

    more_authors = [builders.make_author() for _ in range(3)]
    for i in range(count * 2):
        builders.make_article(business, authors=more_authors, title=f"Extra {i}", tags=["a", "b"])
    curate(EDITORS_PICKS, *stories[2:6])
    client.get(home.url)
    with django_assert_num_queries(few_count):
        client.get(home.url)
