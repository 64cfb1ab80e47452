import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from testkit import builders


def headlines(response):
    assert response.status_code == 200
    return re.findall(
        r'class="row__headline"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def newsroom(section, author):
    """Three published articles, a draft and a private article."""
    reporter = builders.make_author(name="Zelda Quinlan")
    builders.make_article(
        section,
        authors=[author, reporter],
        title="Harvest festival opens",
        standfirst="Farmers gather in the square.",
        body=[("paragraph", "<p>The grain silos overflowed this autumn.</p>")],
        tags=["Agriculture"],
    )
    builders.make_article(
        section,
        authors=[author],
        title="Metro line reopens",
        standfirst="Trains run again.",
        body=[("paragraph", "<p>Engineers replaced the signalling.</p>")],
        tags=["Transport"],
    )
    builders.make_article(section, authors=[reporter], title="Harvest draft", publish=False)
    private_section = builders.make_section(section.get_parent(), title="Staff")
    builders.make_article(private_section, authors=[reporter], title="Harvest memo")
    PageViewRestriction.objects.create(page=private_section, restriction_type="login")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("harvest", ["Harvest festival opens"]),  # headline
        ("farmers", ["Harvest festival opens"]),  # standfirst
        ("silos", ["Harvest festival opens"]),  # body
        ("signalling", ["Metro line reopens"]),  # body
        ("Quinlan", ["Harvest festival opens"]),  # the second author
        ("zelda quinlan", ["Harvest festival opens"]),
        ("agriculture", ["Harvest festival opens"]),  # tag
        ("transport", ["Metro line reopens"]),  # tag
        ("grain silos", ["Harvest festival opens"]),
        ('"grain silos"', ["Harvest festival opens"]),
        ("grain signalling", []),  # every word must match
    ],
)
def test_search_finds_published_articles_by_every_field(client, newsroom, query, found):
    assert headlines(client.get("/search/", {"q": query})) == found


def test_author_name_matches_both_articles(client, newsroom):
    assert sorted(headlines(client.get("/search/", {"q": "Bondar"}))) == [
        "Harvest festival opens",
        "Metro line reopens",
    ]


def test_drafts_and_private_articles_are_never_found(client, newsroom):
    html = client.get("/search/", {"q": "harvest"}).content.decode()
    assert "Harvest draft" not in html and "Harvest memo" not in html


def test_result_shows_section_date_and_highlighted_body_excerpt(client, section, newsroom):
    html = client.get("/search/", {"q": "silos"}).content.decode()
    assert '<p class="kicker">World</p>' in html
    assert "<time datetime=" in html
    assert "The grain <mark>silos</mark> overflowed this autumn." in html
    assert "1 result for “silos”" in html


def test_excerpt_escapes_editor_text(client, section, author):
    builders.make_article(
        section,
        authors=[author],
        title="Markup",
        standfirst="Nothing here.",
        body=[("paragraph", "<p>&lt;script&gt;alert(1)&lt;/script&gt; tokens</p>")],
    )
    html = client.get("/search/", {"q": "tokens"}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>tokens</mark>" in html
    assert "<script>alert" not in html


def test_empty_query_shows_the_search_form(client, newsroom):
    response = client.get("/search/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form class="search-form" role="search"' in html
    assert '<label for="search-query">' in html
    assert "result" not in html.split("</form>", 2)[2]


def test_search_page_is_not_indexed(client, home):
    assert '<meta name="robots" content="noindex">' in client.get("/search/?q=x").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "%",
        "%%",
        "' OR 1=1 --",
        "AND",
        "OR",
        "NOT",
        "*",
        "harvest*",
        "-harvest",
        "NEAR(harvest festival)",
        "🙂",
        "🙂 harvest",
        "\\",
        "a:b",
        "(",
        "{x}",
        "^",
        "     ",
        "x" * 5000,
    ],
)
def test_odd_input_gives_a_normal_page(client, newsroom, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert '<form class="search-form"' in response.content.decode()


@pytest.mark.parametrize("query", ["\x00", "harvest\x00"])
def test_nul_in_the_query_is_a_clean_400(client, newsroom, query):
    # Refused before the search runs (core/bad_input.py): PostgreSQL refuses NUL in text.
    assert client.get("/search/", {"q": query}).status_code == 400


def test_long_query_is_truncated(client, newsroom):
    html = client.get("/search/", {"q": "harvest " + "y" * 500}).content.decode()
    value = re.search(r'id="search-query" type="search" name="q" value="([^"]*)"', html).group(1)
    assert len(value) == 200 and value.startswith("harvest yyy")


def test_query_is_escaped_in_the_page(client, home):
    html = client.get("/search/", {"q": '<script>"x"</script>'}).content.decode()
    assert "<script>" not in html
    assert "&lt;script&gt;&quot;x&quot;&lt;/script&gt;" in html


def test_results_are_paginated_and_keep_the_query(client, section, author, settings):
    settings.MASTHEAD_PAGE_SIZE = 2
    for i in range(3):
        builders.make_article(section, authors=[author], title=f"Grain report {i}")
    first = client.get("/search/", {"q": "grain"})
    assert len(headlines(first)) == 2
    assert 'href="?q=grain&amp;page=2"' in first.content.decode()
    assert len(headlines(client.get("/search/", {"q": "grain", "page": "2"}))) == 1
    # Anything but a page number is a 404, as on every listing (core/pagination.py).
    for page in ("x", "02", "9"):
        assert client.get("/search/", {"q": "grain", "page": page}).status_code == 404, page


def test_header_has_a_search_form_after_the_skip_link(client, home):
    html = client.get(home.url).content.decode()
    form = re.search(
        r'<form class="site-search" role="search" aria-label="Site search" action="/search/"[^>]*>',
        html,
    )
    assert form and 'method="get"' in form.group()
    assert '<label class="visually-hidden" for="site-search-q">' in html
    focusable = re.findall(r"<(?:a|input|button|select|textarea)\b[^>]*>", html)
    assert 'class="skip-link"' in focusable[0]
    assert html.index(focusable[0]) < form.start()


def test_search_queries_do_not_grow_with_results_shown(
    client, section, author, settings, django_assert_num_queries
):
    settings.MASTHEAD_PAGE_SIZE = 20

    def make(n):
        for _ in range(n):
            target = builders.make_article(section, authors=[author], title="Teased")
            builders.make_article(
                section,
                authors=[author, builders.make_author()],
                title="Grain exports",
                tags=["grain"],
                lead_image=builders.make_image(),
                body=[
                    ("paragraph", "<p>Ships carry grain.</p>"),
                    ("image", {"image": builders.make_image(), "caption": "Port"}),
                    ("related_article", {"article": target}),
                ],
            )

    make(1)
    client.get("/search/", {"q": "grain"})
    with CaptureQueriesContext(connection) as few:
        assert len(headlines(client.get("/search/", {"q": "grain"}))) == 1
    few_count = len(few)
    make(5)
    client.get("/search/", {"q": "grain"})
    with django_assert_num_queries(few_count):
        assert len(headlines(client.get("/search/", {"q": "grain"}))) == 6
