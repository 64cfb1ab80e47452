"""The once-a-day confirmation claim holds when requests really run at the same time."""

import threading

import pytest
from django.db import connection

from newsletters.models import Subscriber
from newsletters.services import confirmation_claim, signup_allowed_from_ip


def _race(target, n):
    results, barrier = [], threading.Barrier(n)

    def run():
        barrier.wait()
        try:
            results.append(target())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_claims_let_exactly_one_email_through():
    subscriber = Subscriber.objects.create(email="race@example.org")
    results = _race(lambda: confirmation_claim(subscriber), 12)
    assert sorted(results) == [False] * 11 + [True]


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_from_one_ip_stay_within_the_limit(settings):
    settings.MASTHEAD_NEWSLETTER_IP_LIMIT = 3
    counter = iter(range(100))
    lock = threading.Lock()

    def attempt():
        with lock:
            n = next(counter)
        return signup_allowed_from_ip(ip="192.0.2.1", email=f"r{n}@example.org")

    assert sum(_race(attempt, 12)) == 3
