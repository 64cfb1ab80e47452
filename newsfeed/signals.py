"""Publishing, unpublishing or deleting a News Feed item refreshes every page that shows items."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from pagecache import invalidate

from . import cache
from .models import NewsFeedItem


# Drafts change nothing readers see; publishing, unpublishing and deleting do.
@receiver(published, sender=NewsFeedItem)
@receiver(unpublished, sender=NewsFeedItem)
@receiver(post_delete, sender=NewsFeedItem)
def refresh_news_feed(sender, instance, **kwargs):
    paths = cache.item_paths(instance)
    invalidate({cache.NEWS_FEED}, lambda: paths)
