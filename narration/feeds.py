"""The podcast feed (``/podcast.xml``): RSS 2.0 with iTunes tags, one episode per narrated
published article, newest first. An episode's GUID is the article's id, so re-narrating an
edited article updates the episode instead of adding a new one."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import F, Q
from django.http import HttpRequest
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed

from articles.feeds import byline_text
from articles.selectors import card_queryset, published_articles
from core.absolute_urls import SiteLinksMixin, absolute_url
from core.models import NewsroomSettings
from core.pagecache import depends_on, public
from core.pagecache import tags as cache_tags

from .services import AI_LABEL

FEED_SIZE = 50
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
COVER_SPEC = "fill-1400x1400|format-png"


class PodcastFeedGenerator(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", self.feed["itunes_author"])
        handler.addQuickElement("itunes:summary", self.feed["description"])
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:category", attrs={"text": "News"})
        if self.feed["itunes_image"]:
            handler.addQuickElement("itunes:image", attrs={"href": self.feed["itunes_image"]})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:author", item["itunes_author"])
        handler.addQuickElement("itunes:duration", item["itunes_duration"])
        handler.addQuickElement("itunes:summary", item["description"])
        handler.addQuickElement("itunes:episodeType", "full")


@dataclass(frozen=True)
class PodcastSource:
    request: HttpRequest
    newsroom: NewsroomSettings


def hms(seconds):
    minutes, seconds = divmod(round(seconds or 0), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02}:{minutes:02}:{seconds:02}"


class PodcastFeed(SiteLinksMixin, Feed):
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

    def feed_extra_kwargs(self, source):
        logo = source.newsroom.logo
        image = absolute_url(source.request, logo.get_rendition(COVER_SPEC).url) if logo else ""
        return {"itunes_author": source.newsroom.name, "itunes_image": image}

    def __call__(self, request, *args, **kwargs):
        return public(super().__call__(request, *args, **kwargs))

    def items(self, source):
        # The player's rule (``Narration.is_playable``): public audio of the current text.
        narrated = published_articles().filter(
            Q(narration__audio_hash=F("narration__text_hash")) & ~Q(narration__audio="")
        )
        articles = card_queryset(narrated.select_related("narration")).order_by(
            "-first_published_at", "-pk"
        )[:FEED_SIZE]
        depends_on(source.request, cache_tags.SITE, cache_tags.PODCAST, cache_tags.ARTICLES)
        # The Feed instance is shared between requests: absolute URLs travel on the items.
        for article in articles:
            article.audio_url = absolute_url(source.request, article.narration.audio.url)
            article.link_url = article.get_full_url(source.request)
        return articles

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return f"{article.summary} ({AI_LABEL}.)" if article.summary else f"{AI_LABEL}."

    def item_link(self, article):
        return article.link_url

    def item_guid(self, article):
        return f"masthead-narration-{article.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, article):
        return article.first_published_at

    def item_author_name(self, article):
        return byline_text(credit.author.name for credit in article.article_authors.all())

    def item_enclosures(self, article):
        narration = article.narration
        return [Enclosure(article.audio_url, str(narration.audio_bytes), "audio/mpeg")]

    def item_extra_kwargs(self, article):
        return {
            "itunes_author": self.item_author_name(article),
            "itunes_duration": hms(article.narration.duration_seconds),
        }
