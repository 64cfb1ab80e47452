"""One object per admin create form, whichever order its autosave and its Publish reach the
server in (editorial/create_once.py). The browser's side: e2e/test_admin_autosave_race.py."""

import datetime
import re
import threading
import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from articles.models import ArticlePage
from authors.models import Author
from core import periodic
from editorial import services
from editorial.models import CreateToken
from newsfeed.models import NewsFeedItem
from testkit import builders

from .test_roles import article_form

JSON = {"Accept": "application/json"}  # what Wagtail's autosave asks for
AUTHOR_ADD = "/admin/snippets/authors/author/add/"
ITEM_ADD = "/admin/snippets/live/newsfeeditem/add/"


def article_add(section):
    return f"/admin/pages/add/articles/articlepage/{section.pk}/"


def with_token(data, token):
    return {**data, "create_token": str(token)}


def author_form(name="Olha Bondar", **fields):
    return nested_form_data(
        {"name": name, "slug": "olha-bondar", "role": "", "bio": "", "photo": "", **fields}
    ) | nested_form_data({"links": inline_formset([])})


def item_form(**fields):
    return {
        "headline": "Iron Bridge closed",
        "summary": "Police closed it.",
        "article": "",
        **fields,
    }


def token_in(html):
    return re.search(r'name="create_token" value="([0-9a-f-]{36})"', html).group(1)


@pytest.mark.parametrize(
    "url", [AUTHOR_ADD, ITEM_ADD, "/admin/snippets/mailing/issue/add/", "article"]
)
def test_every_create_form_with_autosave_carries_a_token_of_its_own(admin_client, section, url):
    url = article_add(section) if url == "article" else url
    first, second = (token_in(admin_client.get(url).content.decode()) for _ in range(2))
    assert first != second
    # The edit form has none: it edits one object anyway.
    article = builders.make_article(section, authors=[builders.make_author()])
    assert (
        "create_token" not in admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    )


def test_publish_after_the_autosave_made_the_article_publishes_that_article(
    admin_client, section, author
):
    token = uuid.uuid4()
    autosave = admin_client.post(
        article_add(section), with_token(article_form(author), token), headers=JSON
    )
    assert autosave.status_code == 200 and autosave.json()["success"], autosave.content
    draft = ArticlePage.objects.get()
    assert not draft.live

    # The page had not yet heard back: it posts to the create URL, without the credit's id.
    publish = admin_client.post(
        article_add(section), with_token(article_form(author, action="publish"), token)
    )
    assert publish.status_code == 302, publish.content.decode()[:2000]
    article = ArticlePage.objects.get()
    assert article.pk == draft.pk and article.live and not article.has_unpublished_changes
    assert [credit.author for credit in article.article_authors.all()] == [author]


def test_an_autosave_after_the_publish_is_refused_and_makes_nothing(admin_client, section, author):
    token = uuid.uuid4()
    publish = admin_client.post(
        article_add(section), with_token(article_form(author, action="publish"), token)
    )
    assert publish.status_code == 302
    autosave = admin_client.post(
        article_add(section), with_token(article_form(author), token), headers=JSON
    )
    assert autosave.status_code == 400
    assert autosave.json()["error_code"] == "invalid_revision"
    assert "was published from this page" in autosave.json()["error_message"]
    article = ArticlePage.objects.get()
    assert article.live and not article.has_unpublished_changes
    assert article.revisions.count() == 1


def test_two_autosaves_of_one_create_form_make_one_draft(admin_client, section, author):
    token = uuid.uuid4()
    for title in ["Bridge reopens", "Bridge reopens at dawn"]:
        response = admin_client.post(
            article_add(section), with_token(article_form(author, title=title), token), headers=JSON
        )
        assert response.status_code == 200, response.content
    draft = ArticlePage.objects.get()
    assert draft.get_latest_revision_as_object().title == "Bridge reopens at dawn"
    assert draft.article_authors.count() == 1


