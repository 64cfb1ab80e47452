from django import template
from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.html import format_html

from core.pagecache import depends_on
from core.pagecache import tags as cache_tags
from live.selectors import feed_version, item_version, latest_items

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


@register.inclusion_tag("live/column.html", takes_context=True)
def news_feed_column(context):
    """The News Feed column: the latest items, kept current in the browser by live.js."""
    items = latest_items()
    request = context.get("request")
    depends_on(
        request,
        cache_tags.NEWS_FEED,
        # Linked articles whether open or not: publishing one shows its link.
        *(cache_tags.page(item.article_id) for item in items if item.article_id),
    )
    return {
        "request": context.get("request"),
        "items": items,
        "version": feed_version(items),
        "poll_seconds": settings.MASTHEAD_LIVE_POLL_SECONDS,
    }
