"""Listings and error pages: pagination never 500s, unknown URLs get a styled 404."""

import pytest

from core import testing


@pytest.fixture
def many_articles(section, author, settings):
    settings.MASTHEAD_PAGE_SIZE = 2
    return [testing.make_article(section, authors=[author], title=f"Story {i}") for i in range(5)]


def listing_urls(home, section, author):
    return [home.url, section.url, author.get_absolute_url(), "/tag/rail/"]


@pytest.mark.parametrize("page", ["abc", "99999", "-1", "0", "1.5", "%00", "' OR 1=1 --"])
def test_bad_page_numbers_never_give_a_500(client, home, section, author, many_articles, page):
    many_articles[0].tags.add("Rail")
    many_articles[0].save_revision().publish()
    for url in listing_urls(home, section, author):
        response = client.get(url, {"page": page})
        assert response.status_code in (200, 404), (url, page)


def test_non_numeric_page_shows_first_page_and_past_the_end_is_404(client, section, many_articles):
    first = client.get(section.url, {"page": "abc"})
    assert first.status_code == 200 and "Story 4" in first.content.decode()
    missing = client.get(section.url, {"page": "99999"})
    assert missing.status_code == 404
    assert "Page not found" in missing.content.decode()


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
    other = testing.make_section(home, title="Business")
    testing.make_article(other, authors=[author], title="Bank rates hold")
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
