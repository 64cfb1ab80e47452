"""demo.news_feed: the demo newsroom's News Feed (load_demo calls load_news_feed)."""

import datetime as dt

from django.utils import timezone

from demo.news_feed import ITEMS, load_news_feed
from newsfeed.models import NewsFeedItem
from testkit import builders


def test_loads_dated_items_over_four_days_once(client, home, section, author):
    article = builders.make_article(section, authors=[author], title="Heating bills")
    article.slug = "heating-bills-rise"
    article.save_revision().publish()
    now = timezone.now()

    assert load_news_feed(now=now) == len(ITEMS) >= 40
    items = NewsFeedItem.objects.published()
    assert items.count() == len(ITEMS)
    assert all(now - dt.timedelta(days=4) <= item.first_published_at <= now for item in items)
    assert items.filter(is_breaking=True).count() >= 3
    assert items.filter(is_pinned=True).count() == 1
    assert items.filter(article=article).exists()

    assert load_news_feed(now=now) == 0  # running it again changes nothing
    assert NewsFeedItem.objects.count() == len(ITEMS)

    html = client.get("/news-feed/").content.decode()
    assert html.count('class="feed-day"') >= 3  # 30 items span more than two days
    assert client.get("/news-feed/", {"page": 2}).status_code == 200
