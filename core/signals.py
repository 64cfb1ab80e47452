"""Page-cache refreshes for what every page shows: the newsroom's settings and images."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site

from pagecache import dependents, invalidate
from pagecache import tags as cache_tags
from pagecache.pages import own_urls

from .models import NewsroomSettings


@receiver(post_save, sender=NewsroomSettings)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def refresh_every_page(sender, instance, **kwargs):
    """The settings, or a Site's host name, port or root page (every page's links, and the
    page found per host): every page."""
    invalidate({cache_tags.SITE}, lambda: ["/"])


@receiver(post_save, sender=get_image_model())
@receiver(post_delete, sender=get_image_model())
def refresh_pages_showing_image(sender, instance, **kwargs):
    """An edited image (new file, focal point) changes every page that shows it: the pages
    that refer to it (Wagtail's reference index) and those its apps say show it
    (``pagecache.dependents``: articles that lead with it)."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = {
        int(pk)
        for pk in ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    listings = dependents.listings_of(instance)
    page_ids |= listings.pages
    tag_names = {cache_tags.page(pk) for pk in page_ids} | listings.tags
    if NewsroomSettings.objects.filter(logo=instance).exists():
        tag_names.add(cache_tags.SITE)
    if tag_names:
        invalidate(tag_names, lambda: [*_page_urls(page_ids), *listings.paths()])


def _page_urls(page_ids):
    for page in Page.objects.filter(pk__in=page_ids).specific(defer=True):
        yield from own_urls(page)
