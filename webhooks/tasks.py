"""Background work for webhooks, on its own ``webhooks`` queue: one attempt at a delivery."""

from django_tasks import task

from . import services


@task(queue_name="webhooks")
def delivery_send(delivery_id):
    """Safe to run twice: the attempt claims its row first (services.delivery_attempt)."""
    services.delivery_attempt(delivery_id=delivery_id)
