"""Webhook delivery as Stripe does it: each event POSTed as JSON to every endpoint that asked
for its type, signed ``Stripe-Signature: t=<time>,v1=<HMAC-SHA256(secret, "<time>.<body>")>``
afresh at each attempt, first attempts in the order the events happened, a non-2xx answer
(or none) retried later with growing delays while later events go ahead.

Tests may hold deliveries and release them in another order, to see what arrives out of
order does no harm.
"""

import hashlib
import heapq
import hmac
import itertools
import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

# Seconds before each retry (Stripe's go on for three days; ours are quick, for tests).
RETRY_DELAYS = (0.5, 1, 2, 4, 8)
TIMEOUT = 10


def signature_header(body, secret, timestamp=None):
    """The ``Stripe-Signature`` header Stripe sends with ``body`` (bytes)."""
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@dataclass
class Delivery:
    event_id: str
    event_type: str
    url: str
    secret: str
    body: bytes
    attempts: list = field(default_factory=list)


class Deliverer:
    def __init__(self, *, retry_delays=RETRY_DELAYS):
        self.retry_delays = tuple(retry_delays)
        self._lock = threading.Condition()
        self._sequence = itertools.count()
        self._generation = 0
        self._queue = []  # heap of (due, sequence, delivery)
        self._held = None  # a list while deliveries are held
        self._busy = False
        self.log = []  # every attempt: dicts, oldest first
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="standin-webhooks", daemon=True)
        self._thread.start()

    def submit(self, event, endpoints):
        body = json.dumps(event, indent=2).encode()
        with self._lock:
            for endpoint in endpoints:
                delivery = Delivery(
                    event["id"], event["type"], endpoint["url"], endpoint["secret"], body
                )
                if self._held is not None:
                    self._held.append(delivery)
                else:
                    self._push(delivery, time.monotonic())

    def hold(self):
        with self._lock:
            if self._held is None:
                self._held = []

    def release(self, order="created"):
        """Deliver what was held: in the order the events happened, in ``reverse``, or in
        the order of a list of event ids (held events not named follow, in order)."""
        with self._lock:
            held, self._held = self._held or [], None
            if order == "reverse":
                held.reverse()
            elif isinstance(order, list):
                rank = {event_id: index for index, event_id in enumerate(order)}
                held.sort(key=lambda d: rank.get(d.event_id, len(rank)))
            elif order != "created":
                raise ValueError(f"order is created, reverse or a list of event ids: {order!r}")
            now = time.monotonic()
            for delivery in held:
                self._push(delivery, now)
            return [delivery.event_id for delivery in held]

    def held(self):
        with self._lock:
            return [delivery.event_id for delivery in self._held or []]

    def wait_idle(self, timeout):
        """Wait until nothing is queued or being sent (held deliveries aside)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._queue or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(min(left, 0.1))
            return True

    def reset(self, *, retry_delays=None):
        with self._lock:
            self._generation += 1
            self._queue.clear()
            self._held = None
            self.log = []
            if retry_delays is not None:
                self.retry_delays = tuple(retry_delays)
            self._lock.notify_all()

    def stop(self):
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        self._thread.join(timeout=TIMEOUT + 1)

    def _push(self, delivery, due):
        heapq.heappush(self._queue, (due, next(self._sequence), delivery))
        self._lock.notify_all()

    def _run(self):
        while True:
            with self._lock:
                while not self._stopping and (
                    not self._queue or self._queue[0][0] > time.monotonic()
                ):
                    wait = self._queue[0][0] - time.monotonic() if self._queue else None
                    self._lock.wait(wait)
                if self._stopping:
                    return
                _, _, delivery = heapq.heappop(self._queue)
                generation = self._generation
                self._busy = True
            status, error = self._post(delivery)
            with self._lock:
                self._busy = False
                if generation == self._generation:
                    self._record(delivery, status, error)
                self._lock.notify_all()

    def _post(self, delivery):
        request = urllib.request.Request(  # noqa: S310 (the endpoint's own http(s) URL)
            delivery.url,
            data=delivery.body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
                "Stripe-Signature": signature_header(delivery.body, delivery.secret),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
                return response.status, ""
        except urllib.error.HTTPError as error:
            return error.code, ""
        except OSError as error:
            return None, str(error)

    def _record(self, delivery, status, error):
        """Log the attempt; queue a retry after a failure, while retries are left."""
        delivery.attempts.append(status)
        ok = status is not None and 200 <= status < 300
        self.log.append(
            {
                "event": delivery.event_id,
                "type": delivery.event_type,
                "url": delivery.url,
                "attempt": len(delivery.attempts),
                "status": status,
                "error": error,
                "delivered": ok,
            }
        )
        retries_done = len(delivery.attempts) - 1
        if not ok and retries_done < len(self.retry_delays):
            self._push(delivery, time.monotonic() + self.retry_delays[retries_done])
