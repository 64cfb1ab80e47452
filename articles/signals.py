from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from pagecache import invalidate
from pagecache import tags as cache_tags

from . import invalidation, services
from .models import ArticlePage, ArticleTag


@receiver(page_published, sender=ArticlePage)
def record_marked_update(sender, instance, revision=None, **kwargs):
    if instance.mark_as_update:
        services.article_record_update(article=instance, revision=revision)


# Any page type: Wagtail sends these with the page's own class as the sender.
@receiver(page_published)
def refresh_published_page(sender, instance, **kwargs):
    invalidation.page_changed(instance)


@receiver(page_unpublished)
def refresh_unpublished_page(sender, instance, **kwargs):
    # Taken down: not even a stale copy may show it while the database is down.
    invalidation.page_changed(instance, withdrawn=True)


@receiver(post_page_move)
def refresh_moved_page(sender, instance, parent_page_before, url_path_before, **kwargs):
    old_url = None
    site_root = instance.get_site()
    if site_root is not None and url_path_before:
        root_path = site_root.root_page.url_path
        if url_path_before.startswith(root_path):
            old_url = site_root.root_url + "/" + url_path_before[len(root_path) :]
    if isinstance(instance.specific_deferred, ArticlePage):
        invalidation.article_moved(
            instance.specific_deferred, old_parent=parent_page_before, old_url=old_url
        )
    else:
        invalidation.page_changed(instance, old_urls=[old_url] if old_url else [])


@receiver(pre_delete)
def refresh_deleted_page(sender, instance, **kwargs):
    # Before the rows go: what the page was in (its section, authors, tags) is still readable.
    # Once per page, not again for its base Page row.
    if isinstance(instance, Page) and type(instance) is instance.specific_class and instance.live:
        invalidation.page_changed(instance, withdrawn=True)


@receiver(post_save, sender=Tag)
def refresh_renamed_tag(sender, instance, created, **kwargs):
    if created:  # a new tag is in no page yet
        return
    article_ids = ArticleTag.objects.filter(tag=instance).values_list(
        "content_object_id", flat=True
    )
    invalidate(
        {cache_tags.tag(instance.pk), *map(cache_tags.page, article_ids)},
        lambda: [reverse("tags:detail", kwargs={"slug": instance.slug})],
    )


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def refresh_privacy_change(sender, instance, **kwargs):
    """Privacy set or lifted in the admin: no cached copy may outlive it."""
    try:
        page = instance.page
    except Page.DoesNotExist:  # the restriction goes with its deleted page
        return
    invalidation.privacy_changed(page)
