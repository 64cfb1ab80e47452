"""Masthead's own content beside Ghost's shapes: each post's ``masthead`` object (its
narration's audio and duration, its corrections, the News Feed items that link it), the
site's navigation for ``settings``, and the News Feed as its own small resource.

Narration audio is given only where the podcast gives it (public audio of the current text of
an article every reader may read: ``narration.selectors.PUBLIC_AUDIO``); a members' article's
audio stays behind its access check.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page

from articles import selectors as article_selectors
from articles.models import ArticleCorrection, InfoPage
from narration.models import Narration
from narration.selectors import PUBLIC_AUDIO
from newsfeed import cache as newsfeed_cache
from newsfeed import selectors as newsfeed_selectors
from newsfeed.models import NewsFeedItem
from pagecache import depends_on

from . import params
from .serializers import date


def _narration_extras(article_ids):
    narrated = (
        article_selectors.open_articles()
        .filter(pk__in=article_ids)
        .filter(PUBLIC_AUDIO & Q(narration__status=Narration.Status.DONE))
        .values_list("pk", flat=True)
    )
    found = {}
    for narration in Narration.objects.filter(article_id__in=list(narrated)):
        found[narration.article_id] = {
            "url": narration.audio.url,
            "duration": round(narration.duration_seconds or 0),
        }
    return found


def attach_extras(articles, *, request):
    """Give each article ``masthead_extras`` (three queries for the whole list)."""
    article_ids = [article.pk for article in articles]
    if not article_ids:
        return
    root = request.build_absolute_uri("/").rstrip("/")
    narrations = _narration_extras(article_ids)
    corrections = {}
    for correction in ArticleCorrection.objects.filter(page_id__in=article_ids).order_by(
        "corrected_at", "pk"
    ):
        corrections.setdefault(correction.page_id, []).append(
            {"corrected_at": date(correction.corrected_at), "note": correction.note}
        )
    items = {}
    depends_on(request, newsfeed_cache.NEWS_FEED)
    for item in (
        NewsFeedItem.objects.published()
        .filter(article_id__in=article_ids)
        .order_by("-first_published_at", "-pk")
    ):
        items.setdefault(item.article_id, []).append(_news_item(item))
    for article in articles:
        narration = narrations.get(article.pk)
        if narration is not None and not narration["url"].startswith("http"):
            narration = {**narration, "url": root + narration["url"]}
        article.masthead_extras = {
            "narration": narration,
            "corrections": corrections.get(article.pk, []),
            "news_feed": items.get(article.pk, []),
        }


def _news_item(item):
    return {
        "id": item.pk,
        "headline": item.headline,
        "summary": item.summary,
        "breaking": item.is_breaking,
        "pinned": item.is_pinned,
        "published_at": date(item.first_published_at),
    }


def news_feed_items(request, options):
    """A page of the News Feed, newest first: ``([item, …], meta.pagination)``."""
    depends_on(request, newsfeed_cache.NEWS_FEED)
    items = newsfeed_selectors.feed_items()
    total = items.count()
    meta = params.pagination(page=options.page, limit=options.limit, total=total)
    start = (options.page - 1) * options.limit
    rows = []
    if start < total:
        for item in newsfeed_selectors.with_article_links(items[start : start + options.limit]):
            row = _news_item(item)
            row["article_url"] = (
                item.article_link.get_full_url(request) if item.article_link else None
            )
            rows.append(row)
    return rows, meta


def navigation(request):
    """(the sections, the info pages) as Ghost's ``navigation`` and ``secondary_navigation``:
    ``[{"label", "url"}]`` with absolute URLs."""
    sections = article_selectors.nav_sections(request=request)
    home = sections[0].get_parent() if sections else None
    info = []
    if home is not None:
        info = list(article_selectors.public_live(InfoPage.objects.child_of(home)).order_by("path"))
    else:
        info = list(article_selectors.public_live(InfoPage.objects.all()).order_by("path"))

    def entry(page: Page):
        return {"label": page.title, "url": page.get_full_url(request)}

    return [entry(each) for each in sections], [entry(each) for each in info]
