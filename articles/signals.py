"""An article marked as an update is stamped when published; a renamed tag refreshes its
articles and its page. Publishing, moving or deleting any page is the page cache's
(``pagecache/signals.py``), which asks ``ArticlePage.cache_listings()`` what lists it."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from taggit.models import Tag
from wagtail.signals import page_published

from pagecache import invalidate
from pagecache import tags as cache_tags

from . import cache, services
from .models import ArticlePage, ArticleTag


@receiver(page_published, sender=ArticlePage)
def record_marked_update(sender, instance, revision=None, **kwargs):
    if instance.mark_as_update:
        services.article_record_update(article=instance, revision=revision)


@receiver(post_save, sender=Tag)
def refresh_renamed_tag(sender, instance, created, **kwargs):
    if created:  # a new tag is in no page yet
        return
    article_ids = ArticleTag.objects.filter(tag=instance).values_list(
        "content_object_id", flat=True
    )
    invalidate(
        {cache.tag(instance.pk), *map(cache_tags.page, article_ids)},
        lambda: [reverse("tags:detail", kwargs={"slug": instance.slug})],
    )
