import datetime as dt

import feedparser

from core import testing
from live.services import news_item_unpublish


def test_rss_parses_cleanly_with_permalinks_and_dates(client, publish, section, author):
    article = testing.make_article(section, authors=[author])
    older = publish(
        "Ferry timetable changes",
        summary="Winter sailings start on Monday & run hourly.",
        at=dt.datetime(2024, 10, 14, 23, 30, tzinfo=dt.UTC),
    )
    newer = publish(
        "Floodwall <section> reopens",
        summary="The promenade is open again.",
        article=article,
        at=dt.datetime(2024, 10, 15, 14, 4, tzinfo=dt.UTC),
    )
    news_item_unpublish(item=publish("Withdrawn item"))

    response = client.get("/news-feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.link == "http://testserver/news-feed/"
    assert parsed.feed.title.endswith(": News Feed")

    first, second = parsed.entries
    assert first.title == "Floodwall <section> reopens"
    assert first.link == first.id == f"http://testserver{newer.get_absolute_url()}"
    assert first.summary == "The promenade is open again."
    assert first.published_parsed[:5] == (2024, 10, 15, 14, 4)
    assert second.title == older.headline
    assert second.summary == "Winter sailings start on Monday & run hourly."
