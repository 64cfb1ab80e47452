"""What search engines read: the sitemap index, the Google News sitemap and robots.txt.

``/sitemap.xml`` is an index of three sitemaps: every published page of the site (Wagtail's
page sitemap: front page, sections, articles), the tag pages that have published articles and
the author pages (``authors/sitemaps.py``); the URLconf gathers them
(``masthead/syndication_urls.py``). Each sitemap names the cache tags of what it lists
(``listing_tags``). ``/news-sitemap.xml`` lists the articles of the last 48 hours in Google
News' format. Each reads only published articles, through ``selectors.published_articles``.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from wagtail.contrib.sitemaps import Sitemap as WagtailPageSitemap
from wagtail.contrib.sitemaps import views as sitemap_views

from core.absolute_urls import OnSite, absolute_url
from core.models import NewsroomSettings
from pagecache import depends_on, expires_by, last_changed, public
from pagecache import tags as cache_tags

from . import cache
from .models import ArticleTag
from .selectors import published_articles

# Google News reads articles published in the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


class PageSitemap(WagtailPageSitemap):
    """Every live, public page of the request's site, with the time it was last published."""

    listing_tags = (cache_tags.SITE, cache.ARTICLES)

    def get_latest_lastmod(self):
        # For the index: one aggregate rather than Django's default of loading every page.
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]


class TagSitemap(Sitemap):
    """Tags of published articles; a tag page changes when one of its articles does."""

    listing_tags = (cache.ARTICLES,)

    def items(self):
        return (
            ArticleTag.objects.filter(content_object__in=published_articles())
            .values("tag__slug")
            .annotate(latest_article=Max("content_object__last_published_at"))
            .order_by("tag__slug")
        )

    def location(self, row):
        return reverse("tags:detail", kwargs={"slug": row["tag__slug"]})

    def lastmod(self, row):
        return row["latest_article"]


def _depends_on_every_page(request, sitemaps):
    # Whatever any of the sitemaps lists: any page published (SITE: sections; ARTICLES:
    # articles), an author changed (the authors').
    depends_on(
        request, cache_tags.SITE, *(tag for each in sitemaps.values() for tag in each.listing_tags)
    )


# Django's sitemap views make URLs absolute with the request's host: OnSite gives them the
# site's (core/absolute_urls.py).
def _dated(request, response):
    """Last-Modified: when anything the sitemaps list last changed. Django's, the latest
    ``lastmod``, goes back in time when the latest page is unpublished, and a crawler asking
    ``If-Modified-Since`` would be told nothing changed (a 304: ``pagecache``)."""
    if "Last-Modified" in response:
        response["Last-Modified"] = http_date(last_changed(request))
    return public(response)


def sitemap_index(request, sitemaps):
    """``sitemaps``: every app's, by section (the URLconf's: masthead/syndication_urls.py)."""
    _depends_on_every_page(request, sitemaps)
    return _dated(
        request,
        sitemap_views.index(OnSite(request), sitemaps, sitemap_url_name="syndication:sitemap"),
    )


def sitemap(request, section, sitemaps):
    _depends_on_every_page(request, sitemaps)
    return _dated(
        request,
        sitemap_views.sitemap(
            OnSite(request), sitemaps, section=section, template_name="sitemaps/sitemap.xml"
        ),
    )


def news_sitemap_articles(*, now=None):
    """Articles first published in the last 48 hours, newest first."""
    since = (now or timezone.now()) - NEWS_WINDOW
    return (
        published_articles()
        .filter(first_published_at__gte=since)
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")[:NEWS_LIMIT]
    )


def news_sitemap(request):
    articles = list(news_sitemap_articles())
    depends_on(request, cache_tags.SITE, cache.ARTICLES)
    if articles:  # the oldest leaves the window at this time
        expires_by(request, articles[-1].first_published_at + NEWS_WINDOW)
    entries = [
        {
            "location": article.get_full_url(request),
            "title": article.title,
            "published": timezone.localtime(article.first_published_at).isoformat(
                timespec="seconds"
            ),
        }
        for article in articles
    ]
    response = render(
        request,
        "sitemaps/news_sitemap.xml",
        {
            "publication_name": NewsroomSettings.load(request_or_site=request).name,
            # Google News wants an ISO 639 code: "en", not "en-us".
            "language": settings.LANGUAGE_CODE.split("-")[0],
            "entries": entries,
        },
        content_type="application/xml",
    )
    return public(response)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {absolute_url(request, reverse('syndication:sitemap_index'))}",
        f"Sitemap: {absolute_url(request, reverse('syndication:news_sitemap'))}",
    ]
    depends_on(request, cache_tags.SITE)
    return public(HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"))
