"""The stand-in's Stripe account: its objects, its clock, and what happens to them.

Objects are the JSON Stripe sends (plain dicts), keyed by id; keys starting with ``_`` are
the stand-in's own notes and never leave it. Every change that Stripe would announce makes
an event (a snapshot of the object, with ``previous_attributes`` for updates), handed to
``emit`` in the order it happened. All of it runs under the server's one lock.

The clock is real time plus an offset that ``advance`` moves forward, running what falls
due on the way, in order: trials ending (and their warning three days before), renewals
(paid, or failed into past_due), cancellations at period end.
"""

import calendar
import copy
import datetime
import secrets
import string
import time

API_VERSION = "2026-10-28.endive"
ALPHABET = string.ascii_letters + string.digits
ZERO_DECIMAL = {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd"}
LIVE = ("trialing", "active", "past_due")
TRIAL_WARNING_SECONDS = 3 * 86400
CHECKOUT_LIFETIME = 86400
# Test cards (Stripe's numbers): what each does at the hosted Checkout page.
DECLINES = {"4000000000000002": "generic_decline", "4000000000009995": "insufficient_funds"}
DECLINE_MESSAGES = {
    "generic_decline": "Your card was declined.",
    "insufficient_funds": "Your card has insufficient funds.",
}


class ApiError(Exception):
    """An error answered as Stripe does, so the SDK raises its own exception for it."""

    def __init__(self, status, message, *, kind="invalid_request_error", code=None, param=None):
        super().__init__(message)
        self.status, self.message, self.kind, self.code, self.param = (
            status,
            message,
            kind,
            code,
            param,
        )

    def body(self):
        error = {"type": self.kind, "message": self.message}
        if self.code:
            error["code"] = self.code
        if self.param:
            error["param"] = self.param
        return {"error": error}


def missing(param):
    return ApiError(400, f"Missing required param: {param}.", code="parameter_missing", param=param)


def invalid(param, message):
    return ApiError(400, message, code="parameter_invalid", param=param)


def new_id(prefix, length=24):
    return f"{prefix}_{''.join(secrets.choice(ALPHABET) for _ in range(length))}"


def public(value):
    """What Stripe would send: a deep copy without the stand-in's own ``_`` notes."""
    if isinstance(value, dict):
        return {k: public(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [public(v) for v in value]
    return value


def add_interval(timestamp, interval, count=1):
    """``timestamp`` plus calendar months or years, the day clamped to the month's end."""
    moment = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)
    months = count * (12 if interval == "year" else 1)
    if interval == "day":
        return timestamp + count * 86400
    if interval == "week":
        return timestamp + count * 7 * 86400
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return int(moment.replace(year=year, month=month, day=day).timestamp())


def as_int(params, name, *, required=False, minimum=0):
    value = params.get(name)
    if value in (None, ""):
        if required:
            raise missing(name)
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise invalid(name, f"Invalid integer: {value}") from None
    if number < minimum:
        raise invalid(name, f"This value must be greater than or equal to {minimum}.")
    return number


def as_bool(params, name, default=None):
    value = params.get(name)
    if value in (None, ""):
        return default
    if value not in ("true", "false"):
        raise invalid(name, f"Invalid boolean: {value}")
    return value == "true"


def as_metadata(params, name="metadata"):
    value = params.get(name)
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise invalid(name, "Invalid object")
    return {key: item for key, item in value.items() if item != ""}


def luhn_ok(number):
    digits = [int(d) for d in number]
    checksum = sum(digits[-1::-2]) + sum(sum(divmod(2 * d, 10)) for d in digits[-2::-2])
    return checksum % 10 == 0


def format_amount(amount, currency):
    if currency in ZERO_DECIMAL:
        return f"{amount:,} {currency.upper()}"
    return f"{amount / 100:,.2f} {currency.upper()}"


class State:
    def __init__(self, *, base_url, emit):
        self.base_url = base_url
        self.emit = emit
        self.reset()

    # What a restart keeps (``StandinServer(state_file=...)``, as ``make run`` uses it): every
    # object, their order, the clock's offset and the declines asked for.

    def dump(self):
        return {
            "offset": self.offset,
            "objects": self.objects,
            "order": self.order,
            "failures": self.failures,
            "product_ids": sorted(self.product_ids),
        }

    def load(self, saved):
        self.offset = int(saved.get("offset", 0))
        self.objects = dict(saved.get("objects", {}))
        self.order = {key: int(value) for key, value in saved.get("order", {}).items()}
        self.failures = list(saved.get("failures", []))
        self.product_ids = set(saved.get("product_ids", []))

    def reset(self):
        self.offset = 0
        self.objects = {}  # id -> object, every kind
        self.order = {}  # id -> creation sequence, for lists' newest-first order
        self.failures = []  # codes of the next charges to decline
        self.product_ids = set()

    # The clock

    def now(self):
        return int(time.time()) + self.offset

    def advance(self, seconds):
        target = self.now() + seconds
        while (due := self._next_due()) is not None and due[0] <= target:
            moment, run = due
            self.offset += max(0, moment - self.now())
            run()
        self.offset += max(0, target - self.now())
        return self.now()

    def _next_due(self):
        """(when, what) of the earliest thing due on any subscription."""
        best = None
        for sub in self.all("subscription"):
            if sub["status"] not in LIVE:
                continue
            end = sub["items"]["data"][0]["current_period_end"]
            candidates = [(end, lambda sub=sub: self._period_end(sub))]
            if (
                sub["status"] == "trialing"
                and not sub["_trial_warned"]
                and sub["trial_end"] - TRIAL_WARNING_SECONDS > sub["created"]
            ):
                when = sub["trial_end"] - TRIAL_WARNING_SECONDS
                candidates.append((when, lambda sub=sub: self._trial_warning(sub)))
            for candidate in candidates:
                if best is None or candidate[0] < best[0]:
                    best = candidate
        return best

    # Storage

    def store(self, obj):
        self.objects[obj["id"]] = obj
        self.order.setdefault(obj["id"], len(self.order))
        return obj

    def get(self, kind, object_id, param="id"):
        obj = self.objects.get(object_id)
        if obj is None or obj["object"] != kind or obj.get("deleted"):
            name = kind.split(".")[-1].replace("_", " ")
            raise ApiError(
                404, f"No such {name}: '{object_id}'", code="resource_missing", param=param
            )
        return obj

    def all(self, kind):
        return [obj for obj in self.objects.values() if obj["object"] == kind]

    def listing(self, kind, params, url, keep=lambda obj: True):
        limit = as_int(params, "limit", minimum=1) or 10
        if limit > 100:
            raise invalid("limit", "This value must be less than or equal to 100.")
        found = [o for o in self.all(kind) if not o.get("deleted") and keep(o)]
        found.sort(key=lambda o: (o["created"], self.order[o["id"]]), reverse=True)
        if after := params.get("starting_after"):
            self.get(kind, after, "starting_after")
            ids = [o["id"] for o in found]
            found = found[ids.index(after) + 1 :] if after in ids else []
        elif before := params.get("ending_before"):
            self.get(kind, before, "ending_before")
            ids = [o["id"] for o in found]
            found = found[: ids.index(before)][-limit:] if before in ids else []
        page = found[:limit]
        return {
            "object": "list",
            "data": [self.render(o, params) for o in page],
            "has_more": len(found) > limit,
            "url": url,
        }

    def render(self, obj, params=None):
        """An object as the API answers it, with the fields ``expand[]`` names expanded."""
        shown = public(obj)
        for path in (params or {}).get("expand") or []:
            path = path.removeprefix("data.")
            self._expand(shown, path.split("."), obj)
        return shown

    def _expand(self, shown, parts, obj):
        head, rest = parts[0], parts[1:]
        if head == "line_items" and "_line_items" in obj:
            shown["line_items"] = self._line_items_list(obj)
            return
        value = shown.get(head)
        if isinstance(value, str) and value in self.objects:
            shown[head] = public(self.objects[value])
            value = shown[head]
        if rest and isinstance(value, dict):
            if value.get("object") == "list":
                for item in value["data"]:
                    self._expand(item, rest, item)
            else:
                self._expand(value, rest, self.objects.get(value.get("id"), value))

    def event(self, kind, obj, previous=None):
        data = {"object": public(obj)}
        if previous is not None:
            data["previous_attributes"] = previous
        event = self.store(
            {
                "id": new_id("evt"),
                "object": "event",
                "api_version": API_VERSION,
                "created": self.now(),
                "data": data,
                "livemode": False,
                "pending_webhooks": len(self._endpoints_for(kind)),
                "request": {"id": None, "idempotency_key": None},
                "type": kind,
            }
        )
        self.emit(event, self._endpoints_for(kind))
        return event

    def _endpoints_for(self, kind):
        return [
            endpoint
            for endpoint in self.all("webhook_endpoint")
            if not endpoint.get("deleted")
            and endpoint["status"] == "enabled"
            and ("*" in endpoint["enabled_events"] or kind in endpoint["enabled_events"])
        ]

    def update(self, obj, kind, changes):
        """Apply ``changes`` and announce them, with what they replaced."""
        previous = {
            key: copy.deepcopy(obj.get(key)) for key in changes if obj.get(key) != changes[key]
        }
        obj.update(changes)
        if previous:
            self.event(kind, obj, previous)
        return obj

    def base(self, prefix, kind, **fields):
        return {
            "id": new_id(prefix),
            "object": kind,
            "created": self.now(),
            "livemode": False,
            "metadata": {},
            **fields,
        }

    # Customers

    def customer_create(self, params):
        customer = self.store(
            self.base(
                "cus",
                "customer",
                email=params.get("email") or None,
                name=params.get("name") or None,
                description=params.get("description") or None,
                metadata=as_metadata(params),
                balance=0,
                currency=None,
                delinquent=False,
                invoice_settings={"default_payment_method": None},
                _card=None,
            )
        )
        self.event("customer.created", customer)
        return customer

    def customer_update(self, customer, params):
        changes = {
            key: params[key] or None for key in ("email", "name", "description") if key in params
        }
        if "metadata" in params:
            changes["metadata"] = {**customer["metadata"], **as_metadata(params)}
        return self.update(customer, "customer.updated", changes)

    def customer_delete(self, customer):
        for sub in self.all("subscription"):
            if sub["customer"] == customer["id"] and sub["status"] != "canceled":
                self.subscription_cancel(sub)
        customer["deleted"] = True
        self.event("customer.deleted", customer)
        return {"id": customer["id"], "object": "customer", "deleted": True}

    # Products and prices

    def product_create(self, params):
        if not params.get("name"):
            raise missing("name")
        product_id = params.get("id") or new_id("prod", 14)
        if product_id in self.objects:
            raise ApiError(
                400,
                f"Product already exists: {product_id}",
                code="resource_already_exists",
                param="id",
            )
        product = self.store(
            self.base(
                "prod",
                "product",
                id=product_id,
                name=params["name"],
                description=params.get("description") or None,
                active=as_bool(params, "active", True),
                metadata=as_metadata(params),
                default_price=None,
                updated=self.now(),
                type="service",
            )
        )
        self.event("product.created", product)
        return product

    def product_update(self, product, params):
        changes = {key: params[key] or None for key in ("name", "description") if key in params}
        if "active" in params:
            changes["active"] = as_bool(params, "active")
        if "metadata" in params:
            changes["metadata"] = {**product["metadata"], **as_metadata(params)}
        changed = any(product.get(key) != value for key, value in changes.items())
        if changed:
            changes["updated"] = self.now()
        return self.update(product, "product.updated", changes)

    def price_create(self, params, *, announce=True):
        currency = (params.get("currency") or "").lower()
        if not currency:
            raise missing("currency")
        amount = as_int(params, "unit_amount", required=True)
        if product_data := params.get("product_data"):
            product = self.product_create(product_data)
        elif product_id := params.get("product"):
            product = self.get("product", product_id, "product")
        else:
            raise missing("product")
        recurring = None
        if params.get("recurring"):
            interval = params["recurring"].get("interval")
            if interval not in ("day", "week", "month", "year"):
                raise invalid("recurring[interval]", f"Invalid recurring[interval]: {interval}")
            recurring = {
                "interval": interval,
                "interval_count": as_int(params["recurring"], "interval_count", minimum=1) or 1,
                "usage_type": "licensed",
                "trial_period_days": None,
                "meter": None,
            }
        lookup_key = params.get("lookup_key") or None
        if lookup_key:
            holder = self._price_with_lookup_key(lookup_key)
            if holder is not None:
                if not as_bool(params, "transfer_lookup_key", False):
                    raise invalid(
                        "lookup_key",
                        f"A price (`{holder['id']}`) already uses that lookup key.",
                    )
                holder["lookup_key"] = None
        price = self.store(
            self.base(
                "price",
                "price",
                active=as_bool(params, "active", True),
                currency=currency,
                unit_amount=amount,
                unit_amount_decimal=str(amount),
                product=product["id"],
                recurring=recurring,
                type="recurring" if recurring else "one_time",
                lookup_key=lookup_key,
                nickname=params.get("nickname") or None,
                billing_scheme="per_unit",
                tax_behavior="unspecified",
                metadata=as_metadata(params),
            )
        )
        if announce:
            self.event("price.created", price)
        return price

    def _price_with_lookup_key(self, lookup_key):
        for price in self.all("price"):
            if price.get("lookup_key") == lookup_key:
                return price
        return None

    def price_update(self, price, params):
        changes = {}
        if "active" in params:
            changes["active"] = as_bool(params, "active")
        if "nickname" in params:
            changes["nickname"] = params["nickname"] or None
        if "lookup_key" in params:
            lookup_key = params["lookup_key"] or None
            holder = lookup_key and self._price_with_lookup_key(lookup_key)
            if holder and holder is not price:
                if not as_bool(params, "transfer_lookup_key", False):
                    raise invalid(
                        "lookup_key", f"A price (`{holder['id']}`) already uses that lookup key."
                    )
                holder["lookup_key"] = None
            changes["lookup_key"] = lookup_key
        if "metadata" in params:
            changes["metadata"] = {**price["metadata"], **as_metadata(params)}
        return self.update(price, "price.updated", changes)

    def prices_filter(self, params):
        lookup_keys = params.get("lookup_keys")
        if isinstance(lookup_keys, str):
            lookup_keys = [lookup_keys]
        active = as_bool(params, "active")

        def keep(price):
            return (
                (lookup_keys is None or price["lookup_key"] in lookup_keys)
                and (not params.get("product") or price["product"] == params["product"])
                and (active is None or price["active"] == active)
                and (not params.get("type") or price["type"] == params["type"])
                and (not params.get("currency") or price["currency"] == params["currency"])
            )

        return keep

    # Coupons

    def coupon_create(self, params):
        percent_off = params.get("percent_off")
        amount_off = as_int(params, "amount_off", minimum=1)
        if (percent_off in (None, "")) == (amount_off is None):
            raise invalid("percent_off", "You must pass exactly one of percent_off or amount_off.")
        if percent_off not in (None, ""):
            try:
                percent_off = float(percent_off)
            except ValueError:
                raise invalid("percent_off", f"Invalid decimal: {percent_off}") from None
            if not 0 < percent_off <= 100:
                raise invalid("percent_off", "percent_off must be between 0 and 100.")
        else:
            percent_off = None
        currency = (params.get("currency") or "").lower() or None
        if amount_off is not None and not currency:
            raise missing("currency")
        duration = params.get("duration") or "once"
        if duration not in ("once", "repeating", "forever"):
            raise invalid("duration", f"Invalid duration: {duration}")
        months = as_int(params, "duration_in_months", minimum=1)
        if duration == "repeating" and months is None:
            raise missing("duration_in_months")
        coupon_id = params.get("id") or new_id("", 8).lstrip("_")
        if coupon_id in self.objects:
            raise ApiError(
                400,
                f"Coupon already exists: {coupon_id}",
                code="resource_already_exists",
                param="id",
            )
        coupon = self.store(
            self.base(
                "",
                "coupon",
                id=coupon_id,
                name=params.get("name") or None,
                percent_off=percent_off,
                amount_off=amount_off,
                currency=currency if amount_off is not None else None,
                duration=duration,
                duration_in_months=months if duration == "repeating" else None,
                max_redemptions=as_int(params, "max_redemptions", minimum=1),
                redeem_by=as_int(params, "redeem_by"),
                times_redeemed=0,
                valid=True,
                metadata=as_metadata(params),
            )
        )
        self.event("coupon.created", coupon)
        return coupon

    def coupon_delete(self, coupon):
        coupon["deleted"] = True
        self.event("coupon.deleted", coupon)
        return {"id": coupon["id"], "object": "coupon", "deleted": True}

    def discount(self, coupon, amount, currency):
        """How much ``coupon`` takes off ``amount``."""
        if coupon["percent_off"] is not None:
            return round(amount * coupon["percent_off"] / 100)
        if coupon["currency"] != currency:
            return 0
        return min(amount, coupon["amount_off"])

    # Checkout

    def checkout_create(self, params):
        mode = params.get("mode")
        if not mode:
            raise missing("mode")
        if mode not in ("subscription", "payment"):
            raise invalid("mode", f"The stand-in does not do mode={mode} Checkout Sessions.")
        if not params.get("success_url"):
            raise missing("success_url")
        items = params.get("line_items")
        if not items:
            raise missing("line_items")
        if not isinstance(items, list):
            raise invalid("line_items", "Invalid array")
        if mode == "subscription" and "customer_creation" in params:
            raise invalid(
                "customer_creation", "`customer_creation` can only be used in `payment` mode."
            )
        customer = None
        if params.get("customer"):
            if params.get("customer_email"):
                raise invalid(
                    "customer_email",
                    "You may only specify one of these parameters: customer, customer_email.",
                )
            customer = self.get("customer", params["customer"], "customer")
        lines = [self._line(item, index, mode) for index, item in enumerate(items)]
        currencies = {line["price"]["currency"] for line in lines}
        if len(currencies) > 1:
            raise invalid("line_items", "All prices must be in the same currency.")
        currency = currencies.pop()
        coupon = None
        discounts = params.get("discounts") or []
        if discounts:
            if params.get("allow_promotion_codes"):
                raise invalid(
                    "discounts", "You may only specify one of allow_promotion_codes, discounts."
                )
            if not discounts[0].get("coupon"):
                raise invalid("discounts", "The stand-in takes discounts[0][coupon] only.")
            coupon = self.get("coupon", discounts[0]["coupon"], "discounts[0][coupon]")
            if not coupon["valid"]:
                raise invalid("discounts[0][coupon]", f"Coupon {coupon['id']} is not valid.")
        subscription_data = params.get("subscription_data") or {}
        trial_days = as_int(subscription_data, "trial_period_days", minimum=1)
        if mode == "payment" and subscription_data:
            raise invalid("subscription_data", "`subscription_data` is for subscription mode.")
        subtotal = sum(line["amount_subtotal"] for line in lines)
        discount = self.discount(coupon, subtotal, currency) if coupon else 0
        total = 0 if trial_days else subtotal - discount
        session = self.store(
            self.base(
                "cs_test",
                "checkout.session",
                id=new_id("cs_test", 58),
                mode=mode,
                status="open",
                payment_status="unpaid",
                success_url=params["success_url"],
                cancel_url=params.get("cancel_url") or None,
                customer=customer["id"] if customer else None,
                customer_email=params.get("customer_email") or None,
                customer_creation=params.get("customer_creation")
                or ("if_required" if mode == "payment" else None),
                customer_details=None,
                client_reference_id=params.get("client_reference_id") or None,
                metadata=as_metadata(params),
                currency=currency,
                amount_subtotal=subtotal,
                amount_total=total,
                total_details={"amount_discount": discount, "amount_shipping": 0, "amount_tax": 0},
                discounts=[{"coupon": coupon["id"], "promotion_code": None}] if coupon else [],
                subscription=None,
                payment_intent=None,
                invoice=None,
                submit_type=params.get("submit_type") or None,
                expires_at=self.now() + CHECKOUT_LIFETIME,
                ui_mode="hosted",
                url=None,
                _line_items=lines,
                _trial_days=trial_days,
                _subscription_metadata=as_metadata(subscription_data),
                _payment_metadata=as_metadata(params.get("payment_intent_data") or {}),
            )
        )
        session["url"] = f"{self.base_url}/checkout/{session['id']}"
        return session

    def _line(self, item, index, mode):
        where = f"line_items[{index}]"
        quantity = as_int(item, "quantity", minimum=1) or 1
        if item.get("price"):
            price = self.get("price", item["price"], f"{where}[price]")
            if not price["active"]:
                raise invalid(f"{where}[price]", f"The price `{price['id']}` is not active.")
        elif item.get("price_data"):
            data = dict(item["price_data"])
            if not data.get("product") and not data.get("product_data"):
                raise missing(f"{where}[price_data][product_data]")
            price = self.price_create(data, announce=False)
            price["active"] = False  # an inline price is for this session only
        else:
            raise missing(f"{where}[price]")
        if mode == "subscription" and price["type"] != "recurring":
            raise invalid(
                f"{where}[price]",
                "You must provide at least one recurring price in `subscription` mode when "
                "using prices.",
            )
        if mode == "payment" and price["type"] == "recurring":
            raise invalid(
                f"{where}[price]",
                "You specified `payment` mode but passed a recurring price. Either switch to "
                "`subscription` mode or use only one-time prices.",
            )
        product = self.objects[price["product"]]
        return {
            "id": new_id("li"),
            "object": "item",
            "amount_subtotal": price["unit_amount"] * quantity,
            "amount_total": price["unit_amount"] * quantity,
            "currency": price["currency"],
            "description": product["name"],
            "price": public(price),
            "quantity": quantity,
        }

    def _line_items_list(self, session):
        return {
            "object": "list",
            "data": copy.deepcopy(session["_line_items"]),
            "has_more": False,
            "url": f"/v1/checkout/sessions/{session['id']}/line_items",
        }

    def checkout_expire(self, session):
        if session["status"] != "open":
            raise invalid(
                "session",
                f"Only open Checkout Sessions can be expired; this one is {session['status']}.",
            )
        session["status"] = "expired"
        self.event("checkout.session.expired", session)
        return session

    def checkout_pay(self, session, *, email, card, name=""):
        """The reader pressed Pay on the hosted page: the ``success_url`` to send them to, or
        ApiError with the message to show."""
        if session["status"] != "open" or session["expires_at"] <= self.now():
            raise ApiError(400, "This Checkout Session is no longer open.")
        card = "".join(card.split())
        if not card.isdigit() or not 12 <= len(card) <= 19 or not luhn_ok(card):
            raise ApiError(
                402, "Your card number is invalid.", kind="card_error", code="invalid_number"
            )
        if card in DECLINES or self.failures:
            decline = DECLINES[card] if card in DECLINES else self.failures.pop(0)
            message = DECLINE_MESSAGES.get(decline, DECLINE_MESSAGES["generic_decline"])
            raise ApiError(402, message, kind="card_error", code="card_declined")
        customer = self.objects.get(session["customer"]) if session["customer"] else None
        email = (customer or {}).get("email") or session["customer_email"] or email.strip()
        if not email or "@" not in email:
            raise ApiError(400, "Enter your email address.", param="email")
        if customer is None and (
            session["mode"] == "subscription" or session["customer_creation"] == "always"
        ):
            customer = self.customer_create({"email": email, "name": name})
        if customer is not None:
            self._save_card(customer, card)
        if session["mode"] == "subscription":
            self._checkout_subscription(session, customer)
        else:
            self._checkout_payment(session, customer, card)
        session["status"] = "complete"
        session["customer"] = customer["id"] if customer else None
        session["customer_details"] = {"email": email, "name": name or None}
        self.event("checkout.session.completed", session)
        return session["success_url"].replace("{CHECKOUT_SESSION_ID}", session["id"])

    def _save_card(self, customer, card):
        method = new_id("pm")
        customer["_card"] = {"id": method, "brand": "visa", "last4": card[-4:], "number": card}
        customer["invoice_settings"] = {"default_payment_method": method}

    def _checkout_subscription(self, session, customer):
        line = session["_line_items"][0]
        price = self.objects[line["price"]["id"]]
        coupon = (
            self.objects.get(session["discounts"][0]["coupon"]) if session["discounts"] else None
        )
        sub = self.subscription_create(
            customer,
            price,
            trial_days=session["_trial_days"],
            coupon=coupon,
            metadata=session["_subscription_metadata"],
        )
        session["subscription"] = sub["id"]
        session["invoice"] = sub["latest_invoice"]
        invoice = self.objects[sub["latest_invoice"]]
        session["payment_status"] = "paid" if invoice["amount_due"] else "no_payment_required"

    def _checkout_payment(self, session, customer, card):
        line = session["_line_items"][0]
        intent, charge = self.charge(
            customer,
            session["amount_total"],
            session["currency"],
            description=line["description"],
            metadata=session["_payment_metadata"],
            card=card,
        )
        if charge["status"] != "succeeded":
            raise ApiError(
                402, charge["failure_message"], kind="card_error", code=charge["failure_code"]
            )
        session["payment_intent"] = intent["id"]
        session["payment_status"] = "paid"

    # Charges and payment intents

    def charge(self, customer, amount, currency, *, description, metadata=None, card=None):
        """A payment of ``amount`` from the customer's card: (payment intent, charge). The
        next of ``failures`` declines it."""
        card = card or ((customer or {}).get("_card") or {}).get("number") or "4242424242424242"
        failure = self.failures.pop(0) if self.failures else None
        method = ((customer or {}).get("_card") or {}).get("id") or new_id("pm")
        intent = self.store(
            self.base(
                "pi",
                "payment_intent",
                amount=amount,
                amount_received=0,
                currency=currency,
                customer=customer["id"] if customer else None,
                description=description,
                status="requires_payment_method",
                latest_charge=None,
                last_payment_error=None,
                payment_method=method,
                metadata=dict(metadata or {}),
            )
        )
        self.event("payment_intent.created", intent)
        charge = self.store(
            self.base(
                "ch",
                "charge",
                amount=amount,
                amount_captured=0,
                amount_refunded=0,
                currency=currency,
                customer=intent["customer"],
                description=description,
                disputed=False,
                failure_code=None,
                failure_message=None,
                outcome={"type": "authorized", "network_status": "approved_by_network"},
                paid=False,
                captured=False,
                payment_intent=intent["id"],
                payment_method=method,
                payment_method_details={
                    "type": "card",
                    "card": {
                        "brand": "visa",
                        "last4": card[-4:],
                        "exp_month": 12,
                        "exp_year": 2034,
                    },
                },
                refunded=False,
                refunds={"object": "list", "data": [], "has_more": False, "url": "/v1/refunds"},
                status="pending",
                metadata=dict(metadata or {}),
            )
        )
        intent["latest_charge"] = charge["id"]
        if failure:
            message = DECLINE_MESSAGES.get(failure, DECLINE_MESSAGES["generic_decline"])
            charge.update(
                status="failed",
                failure_code="card_declined",
                failure_message=message,
                outcome={"type": "issuer_declined", "network_status": "declined_by_network"},
            )
            intent["last_payment_error"] = {
                "type": "card_error",
                "code": "card_declined",
                "decline_code": failure,
                "message": message,
            }
            self.event("charge.failed", charge)
            self.event("payment_intent.payment_failed", intent)
        else:
            charge.update(status="succeeded", paid=True, captured=True, amount_captured=amount)
            intent.update(status="succeeded", amount_received=amount)
            self.event("charge.succeeded", charge)
            self.event("payment_intent.succeeded", intent)
        return intent, charge

    def refund_create(self, params):
        if params.get("charge"):
            charge = self.get("charge", params["charge"], "charge")
        elif params.get("payment_intent"):
            intent = self.get("payment_intent", params["payment_intent"], "payment_intent")
            if not intent["latest_charge"]:
                raise invalid("payment_intent", "This PaymentIntent has no charge to refund.")
            charge = self.objects[intent["latest_charge"]]
        else:
            raise missing("charge")
        if charge["status"] != "succeeded":
            raise invalid(
                "charge", f"Charge {charge['id']} has not succeeded; it cannot be refunded."
            )
        left = charge["amount"] - charge["amount_refunded"]
        amount = as_int(params, "amount", minimum=1) or left
        if amount > left or left == 0:
            raise ApiError(
                400,
                f"Refund amount ({amount}) is greater than unrefunded amount on charge ({left})",
                code="amount_too_large",
                param="amount",
            )
        refund = self.store(
            self.base(
                "re",
                "refund",
                amount=amount,
                charge=charge["id"],
                currency=charge["currency"],
                payment_intent=charge["payment_intent"],
                reason=params.get("reason") or None,
                status="succeeded",
                metadata=as_metadata(params),
            )
        )
        self.event("refund.created", refund)
        previous = {"amount_refunded": charge["amount_refunded"], "refunded": charge["refunded"]}
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] == charge["amount"]
        charge["refunds"]["data"].insert(0, public(refund))
        self.event("charge.refunded", charge, previous)
        return refund

    def dispute_create(self, charge, *, reason="fraudulent", amount=None):
        if charge["status"] != "succeeded" or charge["disputed"]:
            raise invalid("charge", f"Charge {charge['id']} cannot be disputed.")
        dispute = self.store(
            self.base(
                "dp",
                "dispute",
                amount=amount or charge["amount"] - charge["amount_refunded"],
                charge=charge["id"],
                currency=charge["currency"],
                payment_intent=charge["payment_intent"],
                reason=reason,
                status="needs_response",
                is_charge_refundable=False,
                evidence_details={"due_by": self.now() + 7 * 86400, "has_evidence": False},
            )
        )
        charge["disputed"] = True
        self.event("charge.dispute.created", dispute)
        return dispute

    def dispute_close(self, dispute, status):
        if status not in ("won", "lost"):
            raise invalid("status", "A dispute closes as won or lost.")
        self.update(dispute, "charge.dispute.updated", {"status": status})
        self.event("charge.dispute.closed", dispute)
        return dispute

    # Subscriptions and invoices

    def subscription_create(self, customer, price, *, trial_days=None, coupon=None, metadata=None):
        now = self.now()
        trialing = bool(trial_days)
        end = (
            now + trial_days * 86400
            if trialing
            else add_interval(now, price["recurring"]["interval"])
        )
        sub_id = new_id("sub")
        sub = self.store(
            self.base(
                "sub",
                "subscription",
                id=sub_id,
                customer=customer["id"],
                status="trialing" if trialing else "incomplete",
                cancel_at_period_end=False,
                cancel_at=None,
                canceled_at=None,
                ended_at=None,
                cancellation_details={"comment": None, "feedback": None, "reason": None},
                start_date=now,
                billing_cycle_anchor=end if trialing else now,
                collection_method="charge_automatically",
                currency=price["currency"],
                default_payment_method=customer["invoice_settings"]["default_payment_method"],
                discounts=[],
                items={
                    "object": "list",
                    "data": [
                        {
                            "id": new_id("si"),
                            "object": "subscription_item",
                            "created": now,
                            "current_period_start": now,
                            "current_period_end": end,
                            "metadata": {},
                            "price": public(price),
                            "quantity": 1,
                            "subscription": sub_id,
                            "discounts": [],
                        }
                    ],
                    "has_more": False,
                    "total_count": 1,
                    "url": f"/v1/subscription_items?subscription={sub_id}",
                },
                latest_invoice=None,
                metadata=dict(metadata or {}),
                trial_start=now if trialing else None,
                trial_end=end if trialing else None,
                pause_collection=None,
                pending_update=None,
                schedule=None,
                test_clock=None,
                _coupon=coupon["id"] if coupon else None,
                _coupon_until=self._coupon_until(coupon, now),
                _trial_warned=False,
            )
        )
        if coupon:
            coupon["times_redeemed"] += 1
            sub["discounts"] = [new_id("di")]
        self.event("customer.subscription.created", sub)
        amount = 0 if trialing else price["unit_amount"]
        invoice = self.invoice_create(sub, "subscription_create", now, end, amount)
        self.invoice_pay(invoice, sub, activate=not trialing)
        return sub

    @staticmethod
    def _coupon_until(coupon, start):
        if coupon is None:
            return None
        if coupon["duration"] == "forever":
            return float("inf")
        if coupon["duration"] == "once":
            return start + 1  # the first invoice only
        return add_interval(start, "month", coupon["duration_in_months"])

    def _item(self, sub):
        return sub["items"]["data"][0]

    def invoice_create(self, sub, reason, start, end, amount):
        customer = self.objects[sub["customer"]]
        coupon = self.objects.get(sub["_coupon"]) if sub["_coupon"] else None
        discount = 0
        if coupon and amount and start < sub["_coupon_until"]:
            discount = self.discount(coupon, amount, sub["currency"])
        due = amount - discount
        price = self._item(sub)["price"]
        invoice = self.store(
            self.base(
                "in",
                "invoice",
                customer=sub["customer"],
                customer_email=customer["email"],
                currency=sub["currency"],
                status="draft",
                billing_reason=reason,
                collection_method="charge_automatically",
                subtotal=amount,
                total=due,
                amount_due=due,
                amount_paid=0,
                amount_remaining=due,
                attempt_count=0,
                attempted=False,
                next_payment_attempt=None,
                period_start=start,
                period_end=end,
                number=f"STANDIN-{len(self.all('invoice')) + 1:04d}",
                hosted_invoice_url=None,
                discounts=sub["discounts"] if discount else [],
                total_discount_amounts=[{"amount": discount, "discount": sub["discounts"][0]}]
                if discount
                else [],
                lines={
                    "object": "list",
                    "data": [
                        {
                            "id": new_id("il"),
                            "object": "line_item",
                            "amount": amount,
                            "currency": sub["currency"],
                            "description": f"1 \u00d7 {self.objects[price['product']]['name']}",
                            "period": {"start": start, "end": end},
                            "pricing": {
                                "type": "price_details",
                                "price_details": {
                                    "price": price["id"],
                                    "product": price["product"],
                                },
                            },
                            "quantity": 1,
                        }
                    ],
                    "has_more": False,
                    "url": "/v1/invoices/lines",
                },
                parent={
                    "type": "subscription_details",
                    "quote_details": None,
                    "subscription_details": {
                        "metadata": dict(sub["metadata"]),
                        "subscription": sub["id"],
                    },
                },
                payments={
                    "object": "list",
                    "data": [],
                    "has_more": False,
                    "url": "/v1/invoice_payments",
                },
                status_transitions={"finalized_at": None, "paid_at": None},
            )
        )
        sub["latest_invoice"] = invoice["id"]
        self.event("invoice.created", invoice)
        invoice["status"] = "open"
        invoice["status_transitions"]["finalized_at"] = self.now()
        self.event("invoice.finalized", invoice)
        return invoice

    def invoice_pay(self, invoice, sub, *, activate=False):
        """Charge an open invoice; a decline leaves it open and the subscription past_due."""
        if invoice["status"] != "open":
            raise invalid("invoice", f"Invoice {invoice['id']} is {invoice['status']}, not open.")
        ok = True
        if invoice["amount_due"]:
            intent, charge = self.charge(
                self.objects[invoice["customer"]],
                invoice["amount_due"],
                invoice["currency"],
                description="Subscription update"
                if invoice["billing_reason"] != "subscription_create"
                else "Subscription creation",
            )
            invoice["attempt_count"] += 1
            invoice["attempted"] = True
            ok = charge["status"] == "succeeded"
            invoice["payments"]["data"].insert(
                0,
                {
                    "id": new_id("inpay"),
                    "object": "invoice_payment",
                    "amount_paid": invoice["amount_due"] if ok else None,
                    "amount_requested": invoice["amount_due"],
                    "currency": invoice["currency"],
                    "invoice": invoice["id"],
                    "is_default": True,
                    "payment": {"type": "payment_intent", "payment_intent": intent["id"]},
                    "status": "paid" if ok else "open",
                },
            )
        if ok:
            invoice.update(
                status="paid",
                amount_paid=invoice["amount_due"],
                amount_remaining=0,
                next_payment_attempt=None,
            )
            invoice["status_transitions"]["paid_at"] = self.now()
            self.event("invoice.paid", invoice)
            self.event("invoice.payment_succeeded", invoice)
            if sub["status"] in ("incomplete", "past_due") or activate:
                self.update(sub, "customer.subscription.updated", {"status": "active"})
        else:
            invoice["next_payment_attempt"] = None
            self.event("invoice.payment_failed", invoice)
            if sub["status"] == "incomplete":
                self.update(
                    sub,
                    "customer.subscription.updated",
                    {"status": "incomplete_expired", "ended_at": self.now()},
                )
            else:
                self.update(sub, "customer.subscription.updated", {"status": "past_due"})
        return invoice

    def _trial_warning(self, sub):
        sub["_trial_warned"] = True
        self.event("customer.subscription.trial_will_end", sub)

    def _period_end(self, sub):
        """A subscription's period (or trial) is over: it ends, or renews."""
        item = self._item(sub)
        end = item["current_period_end"]
        if sub["cancel_at_period_end"] or sub["status"] == "past_due":
            reason = "payment_failed" if sub["status"] == "past_due" else "cancellation_requested"
            self.subscription_cancel(sub, reason=reason, at=end)
            return
        new_end = add_interval(end, item["price"]["recurring"]["interval"])
        previous = {
            "items": copy.deepcopy(public(sub["items"])),
            "latest_invoice": sub["latest_invoice"],
        }
        item.update(current_period_start=end, current_period_end=new_end)
        amount = item["price"]["unit_amount"]
        invoice = self.invoice_create(sub, "subscription_cycle", end, new_end, amount)
        self.event("customer.subscription.updated", sub, previous)
        self.invoice_pay(invoice, sub, activate=sub["status"] == "trialing")

    def subscription_update(self, sub, params):
        if sub["status"] in ("canceled", "incomplete_expired"):
            raise invalid(
                "subscription",
                "A canceled subscription can only update its cancellation_details and metadata.",
            )
        changes = {}
        if "metadata" in params:
            changes["metadata"] = {**sub["metadata"], **as_metadata(params)}
        if "cancel_at_period_end" in params:
            at_end = as_bool(params, "cancel_at_period_end")
            end = self._item(sub)["current_period_end"]
            changes.update(
                cancel_at_period_end=at_end,
                cancel_at=end if at_end else None,
                canceled_at=self.now() if at_end else None,
                cancellation_details={
                    "comment": None,
                    "feedback": None,
                    "reason": "cancellation_requested" if at_end else None,
                },
            )
        previous = {}
        if params.get("items"):
            change = params["items"][0]
            if change.get("id") and change["id"] != self._item(sub)["id"]:
                raise ApiError(
                    404,
                    f"No such subscription item: '{change['id']}'",
                    code="resource_missing",
                    param="items[0][id]",
                )
            if change.get("price"):
                price = self.get("price", change["price"], "items[0][price]")
                if price["type"] != "recurring" or price["currency"] != sub["currency"]:
                    raise invalid(
                        "items[0][price]",
                        "The price must be recurring, in the subscription's currency.",
                    )
                previous["items"] = copy.deepcopy(public(sub["items"]))
                self._item(sub)["price"] = public(price)
        for key, value in list(changes.items()):
            if sub.get(key) != value:
                previous[key] = copy.deepcopy(sub.get(key))
        sub.update(changes)
        if previous:
            self.event("customer.subscription.updated", sub, previous)
        return sub

    def subscription_cancel(self, sub, *, reason="cancellation_requested", at=None):
        if sub["status"] in ("canceled", "incomplete_expired"):
            raise invalid(
                "subscription",
                "A canceled subscription can only update its cancellation_details and metadata.",
            )
        when = at or self.now()
        sub.update(
            status="canceled",
            ended_at=when,
            canceled_at=sub["canceled_at"] or when,
            cancellation_details={"comment": None, "feedback": None, "reason": reason},
        )
        self.event("customer.subscription.deleted", sub)
        return sub

    # Billing portal

    def portal_create(self, params):
        if not params.get("customer"):
            raise missing("customer")
        customer = self.get("customer", params["customer"], "customer")
        session = self.store(
            self.base(
                "bps",
                "billing_portal.session",
                customer=customer["id"],
                return_url=params.get("return_url") or None,
                configuration=new_id("bpc"),
                flow=None,
                locale=None,
                on_behalf_of=None,
                url=None,
            )
        )
        session["url"] = f"{self.base_url}/billing/{session['id']}"
        return session

    def portal_subscriptions(self, session):
        return [
            sub
            for sub in sorted(self.all("subscription"), key=lambda s: -self.order[s["id"]])
            if sub["customer"] == session["customer"] and sub["status"] in LIVE
        ]

    def portal_prices(self, sub):
        """The plans a subscriber may switch to: other active recurring prices, same currency."""
        current = self._item(sub)["price"]["id"]
        return [
            price
            for price in self.all("price")
            if price["active"]
            and price["type"] == "recurring"
            and price["currency"] == sub["currency"]
            and price["id"] != current
        ]

    # Webhook endpoints

    def endpoint_create(self, params, *, secret=None):
        if not params.get("url"):
            raise missing("url")
        events = params.get("enabled_events")
        if not events:
            raise missing("enabled_events")
        endpoint = self.store(
            self.base(
                "we",
                "webhook_endpoint",
                url=params["url"],
                enabled_events=list(events),
                description=params.get("description") or None,
                api_version=params.get("api_version") or None,
                status="enabled",
                secret=secret or new_id("whsec", 32),
                metadata=as_metadata(params),
            )
        )
        return endpoint

    def endpoint_update(self, endpoint, params):
        if params.get("url"):
            endpoint["url"] = params["url"]
        if params.get("enabled_events"):
            endpoint["enabled_events"] = list(params["enabled_events"])
        if "disabled" in params:
            endpoint["status"] = "disabled" if as_bool(params, "disabled") else "enabled"
        return endpoint
