"""Listings and error pages: each page of a listing at one URL, anything else a styled 404."""

import pytest

from testkit import builders


@pytest.fixture
def many_articles(section, author, settings):
    settings.MASTHEAD_PAGE_SIZE = 2
    return [builders.make_article(section, authors=[author], title=f"Story {i}") for i in range(5)]


def listing_urls(home, section, author):
    return [
        home.url,
        section.url,
        author.get_absolute_url(),
        "/tag/rail/",
        "/news-feed/",
        "/corrections/",
    ]


# Every form of a page number but the plain one (int() takes most: a full-width 1, " 2"),
# and numbers past the last page.
NOT_A_PAGE = [
    "abc", "", "01", "02", "0", "-1", "+2", "1.0", "1.5", "2e0", " 2", "2 ", "\uff11", "99999",
    "9" * 5000, "%00", "' OR 1=1 --",
]  # fmt: skip


@pytest.mark.parametrize("page", NOT_A_PAGE)
def test_anything_but_a_page_number_is_a_404_on_every_listing(
    client, home, section, author, many_articles, page
):
    many_articles[0].tags.add("Rail")
    many_articles[0].save_revision().publish()
    for url in listing_urls(home, section, author):
        response = client.get(url, {"page": page})
        assert response.status_code == 404, (url, page)
        assert "Page not found" in response.content.decode()


def test_a_page_asked_for_twice_is_a_404(client, home, section, author, many_articles):
    for url in listing_urls(home, section, author):
        assert client.get(url, {"page": ["1", "2"]}).status_code == 404, url
        assert client.get(url, {"page": ["2", "2"]}).status_code == 404, url


def test_each_page_of_a_listing_answers_at_its_number(client, home, section, author, many_articles):
    # Nine articles, two a page: five on the section's first pages, and on the front page the
    # top five, then four in "More news".
    for i in range(5, 9):
        builders.make_article(section, authors=[author], title=f"Story {i}")
    for page in ("1", "2", "3", "4", "5"):
        assert "Story" in client.get(section.url, {"page": page}).content.decode(), page
    assert client.get(section.url, {"page": "6"}).status_code == 404
    for page in ("1", "2"):
        assert client.get(home.url, {"page": page}).status_code == 200, page
    assert client.get(home.url, {"page": "3"}).status_code == 404


def test_listings_paginate_newest_first(client, section, many_articles):
    page_one = client.get(section.url).content.decode()
    page_two = client.get(section.url, {"page": 2}).content.decode()
    assert page_one.index("Story 4") < page_one.index("Story 3")
    assert "Story 2" not in page_one and "Story 2" in page_two
    assert 'rel="next" href="?page=2"' in page_one


def test_unknown_url_gives_styled_404(client, home):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'class="skip-link"' in html


def test_section_page_lists_only_its_articles(client, home, section, author, many_articles):
    other = builders.make_section(home, title="Business")
    builders.make_article(other, authors=[author], title="Bank rates hold")
    assert "Bank rates hold" not in client.get(section.url).content.decode()
    assert "Bank rates hold" in client.get(other.url).content.decode()


def test_header_navigation_lists_live_sections(client, home, section):
    html = client.get(home.url).content.decode()
    assert f'<a href="{section.url}">World</a>' in html


def test_anonymous_listings_set_no_cookie_and_carry_no_csrf_token(
    client, home, section, author, many_articles
):
    for url in [home.url, section.url, author.get_absolute_url(), "/no/such/page/"]:
        response = client.get(url)
        assert not response.cookies, url
        assert "csrfmiddlewaretoken" not in response.content.decode(), url
