# ruff: noqa: RUF001 - typographic quotes and dashes are what these tests are about
"""A headline pasted with typographic quotes and dashes finds the article typed with plain ones,
and the other way round: in the admin's page chooser and in the readers' search."""

import re
from html import unescape

import pytest

from core.text import plain_typography
from search.query import backend_query
from testkit import builders

CURLY = "Dam’s repairs — begin"
PLAIN = "Dam's repairs - begin"


def chooser_titles(client, query):
    """The titles the admin's page chooser offers for ``query``."""
    response = client.get(
        "/admin/choose-page/search/", {"q": query, "page_type": "articles.articlepage"}
    )
    assert response.status_code == 200
    return re.findall(r'class="choose-page"[^>]*>([^<]+)</a>', unescape(response.text))


def search_headlines(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return re.findall(r'class="row__headline"><a href="[^"]+">([^<]+)</a>', unescape(response.text))


@pytest.mark.parametrize("headline", [CURLY, PLAIN])
@pytest.mark.parametrize("query", [CURLY, PLAIN, "Dam’s repairs", "Dam's", "repairs — begin"])
def test_page_chooser_finds_a_headline_whatever_its_quotes_and_dashes(
    admin_client, section, author, headline, query
):
    builders.make_article(section, authors=[author], title=headline)
    builders.make_article(section, authors=[author], title="Dam opens to visitors")
    assert chooser_titles(admin_client, query) == [headline]


@pytest.mark.parametrize("headline", [CURLY, PLAIN])
@pytest.mark.parametrize("query", [CURLY, PLAIN, "Dam’s repairs", "dam's repairs —"])
def test_readers_search_finds_a_headline_whatever_its_quotes_and_dashes(
    client, section, author, headline, query
):
    builders.make_article(section, authors=[author], title=headline)
    builders.make_article(section, authors=[author], title="Dam opens to visitors")
    assert search_headlines(client, query) == [headline]


@pytest.mark.parametrize(
    ("headline", "query"),
    [("“Quoted” in the headline", '"Quoted" in the'), ('"Quoted" in the headline', "«Quoted» in")],
)
def test_double_quotes_of_any_kind_match(admin_client, section, author, headline, query):
    builders.make_article(section, authors=[author], title=headline)
    assert chooser_titles(admin_client, query) == [headline]


def test_body_text_with_typographic_quotes_is_found_by_plain_words(client, section, author):
    builders.make_article(
        section,
        authors=[author],
        title="Spillway closed",
        body=[("paragraph", "<p>The water board’s engineer — Ivan Petrenko — said so.</p>")],
    )
    assert search_headlines(client, "board's engineer") == ["Spillway closed"]


def test_a_query_of_punctuation_alone_finds_nothing_and_fails_nothing(
    admin_client, client, section, author
):
    builders.make_article(section, authors=[author], title=PLAIN)
    assert chooser_titles(admin_client, "— “ ’") == []
    assert search_headlines(client, "— “ ’") == []


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("Dam’s repairs — begin", "Dam's repairs - begin"),
        ("‘single’ “double” „low“ «guillemets»", '\'single\' "double" "low" "guillemets"'),
        ("2020–2024, non‑breaking, minus −3", "2020-2024, non-breaking, minus -3"),
    ],
)
def test_plain_typography(typed, plain):
    assert plain_typography(typed) == plain


def test_backend_query_drops_words_of_punctuation_alone():
    assert backend_query("Dam’s repairs — begin") == "Dam's repairs begin"
    assert backend_query("  “ — ”  ") == ""
