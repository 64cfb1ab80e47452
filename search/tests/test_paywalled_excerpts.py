"""Search finds a gated article by any word of it, but its excerpt quotes only the preview."""

import re

import pytest

from articles.access import Access
from articles.models import ArticlePage
from testkit import builders

pytestmark = pytest.mark.django_db

GATED = "Only members learn that the zeppelin hangar will close."


def test_a_gated_article_is_found_but_its_excerpt_never_quotes_the_gated_part(
    client, section, author
):
    article = builders.make_article(
        section,
        authors=[author],
        title="Hangar future",
        standfirst="The council decides.",
        body=[
            ("paragraph", "<p>The vote is on Friday.</p>"),
            ("preview_end", None),
            ("paragraph", f"<p>{GATED}</p>"),
        ],
    )
    ArticlePage.objects.filter(pk=article.pk).update(access=Access.MEMBERS)
    html = client.get("/search/?q=zeppelin").content.decode()
    assert "Hangar future" in html
    assert excerpts(html) == ["The council decides."]
    assert "hangar will close" not in html

    # Left as its section sets, in a section open to all: the snippet may quote the body.
    ArticlePage.objects.filter(pk=article.pk).update(access="")
    html = client.get("/search/?q=zeppelin").content.decode()
    assert "<mark>zeppelin</mark> hangar will close." in excerpts(html)[0]


def excerpts(html):
    return re.findall(r'<p class="search-result__excerpt">(.*?)</p>', html)
