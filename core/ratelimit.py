"""Limits on how often one client, or one address, may ask for something that sends email:
the newsletter sign-up (distinct addresses per client) and the admin's password reset (distinct
addresses per client, and emails per address).

Counted in the database (``RateLimitKey``, ``RateLimitAttempt``), so a limit holds across
processes and concurrent requests: the key's row is locked while its attempts are counted
(SQLite's IMMEDIATE transactions serialise writers anyway). Keys and items are kept as HMACs
with the secret key, never an address or IP itself. A refused attempt is not recorded, so a
client that keeps trying gets in again once its oldest counted attempt leaves the window. The
worker's clock forgets attempts older than a day (``periodic.py``).
"""

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import RateLimitAttempt, RateLimitKey

WINDOW = timedelta(hours=1)
KEEP = timedelta(days=1)


def _keyed_hash(value: str) -> str:
    key = f"masthead.ratelimit:{settings.SECRET_KEY}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def attempt_allowed(
    *,
    scope: str,
    key: str | None,
    limit: int,
    item: str | None = None,
    window: timedelta = WINDOW,
    now: datetime | None = None,
) -> bool:
    """True if ``key`` (a client address, an email address) may make an attempt under ``scope``
    now, recording it; False if it has had ``limit`` in the last ``window``.

    With ``item``, attempts count by distinct item, and asking again for an item already counted
    in the window is allowed at no cost (the sign-up: one reader submitting twice).
    """
    now = now or timezone.now()
    item_key = "" if item is None else _keyed_hash(item)
    with transaction.atomic():
        row, _ = RateLimitKey.objects.get_or_create(key=_keyed_hash(f"{scope}\n{key or ''}"))
        row = RateLimitKey.objects.select_for_update().get(pk=row.pk)
        recent = row.attempts.filter(created_at__gte=now - window)
        if item is None:
            counted = recent.count()
        elif recent.filter(item=item_key).exists():
            return True
        else:
            counted = recent.values("item").distinct().count()
        if counted >= limit:
            return False
        RateLimitAttempt.objects.create(key=row, item=item_key, created_at=now)
        return True


def attempts_prune(*, now: datetime | None = None) -> None:
    """Forget attempts older than KEEP, and the keys left without any."""
    cutoff = (now or timezone.now()) - KEEP
    RateLimitAttempt.objects.filter(created_at__lt=cutoff).delete()
    RateLimitKey.objects.filter(attempts__isnull=True).delete()
