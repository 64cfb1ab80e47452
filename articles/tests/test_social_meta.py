"""Editors' own words for search engines and social networks (Ghost's meta data, Facebook
and X cards, canonical URL): each replaces its default in the page's tags, and a page without
them keeps the headline, summary and its own address."""

import re

import pytest

from articles.models import InfoPage
from testkit import builders


def meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return found and found.group(1)


def canonical(html):
    return re.search(r'<link rel="canonical" href="([^"]*)"', html).group(1)


@pytest.mark.django_db
def test_article_uses_its_social_words_and_canonical_url(client, section, author):
    article = builders.make_article(
        section,
        authors=[author],
        title="Floodwall opens",
        canonical_url="https://original.example/floodwall",
        og_title="The floodwall is open",
        og_description="After six years, the river wall is done.",
        twitter_title="Floodwall: done",
        twitter_description="Six years, one wall.",
        og_image=builders.make_image(),
    )

    html = client.get(article.url).content.decode()

    assert canonical(html) == "https://original.example/floodwall"
    assert meta(html, "property", "og:url") == "https://original.example/floodwall"
    assert meta(html, "property", "og:title") == "The floodwall is open"
    assert meta(html, "property", "og:description") == "After six years, the river wall is done."
    assert meta(html, "name", "twitter:title") == "Floodwall: done"
    assert meta(html, "name", "twitter:description") == "Six years, one wall."
    assert meta(html, "property", "og:image").startswith("http://testserver/")
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert '"@id": "https://original.example/floodwall"' in html


@pytest.mark.django_db
def test_article_without_them_keeps_its_defaults(client, section, author):
    article = builders.make_article(section, authors=[author], title="Quiet day")

    html = client.get(article.url).content.decode()

    assert canonical(html) == f"http://testserver{article.url}"
    assert meta(html, "property", "og:title") == "Quiet day"
    assert meta(html, "name", "twitter:title") == "Quiet day"
    assert meta(html, "property", "og:image") is None


@pytest.mark.django_db
def test_info_page_uses_its_social_words(client, home):
    page = home.add_child(
        instance=InfoPage(
            title="About us",
            slug="about",
            og_title="Who runs the Ledger",
            twitter_image=builders.make_image(),
        )
    )
    page.save_revision().publish()

    html = client.get("/about/").content.decode()

    assert meta(html, "property", "og:title") == "Who runs the Ledger"
    assert meta(html, "name", "twitter:image").startswith("http://testserver/")
    assert meta(html, "property", "og:image") is None
