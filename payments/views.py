"""Public payments pages: the provider's webhook, "Support us just once" (/support/) and
"Gift membership" (/gift/; redeeming a gift is the members app's, under /gift/redeem/).

The webhook reads the raw body (the signature covers its bytes), verifies it with the backend
and hands it to ``services.payment_event_receive``. Answers are short plain text for the
provider's dashboard: 200 for an event kept or seen before (and for types nobody handles),
400 for a body that must not be believed, 413 for one too big, 503 while payments are off
(or have no key),
and 500 when a receiver failed (nothing was kept: the provider sends it again).

The donation form posts without a CSRF token, as the newsletter sign-up does: the page is
public and cached. A forged post can only send someone to a Checkout page they still have to
fill in and pay; each client gets a few Checkout sessions an hour (core/ratelimit.py).
The gift form likewise: a forged one makes a pending gift nobody pays for, and sends no email.
"""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import ratelimit
from core.absolute_urls import absolute_url
from core.client_ip import client_ip
from core.models import NewsroomSettings
from core.security import with_form_action
from pagecache import depends_on, public
from pagecache import tags as cache_tags

from . import cache, services
from .backends import checkout_origin, get_backend, payments_enabled
from .backends.base import PaymentsError, WebhookError
from .forms import CUSTOM, DonationForm, GiftForm
from .selectors import active_tiers, donation_choices, gift_choices

logger = logging.getLogger(__name__)

# Stripe's events are a few kilobytes; anything near this is not one of them.
WEBHOOK_MAX_BYTES = 256 * 1024

RATE_LIMITED_MESSAGE = "You have started several payments in the last hour. Please try again later."
PROVIDER_DOWN_MESSAGE = (
    "We couldn't reach our payment provider just now \N{EM DASH} please try again in a few "
    "minutes. Nothing was charged."
)


