import datetime as dt

import pytest

from articles.models import RelatedArticleChoice
from articles.related import related_articles
from testkit import builders

BASE = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def business(home):
    return builders.make_section(home, title="Business")


def story(section, author, title, *, tags=(), standfirst="Something happened.", days=0, **kw):
    return builders.make_article(
        section,
        authors=[author],
        title=title,
        standfirst=standfirst,
        tags=tags,
        published_at=BASE - dt.timedelta(days=days),
        **kw,
    )


def test_shared_tags_and_wording_rank_first_never_itself(section, business, author):
    article = story(section, author, "Grain exports rise on the river", tags=["Grain", "Shipping"])
    unrelated_new = story(business, author, "Bakery opens downtown")
    same_tags = story(business, author, "Port fees cut", tags=["Grain", "Shipping"], days=3)
    similar_words = story(section, author, "River grain exports slow", days=10)
    result = related_articles(article)
    assert article not in result
    assert result[:2] == [same_tags, similar_words]
    assert unrelated_new in result  # recent news fills the rest


def test_articles_teased_in_the_body_are_not_repeated(section, author):
    teased = story(section, author, "Grain harbour reopens", tags=["Grain"])
    article = story(
        section,
        author,
        "Grain harbour busy",
        tags=["Grain"],
        body=[("related_article", {"article": teased})],
    )
    assert teased not in related_articles(article)


def test_editors_choices_come_first_in_their_order(section, business, author):
    article = story(section, author, "Grain harbour busy", tags=["Grain"])
    story(section, author, "Grain prices", tags=["Grain"])
    first, second = story(business, author, "Choice one"), story(business, author, "Choice two")
    RelatedArticleChoice.objects.create(page=article, article=second, sort_order=0)
    RelatedArticleChoice.objects.create(page=article, article=first, sort_order=1)
    article.refresh_from_db()
    result = related_articles(article, limit=3)
    assert result[:2] == [second, first]
    assert result[2].title == "Grain prices"


def test_unpublished_choice_is_skipped(section, author):
    article = story(section, author, "Main")
    gone = story(section, author, "Gone")
    RelatedArticleChoice.objects.create(page=article, article=gone, sort_order=0)
    gone.unpublish()
    assert gone not in related_articles(article)


def test_related_block_on_article_page(client, section, author):
    article = story(section, author, "Grain harbour busy", tags=["Grain"])
    other = story(section, author, "Grain prices climb", tags=["Grain"])
    html = client.get(article.url).content.decode()
    related = html[html.index('class="related"') :]
    assert f'href="{other.url}"' in related
