# ruff: noqa: RUF001 - typographic quotes and dashes are what these tests are about
"""Multi-word tags read as editors wrote them: "Black Sea", never "\"Black Sea\"" (see
articles/tags.py)."""

import json
import re
from html import unescape

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from articles.models import ArticlePage
from articles.tags import tags_from_string
from testkit import builders


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("Black Sea,Rail", ["Black Sea", "Rail"]),  # what the tag box sends
        ("Black Sea", ["Black Sea"]),  # one tag of two words, not two tags
        ('"Black Sea", Rail', ["Black Sea", "Rail"]),  # taggit's old quoting
        ("“Black Sea”, ‘Left Bank’", ["Black Sea", "Left Bank"]),  # pasted typographic quotes
        ("'90s, Rock 'n' roll", ["'90s", "Rock 'n' roll"]),  # apostrophes stay
        ("  Black   Sea ,, rail, Rail ", ["Black Sea", "rail"]),  # one tag per name
        ('Kyiv "Dynamo"', ["Kyiv Dynamo"]),
        ("", []),
    ],
)
def test_tags_from_string(typed, names):
    assert tags_from_string(typed) == names


def tag_input(html):
    return re.search(r'<input[^>]*name="tags"[^>]*>', html).group(0)


def test_the_tag_box_shows_multi_word_tags_without_quotes(admin_client, section, author):
    article = builders.make_article(section, authors=[author], tags=["Black Sea", "Rail"])
    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    field = tag_input(html)
    assert 'value="Black Sea, Rail"' in field
    # Wagtail's tag box would wrap each new tag with a space in quotes: turned off.
    options = re.search(r'data-w-tag-options-value="([^"]+)"', field).group(1)
    options = json.loads(unescape(options))
    assert options["preprocessTag"] is None and options["allowSpaces"] is True
    assert "enclosed in double quotes" not in html
    assert "A tag may have several words" in html


def test_tags_saved_from_the_tag_box_show_on_the_site_as_typed(admin_client, section, author):
    data = nested_form_data(
        {
            "title": "Ferries return",
            "slug": "ferries-return",
            "standfirst": "Sailings resume.",
            "lead_image_caption": "",
            "lead_image_credit": "",
            "article_authors": inline_formset([{"author": author.pk, "ORDER": "1"}]),
            "body": streamfield([]),
            "tags": "Black Sea",  # the tag box sends one tag of two words as it is
            "related_choices": inline_formset([]),
            "corrections": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/articles/articlepage/{section.pk}/", data)
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="ferries-return")
    assert [tag.name for tag in article.tags.all()] == ["Black Sea"]
    html = unescape(admin_client.get(article.url).content.decode())
    assert re.search(r'rel="tag">Black Sea</a>', html)
    assert 'content="Black Sea"' in html  # article:tag
    tag_page = admin_client.get("/tag/black-sea/")
    assert tag_page.status_code == 200 and "<h1" in tag_page.content.decode()
    assert "Black Sea" in tag_page.content.decode()


def test_a_form_error_shows_the_tags_as_typed(admin_client, section):
    data = nested_form_data(
        {
            "title": "No byline",
            "slug": "no-byline",
            "article_authors": inline_formset([]),  # an error: an author is required
            "body": streamfield([]),
            "tags": "Black Sea,Rail",
            "related_choices": inline_formset([]),
            "corrections": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/articles/articlepage/{section.pk}/", data)
    assert response.status_code == 200
    assert 'value="Black Sea, Rail"' in tag_input(unescape(response.content.decode()))
