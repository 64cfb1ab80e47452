"""Routes for machines: RSS feeds, sitemaps and robots.txt (mounted at the site root).

Section and tag slugs may be Unicode (Wagtail and taggit allow it), hence `<uslug:slug>`
(core/converters.py).
"""

from django.urls import path

from core import converters  # noqa: F401  (registers "uslug")

from . import feeds, sitemaps

app_name = "syndication"
urlpatterns = [
    path("rss/", feeds.ArticleFeed(), name="rss"),
    path("rss/section/<uslug:slug>/", feeds.SectionFeed(), name="section_rss"),
    path("author/<slug:slug>/rss/", feeds.AuthorFeed(), name="author_rss"),
    path("tag/<uslug:slug>/rss/", feeds.TagFeed(), name="tag_rss"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap, name="sitemap"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
]
