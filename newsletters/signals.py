"""Newsletters' names and whether they take sign-ups show in every page's footer form."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache import invalidate
from pagecache import tags as cache_tags

from . import cache
from .models import Newsletter


@receiver(post_save, sender=Newsletter)
@receiver(post_delete, sender=Newsletter)
def refresh_signup_forms(sender, instance, **kwargs):
    invalidate({cache_tags.SITE}, cache.signup_form_paths)