def _text(status, message):
    response = HttpResponse(message + "\n", status=status, content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_POST
def stripe_webhook(request):
    if not payments_enabled():
        return _text(503, "Payments are off on this site.")
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        length = 0
    if length > WEBHOOK_MAX_BYTES:
        return _text(413, "Too big for an event.")
    body = request.body
    if len(body) > WEBHOOK_MAX_BYTES:
        return _text(413, "Too big for an event.")
    try:
        backend = get_backend()
    except PaymentsError as error:  # configured without a key: checks say so too
        logger.error("payments: webhook with no backend: %s", error)
        return _text(503, "Payments are not configured on this site.")
    try:
        event = backend.parse_webhook(
            payload=body, signature=request.headers.get("Stripe-Signature", "")
        )
    except WebhookError as error:
        return _text(400, f"Refused: {error}")
    try:
        kept = services.payment_event_receive(event=event)
    except Exception:  # any receiver's error: logged, nothing kept, the provider retries
        logger.exception("payments: webhook event %s (%s) failed", event.id, event.type)
        return _text(500, f"Event {event.id} was not processed and not kept; send it again.")
    return _text(200, "Received." if kept else "Already received.")


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def _support_page(request, *, form, status=200, notice=""):
    choices = donation_choices()
    context = {
        "enabled": payments_enabled(),
        "choices": choices,
        "suggested": [(amount, choices.display(amount)) for amount in choices.suggested],
        "form": form,
        "notice": notice,
        "custom": CUSTOM,
        "min_label": choices.display(choices.minimum),
        "max_label": choices.display(choices.maximum),
    }
    response = render(request, "payments/support.html", context, status=status)
    # The form's answer is a redirect to the provider's Checkout page, which the browser
    # checks against the page's form-action.
    return with_form_action(response, [origin] if (origin := checkout_origin()) else [])


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def support(request):
    """/support/: suggested amounts as buttons, or one's own; POST sends the reader to the
    provider's Checkout page (303)."""
    if request.method != "POST":
        depends_on(request, cache_tags.SITE)
        return public(_support_page(request, form=None))
    if not payments_enabled():
        return _no_store(_support_page(request, form=None, status=503))
    form = DonationForm(request.POST, choices=donation_choices())
    if not form.is_valid():
        return _no_store(_support_page(request, form=form, status=400))
    if not ratelimit.attempt_allowed(
        scope="donation checkouts per client",
        key=client_ip(request),
        limit=settings.MASTHEAD_DONATION_IP_LIMIT,
    ):
        return _no_store(_support_page(request, form=form, status=429, notice=RATE_LIMITED_MESSAGE))
    newsroom = NewsroomSettings.load()
    try:
        session = get_backend().create_donation_checkout(
            amount=form.cleaned_data["amount_minor"],
            currency=donation_choices().currency,
            success_url=absolute_url(request, reverse("payments:support_thanks"))
            + "?session={CHECKOUT_SESSION_ID}",
            cancel_url=absolute_url(request, reverse("payments:support_cancelled")),
            description=f"One-time contribution to {newsroom.name}",
            metadata=services.DONATION_KIND,
        )
    except PaymentsError as error:
        logger.warning("payments: no donation Checkout: %s", error)
        return _no_store(
            _support_page(request, form=form, status=503, notice=PROVIDER_DOWN_MESSAGE)
        )
    response = HttpResponse(status=303)
    response["Location"] = session.url
    return _no_store(response)


@require_safe
def support_thanks(request):
    """Where Checkout sends a donor back. It shows nothing of the payment (anyone may open
    it); the donation itself is recorded from the webhook."""
    depends_on(request, cache_tags.SITE)
    return public(render(request, "payments/support_thanks.html"))


@require_safe
def support_cancelled(request):
    depends_on(request, cache_tags.SITE)
    return public(render(request, "payments/support_cancelled.html"))


def _gift_page(request, *, form, status=200, notice=""):
    context = {
        "enabled": payments_enabled(),
        "choices": gift_choices(),
        "form": form,
        "notice": notice,
    }
    response = render(request, "payments/gift.html", context, status=status)
    return with_form_action(response, [origin] if (origin := checkout_origin()) else [])


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def gift(request):
    """/gift/: a tier, a length, the recipient and the buyer; POST sends the buyer to the
    provider's Checkout page (303) to pay once."""
    tiers = active_tiers().filter(monthly_amount__isnull=False)
    if request.method != "POST":
        depends_on(request, cache_tags.SITE, cache.TIERS)
        return public(_gift_page(request, form=GiftForm(tiers=tiers)))
    if not payments_enabled():
        return _no_store(_gift_page(request, form=None, status=503))
    form = GiftForm(request.POST, tiers=tiers)
    if not form.is_valid():
        return _no_store(_gift_page(request, form=form, status=400))
    if not ratelimit.attempt_allowed(
        scope="gift checkouts per client",
        key=client_ip(request),
        limit=settings.MASTHEAD_GIFT_IP_LIMIT,
    ):
        return _no_store(_gift_page(request, form=form, status=429, notice=RATE_LIMITED_MESSAGE))
    data = form.cleaned_data
    newsroom = NewsroomSettings.load()
    months = data["months"]
    try:
        _, session = services.gift_checkout(
            tier=data["tier"],
            months=months,
            buyer_email=data["buyer_email"],
            buyer_name=data["buyer_name"],
            recipient_email=data["recipient_email"],
            message=data["message"],
            delivery=data["delivery"],
            success_url=absolute_url(request, reverse("payments:gift_thanks")),
            cancel_url=absolute_url(request, reverse("payments:gift")),
            description=f"Gift membership of {newsroom.name}: {data['tier'].name}, "
            f"{months} month{'s' if months > 1 else ''}",
        )
    except services.GiftRefused:
        return _no_store(_gift_page(request, form=form, status=400))
    except PaymentsError as error:
        logger.warning("payments: no gift Checkout: %s", error)
        return _no_store(_gift_page(request, form=form, status=503, notice=PROVIDER_DOWN_MESSAGE))
    response = HttpResponse(status=303)
    response["Location"] = session.url
    return _no_store(response)


@require_safe
def gift_thanks(request):
    """Where Checkout sends a gift's buyer back; the gift is paid from the webhook."""
    depends_on(request, cache_tags.SITE)
    return public(render(request, "payments/gift_thanks.html"))
