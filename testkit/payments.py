"""Payments in tests: the Stripe stand-in driven from a test, a webhook receiver that keeps
what it is sent, paying on the hosted Checkout page, and signing a body as Stripe would
(to forge or replay one)."""

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from payments.standin.delivery import signature_header
from testkit.servers import wait_until

TEST_CARD = "4242 4242 4242 4242"
DECLINED_CARD = "4000 0000 0000 0002"
WEBHOOK_SECRET = "whsec_test_masthead_webhooks"  # noqa: S105 (the tests' own)

__all__ = ["DECLINED_CARD", "TEST_CARD", "Standin", "WebhookReceiver", "signature_header"]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def http(method, url, *, data=None, json_body=None):
    """(status, headers, body text) of one request, redirects not followed."""
    headers = {}
    if json_body is not None:
        data = json.dumps(json_body).encode()
        headers["Content-Type"] = "application/json"
    elif isinstance(data, dict):
        data = urllib.parse.urlencode(data).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class _Forms(HTMLParser):
    """Each <form>'s action and its inputs' names and values."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": {}, "buttons": []})
        elif tag == "input" and self.forms and attrs.get("name"):
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""
        elif tag == "button" and self.forms:
            self.forms[-1]["buttons"].append("")

    def handle_data(self, data):
        if self.forms and self.forms[-1]["buttons"] and not self.forms[-1]["buttons"][-1]:
            self.forms[-1]["buttons"][-1] = data.strip()


def _expect(condition, message):
    if not condition:
        raise AssertionError(message)


def forms(html):
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class Standin:
    """The stand-in server of a test session (``payments_standin``), seen from a test."""

    def __init__(self, server):
        self.server = server
        self.url = server.url

    def control(self, path, **body):
        status, _, text = http("POST", f"{self.url}/_standin/{path}", json_body=body)
        _expect(status == 200, text)
        return json.loads(text)

    def reset(self, retry_delays=(0.05, 0.1, 0.2)):
        return self.control("reset", retry_delays=list(retry_delays))

    def add_endpoint(self, url, secret=WEBHOOK_SECRET, events=("*",)):
        return self.control("webhook_endpoints", url=url, secret=secret, enabled_events=events)

    def now(self):
        return json.loads(http("GET", f"{self.url}/_standin/clock")[2])["now"]

    def advance(self, *, days=0, seconds=0):
        return self.control("clock/advance", seconds=days * 86400 + seconds)["now"]

    def fail_next_payment(self, decline_code="generic_decline", count=1):
        return self.control("payments/fail_next", decline_code=decline_code, count=count)

    def hold(self):
        return self.control("deliveries/hold")

    def release(self, order="created"):
        return self.control("deliveries/release", order=order)["released"]

    def wait_idle(self, timeout=20):
        _expect(self.control("deliveries/wait", timeout=timeout)["idle"], "deliveries never end")

    def deliveries(self):
        return json.loads(http("GET", f"{self.url}/_standin/deliveries")[2])["attempts"]

    def resend(self, event_id):
        return self.control(f"events/{event_id}/resend")

    def refund(self, charge_id, amount=None):
        return self.control(f"charges/{charge_id}/refund", **({"amount": amount} if amount else {}))

    def dispute(self, charge_id, reason="fraudulent"):
        return self.control(f"charges/{charge_id}/dispute", reason=reason)

    def pay_invoice(self, invoice_id):
        return self.control(f"invoices/{invoice_id}/pay")

    def objects(self, kind):
        """Every object of a kind, as the API shows it (newest first)."""
        with self.server.lock:
            state = self.server.state
            return [state.render(o) for o in reversed(state.all(kind))]

    def pay_checkout(self, checkout_url, *, card=TEST_CARD, email="reader@example.org"):
        """Fill in and send the hosted Checkout page's form, as a browser would: (status,
        where it redirects to, page text)."""
        status, _, html = http("GET", checkout_url)
        _expect(status == 200, html)
        (form,) = [f for f in forms(html) if f["action"].startswith("/checkout/")]
        fields = {**form["fields"], "card": card, "name": "A Reader"}
        if "email" in fields:
            fields["email"] = email
        status, headers, text = http("POST", self.url + form["action"], data=fields)
        return status, headers.get("Location"), text

    def portal_action(self, portal_url, *, action, subscription_id, price_id=None):
        """Press a button of the hosted Billing Portal page."""
        status, _, html = http("GET", portal_url)
        _expect(status == 200, html)
        for form in forms(html):
            fields = form["fields"]
            if (
                fields.get("action") == action
                and fields.get("subscription") == subscription_id
                and (price_id is None or fields.get("price") == price_id)
            ):
                return http("POST", self.url + form["action"], data=fields)
        raise AssertionError(f"no {action} button for {subscription_id} on the portal page")


class WebhookReceiver:
    """An HTTP server that keeps every POST it is sent, answering ``status`` (or the next of
    ``statuses`` while any are left); GET answers 200 "ok" (a success page to land on)."""

    def __init__(self):
        self.received = []  # (headers, body bytes)
        self.statuses = []
        self.status = 200
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format, *args):
                pass

            def do_GET(self):
                self._answer(200, b"ok")

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver._lock:
                    receiver.received.append((dict(self.headers), body))
                    status = receiver.statuses.pop(0) if receiver.statuses else receiver.status
                self._answer(status, b"")

            def _answer(self, status, body):
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def events(self):
        """The events received, parsed, in the order they arrived."""
        with self._lock:
            return [json.loads(body) for _, body in self.received]

    def types(self):
        return [event["type"] for event in self.events()]

    def wait_for(self, event_type, *, count=1, timeout=20):
        wait_until(
            lambda: self.types().count(event_type) >= count,
            timeout=timeout,
            what=f"{count} {event_type} webhook(s)",
            details=lambda: f"received: {self.types()}",
        )
        return [event for event in self.events() if event["type"] == event_type]
