"""Routes for machines: RSS feeds, sitemaps and robots.txt (mounted at the site root).

Here, in the project, because they gather several apps' feeds and sitemaps (articles',
authors'), which no app need import of another. Section and tag slugs may be Unicode (Wagtail
and taggit allow it), hence `<uslug:slug>` (core/converters.py).
"""

from django.urls import path

from articles import feeds, sitemaps
from authors.feeds import AuthorFeed
from authors.sitemaps import AuthorSitemap
from core import converters  # noqa: F401  (registers "uslug")

# The sitemap index lists them in this order: /sitemap-<section>.xml.
SITEMAPS = {"pages": sitemaps.PageSitemap, "authors": AuthorSitemap, "tags": sitemaps.TagSitemap}

app_name = "syndication"
urlpatterns = [
    path("rss/", feeds.ArticleFeed(), name="rss"),
    path("rss/section/<uslug:slug>/", feeds.SectionFeed(), name="section_rss"),
    path("author/<slug:slug>/rss/", AuthorFeed(), name="author_rss"),
    path("tag/<uslug:slug>/rss/", feeds.TagFeed(), name="tag_rss"),
    path("sitemap.xml", sitemaps.sitemap_index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
]
