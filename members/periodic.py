"""The worker's clock (core/periodic.py): members whose grace period or paid time ran out
between two events become free, and newsletter subscribers' recorded access is reconciled
with their members' (a safety net: every change already tells them)."""

from core.periodic import every

from . import services


@every(seconds=3600)
def memberships_expire():
    services.memberships_expire()


@every(seconds=3600)
def subscribers_access_reconcile():
    services.subscribers_access_reconcile()
