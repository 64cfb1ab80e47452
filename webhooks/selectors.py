"""Reads: which webhooks hear an event, and which deliveries are due."""

from django.db.models import QuerySet
from django.utils import timezone

from .models import Webhook, WebhookDelivery

RETRYABLE = (WebhookDelivery.Status.PENDING, WebhookDelivery.Status.FAILED)


def webhooks_for(event: str) -> QuerySet[Webhook]:
    return Webhook.objects.filter(active=True, event=event)


def anyone_listens(kind: str) -> bool:
    """Whether an active webhook hears any event of ``kind`` ("post", "member"…), so the
    signal receivers do no work at all for kinds nobody listens to."""
    return Webhook.objects.filter(active=True, event__startswith=f"{kind}.").exists()


def due_delivery_ids(*, limit: int = 500) -> list[int]:
    return list(
        WebhookDelivery.objects.filter(
            status__in=RETRYABLE, next_attempt_at__lte=timezone.now(), webhook__active=True
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
