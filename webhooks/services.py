"""Writes: an event becomes a delivery per webhook that hears it (queued after the commit),
and each attempt at a delivery is claimed, sent and recorded.

An attempt claims its row with a conditional UPDATE (still pending or failed, due, attempts
unchanged) that also pushes ``next_attempt_at`` past the request's timeout, so a task run
twice, or by two workers, sends once; a worker that dies mid-request leaves the row to the
clock (``periodic.py``) once that claim runs out. A failure waits ``RETRY_DELAYS`` before the
next attempt; after ``MAX_ATTEMPTS`` the delivery is given up. A 410 Gone turns the webhook
off, as Ghost removes it.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import selectors, sending
from .models import Webhook, WebhookDelivery

Status = WebhookDelivery.Status
GONE = 410


def _conf(name):
    return settings.MASTHEAD_WEBHOOKS[name]


@transaction.atomic
def event_trigger(*, event: str, resource: str, current: dict, previous: dict) -> list[int]:
    """A delivery for each active webhook of ``event``; ``resource`` is the payload's key
    ("post", "page", "tag", "member"). Returns the deliveries' ids."""
    payload = {"event": event, resource: {"current": current, "previous": previous}}
    ids = [
        WebhookDelivery.objects.create(webhook=webhook, event=event, payload=payload).pk
        for webhook in selectors.webhooks_for(event)
    ]
    if ids:
        transaction.on_commit(lambda: deliveries_enqueue(delivery_ids=ids))
    return ids


@transaction.atomic
def test_send(*, webhook: Webhook, current: dict) -> int:
    """A delivery of ``webhook``'s event about ``current`` (the admin's "Send a test"), queued
    after the commit; its id."""
    resource = webhook.event.split(".")[0]
    payload = {"event": webhook.event, resource: {"current": current, "previous": {}}}
    delivery = WebhookDelivery.objects.create(webhook=webhook, event=webhook.event, payload=payload)
    transaction.on_commit(lambda: deliveries_enqueue(delivery_ids=[delivery.pk]))
    return delivery.pk


def deliveries_enqueue(*, delivery_ids):
    from .tasks import delivery_send

    for delivery_id in delivery_ids:
        delivery_send.enqueue(delivery_id=delivery_id)


def deliveries_queue_due():
    """The clock's job: queue every delivery whose next attempt is due (a retry, or one whose
    worker went away); the claim makes a second queueing harmless."""
    deliveries_enqueue(delivery_ids=selectors.due_delivery_ids())


def deliveries_prune() -> int:
    """Remove finished deliveries older than ``KEEP_DAYS`` from the log; how many went."""
    cutoff = timezone.now() - timedelta(days=_conf("KEEP_DAYS"))
    deleted, _ = WebhookDelivery.objects.filter(
        status__in=(Status.DELIVERED, Status.GAVE_UP), updated_at__lt=cutoff
    ).delete()
    return deleted


def _claim(delivery_id):
    now = timezone.now()
    row = (
        WebhookDelivery.objects.filter(pk=delivery_id)
        .values("attempts", "status", "next_attempt_at", "webhook__active")
        .first()
    )
    if (
        row is None
        or row["status"] not in selectors.RETRYABLE
        or row["next_attempt_at"] > now
        or not row["webhook__active"]
    ):
        return False
    claim_ends = now + timedelta(seconds=_conf("TIMEOUT_SECONDS") * 3 + 60)
    return bool(
        WebhookDelivery.objects.filter(
            pk=delivery_id,
            status__in=selectors.RETRYABLE,
            attempts=row["attempts"],
            next_attempt_at__lte=now,
        ).update(attempts=F("attempts") + 1, next_attempt_at=claim_ends)
    )


def delivery_attempt(*, delivery_id: int) -> WebhookDelivery | None:
    """Send one delivery if it is due and nobody else is sending it; the row after, or None
    when there was nothing to do."""
    if not _claim(delivery_id):
        return None
    delivery = WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)
    webhook = delivery.webhook
    outcome = sending.post(webhook.target_url, delivery.payload, webhook.secret)
    return _record(delivery, outcome)


@transaction.atomic
def _record(delivery, outcome):
    now = timezone.now()
    webhook = delivery.webhook
    delivery.response_status = outcome.status
    delivery.response_body = outcome.body
    delivery.error = outcome.error[:500]
    if outcome.delivered:
        delivery.status = Status.DELIVERED
    elif outcome.status == GONE:
        delivery.status = Status.GAVE_UP
        delivery.error = "The target answered 410 Gone: the webhook was turned off."
        Webhook.objects.filter(pk=webhook.pk).update(active=False)
        WebhookDelivery.objects.filter(webhook=webhook, status__in=selectors.RETRYABLE).exclude(
            pk=delivery.pk
        ).update(status=Status.GAVE_UP, error="The webhook was turned off (410 Gone).")
    elif delivery.attempts >= _conf("MAX_ATTEMPTS"):
        delivery.status = Status.GAVE_UP
    else:
        delays = _conf("RETRY_DELAYS")
        delivery.status = Status.FAILED
        delivery.next_attempt_at = now + timedelta(
            seconds=delays[min(delivery.attempts, len(delays)) - 1]
        )
    if not delivery.error and not outcome.delivered:
        delivery.error = f"The target answered {outcome.status}."
    delivery.save()
    Webhook.objects.filter(pk=webhook.pk).update(
        last_triggered_at=now,
        last_status=str(outcome.status) if outcome.status else outcome.error[:200],
    )
    return delivery
