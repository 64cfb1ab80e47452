"""A real ``manage.py worker``: its clock finds a delivery nobody queued (its worker went
away, or it waits for a retry) and its ``webhooks`` slot sends it."""

import pytest

from testkit.servers import WorkerProcess, wait_until
from webhooks.models import Webhook, WebhookDelivery


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_a_due_delivery_left_behind(receiver, settings, tmp_path):
    settings.TASKS = {
        "default": {**settings.TASKS["default"], "BACKEND": "django_tasks_db.DatabaseBackend"}
    }
    webhook = Webhook.objects.create(
        name="Front end", event="member.added", target_url=receiver.url("/hook")
    )
    delivery = WebhookDelivery.objects.create(
        webhook=webhook, event="member.added", payload={"event": "member.added"}
    )
    worker = WorkerProcess(
        tmp_path / "worker.log",
        env={"MASTHEAD_WEBHOOKS_RETRY_EVERY_SECONDS": "1"},
        args=("--interval", "0.1", "--queues", "webhooks,default"),
    )
    try:
        worker.start().wait_ready()
        wait_until(
            lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == "delivered",
            timeout=120,
            what="the delivery",
            details=lambda: worker.log,
        )
    finally:
        worker.stop()
    assert len(receiver.requests) == 1
