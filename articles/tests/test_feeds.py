import html
import io
import math
import re
import sys
import time
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from articles import feeds
from core import seo
from core.models import NewsroomSettings
from testkit import builders


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def test_site_feed_lists_published_articles_newest_first(client, home, section, author):
    builders.make_article(section, authors=[author], title="Oldest", published_at=hours_ago(3))
    builders.make_article(section, authors=[author], title="Newest", published_at=hours_ago(1))
    builders.make_article(section, authors=[author], title="Middle", published_at=hours_ago(2))
    builders.make_article(section, authors=[author], title="Draft", publish=False)
    private = builders.make_section(home, title="Staff")
    builders.make_article(private, authors=[author], title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    feed = parse(client.get("/rss/"))

    assert [entry.title for entry in feed.entries] == ["Newest", "Middle", "Oldest"]
    assert feed.feed.link == "http://testserver/"


def test_feed_item_carries_link_date_authors_tags_and_lead_image(client, section, author):
    NewsroomSettings.objects.create(name="The Kyiv Ledger", tagline="Independent news")
    second = builders.make_author(name="Zelda Quinlan")
    third = builders.make_author(name="Ivan Petrenko")
    published = timezone.now().replace(microsecond=0) - timedelta(hours=5)
    article = builders.make_article(
        section,
        authors=[second, author, third],
        title="Bread & butter <prices>",
        standfirst="Bakers say costs rose 20% & more.",
        tags=["Food", "Economy"],
        lead_image=builders.make_image(),
        published_at=published,
    )
    response = client.get("/rss/")
    feed = parse(response)

    assert feed.feed.title == "The Kyiv Ledger"
    assert feed.feed.subtitle == "Independent news"
    [entry] = feed.entries
    assert entry.title == "Bread & butter <prices>"
    assert entry.summary == "Bakers say costs rose 20% &amp; more."
    assert entry.link == article.get_full_url() == f"http://testserver{article.url}"
    assert entry.id == entry.link
    assert f'<guid isPermaLink="true">{entry.link}</guid>' in response.content.decode()
    assert entry.author == "Zelda Quinlan, Olha Bondar and Ivan Petrenko"
    assert [tag.term for tag in entry.tags] == ["Economy", "Food"]
    assert datetime(*entry.published_parsed[:6], tzinfo=UTC) == published
    # RFC 822 with the newsroom's offset (Europe/Kyiv in the tests).
    pub_date = re.search(r"<pubDate>(.*?)</pubDate>", response.content.decode()).group(1)
    assert re.fullmatch(r"\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0[23]00", pub_date)

    [enclosure] = entry.enclosures
    rendition = article.lead_image.get_rendition(seo.SHARE_IMAGE_SPEC)
    assert enclosure.href == f"http://testserver{rendition.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == rendition.file.size > 0


def test_article_without_lead_image_has_no_enclosure(client, section, author):
    builders.make_article(section, authors=[author])
    [entry] = parse(client.get("/rss/")).entries
    assert entry.enclosures == []


def test_lost_image_file_costs_the_item_its_enclosure_not_the_feed(client, section, author):
    image = builders.make_image()
    builders.make_article(section, authors=[author], lead_image=image)
    image.file.storage.delete(image.file.name)
    [entry] = parse(client.get("/rss/")).entries
    assert entry.enclosures == []


def test_feed_is_capped(client, section, author, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_SIZE", 2)
    for i in range(3):
        builders.make_article(
            section, authors=[author], title=f"Story {i}", published_at=hours_ago(i)
        )
    assert [e.title for e in parse(client.get("/rss/")).entries] == ["Story 0", "Story 1"]


def test_section_feed(client, home, section, author):
    business = builders.make_section(home, title="Business")
    builders.make_article(section, authors=[author], title="World story")
    builders.make_article(business, authors=[author], title="Business story")
    feed = parse(client.get(f"/rss/section/{business.slug}/"))
    assert [e.title for e in feed.entries] == ["Business story"]
    assert feed.feed.title == "Business | Masthead"
    assert feed.feed.link == f"http://testserver{business.url}"


def test_author_feed(client, section, author):
    other = builders.make_author(name="Zelda Quinlan")
    builders.make_article(section, authors=[author], title="Solo")
    builders.make_article(section, authors=[other, author], title="Shared")
    builders.make_article(section, authors=[other], title="Not theirs")
    feed = parse(client.get(f"/author/{author.slug}/rss/"))
    assert sorted(e.title for e in feed.entries) == ["Shared", "Solo"]
    assert feed.feed.link == f"http://testserver/author/{author.slug}/"


def test_tag_feed(client, section, author):
    builders.make_article(section, authors=[author], title="Tagged", tags=["Energy"])
    builders.make_article(section, authors=[author], title="Untagged", tags=["Other"])
    feed = parse(client.get("/tag/energy/rss/"))
    assert [e.title for e in feed.entries] == ["Tagged"]
    assert feed.feed.title == "Energy | Masthead"


def test_empty_feed_is_valid(client, home):
    assert parse(client.get("/rss/")).entries == []


@pytest.mark.parametrize(
    "url", ["/rss/section/nowhere/", "/author/nobody/rss/", "/tag/nothing/rss/"]
)
def test_unknown_section_author_or_tag_is_404(client, home, url):
    assert client.get(url).status_code == 404


def test_unpublished_author_and_private_section_have_no_feed(client, home, section):
    hidden = builders.make_author(live=False)
    assert client.get(f"/author/{hidden.slug}/rss/").status_code == 404
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert client.get(f"/rss/section/{section.slug}/").status_code == 404


def test_pages_advertise_their_feeds(client, section, author):
    article = builders.make_article(section, authors=[author], tags=["Energy"])
    alternate = '<link rel="alternate" type="application/rss+xml"'
    for url, feed_url in [
        (article.url, None),
        (section.url, f"/rss/section/{section.slug}/"),
        (f"/author/{author.slug}/", f"/author/{author.slug}/rss/"),
        ("/tag/energy/", "/tag/energy/rss/"),
    ]:
        html = client.get(url).content.decode()
        assert f'{alternate} title="Masthead" href="/rss/">' in html
        if feed_url:
            assert f'href="{feed_url}"' in html.split("</head>")[0]


def test_feed_queries_do_not_grow_with_items_authors_or_tags(
    client, section, author, django_assert_num_queries
):
    builders.make_article(section, authors=[author], lead_image=builders.make_image())
    client.get("/rss/")  # renditions created once
    with CaptureQueriesContext(connection) as few:
        parse(client.get("/rss/"))
    few_count = len(few)

    authors = [builders.make_author() for _ in range(3)]
    for i in range(5):
        builders.make_article(
            section, authors=authors, tags=[f"t{i}", "shared"], lead_image=builders.make_image()
        )
    client.get("/rss/")
    with django_assert_num_queries(few_count):
        assert len(parse(client.get("/rss/")).entries) == 6


# Escaping: every text once, as readers see it.

SECTION_INTRO = "The council and the parliament that answer to the valley's voters & “rivers”."


def test_channel_descriptions_are_escaped_once(client, home, author):
    politics = builders.make_section(home, title="Politics")
    politics.intro = SECTION_INTRO
    politics.save_revision().publish()
    NewsroomSettings.objects.create(name="The Halvesk Ledger", tagline="Halvesk's news & views")

    for url, description in [
        (f"/rss/section/{politics.slug}/", SECTION_INTRO),
        ("/rss/", "Halvesk's news & views"),
    ]:
        response = client.get(url)
        assert parse(response).feed.subtitle == description
        channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own
        assert channel.findtext("description") == description
        assert "&amp;#x27;" not in response.content.decode()


def test_item_descriptions_are_html_of_the_plain_standfirst(client, section, author):
    standfirst = "About 420 jobs are at risk at the valley's largest employer & its mills."
    builders.make_article(section, authors=[author], standfirst=standfirst)
    [entry] = parse(client.get("/rss/")).entries
    assert (
        entry.summary
        == "About 420 jobs are at risk at the valley's largest employer &amp; its mills."
    )
    assert html.unescape(entry.summary) == standfirst


# Dates: Last-Modified and lastBuildDate move with every change, and If-Modified-Since with
# them answers 304 until then.


def a_second_later():
    """Wait for the clock's next whole second: Last-Modified counts whole seconds, so a change
    within the second of the previous one cannot show in it (ETags tell those apart)."""
    start = math.floor(time.time())
    deadline = time.monotonic() + 30
    while math.floor(time.time()) == start:
        assert time.monotonic() < deadline, "the clock never moved"
        time.sleep(0.02)


def dates(response):
    """(Last-Modified, lastBuildDate) as aware datetimes; they are the same instant."""
    feed = parse(response)
    last_modified = parsedate_to_datetime(response["Last-Modified"])
    build = datetime(*feed.feed.updated_parsed[:6], tzinfo=UTC)
    assert last_modified == build
    return last_modified


def test_if_modified_since_with_the_feeds_own_date_answers_304(
    client, section, author, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        builders.make_article(section, authors=[author], published_at=hours_ago(30))
    for url in ["/rss/", f"/rss/section/{section.slug}/", f"/author/{author.slug}/rss/"]:
        response = client.get(url)
        dates(response)
        again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == response["ETag"]
        # An ETag still works, and wins over the date (RFC 9110 13.2.2).
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
        stale = client.get(
            url, HTTP_IF_NONE_MATCH='"other"', HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
        )
        assert stale.status_code == 200
        earlier = http_date(parsedate_to_datetime(response["Last-Modified"]).timestamp() - 1)
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200
        assert client.get(url, HTTP_IF_MODIFIED_SINCE="not a date").status_code == 200


def test_the_date_moves_when_an_item_is_published_edited_or_unpublished(
    client, section, author, django_capture_on_commit_callbacks
):
    url = f"/rss/section/{section.slug}/"
    with django_capture_on_commit_callbacks(execute=True):
        first = builders.make_article(
            section, authors=[author], title="First", published_at=hours_ago(5)
        )
    seen = client.get(url)
    previous = dates(seen)

    def changed(change, titles):
        nonlocal seen, previous
        a_second_later()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        # The client's copy is out of date: a full answer, with a later date.
        response = client.get(url, HTTP_IF_MODIFIED_SINCE=seen["Last-Modified"])
        assert response.status_code == 200
        assert [entry.title for entry in parse(response).entries] == titles
        assert dates(response) > previous
        seen, previous = response, dates(response)
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=seen["Last-Modified"]).status_code == 304

    def edit():
        first.title = "First, corrected"
        first.save_revision().publish()

    second = {}

    def publish_another():
        second["article"] = builders.make_article(
            section, authors=[author], title="Second", published_at=hours_ago(10)
        )

    changed(edit, ["First, corrected"])
    changed(publish_another, ["First, corrected", "Second"])  # older than the newest
    changed(lambda: second["article"].unpublish(), ["First, corrected"])
    changed(lambda: first.unpublish(), [])


def test_stored_feeds_answer_if_modified_since_without_django(
    client, page_cache, section, author, django_capture_on_commit_callbacks
):
    from pagecache.wsgi import PageCacheFront

    with django_capture_on_commit_callbacks(execute=True):
        builders.make_article(section, authors=[author])
    url = f"/rss/section/{section.slug}/"
    client.get(url)
    stored = client.get(url)
    assert stored["X-Masthead-Cache"] == "hit"

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_IF_MODIFIED_SINCE=stored["Last-Modified"])
    assert response.status_code == 304 and len(queries) == 0
    assert response["Last-Modified"] == stored["Last-Modified"]

    def django_must_not_run(environ, start_response):
        raise AssertionError("Django was asked")

    answered = {}
    front = PageCacheFront(django_must_not_run)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": url,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "HTTP_IF_MODIFIED_SINCE": stored["Last-Modified"],
    }
    body = b"".join(front(environ, lambda status, headers: answered.update(status=status)))
    assert answered["status"] == "304 Not Modified" and body == b""
