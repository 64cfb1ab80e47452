"""The stand-in's HTTP server: Stripe's API under ``/v1/``, the hosted pages, and the control
API under ``/_standin/`` (JSON in and out) that tests and ``make run`` use.

``StandinServer(port=0).start()`` serves in a thread until ``stop()``; ``url`` is its
address. One lock guards the state, so requests are handled one at a time, as far as the
state goes; deliveries go out from a thread of their own (``delivery.py``).
"""

import base64
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from . import pages
from .delivery import RETRY_DELAYS, Deliverer
from .forms import FormError, parse_form
from .state import API_VERSION, ApiError, State, invalid, new_id

API_KEY = re.compile(r"^(sk|rk)_(test|live)_[A-Za-z0-9_]+$")
IDEMPOTENCY_KEYS_KEPT = 10_000


def _routes():
    """(method, path pattern, handler(state, match, params)) for the part of /v1 we serve."""
    s = State

    def retrieve(kind):
        return lambda state, m, p: state.render(state.get(kind, m["id"]), p)

    def create(method):
        return lambda state, m, p: state.render(method(state, p), p)

    def change(kind, method):
        return lambda state, m, p: state.render(method(state, state.get(kind, m["id"]), p), p)

    def listing(kind, url, keep=None):
        def view(state, m, p):
            return state.listing(kind, p, url, (keep or (lambda p: lambda o: True))(p))

        return view

    def by(*names):
        return lambda p: lambda o: all(not p.get(n) or o.get(n) == p[n] for n in names)

    def subscriptions_filter(p):
        status = p.get("status") or ""

        def keep(sub):
            if p.get("customer") and sub["customer"] != p["customer"]:
                return False
            if p.get("price") and sub["items"]["data"][0]["price"]["id"] != p["price"]:
                return False
            if status == "all":
                return True
            if status:
                return sub["status"] == status
            return sub["status"] not in ("canceled", "incomplete_expired")

        return keep

    def events_filter(p):
        types = p.get("types") or ([p["type"]] if p.get("type") else None)
        return lambda event: types is None or event["type"] in types

    def endpoint_created(state, m, p):
        return state.render(state.endpoint_create(p), p)

    def endpoint_shown(state, m, p):
        shown = state.render(state.get("webhook_endpoint", m["id"]), p)
        shown.pop("secret", None)
        return shown

    def endpoints(state, m, p):
        listed = state.listing("webhook_endpoint", p, "/v1/webhook_endpoints")
        for endpoint in listed["data"]:
            endpoint.pop("secret", None)
        return listed

    def line_items(state, m, p):
        session = state.get("checkout.session", m["id"])
        return state._line_items_list(session)

    def subscription_cancel(state, m, p):
        return state.render(state.subscription_cancel(state.get("subscription", m["id"])), p)

    def delete(kind, method):
        return lambda state, m, p: method(state, state.get(kind, m["id"]))

    routes = [
        ("POST", "customers", create(s.customer_create)),
        ("GET", "customers", listing("customer", "/v1/customers", by("email"))),
        ("GET", "customers/{id}", retrieve("customer")),
        ("POST", "customers/{id}", change("customer", s.customer_update)),
        ("DELETE", "customers/{id}", delete("customer", s.customer_delete)),
        ("POST", "products", create(s.product_create)),
        ("GET", "products", listing("product", "/v1/products")),
        ("GET", "products/{id}", retrieve("product")),
        ("POST", "products/{id}", change("product", s.product_update)),
        ("POST", "prices", create(s.price_create)),
        (
            "GET",
            "prices",
            lambda st, m, p: st.listing("price", p, "/v1/prices", st.prices_filter(p)),
        ),
        ("GET", "prices/{id}", retrieve("price")),
        ("POST", "prices/{id}", change("price", s.price_update)),
        ("POST", "coupons", create(s.coupon_create)),
        ("GET", "coupons", listing("coupon", "/v1/coupons")),
        ("GET", "coupons/{id}", retrieve("coupon")),
        ("DELETE", "coupons/{id}", delete("coupon", s.coupon_delete)),
        ("POST", "checkout/sessions", create(s.checkout_create)),
        (
            "GET",
            "checkout/sessions",
            listing(
                "checkout.session",
                "/v1/checkout/sessions",
                by("customer", "subscription", "payment_intent", "status"),
            ),
        ),
        ("GET", "checkout/sessions/{id}", retrieve("checkout.session")),
        ("GET", "checkout/sessions/{id}/line_items", line_items),
        (
            "POST",
            "checkout/sessions/{id}/expire",
            change("checkout.session", lambda st, o, p: st.checkout_expire(o)),
        ),
        ("POST", "billing_portal/sessions", create(s.portal_create)),
        (
            "GET",
            "subscriptions",
            listing("subscription", "/v1/subscriptions", subscriptions_filter),
        ),
        ("GET", "subscriptions/{id}", retrieve("subscription")),
        ("POST", "subscriptions/{id}", change("subscription", s.subscription_update)),
        ("DELETE", "subscriptions/{id}", subscription_cancel),
        ("GET", "invoices", listing("invoice", "/v1/invoices", by("customer", "status"))),
        ("GET", "invoices/{id}", retrieve("invoice")),
        (
            "GET",
            "payment_intents",
            listing("payment_intent", "/v1/payment_intents", by("customer")),
        ),
        ("GET", "payment_intents/{id}", retrieve("payment_intent")),
        ("GET", "charges", listing("charge", "/v1/charges", by("customer", "payment_intent"))),
        ("GET", "charges/{id}", retrieve("charge")),
        ("POST", "refunds", create(s.refund_create)),
        ("GET", "refunds", listing("refund", "/v1/refunds", by("charge", "payment_intent"))),
        ("GET", "refunds/{id}", retrieve("refund")),
        ("GET", "disputes", listing("dispute", "/v1/disputes", by("charge", "payment_intent"))),
        ("GET", "disputes/{id}", retrieve("dispute")),
        ("GET", "events", listing("event", "/v1/events", events_filter)),
        ("GET", "events/{id}", retrieve("event")),
        ("POST", "webhook_endpoints", endpoint_created),
        ("GET", "webhook_endpoints", endpoints),
        ("GET", "webhook_endpoints/{id}", endpoint_shown),
        ("POST", "webhook_endpoints/{id}", change("webhook_endpoint", s.endpoint_update)),
        (
            "DELETE",
            "webhook_endpoints/{id}",
            delete("webhook_endpoint", lambda st, o: {**_deleted(o)}),
        ),
    ]
    return [
        (method, re.compile("^/v1/" + pattern.replace("{id}", r"(?P<id>[^/]+)") + "$"), view)
        for method, pattern, view in routes
    ]


