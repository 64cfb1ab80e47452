"""Reads for the Content API: what each resource lists, with the annotations its filters and
its order need, in a bounded number of queries whatever the page size.

Posts are published articles (``articles.selectors.published_articles``), pages published
info pages, authors published ``Author`` snippets with at least nothing more, tags the live
sections (each article's primary tag) and the taggit tags of published articles but internal
ones (a name starting with ``#``), tiers the catalogue's active tiers after Ghost's free one.
"""

from __future__ import annotations

from django.db.models import Case, CharField, Count, F, OuterRef, Prefetch, Q, Subquery, When
from django.db.models.functions import Length, Substr
from taggit.models import Tag
from wagtail.models import Page

from articles.models import INHERIT, ArticleAuthor, ArticleTag, InfoPage, SectionPage
from articles.selectors import public_live, published_articles
from authors.models import Author
from payments.selectors import active_tiers

INTERNAL_TAG_PREFIX = "#"


def _parent_path():
    return Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)


def posts():
    """Published articles with their section's slug and level, their effective level
    (``visibility``) and their first author's slug, for filters and order."""
    sections = SectionPage.objects.filter(path=_parent_path())
    first_author = ArticleAuthor.objects.filter(page=OuterRef("pk")).order_by("sort_order")
    return (
        published_articles()
        .annotate(
            section_slug=Subquery(sections.values("slug")[:1]),
            section_access=Subquery(sections.values("default_access")[:1]),
            primary_author_slug=Subquery(first_author.values("author__slug")[:1]),
        )
        .annotate(
            visibility=Case(
                When(access=INHERIT, then=F("section_access")),
                default=F("access"),
                output_field=CharField(),
            )
        )
    )


def post_rows(queryset):
    """What a post's answer shows: lead image, byline, tags (one query each)."""
    return queryset.select_related("lead_image", "og_image", "twitter_image").prefetch_related(
        Prefetch(
            "article_authors",
            queryset=ArticleAuthor.objects.select_related("author__photo")
            .prefetch_related("author__links")
            .order_by("sort_order"),
        ),
        Prefetch("tagged", queryset=ArticleTag.objects.select_related("tag").order_by("tag__name")),
        "access_tiers",
    )


def sections_by_path(paths):
    return {section.path: section for section in SectionPage.objects.filter(path__in=paths)}


def pages():
    return public_live(InfoPage.objects.all()).select_related(
        "lead_image", "og_image", "twitter_image"
    )


def authors():
    return Author.objects.published().select_related("photo").prefetch_related("links")


def author_post_counts(author_ids):
    rows = (
        ArticleAuthor.objects.filter(author_id__in=author_ids, page__in=published_articles())
        .values("author_id")
        .annotate(posts=Count("page", distinct=True))
    )
    return {row["author_id"]: row["posts"] for row in rows}


def sections():
    return public_live(SectionPage.objects.all())


def public_tags():
    """Taggit tags on at least one published article, internal ones left out."""
    tagged = ArticleTag.objects.filter(content_object__in=published_articles())
    return Tag.objects.filter(pk__in=tagged.values("tag_id")).exclude(
        name__startswith=INTERNAL_TAG_PREFIX
    )


def section_post_counts(sections):
    counts = {}
    for section in sections:
        counts[section.pk] = published_articles().child_of(section).count()
    return counts


def tag_post_counts(tag_ids):
    rows = (
        ArticleTag.objects.filter(tag_id__in=tag_ids, content_object__in=published_articles())
        .values("tag_id")
        .annotate(posts=Count("content_object", distinct=True))
    )
    return {row["tag_id"]: row["posts"] for row in rows}


def tiers():
    return active_tiers()


def tagged_q(slugs):
    """Posts (``posts()``) whose section or one of whose public tags has one of these slugs."""
    tagged = ArticleTag.objects.filter(tag__slug__in=list(slugs)).exclude(
        tag__name__startswith=INTERNAL_TAG_PREFIX
    )
    return Q(section_slug__in=list(slugs)) | Q(pk__in=tagged.values("content_object_id"))


def authored_q(slugs):
    """Posts with one of these authors in their byline."""
    credits = ArticleAuthor.objects.filter(author__slug__in=list(slugs))
    return Q(pk__in=credits.values("page_id"))
