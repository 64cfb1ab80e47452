"""The podcast feed (``/podcast.xml``): RSS 2.0 with Apple's iTunes tags and the Podcast
Index's ``podcast`` namespace, one episode per narrated published article, newest first
(``selectors.episodes``). An episode's GUID is the article's id, so re-narrating an edited
article updates the episode instead of adding a new one.

What Apple Podcasts asks of a show, from the newsroom's settings (``NewsroomSettings``):
square RGB artwork of 1400 to 3000 px (``artwork.py``: the logo on the chosen colour),
``itunes:owner`` with the podcast contact email (a shared address the newsroom chooses, never
a user account's; left out with ``podcast:locked`` when unset) and ``copyright``. Each episode
has ``itunes:explicit`` and, when the lead image is large enough, its own ``itunes:image``.

The Podcast Index namespace: ``podcast:guid`` (the UUIDv5 of the feed's URL without its
scheme, or ``MASTHEAD_PODCAST_GUID`` once the feed has moved), ``podcast:locked`` (no other
host may import the show), ``podcast:funding`` (the newsroom's support page, if set) and, per
episode, ``podcast:transcript`` (``transcripts.py``).

``lastBuildDate`` and ``Last-Modified`` move with every change to what the feed shows
(``articles.feeds.LastChangedMixin``).

A member's private feed (``PrivatePodcastFeed``) is the same show for one reader: the episodes
that reader may hear (``selectors.episodes_for``), the members' ones with audio at an address
the caller gives (``members`` puts the feed's secret in it, as podcast apps send no cookie).
It is blocked from directories (``itunes:block``, ``podcast:block``), has no ``podcast:guid``
(it is no show of its own to index), no transcripts for members' episodes (the transcript URL
is public), no ``Last-Modified`` (the reader's access changes with no article changing) and
is never cached: ``private, no-store`` and ``X-Robots-Tag: noindex``.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Enclosure

from articles.access import Reader
from articles.cache import ARTICLES
from articles.feeds import LastChangedMixin, LastChangedRssFeed, html_text
from core.absolute_urls import SiteLinksMixin, absolute_url
from core.models import NewsroomSettings
from core.text import names_sentence
from pagecache import depends_on, public
from pagecache import tags as cache_tags
from pagecache.headers import PRIVATE

from . import cache
from .artwork import episode_art_url, show_art_url
from .selectors import episodes, episodes_for
from .services import AI_LABEL

FEED_SIZE = 50
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
# podcast:guid is a UUIDv5 in this namespace (the Podcast Index's spec).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


def podcast_guid(feed_url):
    """The Podcast Index's GUID of a feed: its URL without the scheme and trailing slashes."""
    address = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, address))