def _deleted(obj):
    obj["deleted"] = True
    return {"id": obj["id"], "object": obj["object"], "deleted": True}


ROUTES = _routes()


class StandinServer:
    def __init__(
        self,
        *,
        host="127.0.0.1",
        port=0,
        public_url=None,
        retry_delays=RETRY_DELAYS,
        state_file=None,
    ):
        self.lock = threading.RLock()
        self.deliverer = Deliverer(retry_delays=retry_delays)
        self.state = State(base_url="", emit=self.deliverer.submit)
        # With a file, what the account holds outlives a restart (make run): customers, prices
        # and subscriptions the site stored the ids of are still there.
        self.state_file = Path(state_file) if state_file else None
        if self.state_file is not None and self.state_file.exists():
            self.state.load(json.loads(self.state_file.read_text()))
        self.idempotency = {}
        self.httpd = ThreadingHTTPServer((host, port), _handler(self))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = public_url or f"http://{host}:{self.port}"
        self.state.base_url = self.url
        self._thread = None

    def start(self):
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, name="standin", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self):
        self.httpd.serve_forever()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.deliverer.stop()

    def reset(self):
        with self.lock:
            self.state.reset()
            self.idempotency.clear()
            self.deliverer.reset()

    def persist(self):
        """Write the account to the state file, if there is one (atomically: a crash mid-write
        leaves the previous copy)."""
        if self.state_file is None:
            return
        with self.lock:
            partial = self.state_file.with_suffix(".partial")
            partial.write_text(json.dumps(self.state.dump()))
            partial.replace(self.state_file)

    def add_endpoint(self, url, secret=None, events=("*",)):
        """A webhook endpoint, with the signing secret given (or a new one): its object. One
        kept from before a restart for the same URL is reused (with this secret), so events
        are not delivered twice."""
        with self.lock:
            for endpoint in self.state.all("webhook_endpoint"):
                if endpoint["url"] == url and not endpoint.get("deleted"):
                    if secret:
                        endpoint["secret"] = secret
                    endpoint["enabled_events"] = list(events)
                    self.persist()
                    return endpoint
            endpoint = self.state.endpoint_create(
                {"url": url, "enabled_events": list(events)}, secret=secret
            )
            self.persist()
            return endpoint

    # The control API (/_standin/...): what tests do to the account that Stripe's clock,
    # a bank or a card holder would do.

    def control(self, method, path, body):
        state = self.state
        route = path.removeprefix("/_standin/").strip("/")
        parts = route.split("/")
        if method == "GET" and route == "clock":
            return {"now": state.now()}
        if method == "GET" and route == "deliveries":
            return {"attempts": list(self.deliverer.log), "held": self.deliverer.held()}
        if method != "POST":
            raise ApiError(404, f"Unrecognized request URL ({method}: {path}).")
        if route == "reset":
            self.state.reset()
            self.idempotency.clear()
            self.deliverer.reset(retry_delays=body.get("retry_delays"))
            return {"reset": True}
        if route == "clock/advance":
            seconds = body.get("seconds")
            if not isinstance(seconds, int) or seconds < 0:
                raise invalid("seconds", "seconds: a whole number, at least 0")
            return {"now": state.advance(seconds)}
        if route == "webhook_endpoints":
            endpoint = state.endpoint_create(
                {"url": body.get("url"), "enabled_events": body.get("enabled_events") or ["*"]},
                secret=body.get("secret"),
            )
            return state.render(endpoint)
        if route == "deliveries/hold":
            self.deliverer.hold()
            return {"held": self.deliverer.held()}
        if route == "deliveries/release":
            try:
                return {"released": self.deliverer.release(body.get("order", "created"))}
            except ValueError as error:
                raise invalid("order", str(error)) from None
        if route == "deliveries/wait":
            return {"idle": self.deliverer.wait_idle(float(body.get("timeout", 10)))}
        if route == "payments/fail_next":
            code = body.get("decline_code", "generic_decline")
            state.failures.extend([code] * int(body.get("count", 1)))
            return {"failing": len(state.failures)}
        if len(parts) == 3 and parts[0] == "events" and parts[2] == "resend":
            event = state.get("event", parts[1])
            endpoints = state._endpoints_for(event["type"])
            self.deliverer.submit(event, endpoints)
            return {"resent": event["id"], "endpoints": len(endpoints)}
        if len(parts) == 3 and parts[0] == "charges" and parts[2] == "dispute":
            dispute = state.dispute_create(
                state.get("charge", parts[1]), reason=body.get("reason", "fraudulent")
            )
            return state.render(dispute)
        if len(parts) == 3 and parts[0] == "charges" and parts[2] == "refund":
            params = {"charge": parts[1]}
            if body.get("amount"):
                params["amount"] = str(body["amount"])
            return state.render(state.refund_create(params))
        if len(parts) == 3 and parts[0] == "disputes" and parts[2] == "close":
            dispute = state.get("dispute", parts[1])
            return state.render(state.dispute_close(dispute, body.get("status")))
        if len(parts) == 3 and parts[0] == "invoices" and parts[2] == "pay":
            invoice = state.get("invoice", parts[1])
            sub = state.objects[invoice["parent"]["subscription_details"]["subscription"]]
            return state.render(state.invoice_pay(invoice, sub))
        raise ApiError(404, f"Unrecognized request URL ({method}: {path}).")

    # The API

    def api(self, method, path, params, idempotency_key):
        found = next(
            ((view, match) for verb, pattern, view in ROUTES
             if verb == method and (match := pattern.match(path))),
            None,
        )  # fmt: skip
        if found is None:
            raise ApiError(
                404,
                f"Unrecognized request URL ({method}: {path}). The Masthead stand-in serves "
                "only the part of Stripe's API that Masthead uses (docs/payments.md).",
            )
        view, match = found
        if idempotency_key and method != "GET":
            kept = self.idempotency.get(idempotency_key)
            if kept is not None:
                if kept[0] != (method, path, params):
                    raise ApiError(
                        400,
                        "Keys for idempotent requests can only be used with the same parameters "
                        "they were first used with.",
                        kind="idempotency_error",
                    )
                return kept[1], True
        result = view(self.state, match, params)
        if idempotency_key and method != "GET":
            if len(self.idempotency) >= IDEMPOTENCY_KEYS_KEPT:
                self.idempotency.pop(next(iter(self.idempotency)))
            self.idempotency[idempotency_key] = ((method, path, params), result)
        return result, False


