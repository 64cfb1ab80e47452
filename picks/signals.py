"""A curated list's edits (the list, or any of its items) refresh the pages that show it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache import invalidate

from . import cache
from .models import CuratedItem, CuratedList


@receiver(post_save, sender=CuratedList)
@receiver(post_delete, sender=CuratedList)
def refresh_list(sender, instance, **kwargs):
    invalidate({cache.curated_list(instance.slug)}, cache.list_paths)


@receiver(post_save, sender=CuratedItem)
@receiver(post_delete, sender=CuratedItem)
def refresh_list_of_item(sender, instance, **kwargs):
    # Items are saved after their list (modelcluster), so the list's refresh may come first.
    slug = CuratedList.objects.filter(pk=instance.curated_list_id).values_list("slug", flat=True)
    invalidate({cache.curated_list(s) for s in slug}, cache.list_paths)
