""" "More news" under an article: the latest stories, as on the front page, to go on with.

With Editors' Picks beside it, and refreshed by Masthead's cache the moment a story is
published or taken down, since every article page shows the latest ones.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from picks.models import EDITORS_PICKS, CuratedItem, CuratedList
from testkit import builders

pytestmark = pytest.mark.django_db


def more_news(html):
    """The headlines of the "More news" list, in order."""
    section = re.search(r'<section class="[^"]*more-news".*?</section>', html, re.S)
    assert section, "no More news under the article"
    return re.findall(r'class="row__headline"><a href="[^"]+">([^<]+)</a>', section.group(0))


@pytest.fixture
def stories(home, section, author):
    """Nine stories an hour apart, "Story 0" the newest; the reader is on "Story 4"."""
    business = builders.make_section(home, title="Business")
    now = timezone.now()
    return [
        builders.make_article(
            section if n % 2 else business,
            authors=[author],
            title=f"Story {n}",
            published_at=now - timedelta(hours=n),
        )
        for n in range(9)
    ]


def test_more_news_lists_the_newest_stories_from_every_section_but_this_one(client, stories):
    """Six: the newest but the story itself, in both sections."""
    html = client.get(stories[4].url).content.decode()
    assert more_news(html) == ["Story 0", "Story 1", "Story 2", "Story 3", "Story 5", "Story 6"]
    assert '<p class="load-more"><a href="/">All the latest news</a></p>' in html


def test_stories_readers_may_not_open_are_not_offered(client, stories):
    stories[0].unpublish()
    PageViewRestriction.objects.create(
        page=stories[1], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    html = client.get(stories[4].url).content.decode()
    assert more_news(html) == ["Story 2", "Story 3", "Story 5", "Story 6", "Story 7", "Story 8"]


def test_editors_picks_sit_beside_more_news_not_beside_the_story(client, stories):
    picks = CuratedList.objects.get(slug=EDITORS_PICKS)
    CuratedItem.objects.create(curated_list=picks, article=stories[8], sort_order=0)
    html = client.get(stories[4].url).content.decode()
    sidebar = html[html.index('class="article-layout__sidebar"') :]
    sidebar = sidebar[: sidebar.index("</aside>")]
    assert "News Feed" in sidebar and "Editors' Picks" not in sidebar
    below = html[html.index('class="article-layout__more') :]
    assert re.search(r'class="article-layout__picks">.*Editors\' Picks.*Story 8', below, re.S), (
        "Editors' Picks not beside More news"
    )


def test_publishing_a_story_refreshes_more_news_on_stored_article_pages(
    client, page_cache, stories, section, author, django_capture_on_commit_callbacks
):
    reader_on = stories[4].url
    client.get(reader_on)
    assert client.get(reader_on)["X-Masthead-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        builders.make_article(section, authors=[author], title="Dam holds")
    assert more_news(client.get(reader_on).content.decode())[:2] == ["Dam holds", "Story 0"]
    assert client.get(reader_on)["X-Masthead-Cache"] == "hit"  # stored again

    with django_capture_on_commit_callbacks(execute=True):
        stories[0].unpublish()
    assert "Story 0" not in more_news(client.get(reader_on).content.decode())
