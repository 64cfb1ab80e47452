"""Any page published, unpublished, moved, deleted or made private refreshes what shows it
(``pages.py``), whichever app defines its type."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import pages


# Wagtail sends these with the page's own class as the sender.
@receiver(page_published)
def refresh_published_page(sender, instance, **kwargs):
    pages.page_changed(instance)


@receiver(page_unpublished)
def refresh_unpublished_page(sender, instance, **kwargs):
    # Taken down: not even a stale copy may show it while the database is down.
    pages.page_changed(instance, withdrawn=True)


@receiver(post_page_move)
def refresh_moved_page(sender, instance, parent_page_before, url_path_before, **kwargs):
    old_url = None
    site_root = instance.get_site()
    if site_root is not None and url_path_before:
        root_path = site_root.root_page.url_path
        if url_path_before.startswith(root_path):
            old_url = site_root.root_url + "/" + url_path_before[len(root_path) :]
    pages.page_moved(instance, old_parent=parent_page_before, old_url=old_url)


@receiver(pre_delete)
def refresh_deleted_page(sender, instance, **kwargs):
    # Before the rows go: what the page was in (an article's section, authors, tags) is still
    # readable. Once per page, not again for its base Page row.
    if isinstance(instance, Page) and type(instance) is instance.specific_class and instance.live:
        pages.page_changed(instance, withdrawn=True)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def refresh_privacy_change(sender, instance, **kwargs):
    """Privacy set or lifted in the admin: no cached copy may outlive it."""
    try:
        page = instance.page
    except Page.DoesNotExist:  # the restriction goes with its deleted page
        return
    pages.privacy_changed(page, restriction=instance)