def test_an_author_published_after_its_autosave_is_one_author_and_no_error(admin_client):
    token = uuid.uuid4()
    assert admin_client.post(AUTHOR_ADD, with_token(author_form(), token), headers=JSON).json()[
        "success"
    ]
    response = admin_client.post(
        AUTHOR_ADD, with_token(author_form(**{"action-publish": "publish"}), token)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    author = Author.objects.get()
    assert author.slug == "olha-bondar" and author.live and not author.has_unpublished_changes


def test_a_news_feed_item_published_before_its_autosave_is_one_live_item(admin_client):
    token = uuid.uuid4()
    response = admin_client.post(
        ITEM_ADD, with_token(item_form(**{"action-publish": "action-publish"}), token)
    )
    assert response.status_code == 302
    late = admin_client.post(ITEM_ADD, with_token(item_form(), token), headers=JSON)
    assert late.status_code == 400 and late.json()["error_code"] == "invalid_revision"
    item = NewsFeedItem.objects.get()
    assert item.live and not item.has_unpublished_changes


def test_a_form_that_failed_and_came_back_still_creates_once(admin_client):
    token = uuid.uuid4()
    failed = admin_client.post(
        ITEM_ADD, with_token(item_form(summary="", **{"action-publish": "1"}), token)
    )
    assert failed.status_code == 200 and not NewsFeedItem.objects.exists()
    assert token_in(failed.content.decode()) == str(token)  # the form keeps its token
    assert admin_client.post(ITEM_ADD, with_token(item_form(), token), headers=JSON).json()[
        "success"
    ]
    published = admin_client.post(ITEM_ADD, with_token(item_form(**{"action-publish": "1"}), token))
    assert published.status_code == 302
    assert NewsFeedItem.objects.get().live


def test_another_editors_token_is_refused(admin_client, client, django_user_model):
    token = uuid.uuid4()
    admin_client.post(ITEM_ADD, with_token(item_form(), token), headers=JSON)
    editor = django_user_model.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    other = Client()
    other.force_login(editor)
    response = other.post(
        ITEM_ADD, with_token(item_form(headline="Not mine", **{"action-publish": "1"}), token)
    )
    # Refused as the admin refuses anything not allowed: back to the dashboard.
    assert (response.status_code, response.url) == (302, "/admin/")
    item = NewsFeedItem.objects.get()
    assert item.headline == "Iron Bridge closed" and not item.live


def test_a_malformed_token_is_a_400(admin_client):
    response = admin_client.post(ITEM_ADD, {**item_form(), "create_token": "not-a-uuid"})
    assert response.status_code == 400
    assert not NewsFeedItem.objects.exists()


def test_a_form_without_a_token_creates_as_wagtail_does(admin_client):
    assert admin_client.post(ITEM_ADD, item_form()).status_code == 302
    assert admin_client.post(ITEM_ADD, item_form()).status_code == 302
    assert NewsFeedItem.objects.count() == 2


def test_tokens_are_forgotten_after_a_day_by_the_worker_clock(admin_client, django_user_model):
    admin_client.post(ITEM_ADD, with_token(item_form(), uuid.uuid4()), headers=JSON)
    admin_client.post(ITEM_ADD, with_token(item_form(), uuid.uuid4()), headers=JSON)
    CreateToken.objects.filter(pk=CreateToken.objects.order_by("created_at").first().pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1, seconds=1)
    )
    autodiscover_modules("periodic")
    job = periodic._jobs["editorial.periodic.forget_create_tokens"]
    job.func()
    assert CreateToken.objects.count() == 1
    assert services.create_tokens_forget() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_request_with_the_token_waits_for_the_one_creating_and_edits_its_object(
    django_user_model,
):
    """Two requests of one form at the same moment: the second waits on the token's row
    until the first has committed its object, then edits it (PostgreSQL; on SQLite the
    whole create view holds the write lock, so they cannot overlap at all)."""
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    token, first_inside, go_on = uuid.uuid4(), threading.Event(), threading.Event()
    record = services.create_token_record

    def slow_record(**kwargs):
        record(**kwargs)
        first_inside.set()  # the object exists, uncommitted
        assert go_on.wait(60)

    def post(data, results, **kwargs):
        client = Client()
        client.force_login(boss)
        results.append(client.post(ITEM_ADD, with_token(data, token), **kwargs).status_code)
        connection.close()

    autosaved, published = [], []
    services.create_token_record = slow_record
    try:
        first = threading.Thread(
            target=post, args=(item_form(), autosaved), kwargs={"headers": JSON}
        )
        first.start()
        assert first_inside.wait(60)
        services.create_token_record = record
        second = threading.Thread(
            target=post, args=(item_form(**{"action-publish": "1"}), published)
        )
        second.start()
        with connection.cursor() as cursor:  # until the second waits on the first's lock
            deadline = timezone.now() + datetime.timedelta(seconds=60)
            while True:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                )
                if cursor.fetchone()[0]:
                    break
                assert timezone.now() < deadline, "the second request never waited"
        go_on.set()
        first.join(60)
        second.join(60)
    finally:
        services.create_token_record = record
        go_on.set()
    assert (autosaved, published) == ([200], [302])
    item = NewsFeedItem.objects.get()
    assert item.live and not item.has_unpublished_changes
