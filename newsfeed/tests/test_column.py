"""The News Feed column beside articles and on the front page."""

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsfeed.models import NewsFeedItem
from newsfeed.selectors import COLUMN_SIZE
from testkit import builders


def column(html):
    start = html.index('<section class="news-feed"')
    return html[start : html.index("</section>", start)]


def test_column_on_front_page_and_article_page(client, home, section, author, publish):
    article = builders.make_article(section, authors=[author], title="Night trains resume")
    item = publish("Bridge reopens", summary="Traffic flows again.", article=article)
    for url in (home.url, article.url):
        html = client.get(url).content.decode()
        feed = column(html)
        assert 'data-updates-url="/news-feed/updates.json"' in feed
        assert '<a href="/news-feed/">News Feed</a>' in feed
        assert f'data-item-id="{item.pk}"' in feed
        assert re.search(r'data-version="[0-9a-f]+"', feed)
        assert f'<a href="{article.url}">Bridge reopens</a>' in feed
        assert "Traffic flows again." in feed
        assert 'role="status"' in feed
        assert '<script src="/static/js/live.js" defer></script>' in feed
        assert html.count("js/live.js") == 1


def test_column_version_matches_the_updates_etag(client, home, publish):
    publish("One")
    feed = column(client.get(home.url).content.decode())
    version = re.search(r'class="news-feed"[^>]*data-version="([0-9a-f]+)"', feed).group(1)
    assert client.get("/news-feed/updates.json")["ETag"] == f'"{version}"'


def test_column_shows_pinned_first_and_the_date_for_older_items(client, home, publish):
    now = timezone.now()
    publish("Old pinned notice", is_pinned=True, at=now - dt.timedelta(days=3))
    publish("Fresh update", at=now - dt.timedelta(minutes=5))
    feed = column(client.get(home.url).content.decode())
    assert feed.index("Old pinned notice") < feed.index("Fresh update")
    assert "Pinned</span>" in feed
    older = timezone.localtime(now - dt.timedelta(days=3))
    assert f">{older:%b} {older.day}, " in feed  # "Oct 12, 5:04 PM"


def test_column_without_items_says_so(client, home):
    assert "No updates yet." in column(client.get(home.url).content.decode())


def add_items(count, *, article):
    base = timezone.now() - dt.timedelta(days=2)
    start = NewsFeedItem.objects.count()
    for i in range(start, start + count):
        item = NewsFeedItem.objects.create(
            headline=f"Item {i}",
            summary="Summary.",
            article=article if i % 2 else None,
            is_breaking=i % 5 == 0,
            live=True,
        )
        NewsFeedItem.objects.filter(pk=item.pk).update(
            first_published_at=base + dt.timedelta(minutes=i)
        )


def count_queries(client, url):
    client.get(url)  # warm caches (site root paths, settings)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)  # read now: the next request clears the query log


def test_queries_do_not_grow_with_items(client, home, section, author):
    article = builders.make_article(section, authors=[author])
    add_items(3, article=article)
    few = {url: count_queries(client, url) for url in ("/news-feed/", home.url, article.url)}
    add_items(27, article=article)
    assert NewsFeedItem.objects.count() == 30 > COLUMN_SIZE
    many = {url: count_queries(client, url) for url in ("/news-feed/", home.url, article.url)}
    assert many == few
    assert few["/news-feed/"] <= 6, few
