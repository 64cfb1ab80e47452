from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import published

from authors.models import Author

from .tasks import author_articles_reindex


@receiver(published, sender=Author)
def reindex_articles_of_published_author(sender, instance, **kwargs):
    # An article's index entry holds its authors' names as they were when it was saved.
    transaction.on_commit(lambda: author_articles_reindex.enqueue(instance.pk))
