"""Reads: what readers may see, and what each listing or page loads in bounded queries.

"Published" means live and not behind a view restriction; every listing starts from
``published_articles()`` so no view builds its own filter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import Length, RowNumber, Substr
from wagtail.models import Page, PageViewRestriction

from core.seo import SHARE_IMAGE_SPEC
from payments.selectors import active_tiers

from .access import Access

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet
    from django.http import HttpRequest
    from taggit.models import Tag
    from wagtail.images.models import AbstractImage
    from wagtail.query import PageQuerySet

    from payments.models import Tier

    from .models import ArticleCorrection, ArticlePage, SectionPage


def public_live(queryset: PageQuerySet) -> PageQuerySet:
    """Live pages outside any private section.

    Wagtail's ``.public()`` runs a query for the restrictions every time it is called; this
    asks the same question inside the listing's own query.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.live().filter(~Exists(restricted))


def published_articles() -> PageQuerySet:
    from .models import ArticlePage

    return public_live(ArticlePage.objects.all())


def _section_access() -> Subquery:
    """The default level of the article's section (its parent), in the article's own query."""
    from .models import SectionPage

    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    return Subquery(SectionPage.objects.filter(path=parent_path).values("default_access")[:1])


def with_access(queryset: PageQuerySet) -> PageQuerySet:
    """Articles with their section's default level (``section_access``), for
    ``ArticlePage.effective_access``, at no extra query."""
    return queryset.annotate(section_access=_section_access())


def open_to_everyone(queryset: PageQuerySet) -> PageQuerySet:
    """The articles of ``queryset`` that any reader may read whole (public, set or inherited)."""
    from .models import INHERIT

    return with_access(queryset).filter(
        Q(access=Access.PUBLIC) | Q(access=INHERIT, section_access=Access.PUBLIC)
    )


def open_articles() -> PageQuerySet:
    """Published articles that any reader may read whole: whose audio may be public."""
    return open_to_everyone(published_articles())


def section_default_access(article: ArticlePage) -> str | None:
    """The default level of the article's section, or None outside any section."""
    from .models import SectionPage

    if not article.path:
        return None
    return (
        SectionPage.objects.filter(path=article.path[: -Page.steplen])
        .values_list("default_access", flat=True)
        .first()
    )


def section_tier_ids(article: ArticlePage) -> frozenset[int]:
    """The tiers the article's section opens its articles to (for ``Access.TIERS``)."""
    from .models import SectionPage

    if not article.path:
        return frozenset()
    return frozenset(
        tier_id
        for tier_id in SectionPage.objects.filter(path=article.path[: -Page.steplen]).values_list(
            "default_tiers", flat=True
        )
        if tier_id is not None
    )


def offered_tiers(tier_ids: Iterable[int]) -> list[Tier]:
    """The tiers of ``tier_ids`` readers may join now, in the catalogue's order."""
    return list(active_tiers().filter(pk__in=list(tier_ids)))


# The renditions a listed article's lead image is shown in: cards, rows and teasers
# (templates/components/) and the share image (feeds' enclosures). Each image has more (its
# article's own sizes), which listings must not load. Every spec a listing asks of a card's
# image must be here: Wagtail takes one missing from the prefetch for one never made, and
# making it again fails (core/tests/test_query_budgets.py renders every listing twice).
CARD_RENDITIONS = [
    *(
        f"fill-{size}|format-{image_format}"
        for size in ("120x80", "240x160", "320x180", "640x360", "480x270", "800x450", "1200x675")
        for image_format in ("avif", "webp")
    ),
    SHARE_IMAGE_SPEC,
]


def with_card_images(queryset: PageQuerySet) -> PageQuerySet:
    """The lead image and only the renditions listings show (rows need no more)."""
    from wagtail.images import get_image_model

    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=CARD_RENDITIONS)
    )
    return queryset.select_related("lead_image").prefetch_related(
        Prefetch("lead_image__renditions", queryset=renditions)
    )


def card_queryset(queryset: PageQuerySet) -> PageQuerySet:
    """What an article card shows: lead image renditions and the ordered byline."""
    from .models import ArticleAuthor

    return with_card_images(queryset).prefetch_related(
        Prefetch(
            "article_authors",
            queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
        ),
    )


def article_list(
    *, section: SectionPage | None = None, author: Model | None = None, tag: Tag | None = None
) -> PageQuerySet:
    """Published articles, newest first, optionally of one section, author or tag."""
    articles = published_articles()
    if section is not None:
        articles = articles.child_of(section)
    if author is not None:
        articles = articles.filter(article_authors__author=author)
    if tag is not None:
        articles = articles.filter(tagged__tag=tag)
    return card_queryset(articles).order_by("-first_published_at", "-pk")


