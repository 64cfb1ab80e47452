from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from articles.models import ArticlePage
from core.pagecache import invalidate
from core.pagecache import tags as cache_tags

from . import services
from .models import Narration


@receiver(page_published, sender=ArticlePage)
def narrate_published_article(sender, instance, **kwargs):
    if settings.MASTHEAD_NARRATION_ON_PUBLISH:
        # After the commit: the task reads the live revision, which the commit makes visible.
        article_id = instance.pk
        transaction.on_commit(lambda: services.narration_request(article_id=article_id))


@receiver(post_delete, sender=Narration)
def delete_audio_file(sender, instance, **kwargs):
    # Deleting an article deletes its narration row (cascade); its file goes too.
    if instance.audio:
        name = instance.audio.name
        transaction.on_commit(lambda: instance.audio.storage.delete(name))


@receiver(post_save, sender=Narration)
@receiver(post_delete, sender=Narration)
def refresh_player(sender, instance, **kwargs):
    # The article page shows the player once the audio of its current text exists.
    article_id = instance.article_id
    invalidate(
        {cache_tags.page(article_id), cache_tags.PODCAST},
        lambda: [
            *(page.get_full_url() for page in ArticlePage.objects.filter(pk=article_id)),
            "/podcast.xml",
        ],
    )
