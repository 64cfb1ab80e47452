"""The limits shared by the newsletter sign-up and the password reset (core/ratelimit.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core import ratelimit
from core.models import RateLimitAttempt, RateLimitKey

pytestmark = pytest.mark.django_db

IP = "192.0.2.1"


def allowed(item=None, *, scope="test", key=IP, limit=2, now=None):
    return ratelimit.attempt_allowed(scope=scope, key=key, item=item, limit=limit, now=now)


def test_distinct_items_are_counted_and_a_repeat_costs_nothing():
    assert [allowed("a"), allowed("a"), allowed("b"), allowed("c"), allowed("a")] == [
        True,
        True,
        True,
        False,
        True,
    ]


def test_without_items_every_attempt_counts_and_refusals_are_not_recorded():
    assert [allowed() for _ in range(4)] == [True, True, False, False]
    assert RateLimitAttempt.objects.count() == 2


def test_the_window_moves_on():
    start = timezone.now()
    assert allowed(now=start) and allowed(now=start + timedelta(minutes=30))
    assert not allowed(now=start + timedelta(minutes=59))
    assert allowed(now=start + timedelta(minutes=61))  # the first one has left the window


def test_scopes_and_keys_are_counted_apart():
    assert allowed() and allowed() and not allowed()
    assert allowed(scope="another limit")
    assert allowed(key="192.0.2.2")


def test_nothing_is_stored_in_the_clear():
    allowed("reader@example.org", key=IP)
    stored = [*RateLimitKey.objects.values_list("key", flat=True)]
    stored += RateLimitAttempt.objects.values_list("item", flat=True)
    assert all(IP not in value and "reader" not in value for value in stored)


def test_pruning_forgets_attempts_older_than_a_day():
    now = timezone.now()
    allowed(key="old", now=now - timedelta(days=2))
    allowed(key="new", now=now - timedelta(hours=2))
    ratelimit.attempts_prune(now=now)
    assert RateLimitAttempt.objects.count() == 1
    assert RateLimitKey.objects.count() == 1
