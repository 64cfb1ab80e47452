"""Reads: what readers may see, and what each listing or page loads in bounded queries.

"Published" means live and not behind a view restriction; every listing starts from
``published_articles()`` so no view builds its own filter.
"""

from django.db.models import Prefetch
from wagtail.models import Page


def published_articles():
    from .models import ArticlePage

    return ArticlePage.objects.live().public()


def _with_card_data(queryset):
    """What an article card shows: lead image renditions and the ordered byline."""
    from .models import ArticleAuthor

    return queryset.select_related("lead_image").prefetch_related(
        "lead_image__renditions",
        Prefetch(
            "article_authors",
            queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
        ),
    )


def article_list(*, section=None, author=None, tag=None):
    """Published articles, newest first, optionally of one section, author or tag."""
    articles = published_articles()
    if section is not None:
        articles = articles.child_of(section)
    if author is not None:
        articles = articles.filter(article_authors__author=author)
    if tag is not None:
        articles = articles.filter(tagged__tag=tag)
    return _with_card_data(articles).order_by("-first_published_at", "-pk")


def article_list_for_author(*, author):
    return article_list(author=author)


def attach_sections(articles):
    """Give each article its ``section`` (parent page) with one query for the whole list."""
    articles = list(articles)
    parent_paths = {article.path[: -Page.steplen] for article in articles}
    sections = {page.path: page for page in Page.objects.filter(path__in=parent_paths)}
    for article in articles:
        article.section = sections.get(article.path[: -Page.steplen])
    return articles


def teased_article_ids(article):
    """Ids of the articles an article's body teases, read from the raw stream (no queries)."""
    return [
        block["value"]["article"]
        for block in article.body.raw_data
        if block["type"] == "related_article" and block["value"].get("article")
    ]


def article_detail_context(*, article):
    """Everything the article page shows beyond its own fields, in a fixed number of queries."""
    teasers = {
        teaser.pk: teaser
        for teaser in _with_card_data(published_articles()).filter(
            pk__in=teased_article_ids(article)
        )
    }
    # Through the relation, not a fresh query, so previews show unsaved bylines too.
    credits = list(article.article_authors.select_related("author").order_by("sort_order"))
    return {
        "credits": credits,
        "tags": list(article.tags.order_by("name")),
        "section": article.get_parent(),
        "teasers": teasers,
    }


def nav_sections(*, request):
    """The live sections of the request's site, in the editors' tree order, for the header."""
    from wagtail.models import Site

    from .models import SectionPage

    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(SectionPage.objects.live().public().child_of(site.root_page).order_by("path"))
