"""Publishing, unpublishing or deleting a News Feed item refreshes every page that shows items."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from wagtail.signals import published, unpublished

from pagecache import invalidate
from pagecache import tags as cache_tags

from .models import NewsFeedItem


# Drafts change nothing readers see; publishing, unpublishing and deleting do.
@receiver(published, sender=NewsFeedItem)
@receiver(unpublished, sender=NewsFeedItem)
@receiver(post_delete, sender=NewsFeedItem)
def refresh_news_feed(sender, instance, **kwargs):
    paths = ["/", reverse("live:feed"), reverse("live:rss"), instance.get_absolute_url()]
    invalidate({cache_tags.NEWS_FEED}, lambda: paths)
