"""/author/<slug>/rss/: one author's published articles, as the site's feeds are
(``articles/feeds.py``)."""

from django.shortcuts import get_object_or_404

from articles.feeds import ArticleFeed, FeedSource
from articles.selectors import article_list
from core.models import NewsroomSettings

from . import cache
from .models import Author


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        author = get_object_or_404(Author.objects.published(), slug=slug)
        newsroom = NewsroomSettings.load(request_or_site=request)
        return FeedSource(
            request=request,
            title=f"{author.name} | {newsroom.name}",
            link=author.get_absolute_url(),
            description=f"Articles by {author.name} for {newsroom.name}",
            articles=article_list(author=author),
            listing_tag=cache.author(author.pk),
        )
