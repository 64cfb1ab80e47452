import datetime as dt
import html
import xml.etree.ElementTree as ET

import feedparser

from newsfeed.services import news_item_unpublish
from testkit import builders


def test_rss_parses_cleanly_with_permalinks_and_dates(client, publish, section, author):
    article = builders.make_article(section, authors=[author])
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
    # The summary is plain text, escaped into the HTML of <description> (as in articles/feeds.py).
    assert second.summary == "Winter sailings start on Monday &amp; run hourly."


def test_a_summary_is_text_in_the_feed_never_markup(client, publish):
    """Feed readers show <description> as HTML: an editor's "<img ... onerror>" must stay words."""
    summary = "Police said <img src=x onerror=alert(1)> and <script>alert(2)</script>."
    publish("Bridge closed", summary=summary)

    response = client.get("/news-feed/rss/")
    description = ET.fromstring(response.content).find("channel/item/description")  # noqa: S314
    assert description.text == html.escape(summary)  # the HTML a reader renders: text only
    entry = feedparser.parse(response.content).entries[0]
    assert entry.summary_detail.type == "text/html"
    assert "<img" not in entry.summary and "<script" not in entry.summary
    assert html.unescape(entry.summary) == summary


def test_a_summary_reads_as_written_in_feed_readers(client, publish):
    publish("Ferry resumes", summary="The valley's ferry runs again.")
    entry = feedparser.parse(client.get("/news-feed/rss/").content).entries[0]
    assert entry.summary == "The valley's ferry runs again."  # not "valley&#x27;s"


def test_taking_the_newest_item_down_moves_the_feeds_date(
    client, publish, django_capture_on_commit_callbacks
):
    """The newest item's date would go back in time: a reader asking If-Modified-Since with
    it must get the feed without the item, not a 304."""
    from articles.tests.test_feeds import a_second_later

    with django_capture_on_commit_callbacks(execute=True):
        publish("Older", at=dt.datetime(2024, 10, 14, 9, 0, tzinfo=dt.UTC))
        newest = publish("Newest")
    seen = client.get("/news-feed/rss/")
    since = seen["Last-Modified"]
    assert client.get("/news-feed/rss/", HTTP_IF_MODIFIED_SINCE=since).status_code == 304

    a_second_later()
    with django_capture_on_commit_callbacks(execute=True):
        news_item_unpublish(item=newest)
    response = client.get("/news-feed/rss/", HTTP_IF_MODIFIED_SINCE=since)
    assert response.status_code == 200
    assert [e.title for e in feedparser.parse(response.content).entries] == ["Older"]
    assert response["Last-Modified"] != since
