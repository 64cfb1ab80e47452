"""An editor's correction shows on the article with its date, and /corrections/ lists them."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from articles.models import ArticleCorrection
from editorial.tests.test_roles import article_form
from testkit import builders

pytestmark = pytest.mark.django_db

NOTE = "An earlier version said the bridge opened in 1926. It opened in 1962."


@pytest.fixture
def article(section, author):
    return builders.make_article(section, authors=[author], title="Bridge reopens")


def correct(article, note=NOTE, when=None, publish=True):
    page = article.get_latest_revision_as_object()
    page.corrections.add(ArticleCorrection(note=note, corrected_at=when or timezone.now()))
    revision = page.save_revision()
    if publish:
        revision.publish()
    article.refresh_from_db()
    return article


def test_an_editor_adds_a_correction_in_the_admin_and_readers_see_it_dated(client, article, author):
    editor = User.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    data = article_form(author, title="Bridge reopens", action="publish", article=article)
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-INITIAL_FORMS": "0",
            "corrections-MIN_NUM_FORMS": "0",
            "corrections-MAX_NUM_FORMS": "1000",
            "corrections-0-corrected_at": "2026-11-30 09:15",
            "corrections-0-note": NOTE,
            "corrections-0-ORDER": "1",
            "corrections-0-id": "",
            "corrections-0-DELETE": "",
        }
    )
    response = client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    article.refresh_from_db()

    html = client.get(article.url).content.decode()
    header, _, rest = html.partition('class="article__body"')
    assert '<a href="#corrections">This article has been corrected</a>' in header
    section = re.search(r'<section class="corrections" id="corrections".*?</section>', rest, re.S)
    assert section, "correction box missing below the body"
    assert "November 30, 2026 9:15 AM" in section.group(0)
    assert NOTE in section.group(0)


def test_a_draft_correction_is_not_shown_until_published(client, article):
    correct(article, publish=False)
    assert NOTE not in client.get(article.url).content.decode()
    assert NOTE not in client.get("/corrections/").content.decode()


def test_an_article_without_corrections_shows_no_notice(client, article):
    html = client.get(article.url).content.decode()
    assert "corrected" not in html and 'id="corrections"' not in html


def test_corrections_page_lists_newest_first_with_links(client, section, author, article):
    other = builders.make_article(section, authors=[author], title="Budget vote delayed")
    correct(article, when=timezone.now() - datetime.timedelta(days=3))
    correct(other, note="The vote is on Friday, not Thursday.")
    response = client.get("/corrections/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Budget vote delayed") < html.index("Bridge reopens")
    assert f'href="{article.url}"' in html and f'href="{other.url}"' in html
    assert "The vote is on Friday, not Thursday." in html
    assert '<a href="/corrections/">Corrections</a>' in html  # linked from every footer


def test_corrections_of_unpublished_articles_are_not_listed(client, article):
    correct(article)
    article.unpublish()
    assert NOTE not in client.get("/corrections/").content.decode()


def test_notes_are_text_not_markup(client, article):
    correct(article, note='<script>alert("x")</script> fixed')
    html = client.get(article.url).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_publishing_a_correction_refreshes_cached_pages(
    client, article, page_cache, django_capture_on_commit_callbacks
):
    for url in (article.url, "/corrections/"):
        client.get(url)
        assert client.get(url)["X-Masthead-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        correct(article)
    assert NOTE in client.get(article.url).content.decode()
    assert NOTE in client.get("/corrections/").content.decode()


def test_a_bad_page_number_is_a_404_not_a_500(client):
    assert client.get("/corrections/?page=99").status_code == 404
    assert client.get("/corrections/?page=x").status_code == 404
