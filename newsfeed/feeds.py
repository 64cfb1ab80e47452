"""/news-feed/rss/: the News Feed as RSS 2.0, for feed readers and partners."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy

from articles.feeds import LastChangedMixin, html_text
from core.absolute_urls import SiteLinksMixin
from core.models import NewsroomSettings
from pagecache import depends_on, public
from pagecache import tags as cache_tags

from .cache import NEWS_FEED
from .selectors import feed_items

RSS_SIZE = 50


class NewsFeedRss(LastChangedMixin, SiteLinksMixin, Feed):
    """Dated by the last change to the News Feed or the site (``LastChangedMixin``): an
    unpublished item takes its date with it, and a client asking ``If-Modified-Since`` with
    the newest item's would be told nothing changed."""

    feed_url = reverse_lazy("live:rss")
    description = "Short updates from the newsroom as they happen, newest first."
    item_guid_is_permalink = True

    def __call__(self, request, *args, **kwargs):
        depends_on(request, cache_tags.SITE, NEWS_FEED)
        return public(super().__call__(request, *args, **kwargs))

    def get_object(self, request, *args, **kwargs):
        return NewsroomSettings.load(request_or_site=request)

    def title(self, newsroom):
        return f"{newsroom.name}: News Feed"

    def link(self):
        return reverse("live:feed")

    def items(self):
        return feed_items()[:RSS_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # <description> is HTML to feed readers: the summary is plain text, so it is escaped
        # into HTML (as articles/feeds.py does), never taken as markup.
        return html_text(item.summary)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
