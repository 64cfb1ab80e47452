import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from webhooks.models import Webhook

SECRET = "a-shared-secret"


def signature_valid(body, header, secret):
    """What a consumer of Ghost's webhooks does: split ``sha256=…, t=…`` and compare the
    HMAC-SHA256 of the body followed by the timestamp."""
    fields = dict(part.strip().split("=", 1) for part in header.split(","))
    expected = hmac.new(secret.encode(), body + fields["t"].encode(), hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), fields["sha256"])


class Receiver:
    """A real HTTP server on 127.0.0.1 that records each POST and answers with the next of
    ``statuses`` (200 once they run out)."""

    def __init__(self):
        self.requests = []
        self.statuses = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                answer = json.dumps({"received": True}).encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path="/hook"):
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def bodies(self):
        return [json.loads(request["body"]) for request in self.requests]

    def events(self):
        return [body["event"] for body in self.bodies()]


@pytest.fixture
def receiver():
    server = Receiver()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def make_webhook(db, receiver):
    def make(event, *, secret=SECRET, path=None):
        return Webhook.objects.create(
            name=f"Hook for {event}",
            event=event,
            target_url=receiver.url(path or f"/{event}"),
            secret=secret,
        )

    return make
