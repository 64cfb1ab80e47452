"""An editor sets when an article or a News Feed item is published: a past time backdates it,
a future one schedules it, and the admin says which as the editor types
(editorial/publication_time.py)."""

import datetime
import json

import pytest
from django.conf import settings
from django.utils import dateformat, timezone
from playwright.sync_api import expect

from articles.models import ArticlePage
from newsfeed.models import NewsFeedItem
from testkit import builders

from .admin import choose_author, open_editor, press_publish, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FIELD_FORMAT = settings.WAGTAIL_DATETIME_FORMAT  # what the admin's date and time picker writes


@pytest.fixture
def editor(browser, live_server, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    page = signed_in_page(browser, live_server, boss)
    yield page
    page.context.close()


@pytest.fixture
def reader(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def section(live_server):
    builders.make_author(name="Olha Bondar")
    return builders.make_section(builders.make_home(), title="World")


def newsroom(value):
    return timezone.localtime(value).replace(second=0, microsecond=0)


def write_article(editor, live_server, section, *, published):
    open_editor(editor, f"{live_server.url}/admin/pages/add/articles/articlepage/{section.pk}/")
    editor.locator("#id_title").press_sequentially("Archive: the 1962 bridge opening")
    editor.locator("#id_standfirst").fill("From our archive.")
    choose_author(editor, "Olha Bondar")
    note = editor.locator("#id_first_published_at-note")
    expect(note).to_have_text("Empty: the article is dated the moment it is published.")
    field = editor.get_by_role("textbox", name="Published")
    field.fill(published.strftime(FIELD_FORMAT))
    field.press("Escape")  # close the date picker
    return note


def test_an_article_published_with_a_past_time_is_backdated(editor, reader, live_server, section):
    past = newsroom(timezone.now() - datetime.timedelta(days=3, hours=5))
    note = write_article(editor, live_server, section, published=past)
    shown = dateformat.format(past, "F j, Y g:i A")
    expect(note).to_have_text(
        f"Backdated: Publish puts the article on the site now, dated {shown}."
    )
    press_publish(editor)
    expect(editor.locator(".messages")).to_contain_text("published")

    article = ArticlePage.objects.get()
    assert article.live and article.first_published_at == past
    reader.goto(live_server.url + article.url)
    expect(reader.locator(".dateline time").first).to_have_text(shown)
    data = json.loads(reader.locator("script[type='application/ld+json']").text_content())
    assert data["datePublished"] == past.isoformat()


def test_an_article_published_with_a_future_time_is_scheduled(editor, reader, live_server, section):
    future = newsroom(timezone.now() + datetime.timedelta(days=1, hours=2))
    note = write_article(editor, live_server, section, published=future)
    shown = dateformat.format(future, "F j, Y g:i A")
    expect(note).to_have_text(
        f"Scheduled: Publish makes the article live at {shown}, dated then; "
        "until then it stays off the site."
    )
    editor.locator("footer").get_by_role("button", name="More actions").click()
    expect(editor.locator('button[name="action-publish"]')).to_have_text("Schedule to publish")
    press_publish(editor)
    expect(editor.locator(".messages")).to_contain_text("scheduled for publishing")

    article = ArticlePage.objects.get()
    assert not article.live
    assert article.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == future
    assert reader.goto(live_server.url + section.url).ok
    expect(reader.locator("main")).not_to_contain_text("1962 bridge")
    assert reader.request.get(f"{live_server.url}{section.url}{article.slug}/").status == 404

    # Back in the editor (locked by Wagtail until the schedule is cancelled), the note says
    # what will happen.
    editor.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    expect(editor.locator("#id_first_published_at-note")).to_contain_text(f"live at {shown}")


def test_a_news_feed_items_time_is_set_and_corrected(editor, reader, live_server):
    earlier = newsroom(timezone.now() - datetime.timedelta(minutes=95))
    open_editor(editor, f"{live_server.url}/admin/snippets/live/newsfeeditem/add/")
    editor.locator("#id_headline").press_sequentially("Iron Bridge closed")
    editor.locator("#id_summary").fill("Police closed it to traffic.")
    editor.get_by_role("textbox", name="Time").fill(earlier.strftime(FIELD_FORMAT))
    editor.get_by_role("textbox", name="Time").press("Escape")
    expect(editor.locator("#id_first_published_at-note")).to_contain_text("Backdated")
    press_publish(editor)
    expect(editor.locator(".messages")).to_contain_text("published")

    item = NewsFeedItem.objects.get()
    assert item.live and item.first_published_at == earlier
    reader.goto(f"{live_server.url}/news-feed/{item.pk}/")
    expect(reader.locator(".dateline time")).to_have_text(
        dateformat.format(earlier, "F j, Y g:i A")
    )

    # A wrong time, corrected after publishing.
    corrected = earlier - datetime.timedelta(minutes=17)
    editor.goto(f"{live_server.url}/admin/snippets/live/newsfeeditem/edit/{item.pk}/")
    expect(editor.locator("#id_first_published_at-note")).to_have_text(
        f"Published {dateformat.format(earlier, 'F j, Y g:i A')}."
    )
    editor.get_by_role("textbox", name="Time").fill(corrected.strftime(FIELD_FORMAT))
    editor.get_by_role("textbox", name="Time").press("Escape")
    expect(editor.locator("#id_first_published_at-note")).to_have_text(
        f"Publish re-dates the item to {dateformat.format(corrected, 'F j, Y g:i A')}."
    )
    press_publish(editor)
    expect(editor.locator(".messages")).to_contain_text("published")
    item.refresh_from_db()
    assert item.first_published_at == corrected and not item.has_unpublished_changes
    reader.goto(f"{live_server.url}/news-feed/")
    expect(reader.locator(f"#update-{item.pk} .feed-item__time")).to_have_text(
        dateformat.format(corrected, "g:i A")
    )
