"""The stand-in's hosted pages, where a reader's browser goes: Checkout (a test card and a
Pay button) and the Billing Portal (cancel at period end, resume, switch plan). Small HTML
forms, no script."""

import datetime
from html import escape

from .state import format_amount

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem;
       color: #1a1f36; }
.banner { background: #ffde92; padding: .25rem .75rem; border-radius: 4px; font-size: .85rem; }
.box { border: 1px solid #e3e8ee; border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; }
label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
input { width: 100%; padding: .5rem; font: inherit; box-sizing: border-box; }
button { margin-top: 1rem; padding: .6rem 1.2rem; font: inherit; background: #635bff;
         color: #fff; border: 0; border-radius: 6px; cursor: pointer; }
button.quiet { background: #e3e8ee; color: #1a1f36; }
.error { color: #df1b41; font-weight: 600; }
.total { font-size: 1.4rem; font-weight: 700; }
"""

BANNER = '<p class="banner">Test mode: the Masthead stand-in for Stripe. No real money moves.</p>'


def page(title, body):
    return (
        "<!doctype html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{STYLE}</style></head><body>{BANNER}{body}</body></html>"
    ).encode()


def date(timestamp):
    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC).strftime("%B %-d, %Y")


def _per(price):
    recurring = price.get("recurring")
    return f" per {recurring['interval']}" if recurring else ""


def checkout(session, state, *, error="", email=""):
    lines = "".join(
        f"<li>{escape(line['description'])}: "
        f"{format_amount(line['amount_subtotal'], line['currency'])}{_per(line['price'])}</li>"
        for line in session["_line_items"]
    )
    notes = []
    if session["_trial_days"]:
        notes.append(f"<p>{session['_trial_days']} days free, then the price above.</p>")
    if session["total_details"]["amount_discount"]:
        coupon = state.objects[session["discounts"][0]["coupon"]]
        off = format_amount(session["total_details"]["amount_discount"], session["currency"])
        notes.append(f"<p>Discount {escape(coupon['name'] or coupon['id'])}: &minus;{off}</p>")
    button = {"donate": "Donate", "pay": "Pay"}.get(session["submit_type"] or "", "")
    if not button:
        button = "Subscribe" if session["mode"] == "subscription" else "Pay"
    if session["_trial_days"]:
        button = "Start trial"
    known_email = session["customer_email"] or (
        state.objects[session["customer"]]["email"] if session["customer"] else ""
    )
    email_field = (
        f"<p>Email: <strong>{escape(known_email)}</strong></p>"
        if known_email
        else '<label for="email">Email</label>'
        f'<input id="email" name="email" type="email" required value="{escape(email)}">'
    )
    cancel = (
        f'<p><a href="{escape(session["cancel_url"])}">Cancel and go back</a></p>'
        if session["cancel_url"]
        else ""
    )
    message = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    total = format_amount(session["amount_total"], session["currency"])
    return page(
        "Checkout",
        f"<h1>Checkout</h1><div class=box><ul>{lines}</ul>{''.join(notes)}"
        f'<p>Due today: <span class="total">{total}</span></p></div>'
        f'<form method="post" action="/checkout/{escape(session["id"])}">{message}'
        f"{email_field}"
        '<label for="name">Name on card</label><input id="name" name="name" autocomplete="off">'
        '<label for="card">Card number</label>'
        '<input id="card" name="card" inputmode="numeric" required '
        'placeholder="4242 4242 4242 4242" autocomplete="off">'
        '<label for="expiry">Expiry</label><input id="expiry" name="expiry" placeholder="12 / 34">'
        '<label for="cvc">CVC</label><input id="cvc" name="cvc" placeholder="123">'
        f'<button type="submit">{button}</button></form>{cancel}'
        "<p><small>Test cards: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined."
        "</small></p>",
    )


def checkout_closed(session):
    return page(
        "Checkout",
        f"<h1>Checkout</h1><p>This Checkout Session is {escape(session['status'])}.</p>",
    )


def portal(session, state):
    customer = state.objects[session["customer"]]
    parts = [f"<h1>Billing</h1><p>{escape(customer['email'] or customer['id'])}</p>"]
    subscriptions = state.portal_subscriptions(session)
    if not subscriptions:
        parts.append("<p>No current subscription.</p>")
    for sub in subscriptions:
        item = sub["items"]["data"][0]
        price = item["price"]
        product = state.objects[price["product"]]
        end = date(item["current_period_end"])
        if sub["cancel_at_period_end"]:
            when = f"Cancels on {end}."
        elif sub["status"] == "trialing":
            when = f"Trial ends on {end}."
        else:
            when = f"Renews on {end}."
        if sub["status"] == "past_due":
            when += " The last payment failed."
        action = f"/billing/{escape(session['id'])}"
        hidden = f'<input type="hidden" name="subscription" value="{escape(sub["id"])}">'
        buttons = []
        if sub["cancel_at_period_end"]:
            buttons.append(
                f'<form method="post" action="{action}">{hidden}'
                '<input type="hidden" name="action" value="resume">'
                "<button>Don't cancel</button></form>"
            )
        else:
            buttons.append(
                f'<form method="post" action="{action}">{hidden}'
                '<input type="hidden" name="action" value="cancel">'
                '<button class="quiet">Cancel plan</button></form>'
            )
            for other in state.portal_prices(sub):
                name = state.objects[other["product"]]["name"]
                buttons.append(
                    f'<form method="post" action="{action}">{hidden}'
                    '<input type="hidden" name="action" value="switch">'
                    f'<input type="hidden" name="price" value="{escape(other["id"])}">'
                    f'<button class="quiet">Switch to {escape(name)}, '
                    f"{format_amount(other['unit_amount'], other['currency'])}{_per(other)}"
                    "</button></form>"
                )
        parts.append(
            f'<div class="box" data-subscription="{escape(sub["id"])}">'
            f"<h2>{escape(product['name'])}</h2>"
            f"<p>{format_amount(price['unit_amount'], price['currency'])}{_per(price)} · "
            f"{escape(sub['status'])}</p><p>{when}</p>{''.join(buttons)}</div>"
        )
    if session["return_url"]:
        parts.append(f'<p><a href="{escape(session["return_url"])}">Return to the site</a></p>')
    return page("Billing", "".join(parts))
