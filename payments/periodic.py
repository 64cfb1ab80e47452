"""The worker's clock (core/periodic.py): tiers and offers that did not reach the provider
are sent again."""

from core.periodic import every

from . import services


@every(seconds=300)
def catalogue_retry():
    services.catalogue_retry()