def latest_articles(*, limit: int, exclude: ArticlePage | None = None) -> list[ArticlePage]:
    """The newest published articles as rows (section, headline, time, thumbnail; no byline),
    but ``exclude``: "More news" under an article. Three queries, whatever ``limit``."""
    articles = with_card_images(published_articles()).order_by("-first_published_at", "-pk")
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    return attach_sections(articles[:limit])


def article_list_for_author(*, author: Model) -> PageQuerySet:
    return article_list(author=author)


def attach_sections(articles: Iterable[ArticlePage]) -> list[ArticlePage]:
    """Give each article its ``section`` (parent page) with one query for the whole list."""
    articles = list(articles)
    parent_paths = {article.path[: -Page.steplen] for article in articles}
    sections = {page.path: page for page in Page.objects.filter(path__in=parent_paths)}
    for article in articles:
        article.section = sections.get(article.path[: -Page.steplen])
    return articles


def article_ids_leading_with(image: AbstractImage) -> QuerySet:
    """Every article, live or not, whose lead image ``image`` is."""
    from .models import ArticlePage

    return ArticlePage.objects.filter(lead_image=image).values_list("pk", flat=True)


def teased_article_ids(article: ArticlePage) -> list[int]:
    """Ids of the articles an article's body teases, read from the raw stream (no queries)."""
    return [
        block["value"]["article"]
        for block in article.body.raw_data
        if block["type"] == "related_article" and block["value"].get("article")
    ]


def article_detail_context(*, article: ArticlePage) -> dict[str, Any]:
    """Everything the article page shows beyond its own fields, in a fixed number of queries."""
    teasers = {
        teaser.pk: teaser
        for teaser in card_queryset(published_articles()).filter(pk__in=teased_article_ids(article))
    }
    # Through the relation, not a fresh query, so previews show unsaved bylines too.
    credits = list(article.article_authors.select_related("author").order_by("sort_order"))
    return {
        "credits": credits,
        "tags": list(article.tags.order_by("name")),
        "section": article.get_parent(),
        "teasers": teasers,
        # Oldest first, as they happened; through the relation so previews show new ones.
        "corrections": sorted(article.corrections.all(), key=lambda c: c.corrected_at),
    }


def nav_sections(*, request: HttpRequest) -> list[SectionPage]:
    """The live sections of the request's site, in the editors' tree order, for the header."""
    from wagtail.models import Site

    from .models import SectionPage

    # Cached on the request: the header and the front page's section blocks both use it.
    if not hasattr(request, "_nav_sections"):
        site = Site.find_for_request(request)
        request._nav_sections = (  # type: ignore[attr-defined]
            list(public_live(SectionPage.objects.child_of(site.root_page)).order_by("path"))
            if site
            else []
        )
    return request._nav_sections  # type: ignore[attr-defined]


FRONT_PAGE_TOP = 5  # the lead story and four top stories
SECTION_BLOCK_SIZE = 3


def latest_by_section(*, per_section: int = SECTION_BLOCK_SIZE) -> dict[str, list[ArticlePage]]:
    """The newest articles of every section in one query, grouped as {section path: [articles]}."""
    parent_path = Substr("path", 1, Length("path") - Page.steplen)
    ranked = published_articles().annotate(
        section_path=parent_path,
        rank=Window(
            RowNumber(),
            partition_by=[parent_path],
            order_by=[F("first_published_at").desc(), F("pk").desc()],
        ),
    )
    grouped: dict[str, list[ArticlePage]] = {}
    for article in card_queryset(ranked.filter(rank__lte=per_section)).order_by("path"):
        grouped.setdefault(article.section_path, []).append(article)
    for articles in grouped.values():
        articles.sort(key=lambda a: (a.first_published_at, a.pk), reverse=True)
    return grouped


def front_page_top(*, curated: Sequence[ArticlePage]) -> list[ArticlePage]:
    """The lead story and top stories: the editors' choice, filled up with the latest news."""
    top = list(curated[:FRONT_PAGE_TOP])
    if len(top) < FRONT_PAGE_TOP:
        chosen = [article.pk for article in top]
        top += list(article_list().exclude(pk__in=chosen)[: FRONT_PAGE_TOP - len(top)])
    return top


def published_corrections() -> QuerySet[ArticleCorrection]:
    """Corrections on published articles, newest first, with their article (one query)."""
    from .models import ArticleCorrection

    return (
        ArticleCorrection.objects.filter(page__in=published_articles())
        .select_related("page")
        .order_by("-corrected_at", "-pk")
    )