class PodcastFeedGenerator(LastChangedRssFeed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES_NS, "xmlns:podcast": PODCAST_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("itunes:author", feed["itunes_author"])
        handler.addQuickElement("itunes:summary", feed["description"])
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:category", attrs={"text": "News"})
        if feed["itunes_image"]:
            handler.addQuickElement("itunes:image", attrs={"href": feed["itunes_image"]})
        if feed["owner_email"]:
            handler.startElement("itunes:owner", {})
            handler.addQuickElement("itunes:name", feed["itunes_author"])
            handler.addQuickElement("itunes:email", feed["owner_email"])
            handler.endElement("itunes:owner")
        if feed["private"]:
            handler.addQuickElement("itunes:block", "Yes")
            handler.addQuickElement("podcast:block", "yes")
        else:
            handler.addQuickElement("podcast:guid", feed["podcast_guid"])
        if feed["owner_email"]:
            handler.addQuickElement("podcast:locked", "yes", {"owner": feed["owner_email"]})
        if feed["funding_url"]:
            handler.addQuickElement(
                "podcast:funding", feed["funding_text"], {"url": feed["funding_url"]}
            )

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:author", item["itunes_author"])
        handler.addQuickElement("itunes:duration", item["itunes_duration"])
        handler.addQuickElement("itunes:summary", item["itunes_summary"])
        handler.addQuickElement("itunes:episodeType", "full")
        handler.addQuickElement("itunes:explicit", "false")
        if item["itunes_image"]:
            handler.addQuickElement("itunes:image", attrs={"href": item["itunes_image"]})
        if item["transcript_url"]:
            handler.addQuickElement(
                "podcast:transcript",
                attrs={
                    "url": item["transcript_url"],
                    "type": "text/plain",
                    "language": item["language"],
                },
            )


@dataclass(frozen=True)
class PodcastSource:
    request: HttpRequest
    newsroom: NewsroomSettings
    # A private feed's reader, and the path of a members' episode's audio for them.
    reader: Reader | None = None
    members_audio_path: Callable[[object], str] | None = None


def hms(seconds):
    minutes, seconds = divmod(round(seconds or 0), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02}:{minutes:02}:{seconds:02}"


class PodcastFeed(LastChangedMixin, SiteLinksMixin, Feed):
    feed_type = PodcastFeedGenerator

    def get_object(self, request, *args, **kwargs):
        return PodcastSource(
            request=request, newsroom=NewsroomSettings.load(request_or_site=request)
        )

    def title(self, source):
        return f"{source.newsroom.name}: articles read aloud"

    def link(self, source):
        return "/"

    def description(self, source):
        return f"Every article of {source.newsroom.name}, read aloud. {AI_LABEL}."

    def feed_copyright(self, source):
        return source.newsroom.copyright or f"© {source.newsroom.name}"

    def feed_extra_kwargs(self, source):
        newsroom, request = source.newsroom, source.request
        feed_url = absolute_url(request, reverse("narration:podcast"))
        return {
            "itunes_author": newsroom.name,
            "itunes_image": show_art_url(request, newsroom),
            "owner_email": newsroom.podcast_email,
            "podcast_guid": settings.MASTHEAD_PODCAST_GUID or podcast_guid(feed_url),
            "funding_url": newsroom.support_url,
            "funding_text": f"Support {newsroom.name}",
            "private": False,
        }

    def __call__(self, request, *args, **kwargs):
        return public(super().__call__(request, *args, **kwargs))

    def episode_list(self, source):
        return episodes()[:FEED_SIZE]

    def items(self, source):
        articles = self.episode_list(source)
        depends_on(source.request, cache_tags.SITE, cache.PODCAST, ARTICLES)
        # The Feed instance is shared between requests: absolute URLs travel on the items.
        for article in articles:
            if article.narration.audio:
                article.audio_url = absolute_url(source.request, article.narration.audio.url)
                article.transcript_url = absolute_url(
                    source.request, reverse("narration:transcript", args=[article.pk])
                )
            else:  # a members' episode of a private feed
                article.audio_url = absolute_url(source.request, source.members_audio_path(article))
                article.transcript_url = ""
            article.link_url = article.get_full_url(source.request)
            article.art_url = episode_art_url(source.request, article.lead_image)
        return articles

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # HTML, as in every feed's <description> (articles/feeds.py); itunes:summary is text.
        return html_text(self.summary(article))

    def summary(self, article):
        return f"{article.summary} ({AI_LABEL}.)" if article.summary else f"{AI_LABEL}."

    def item_link(self, article):
        return article.link_url

    def item_guid(self, article):
        return f"masthead-narration-{article.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, article):
        return article.first_published_at

    def item_author_name(self, article):
        return names_sentence(credit.author.name for credit in article.article_authors.all())

    def item_enclosures(self, article):
        narration = article.narration
        return [Enclosure(article.audio_url, str(narration.audio_bytes), "audio/mpeg")]

    def item_extra_kwargs(self, article):
        return {
            "itunes_author": self.item_author_name(article),
            "itunes_duration": hms(article.narration.duration_seconds),
            "itunes_summary": self.summary(article),
            "itunes_image": article.art_url,
            "transcript_url": article.transcript_url,
            "language": settings.LANGUAGE_CODE,
        }


class PrivatePodcastFeed(PodcastFeed):
    """One reader's feed: called as ``feed(request, reader=..., members_audio_path=...)``."""

    def get_object(self, request, *args, reader, members_audio_path, **kwargs):
        return PodcastSource(
            request=request,
            newsroom=NewsroomSettings.load(request_or_site=request),
            reader=reader,
            members_audio_path=members_audio_path,
        )

    def title(self, source):
        return f"{source.newsroom.name}: articles read aloud, for members"

    def description(self, source):
        return (
            f"Every article of {source.newsroom.name} you may read, read aloud. This feed's "
            f"address is yours alone: please don't share it. {AI_LABEL}."
        )

    def feed_extra_kwargs(self, source):
        return {**super().feed_extra_kwargs(source), "private": True}

    def episode_list(self, source):
        return episodes_for(source.reader, limit=FEED_SIZE)

    def __call__(self, request, *args, **kwargs):
        response = Feed.__call__(self, request, *args, **kwargs)
        del response["Last-Modified"]
        return private_response(response)


def private_response(response):
    """Never stored nor indexed: the answer is for one reader (pagecache's default for a
    response nobody marked public is ``private, no-store``; said here all the same)."""
    response["Cache-Control"] = PRIVATE
    response["X-Robots-Tag"] = "noindex"
    return response
