"""Newsletters' names and whether they take sign-ups show in every page's footer form; and the
signal that tells higher apps (``members``) an address has been proved by its owner."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from pagecache import invalidate
from pagecache import tags as cache_tags

from . import cache
from .models import Newsletter

# Sent inside the transaction that subscribes ``subscriber`` (sender: Subscriber) to a list
# by the owner's own act: confirming the emailed link, or ticking a list from a preferences
# link. Receivers' writes commit or roll back with it.
subscriber_confirmed = Signal()


@receiver(post_save, sender=Newsletter)
@receiver(post_delete, sender=Newsletter)
def refresh_signup_forms(sender, instance, **kwargs):
    invalidate({cache_tags.SITE}, cache.signup_form_paths)
