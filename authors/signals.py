"""An author's name, photo or profile shows on their page and in every byline of theirs."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from articles.models import ArticleAuthor
from pagecache import invalidate
from pagecache import tags as cache_tags

from . import cache
from .models import Author


# Drafts change nothing readers see; publishing, unpublishing and deleting do.
@receiver(published, sender=Author)
@receiver(unpublished, sender=Author)
@receiver(post_delete, sender=Author)
def refresh_author_and_bylines(sender, instance, **kwargs):
    article_ids = list(
        ArticleAuthor.objects.filter(author_id=instance.pk).values_list("page_id", flat=True)
    )
    path = instance.get_absolute_url()
    invalidate(
        {cache.author(instance.pk), cache.AUTHORS, *map(cache_tags.page, article_ids)},
        lambda: [path],
    )
