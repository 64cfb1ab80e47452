"""Publishing narrates; whatever takes an article out of public view, or gives it to members
only (its own level, or its section's default), takes its audio out of public media.

Each receiver acts after the commit. Moving files is ``robust``: a failure is logged and left
to the worker's clock (``periodic.py``), which repeats ``narration_visibility_sync`` every
minute, rather than failing the editor's request after their change has committed.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from articles.models import ArticlePage, SectionPage
from pagecache import invalidate
from pagecache import tags as cache_tags

from . import cache, services
from .models import Narration


def _sync_after_commit(article_ids):
    """``article_ids``: a function, called after the commit, giving the articles to check."""
    transaction.on_commit(
        lambda: services.narration_visibility_sync(article_ids=article_ids()), robust=True
    )


def _articles_under(page):
    """The page's articles and itself, read after the commit (a move changes paths)."""
    page_id = page.pk

    def article_ids():
        path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
        if path is None:
            return []
        return ArticlePage.objects.filter(path__startswith=path).values_list("pk", flat=True)

    return article_ids


@receiver(page_published, sender=ArticlePage)
def narrate_published_article(sender, instance, **kwargs):
    # After the commit: the task reads the live revision, which the commit makes visible.
    article_id = instance.pk
    _sync_after_commit(lambda: [article_id])  # republished: its waiting audio comes back
    if settings.MASTHEAD_NARRATION_ON_PUBLISH:
        transaction.on_commit(lambda: services.narration_request(article_id=article_id))


@receiver(page_published, sender=SectionPage)
def check_section_articles(sender, instance, **kwargs):
    # Its default level may have changed: the audio of the articles that follow it does too.
    _sync_after_commit(_articles_under(instance))


@receiver(page_unpublished, sender=ArticlePage)
def withhold_unpublished_audio(sender, instance, **kwargs):
    article_id = instance.pk
    _sync_after_commit(lambda: [article_id])


@receiver(post_page_move)
def check_moved_articles(sender, instance, **kwargs):
    # Into or out of a private section, with everything under the moved page.
    _sync_after_commit(_articles_under(instance))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def check_restricted_articles(sender, instance, **kwargs):
    """A login, password or group restriction on an article or a page above it, or lifted."""
    try:
        page = instance.page
    except Page.DoesNotExist:  # the restriction goes with its deleted page
        return
    _sync_after_commit(_articles_under(page))


@receiver(post_delete, sender=Narration)
def delete_audio_files(sender, instance, **kwargs):
    """The article was deleted (the row goes with it): its files go, and the CDN forgets them."""
    public = [name for name in (instance.audio.name, instance.retired_audio) if name]
    private = instance.withheld_audio

    def delete():
        for name in public:
            default_storage.delete(name)
        if private:
            services.private_storage().delete(private)

    invalidate(
        {cache_tags.page(instance.article_id), cache.PODCAST},
        lambda: [*cache.episode_paths(instance.article_id), *map(default_storage.url, public)],
    )
    transaction.on_commit(delete, robust=True)
