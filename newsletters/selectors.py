"""Reads for newsletters, used by the sign-up pages and by ``mailing`` when it sends issues."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower

from .models import Newsletter, Subscription, Suppression


def active_newsletters():
    return Newsletter.objects.active()


def newsletters_count():
    """Every list, active or not: what bounds the number of fields a sign-up may carry."""
    return Newsletter.objects.count()


def deliverable_subscriptions(newsletter):
    """Subscriptions to ``newsletter`` that may be sent to: subscribed, address not suppressed.

    One query; the suppression test is an EXISTS on lower-cased addresses (the suppression
    table has a unique index on ``Lower(email)``), so 50,000 rows stream without N+1. Iterate
    with ``.iterator()`` for big lists.
    """
    suppressed = Suppression.objects.annotate(email_lower=Lower("email")).filter(
        email_lower=Lower(OuterRef("subscriber__email"))
    )
    return (
        Subscription.objects.filter(newsletter=newsletter, status=Subscription.Status.SUBSCRIBED)
        .exclude(Exists(suppressed))
        .select_related("subscriber", "newsletter")
        .order_by("pk")
    )