def _handler(server):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "MastheadStripeStandin/1.0"

        def log_message(self, format, *args):
            pass  # quiet: tests and make run read deliveries from /_standin/deliveries

        def do_GET(self):
            self._dispatch("GET")

        def do_POST(self):
            self._dispatch("POST")

        def do_DELETE(self):
            self._dispatch("DELETE")

        def _body(self):
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length).decode("utf-8", "replace") if length else ""

        def _dispatch(self, method):
            url = urlsplit(self.path)
            body = self._body()
            try:
                if url.path.rstrip("/") == "/_standin/deliveries/wait":
                    # Waits without the state's lock: the site answering a delivery may call
                    # the API meanwhile (a webhook re-reading what it is about).
                    self._control(method, url.path, body)
                    return
                with server.lock:
                    if url.path.startswith("/v1/"):
                        self._api(method, url, body)
                    elif url.path.startswith("/_standin/"):
                        self._control(method, url.path, body)
                    elif url.path.startswith("/checkout/"):
                        self._checkout(method, url.path, body)
                    elif url.path.startswith("/billing/"):
                        self._portal(method, url.path, body)
                    else:
                        self._send_json(404, ApiError(404, "Not found.").body())
                    if method != "GET":
                        server.persist()
            except ApiError as error:
                self._send_json(error.status, error.body())

        def _api(self, method, url, body):
            self._authenticate()
            try:
                params = parse_form(url.query if method != "POST" else body)
                if method == "POST" and url.query:
                    params = {**parse_form(url.query), **params}
            except FormError as error:
                raise ApiError(400, str(error)) from None
            result, replayed = server.api(
                method, url.path, params, self.headers.get("Idempotency-Key")
            )
            headers = {"Idempotent-Replayed": "true"} if replayed else {}
            if key := self.headers.get("Idempotency-Key"):
                headers["Idempotency-Key"] = key
            self._send_json(200, result, headers)

        def _authenticate(self):
            auth = self.headers.get("Authorization") or ""
            key = auth.removeprefix("Bearer ").strip()
            if auth.startswith("Basic "):  # curl -u sk_test_…: as Stripe's own API takes
                try:
                    key = base64.b64decode(auth[6:]).decode(errors="replace").partition(":")[0]
                except ValueError:
                    key = ""
            if not auth:
                raise ApiError(
                    401,
                    "You did not provide an API key. You need to provide your API key in the "
                    "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
                    "YOUR_SECRET_KEY').",
                )
            if not API_KEY.match(key):
                raise ApiError(401, f"Invalid API Key provided: {key[:8]}…")

        def _control(self, method, path, body):
            try:
                data = json.loads(body) if body.strip() else {}
            except ValueError:
                raise ApiError(400, "The control API takes a JSON body.") from None
            if not isinstance(data, dict):
                raise ApiError(400, "The control API takes a JSON object.")
            self._send_json(200, server.control(method, path, data))

        def _checkout(self, method, path, body):
            session_id = path.removeprefix("/checkout/").strip("/")
            session = server.state.get("checkout.session", session_id)
            if session["status"] != "open":
                return self._send_html(200, pages.checkout_closed(session))
            if method == "GET":
                return self._send_html(200, pages.checkout(session, server.state))
            form = {key: values[-1] for key, values in parse_qs(body).items()}
            try:
                target = server.state.checkout_pay(
                    session,
                    email=form.get("email", ""),
                    card=form.get("card", ""),
                    name=form.get("name", ""),
                )
            except ApiError as error:
                page = pages.checkout(
                    session, server.state, error=error.message, email=form.get("email", "")
                )
                return self._send_html(error.status, page)
            self._redirect(target)

        def _portal(self, method, path, body):
            session_id = path.removeprefix("/billing/").strip("/")
            session = server.state.get("billing_portal.session", session_id)
            if method == "GET":
                return self._send_html(200, pages.portal(session, server.state))
            form = {key: values[-1] for key, values in parse_qs(body).items()}
            state = server.state
            sub = state.get("subscription", form.get("subscription", ""))
            if sub["customer"] != session["customer"]:
                raise ApiError(403, "Not this customer's subscription.")
            action = form.get("action")
            if action == "cancel":
                state.subscription_update(sub, {"cancel_at_period_end": "true"})
            elif action == "resume":
                state.subscription_update(sub, {"cancel_at_period_end": "false"})
            elif action == "switch":
                state.subscription_update(sub, {"items": [{"price": form.get("price", "")}]})
            else:
                raise ApiError(400, f"Unknown action: {action}")
            self._redirect(f"/billing/{session['id']}")

        def _redirect(self, location):
            self.send_response(303)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send_json(self, status, data, headers=None):
            body = json.dumps(data, indent=2).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Request-Id", new_id("req", 14))
            self.send_header("Stripe-Version", API_VERSION)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _send_html(self, status, body):
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler
