"""A newsletter subscriber who proves their address becomes a free member (one identity)."""

from django.dispatch import receiver

from newsletters.signals import subscriber_confirmed

from . import services


@receiver(subscriber_confirmed)
def member_for_confirmed_subscriber(sender, subscriber, **kwargs):
    services.member_for_subscriber(subscriber=subscriber)
