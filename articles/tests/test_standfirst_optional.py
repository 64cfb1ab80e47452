"""The standfirst is optional: an article without one is published from the admin, and every
place that summarises it falls back (search description, else the start of the first
paragraph) without ever showing an empty element."""

import json
import re
from html import unescape

import feedparser
import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage
from articles.summary import SUMMARY_LENGTH, trim_at_word
from testkit import builders

FIRST = (
    "Engineers closed the Kestra dam's spillway on Monday after divers found cracks in two of "
    "its five gates, and the water board said repairs would take most of the winter, during "
    "which the lake will be kept four metres lower than usual to take the load off the wall."
)
BODY = [("paragraph", f"<p>{FIRST}</p>"), ("paragraph", "<p>Fishing is banned meanwhile.</p>")]


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )


@pytest.fixture
def without_standfirst(section, author):
    return builders.make_article(
        section, authors=[author], title="Dam repairs begin", standfirst="", body=BODY
    )


def test_trim_at_word_keeps_whole_words():
    assert trim_at_word("Short enough.", 20) == "Short enough."
    assert trim_at_word("The lake will be kept lower", 16) == "The lake will…"
    assert trim_at_word("The lake, kept lower", 10) == "The lake…"  # no dangling comma
    assert trim_at_word("Supercalifragilistic", 10) == "Supercali…"  # one giant word


def test_an_editor_publishes_an_article_without_a_standfirst(admin_client, section, author):
    data = nested_form_data(
        {
            "title": "No standfirst here",
            "slug": "no-standfirst-here",
            "standfirst": "",
            "lead_image_caption": "",
            "lead_image_credit": "",
            "article_authors": inline_formset([{"author": author.pk, "ORDER": "1"}]),
            "body": streamfield([("paragraph", rich_text(f"<p>{FIRST}</p>"))]),
            "tags": "",
            "related_choices": inline_formset([]),
            "corrections": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/articles/articlepage/{section.pk}/", data)
    assert response.status_code == 302, re.findall(r"error-message.{0,300}", response.text, re.S)
    article = ArticlePage.objects.get(slug="no-standfirst-here")
    assert article.live and article.standfirst == ""


def test_article_page_shows_no_empty_standfirst_and_describes_itself(client, without_standfirst):
    html = html_of(client, without_standfirst.url)
    assert "article__standfirst" not in html
    summary = trim_at_word(FIRST, SUMMARY_LENGTH)
    assert summary.endswith("…") and len(summary) <= SUMMARY_LENGTH
    assert summary.startswith("Engineers closed the Kestra dam's spillway")
    escaped = summary.replace("'", "&#x27;")
    assert f'<meta name="description" content="{escaped}">' in html
    assert f'<meta property="og:description" content="{escaped}">' in html
    assert json_ld(html)["description"] == summary
    # Readers see the first paragraph once, in the body; the rest is for machines (three
    # meta tags and the JSON-LD).
    assert html.count("Engineers closed the Kestra") == 1 + 4


def test_search_description_comes_before_the_first_paragraph(client, without_standfirst):
    without_standfirst.search_description = "Divers found cracks in the dam's gates."
    without_standfirst.save_revision().publish()
    html = html_of(client, without_standfirst.url)
    assert (
        '<meta name="description" content="Divers found cracks in the dam&#x27;s gates.">' in html
    )
    assert json_ld(html)["description"] == "Divers found cracks in the dam's gates."
    card = html_of(client, without_standfirst.get_parent().url)
    assert '<p class="card__standfirst">Divers found cracks in the dam&#x27;s gates.</p>' in card


def test_a_written_standfirst_still_leads(client, section, author):
    article = builders.make_article(
        section, authors=[author], title="Dam", standfirst="Cracks found.", body=BODY
    )
    article.search_description = "For search engines."
    article.save_revision().publish()
    html = html_of(client, article.url)
    assert '<p class="article__standfirst">Cracks found.</p>' in html
    assert '<meta name="description" content="For search engines.">' in html
    assert json_ld(html)["description"] == "Cracks found."
    assert '<p class="card__standfirst">Cracks found.</p>' in html_of(client, section.url)


def test_cards_show_the_start_of_the_first_paragraph(client, section, without_standfirst):
    html = html_of(client, section.url)
    card = re.search(r'<p class="card__standfirst">(.*?)</p>', html).group(1)
    assert card == trim_at_word(FIRST, SUMMARY_LENGTH).replace("'", "&#x27;")
    front = html_of(client, section.get_parent().url)
    assert "Engineers closed the Kestra dam" in front


def test_an_article_with_nothing_to_summarise_shows_no_empty_element(client, section, author):
    article = builders.make_article(
        section, authors=[author], title="Photo of the day", standfirst="", body=[]
    )
    html = html_of(client, article.url)
    assert "article__standfirst" not in html
    assert 'name="description"' not in html and 'property="og:description"' not in html
    assert "description" not in json_ld(html)
    assert "card__standfirst" not in html_of(client, section.url)
    feed = feedparser.parse(client.get("/rss/").content)
    (entry,) = feed.entries
    assert entry.title == "Photo of the day" and "summary" not in entry


def test_feed_description_falls_back_to_the_first_paragraph(client, without_standfirst):
    feed = feedparser.parse(client.get("/rss/").content)
    assert not feed.bozo
    (entry,) = feed.entries
    # <description> is HTML, as readers render it.
    assert unescape(entry.summary) == trim_at_word(FIRST, SUMMARY_LENGTH)


def test_teaser_shows_the_summary_of_an_article_without_a_standfirst(
    client, section, author, without_standfirst
):
    article = builders.make_article(
        section,
        authors=[author],
        title="Lake lowered",
        body=[("related_article", {"article": without_standfirst})],
    )
    html = html_of(client, article.url)
    teaser = re.search(r'<span class="teaser__standfirst">(.*?)</span>', html).group(1)
    assert teaser.startswith("Engineers closed the Kestra dam")


def test_word_count_and_reading_time_count_no_standfirst(section, author):
    article = builders.make_article(
        section, authors=[author], title="Two words", standfirst="", body=BODY
    )
    assert article.word_count == 2 + len(FIRST.split()) + 4
