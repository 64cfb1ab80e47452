"""Reads: which webhooks hear an event, and which deliveries are due."""

from django.apps import apps
from django.db.models import Model, QuerySet
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


TEST_SUBJECTS = {
    "post": "articles.ArticlePage",
    "page": "articles.InfoPage",
    "tag": "taggit.Tag",
    "member": "members.Member",
}


def test_subject(event: str) -> Model | None:
    """What a test of ``event`` is about: the latest live article or info page, the newest
    tag or member; None when there is none."""
    label = TEST_SUBJECTS[event.split(".")[0]]
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    queryset = model._default_manager.all()
    if hasattr(model, "live"):
        return queryset.filter(live=True).order_by("-last_published_at").first()
    return queryset.order_by("-pk").first()
