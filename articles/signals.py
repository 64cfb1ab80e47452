from django.dispatch import receiver
from wagtail.signals import page_published

from . import services
from .models import ArticlePage


@receiver(page_published, sender=ArticlePage)
def record_marked_update(sender, instance, revision=None, **kwargs):
    if instance.mark_as_update:
        services.article_record_update(article=instance, revision=revision)
