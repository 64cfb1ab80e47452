"""A newsletter issue's card for a gated article quotes its preview, never the rest."""

import pytest

from articles.access import Access
from articles.models import ArticlePage
from mailing import rendering
from mailing.models import IssueArticle
from testkit import builders

pytestmark = pytest.mark.django_db

GATED = "Only members learn that the ferry contract was cancelled."


def test_a_gated_articles_card_shows_nothing_of_its_gated_part(
    issue, section, author, mailing_settings
):
    article = builders.make_article(
        section,
        authors=[author],
        title="Ferry contract",
        standfirst="",
        body=[("preview_end", None), ("paragraph", f"<p>{GATED}</p>")],
    )
    ArticlePage.objects.filter(pk=article.pk).update(access=Access.PAID)
    IssueArticle.objects.create(issue=issue, article=article, sort_order=0)
    rendered = rendering.issue_render(issue)
    assert "Ferry contract" in rendered.html and "Ferry contract" in rendered.text
    assert "ferry contract was cancelled" not in rendered.html + rendered.text
