"""RSS 2.0 feeds of published articles: the whole site, one section, one tag (one author's is
``authors/feeds.py``).

Each feed reads ``selectors.article_list`` (published only, newest first, bylines and lead
image renditions prefetched) plus the tags, in a fixed number of queries. The Feed instances
in the URLconf are shared between requests, so everything that depends on the request (the
newsroom, absolute URLs) travels in the ``FeedSource`` that ``get_object`` returns, never on
``self``. Absolute URLs are the site's, never the request's host (``core/absolute_urls.py``).

Escaping: Django's feed writer escapes every text it writes into the XML once. Titles, the
channel's description and names are plain text and go to it as they are; only an item's
``<description>``, which readers take as HTML, is escaped into HTML first.

Dates: ``lastBuildDate`` and ``Last-Modified`` are the time anything the feed shows last changed
(``LastChangedMixin``), so both move when an article in it is published, edited or taken down,
and a client's ``If-Modified-Since`` with them answers 304 until then (the page cache answers it,
stored or not: ``pagecache/serving.py``).
"""

import html
import mimetypes
from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from taggit.models import Tag
from wagtail.images.models import SourceImageIOError

from core import seo
from core.absolute_urls import SiteLinksMixin, absolute_url
from core.models import NewsroomSettings
from core.text import names_sentence
from pagecache import depends_on, last_changed, public
from pagecache import tags as cache_tags

from . import cache
from .selectors import article_list, nav_sections

FEED_SIZE = 30
# The share image (1200x675 JPEG): most articles already have it from their page's og:image.
ENCLOSURE_SPEC = seo.SHARE_IMAGE_SPEC


@dataclass(frozen=True)
class FeedSource:
    """What one feed request is about, with the request it was made in."""

    request: HttpRequest
    title: str
    link: str
    description: str
    articles: QuerySet
    # What the feed lists, for the page cache: the listing it shows ("articles", a section...).
    listing_tag: str = cache.ARTICLES


@dataclass(frozen=True)
class FeedItem:
    article: object
    link: str
    enclosure: Enclosure | None


def html_text(text):
    """Plain text as the HTML of an item's ``<description>``: ``&``, ``<`` and ``>`` escaped, so
    nothing in it is ever markup. Quotes stay as they are (they mean nothing outside a tag), so
    readers that show the description as text see "valley's", not "valley&#x27;s"."""
    return html.escape(text, quote=False)


def _enclosure(image, request):
    """The lead image as an RSS enclosure, or None when its file cannot be read."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(ENCLOSURE_SPEC)
        length = rendition.file.size
    except (SourceImageIOError, OSError):
        # A lost media file costs this item its picture, not the whole feed.
        return None
    mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    return Enclosure(absolute_url(request, rendition.url), str(length), mime_type)


class LastChangedRssFeed(Rss201rev2Feed):
    """RSS whose ``lastBuildDate`` (and so the view's ``Last-Modified``) is ``last_changed``
    when set, rather than the newest item's date."""

    last_changed = None

    def latest_post_date(self):
        return self.last_changed or super().latest_post_date()


class LastChangedMixin:
    """For a syndication ``Feed`` whose items name their cache tags (``depends_on``) while
    ``items()`` runs: dated by when any of them last changed (``pagecache.last_changed``).

    Django's default date, the newest item's, stays put when an item is edited and goes back
    in time when the newest is unpublished, so a client asking ``If-Modified-Since`` would be
    told nothing changed. The tags change with every publish, edit and withdrawal of what the
    feed shows (and with the newsroom's name or the site), and only then.
    """

    feed_type = LastChangedRssFeed

    def get_feed(self, obj, request):
        feedgen = super().get_feed(obj, request)
        changed = datetime.fromtimestamp(last_changed(request), tz=UTC)
        feedgen.last_changed = timezone.localtime(changed).replace(microsecond=0)
        return feedgen


class ArticleFeed(LastChangedMixin, SiteLinksMixin, Feed):
    """The site's latest articles; subclasses narrow ``get_object`` to a section, author or tag."""

    def __call__(self, request, *args, **kwargs):
        return public(super().__call__(request, *args, **kwargs))

    def get_object(self, request, *args, **kwargs):
        newsroom = NewsroomSettings.load(request_or_site=request)
        return FeedSource(
            request=request,
            title=newsroom.name,
            link="/",
            description=newsroom.tagline or f"The latest news from {newsroom.name}",
            articles=article_list(),
        )

    def title(self, source):
        return source.title

    def link(self, source):
        return source.link

    def description(self, source):
        # Plain text (a tagline, a section's intro), escaped once by the feed writer: escaping
        # it here too showed readers "valley&#x27;s".
        return source.description

    def items(self, source):
        articles = list(source.articles.prefetch_related("tags")[:FEED_SIZE])
        depends_on(source.request, cache_tags.SITE, source.listing_tag, *cache_tags.pages(articles))
        return [
            FeedItem(
                article=article,
                link=article.get_full_url(source.request),
                enclosure=_enclosure(article.lead_image, source.request),
            )
            for article in articles
        ]

    def item_title(self, item):
        # Plain text (feedparser and most readers read <title> so); Django's default would
        # escape it twice and show "&amp;" to readers.
        return item.article.title

    def item_description(self, item):
        # <description> is HTML (html_text); an article with nothing to summarise has no
        # <description>: its <title> suffices.
        return html_text(item.article.summary) if item.article.summary else None

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.link

    def item_guid_is_permalink(self, item):
        return True

    def item_pubdate(self, item):
        return timezone.localtime(item.article.first_published_at)

    def item_author_name(self, item):
        return names_sentence(credit.author.name for credit in item.article.article_authors.all())

    def item_categories(self, item):
        return sorted(tag.name for tag in item.article.tags.all())

    def item_enclosures(self, item):
        return [item.enclosure] if item.enclosure else []


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug):
        section = next((s for s in nav_sections(request=request) if s.slug == slug), None)
        if section is None:
            raise Http404("No such section")
        newsroom = NewsroomSettings.load(request_or_site=request)
        return FeedSource(
            request=request,
            title=f"{section.title} | {newsroom.name}",
            link=section.get_url(request),
            description=section.intro or f"The latest {section.title} news from {newsroom.name}",
            articles=article_list(section=section),
            listing_tag=cache.section(section.pk),
        )


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        newsroom = NewsroomSettings.load(request_or_site=request)
        return FeedSource(
            request=request,
            title=f"{tag.name} | {newsroom.name}",
            link=reverse("tags:detail", kwargs={"slug": tag.slug}),
            description=f"Articles tagged {tag.name} from {newsroom.name}",
            articles=article_list(tag=tag),
            listing_tag=cache.tag(tag.pk),
        )
