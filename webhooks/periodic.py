"""Clock jobs (core/periodic.py): queue the deliveries whose next attempt is due, so retries
survive a worker's restart; keep the delivery log to its last ``KEEP_DAYS``."""

from django.conf import settings

from core.periodic import every

from . import services


@every(seconds=settings.MASTHEAD_WEBHOOKS["RETRY_EVERY_SECONDS"])
def deliveries_retry_due():
    services.deliveries_queue_due()


@every(seconds=24 * 60 * 60)
def deliveries_prune():
    services.deliveries_prune()
