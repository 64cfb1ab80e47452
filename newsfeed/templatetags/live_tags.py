from django import template
from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.html import format_html

from newsfeed.cache import NEWS_FEED
from newsfeed.selectors import feed_version, item_version, latest_items
from pagecache import depends_on
from pagecache import tags as cache_tags

register = template.Library()

TIME_FORMAT = "g:i A"  # 5:04 PM
DAY_FORMAT = "l, F j, Y"  # Tuesday, October 15, 2024
SHORT_DAY_FORMAT = "M j"  # Oct 14


def time_display(value):
    """ "5:04 PM" in the newsroom's time zone."""
    return dateformat.format(timezone.localtime(value), TIME_FORMAT)


@register.simple_tag
def feed_time(value, *, dated=False):
    """<time> with the full offset and "5:04 PM"; dated=True adds "Oct 14, " unless today."""
    local = timezone.localtime(value)
    label = time_display(local)
    if dated and local.date() != timezone.localdate():
        label = f"{dateformat.format(local, SHORT_DAY_FORMAT)}, {label}"
    return format_html('<time datetime="{}">{}</time>', local.isoformat(timespec="seconds"), label)


@register.simple_tag
def feed_day(day):
    """A day heading's <time>: "Tuesday, October 15, 2024"."""
    return format_html(
        '<time datetime="{}">{}</time>', day.isoformat(), dateformat.format(day, DAY_FORMAT)
    )


@register.filter
def version(item):
    return item_version(item)


def _column_items(request):
    """The column's items, read once per request: the strip above an article shows one too."""
    if request is None:
        return latest_items()
    if not hasattr(request, "news_feed_items"):
        request.news_feed_items = latest_items()
    return request.news_feed_items


@register.inclusion_tag("live/column.html", takes_context=True)
def news_feed_column(context):
    """The News Feed column: the latest items, kept current in the browser by live.js."""
    request = context.get("request")
    items = _column_items(request)
    depends_on(
        request,
        NEWS_FEED,
        # Linked articles whether open or not: publishing one shows its link.
        *(cache_tags.page(item.article_id) for item in items if item.article_id),
    )
    return {
        "request": context.get("request"),
        "items": items,
        "version": feed_version(items),
        "poll_seconds": settings.MASTHEAD_LIVE_POLL_SECONDS,
    }


@register.inclusion_tag("live/strip.html", takes_context=True)
def news_feed_strip(context):
    """A line or two for phones, above an article: the newest item of the column, linking to
    the column (which comes after the story there). Hidden where the column is beside it."""
    request = context.get("request")
    items = _column_items(request)
    depends_on(request, NEWS_FEED)
    # The newest, not a pinned explainer: the column's items are pinned first, then newest.
    newest = max(items, key=lambda item: (item.first_published_at, item.pk), default=None)
    return {"item": newest}
