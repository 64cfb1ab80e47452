"""Payment backends: who takes the money (settings MASTHEAD_PAYMENTS).

``stripe`` and ``standin`` are both ``StripeBackend``, the official SDK; the stand-in's is
pointed at STRIPE_API_BASE, the local imitation (``payments/standin/``), with any test key.
"""

from urllib.parse import urlsplit

from django.conf import settings

from .base import PaymentsOff
from .stripe import StripeBackend

# The key the SDK sends to the stand-in, which takes any key of this form.
STANDIN_SECRET_KEY = "sk_test_standin"  # noqa: S105 (not a secret: the local stand-in's)


def payments_enabled():
    return settings.MASTHEAD_PAYMENTS != "off"


# Where Stripe's hosted Checkout pages live (the stand-in serves its own at its address).
STRIPE_API = "https://api.stripe.com"
STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com"
STRIPE_PORTAL_ORIGIN = "https://billing.stripe.com"


def checkout_origin():
    """The origin a reader is sent to for Checkout ("" with payments off): pages whose forms
    lead there allow it in their Content-Security-Policy's form-action."""
    if not payments_enabled():
        return ""
    api_base = settings.STRIPE_API_BASE.rstrip("/")
    if api_base == STRIPE_API:
        return STRIPE_CHECKOUT_ORIGIN
    parts = urlsplit(api_base)
    return f"{parts.scheme}://{parts.netloc}"


def portal_origin():
    """The origin of the provider's billing portal ("" with payments off), for the
    form-action of pages whose forms lead there (the account page's "Manage billing")."""
    if not payments_enabled():
        return ""
    if settings.STRIPE_API_BASE.rstrip("/") == STRIPE_API:
        return STRIPE_PORTAL_ORIGIN
    return checkout_origin()


def get_backend():
    mode = settings.MASTHEAD_PAYMENTS
    if mode == "off":
        raise PaymentsOff("Payments are off (MASTHEAD_PAYMENTS=off).")
    api_key = settings.STRIPE_SECRET_KEY
    if mode == "standin":
        api_key = api_key or STANDIN_SECRET_KEY
    return StripeBackend(
        api_key=api_key,
        webhook_secret=settings.STRIPE_WEBHOOK_SECRET,
        api_base=settings.STRIPE_API_BASE,
    )
