"""/news-feed/ and the permalink pages."""

import datetime as dt
import re

import pytest

from newsfeed import views
from newsfeed.services import news_item_unpublish
from testkit import builders

UTC = dt.UTC


def test_items_are_grouped_by_day_in_the_newsroom_time_zone(client, publish):
    # 23:30 UTC on 14 October is 02:30 on 15 October in Kyiv (UTC+3 in October).
    publish("After midnight in Kyiv", at=dt.datetime(2024, 10, 14, 23, 30, tzinfo=UTC))
    publish("Evening in Kyiv", at=dt.datetime(2024, 10, 14, 20, 0, tzinfo=UTC))
    html = client.get("/news-feed/").content.decode()
    headings = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">([^<]+)</time>', html)
    assert headings == [
        ("2024-10-15", "Tuesday, October 15, 2024"),
        ("2024-10-14", "Monday, October 14, 2024"),
    ]
    after_midnight = html.index("After midnight in Kyiv")
    assert html.index("October 15, 2024") < after_midnight < html.index("October 14, 2024")
    assert '<time datetime="2024-10-15T02:30:00+03:00">2:30 AM</time>' in html


def test_times_read_like_5_04_pm(client, publish):
    publish("Council vote", at=dt.datetime(2024, 10, 15, 14, 4, tzinfo=UTC))
    html = client.get("/news-feed/").content.decode()
    assert '<time datetime="2024-10-15T17:04:00+03:00">5:04 PM</time>' in html


def test_breaking_label_and_article_link_only_when_article_is_published(
    client, publish, section, author
):
    article = builders.make_article(section, authors=[author], title="Night trains resume")
    publish("Trains back", article=article, is_breaking=True)
    html = client.get("/news-feed/").content.decode()
    assert '<p class="label-breaking">Breaking</p>' in html
    assert f'<a href="{article.url}">Read the full story' in html

    article.unpublish()
    html = client.get("/news-feed/").content.decode()
    assert "Trains back" in html and "Read the full story" not in html


def test_unpublished_and_draft_items_are_not_listed(client, publish):
    kept = publish("Kept")
    gone = publish("Gone")
    news_item_unpublish(item=gone)
    html = client.get("/news-feed/").content.decode()
    assert kept.headline in html and "Gone" not in html


@pytest.fixture
def five_items(publish, monkeypatch):
    monkeypatch.setattr(views, "FEED_PAGE_SIZE", 2)
    base = dt.datetime(2024, 10, 15, 9, 0, tzinfo=UTC)
    return [publish(f"Update {i}", at=base + dt.timedelta(hours=i)) for i in range(5)]


def test_older_items_are_on_later_pages(client, five_items):
    first = client.get("/news-feed/").content.decode()
    second = client.get("/news-feed/", {"page": 2}).content.decode()
    assert "Update 4" in first and "Update 3" in first and "Update 2" not in first
    assert "Update 2" in second and "Update 1" in second
    assert 'rel="next" href="?page=2"' in first


@pytest.mark.parametrize("page", ["abc", "", "1.5", "01", "%00", "' OR 1=1 --"])
def test_a_page_that_is_not_a_number_is_a_404(client, five_items, page):
    assert client.get("/news-feed/", {"page": page}).status_code == 404


@pytest.mark.parametrize("page", ["4", "99999", "0", "-1"])
def test_a_page_past_the_end_is_a_404(client, five_items, page):
    assert client.get("/news-feed/", {"page": page}).status_code == 404


def test_empty_feed(client, db):
    response = client.get("/news-feed/")
    assert response.status_code == 200 and "No updates yet." in response.content.decode()


def test_permalink_shows_the_item(client, publish, section, author):
    article = builders.make_article(section, authors=[author], title="Bridge repairs")
    item = publish(
        "Bridge reopens",
        summary="The Iron Bridge reopened at noon.",
        article=article,
        at=dt.datetime(2024, 10, 15, 14, 4, tzinfo=UTC),
    )
    assert item.get_absolute_url() == f"/news-feed/{item.pk}/"
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Bridge reopens</h1>" in html
    assert "The Iron Bridge reopened at noon." in html
    assert "October 15, 2024 5:04 PM" in html
    assert f'<a href="{article.url}">Bridge repairs</a>' in html
    assert f'<link rel="canonical" href="http://testserver/news-feed/{item.pk}/">' in html


def test_permalink_of_unpublished_or_missing_item_is_404(client, publish):
    item = publish("Withdrawn")
    news_item_unpublish(item=item)
    assert client.get(item.get_absolute_url()).status_code == 404
    assert client.get("/news-feed/99999/").status_code == 404


def test_anonymous_feed_pages_set_no_cookie(client, publish):
    item = publish("Quiet night")
    for url in ["/news-feed/", item.get_absolute_url(), "/news-feed/rss/"]:
        response = client.get(url)
        assert response.status_code == 200 and not response.cookies, url
