"""Publishing right after typing creates exactly one object, never a 500, whichever of
Wagtail's autosave and the Publish reaches the server first (editorial/create_once.py).

The browser's requests are held with Playwright's routing so that each order happens every
time: the autosave answered by the server but not yet by the browser when Publish is pressed
(the page still posts to the create URL), or the Publish answered by the server while the
autosave that typing started is still to come.
"""

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError

from articles.models import ArticlePage
from authors.models import Author
from newsfeed.models import NewsFeedItem
from testkit import builders

from .admin import choose_author, open_editor, press_publish, signed_in_page, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def editor(browser, live_server, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    page = signed_in_page(browser, live_server, boss)
    yield page
    page.context.close()


def is_autosave(request):
    return request.method == "POST" and "application/json" in request.headers.get("accept", "")


def hold_first_autosave_answer(page, url):
    """The server handles the first autosave at once; the browser gets its answer only when
    the test says so. Returns a dict that holds it."""
    held = {}

    def handle(route, request):
        if is_autosave(request) and "autosave" not in held:
            held["autosave"] = (route, route.fetch())
        else:
            route.continue_()

    page.route(url, handle)
    return held


def release(held):
    route, response = held
    # The page may have moved on and dropped the request.
    with contextlib.suppress(PlaywrightError):
        route.fulfill(response=response)


def test_author_published_while_its_first_autosave_is_on_the_way(editor, live_server):
    add_url = f"{live_server.url}/admin/snippets/authors/author/add/"
    held = hold_first_autosave_answer(editor, add_url)
    open_editor(editor, add_url)
    editor.locator("#id_name").press_sequentially("Olha Bondar")
    editor.locator("#id_slug").fill("olha-bondar")
    wait_for(lambda: "autosave" in held, page=editor, message="an autosave")
    assert Author.objects.get().live is False  # the autosave made a draft

    press_publish(editor)
    editor.wait_for_url(f"{live_server.url}/admin/snippets/authors/author/")
    release(held["autosave"])

    author = Author.objects.get()
    assert (author.name, author.slug, author.live) == ("Olha Bondar", "olha-bondar", True)
    assert not author.has_unpublished_changes
    assert editor.server_errors == []
    assert "Olha Bondar" in editor.locator(".messages").text_content()


def test_news_feed_item_published_before_the_autosave_typing_started(editor, live_server):
    add_url = f"{live_server.url}/admin/snippets/live/newsfeeditem/add/"
    held, autosaves = {}, []

    def handle(route, request):
        if is_autosave(request):
            response = route.fetch()
            autosaves.append(response.status)
            route.fulfill(response=response)
        elif request.method == "POST":
            # The server publishes now; the browser stays on the form until the test says.
            held["publish"] = (route, route.fetch(max_redirects=0))
        else:
            route.continue_()

    editor.route(add_url, handle)
    open_editor(editor, add_url)
    editor.locator("#id_headline").press_sequentially("Iron Bridge closed")
    editor.locator("#id_summary").press_sequentially("Police closed it to traffic.")
    press_publish(editor, wait=False)  # at once, before Wagtail's autosave has gone
    wait_for(lambda: "publish" in held, page=editor, message="the Publish request")
    wait_for(lambda: autosaves, page=editor, message="the autosave the typing started")
    release(held["publish"])
    editor.wait_for_url(f"{live_server.url}/admin/snippets/live/newsfeeditem/")

    item = NewsFeedItem.objects.get()
    assert item.live and not item.has_unpublished_changes
    assert item.headline == "Iron Bridge closed"
    assert autosaves == [400]  # refused: the item is live, and nothing newer came with it
    assert editor.server_errors == []


def test_article_published_while_its_first_autosave_is_on_the_way(editor, live_server):
    section = builders.make_section(builders.make_home(), title="World")
    builders.make_author(name="Olha Bondar")
    add_url = f"{live_server.url}/admin/pages/add/articles/articlepage/{section.pk}/"
    held = hold_first_autosave_answer(editor, add_url)
    open_editor(editor, add_url)
    editor.locator("#id_title").press_sequentially("Night trains resume")
    editor.locator("#id_standfirst").fill("The line reopened on Tuesday.")
    choose_author(editor, "Olha Bondar")
    wait_for(lambda: "autosave" in held, page=editor, message="an autosave")
    assert ArticlePage.objects.get().live is False  # the autosave made a draft

    press_publish(editor)
    editor.wait_for_url(f"{live_server.url}/admin/pages/{section.pk}/")
    release(held["autosave"])

    article = ArticlePage.objects.get()
    assert article.live and not article.has_unpublished_changes
    assert article.slug == "night-trains-resume"
    assert [credit.author.name for credit in article.article_authors.all()] == ["Olha Bondar"]
    assert editor.server_errors == []
