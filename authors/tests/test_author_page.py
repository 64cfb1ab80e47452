import datetime as dt

import pytest

from authors.models import AuthorLink
from testkit import builders


@pytest.fixture
def bylines(section, author):
    other = builders.make_author(name="Someone Else")
    base = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    return {
        "older": builders.make_article(
            section, authors=[author], title="Older story", published_at=base
        ),
        "newer": builders.make_article(
            section,
            authors=[other, author],
            title="Newer story",
            published_at=base + dt.timedelta(days=1),
        ),
        "draft": builders.make_article(section, authors=[author], title="Draft", publish=False),
        "theirs": builders.make_article(section, authors=[other], title="Not hers"),
    }


def test_author_page_lists_published_articles_newest_first(client, author, bylines):
    response = client.get(f"/author/{author.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Olha Bondar" in html and "Reporter" in html
    assert html.index("Newer story") < html.index("Older story")
    assert "Draft" not in html and "Not hers" not in html


def test_author_page_paginates(client, author, bylines, settings):
    settings.MASTHEAD_PAGE_SIZE = 1
    html = client.get(f"/author/{author.slug}/", {"page": 2}).content.decode()
    assert "Older story" in html and "Newer story" not in html


def test_unpublished_or_unknown_author_is_404(client, home):
    hidden = builders.make_author(name="Hidden", live=False)
    assert client.get(f"/author/{hidden.slug}/").status_code == 404
    assert client.get("/author/nobody/").status_code == 404


def test_author_links_are_shown(client, author, home):
    AuthorLink.objects.create(author=author, label="Email", url="https://example.org/olha")
    html = client.get(f"/author/{author.slug}/").content.decode()
    assert '<a href="https://example.org/olha" rel="me noopener">Email</a>' in html
