import pytest
from wagtail.rich_text import RichText

from content_api.models import ContentAPIKey
from testkit import builders

API = "/ghost/api/content"


@pytest.fixture
def api_key(db):
    return ContentAPIKey.objects.create(name="Front end").key


@pytest.fixture
def api(client, api_key):
    """GET an API path with the key; returns the response."""

    def get(path, **query):
        return client.get(f"{API}/{path}", {"key": api_key, **query})

    return get


def paragraph(text):
    return ("paragraph", RichText(f"<p>{text}</p>"))


@pytest.fixture
def newsroom(home, section, author):
    """Three published articles: one tagged, one paid with a preview, one for members."""
    from articles.models import ArticlePage

    opinion = builders.make_section(home, title="Opinion")
    tagged = builders.make_article(
        section,
        authors=[author],
        title="Floods reach the dam",
        standfirst="The river rose overnight.",
        body=[paragraph("First words."), ("subheading", "More"), paragraph("Second words.")],
        tags=["floods", "#internal"],
    )
    paid = builders.make_article(
        opinion,
        authors=[author],
        title="Why the dam matters",
        standfirst="",
        body=[paragraph("Free part."), ("preview_end", None), paragraph("Paid part.")],
    )
    ArticlePage.objects.filter(pk=paid.pk).update(access="paid")
    members = builders.make_article(
        section,
        authors=[builders.make_author(name="Taras Melnyk")],
        title="Members only",
        body=[paragraph("Secret words.")],
    )
    ArticlePage.objects.filter(pk=members.pk).update(access="members")
    return {"tagged": tagged, "paid": paid, "members": members, "opinion": opinion}
