"""The worker's clock (core/periodic.py): members whose grace period or paid time ran out
between two events become free."""

from core.periodic import every

from . import services


@every(seconds=3600)
def memberships_expire():
    services.memberships_expire()
