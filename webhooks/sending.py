"""One webhook request: the body, Ghost's signature, and a POST to the checked address.

Ghost signs ``X-Ghost-Signature: sha256=<hex HMAC-SHA256 of body + timestamp>, t=<timestamp>``
with the webhook's secret (milliseconds since the epoch; no header without a secret), and
sends compact JSON (Ghost's ``webhook-trigger.js``). The connection goes to the address
``targets.resolve`` checked, never to a second lookup of the name; redirects are not followed
(a 3xx is a failed attempt), so no redirect leads to a private address either.
"""

import hashlib
import hmac
import http.client
import json
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from . import targets

USER_AGENT = "Masthead/0.1 (Ghost-compatible webhooks)"
RESPONSE_KEPT_BYTES = 4096


@dataclass(frozen=True)
class Outcome:
    status: int | None  # the HTTP status, or None when no answer came
    body: str = ""
    error: str = ""

    @property
    def delivered(self):
        return self.status is not None and 200 <= self.status < 300


def body_of(payload):
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def signature(body, secret, timestamp_ms):
    digest = hmac.new(secret.encode(), body + str(timestamp_ms).encode(), hashlib.sha256)
    return f"sha256={digest.hexdigest()}, t={timestamp_ms}"


def headers_for(body, secret, *, timestamp_ms=None):
    headers = {
        "Content-Type": "application/json",
        "Content-Length": str(len(body)),
        "User-Agent": USER_AGENT,
    }
    if secret:
        timestamp_ms = int(time.time() * 1000) if timestamp_ms is None else timestamp_ms
        headers["X-Ghost-Signature"] = signature(body, secret, timestamp_ms)
    return headers


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to a given address, whatever the host name now resolves to."""

    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """As above, with TLS checked against the host name (SNI and certificate)."""

    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url, payload, secret):
    """POST ``payload`` to ``url``; the Outcome, never an exception for the target's faults."""
    body = body_of(payload)
    try:
        scheme, host, port, address = targets.resolve(url)
    except targets.TargetRefused as refused:
        return Outcome(status=None, error=str(refused))
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    timeout = settings.MASTHEAD_WEBHOOKS["TIMEOUT_SECONDS"]
    connection = connection_class(host, port, address=address, timeout=timeout)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", path, body=body, headers=headers_for(body, secret))
        response = connection.getresponse()
        text = response.read(RESPONSE_KEPT_BYTES).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException) as error:
        return Outcome(status=None, error=f"Request failed: {type(error).__name__}: {error}"[:500])
    finally:
        connection.close()
    if 300 <= response.status < 400:
        location = response.getheader("Location", "")
        return Outcome(
            status=response.status,
            body=text,
            error=f"Redirected to {location[:300]}: redirects are not followed; "
            "change the target URL.",
        )
    return Outcome(status=response.status, body=text)
