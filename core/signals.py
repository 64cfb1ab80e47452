"""Page-cache refreshes for what every page shows: the newsroom's settings and images."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site

from pagecache import invalidate
from pagecache import tags as cache_tags

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
    """An edited image (new file, focal point) changes every page that shows it."""
    from articles.models import ArticlePage

    page_type = ContentType.objects.get_for_model(Page)
    page_ids = {
        int(pk)
        for pk in ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    page_ids.update(ArticlePage.objects.filter(lead_image=instance).values_list("pk", flat=True))
    tag_names = {cache_tags.page(pk) for pk in page_ids}
    if NewsroomSettings.objects.filter(logo=instance).exists():
        tag_names.add(cache_tags.SITE)
    if tag_names:
        invalidate(tag_names, lambda: [page.get_full_url() for page in _pages(page_ids)])


def _pages(page_ids):
    return [page for page in Page.objects.filter(pk__in=page_ids) if page.get_full_url()]
