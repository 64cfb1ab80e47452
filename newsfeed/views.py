from functools import wraps

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from core.pagination import paginate
from pagecache import depends_on, public
from pagecache import tags as cache_tags

from .cache import NEWS_FEED
from .selectors import (
    feed_items,
    feed_version,
    item_version,
    items_by_day,
    latest_items,
    with_article_links,
)
from .templatetags.live_tags import time_display

FEED_PAGE_SIZE = 30

# Every open page polls the same URL; a CDN in front answers all of them from one cached copy
# and asks the origin again at most once per UPDATES_MAX_AGE per edge (docs/news-feed.md,
# "Why polling one URL"). Browsers honour stale-while-revalidate too, and would then show a poller
# the previous version, so that directive goes only to the CDN (CDN-Cache-Control, RFC 9213).
UPDATES_MAX_AGE = 5
UPDATES_CDN_STALE = 10


def feed(request):
    """/news-feed/: every published item, newest first, under its day's heading."""
    page = paginate(request, feed_items(), per_page=FEED_PAGE_SIZE)
    page.object_list = with_article_links(page.object_list)
    _depends_on_items(request, page.object_list)
    return public(
        render(
            request, "live/feed.html", {"page_obj": page, "days": items_by_day(page.object_list)}
        )
    )


def item_detail(request, pk):
    """An item's permalink page; a draft or unpublished item is a 404."""
    item = get_object_or_404(feed_items(), pk=pk)
    with_article_links([item])
    _depends_on_items(request, [item])
    return public(render(request, "live/item_detail.html", {"item": item}))


def _depends_on_items(request, items):
    depends_on(
        request,
        cache_tags.SITE,
        NEWS_FEED,
        *(cache_tags.page(item.article_id) for item in items if item.article_id),
    )


def _latest(request):
    """The column's items, read once per request (the ETag and the body both need them)."""
    if not hasattr(request, "_news_feed_latest"):
        request._news_feed_latest = latest_items()
    return request._news_feed_latest


def _updates_etag(request):
    return feed_version(_latest(request))


def _cacheable_for_a_few_seconds(view):
    """Public, briefly cacheable, on 200s and 304s alike (a CDN caches both)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=UPDATES_MAX_AGE)
        response["CDN-Cache-Control"] = (
            f"max-age={UPDATES_MAX_AGE}, stale-while-revalidate={UPDATES_CDN_STALE}"
        )
        return response

    return wrapper


@require_safe
@_cacheable_for_a_few_seconds
@condition(etag_func=_updates_etag)
def updates(request):
    """/news-feed/updates.json: the column's items, for open pages to poll.

    A request whose If-None-Match names the current version gets a 304 without the items
    being rendered. The response reads no session and sets no cookie.
    """
    items = _latest(request)
    return JsonResponse(
        {
            "version": feed_version(items),
            "items": [_item_json(request, item) for item in items],
        },
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )


def _item_json(request, item):
    local = timezone.localtime(item.first_published_at)
    return {
        "id": item.pk,
        "version": item_version(item),
        "time": local.isoformat(timespec="seconds"),
        "time_display": time_display(item.first_published_at),
        "headline": item.headline,
        "summary": item.summary,
        "url": item.get_absolute_url(),
        "article_url": item.article_link.get_url(request) if item.article_link else None,
        "breaking": item.is_breaking,
        "pinned": item.is_pinned,
        # The column's own markup, so the page's script never builds HTML from text.
        "html": render_to_string("live/column_item.html", {"item": item}, request=request).strip(),
    }
