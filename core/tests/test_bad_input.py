"""A NUL in the address is a clean 404 (path) or 400 (query), never a query that PostgreSQL
refuses with a 500 (core/bad_input.py); slugs in URLs are what Wagtail and taggit make."""

import pytest

from testkit import builders


@pytest.fixture
def site(client, section, author):
    builders.make_article(section, authors=[author], tags=["Elections", "Київ"])
    client.raise_request_exception = False
    return section


NUL_IN_PATH = [
    "/tag/a%00b/",
    "/tag/a%00b/rss/",
    "/tag/%00/",
    "/author/a%00b/",
    "/author/a%00b/rss/",
    "/rss/section/a%00b/",
    "/a%00b/",
    "/{section}a%00b/",
    "/{section}%00/",
    "/news-feed/1%00/",
    "/search/%00/",
    "/newsletters/confirm/a%00b/",
    "/newsletters/unsubscribe/a%00b/",
    "/newsletters/preferences/a%00b/",
    "/newsletters/issues/1%00/",
    "/sitemap-pages%00.xml",
]


@pytest.mark.parametrize("path", NUL_IN_PATH)
def test_nul_in_the_path_is_a_404(client, site, path):
    response = client.get(path.format(section=site.url.lstrip("/")))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


NUL_IN_QUERY = [
    "/search/?q=a%00b",
    "/search/?q=a&page=%00",
    "/?page=1%00",
    "/{section}?page=%00",
    "/tag/elections/?page=%00",
    "/tag/elections/rss/?x=%00",
    "/news-feed/?page=%00",
    "/news-feed/updates.json?since=%00",
    "/newsletters/?next=%00",
    "/rss/?a%00b=1",
    "/corrections/?page=%00",
]


@pytest.mark.parametrize("path", NUL_IN_QUERY)
def test_nul_in_the_query_is_a_400(client, site, path):
    response = client.get(path.format(section=site.url.lstrip("/")))
    assert response.status_code == 400
    assert response["Cache-Control"] == "private, no-store"


def test_a_sign_up_with_nul_in_its_query_is_a_400(client, site):
    response = client.post("/newsletters/signup/?source=%00", {"email": "reader@example.org"})
    assert response.status_code == 400


def test_tag_urls_take_the_slugs_taggit_makes_and_nothing_else(client, site):
    assert client.get("/tag/elections/").status_code == 200
    assert client.get("/tag/київ/").status_code == 200
    assert client.get("/tag/київ/rss/").status_code == 200
    for path in ["/tag/elections.json/", "/tag/elec%20tions/", "/tag/a'b/rss/"]:
        assert client.get(path).status_code == 404, path


def test_a_percent_escape_that_is_not_utf8_is_not_an_error(client, site):
    for path in ["/tag/%ff/", "/tag/%ED%A0%80/", "/search/?q=%ff%fe", "/search/?q=%ED%A0%80"]:
        assert client.get(path).status_code in {200, 404}, path
