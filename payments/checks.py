"""System checks: payments that are on are configured, and production takes real money.

``payments_configured`` runs with every ``check`` (and so with ``migrate`` in the release
step): payments through Stripe without a secret key or a webhook signing secret would fail at
the first reader's Checkout, or accept forged webhooks. ``payments_ready_for_production`` runs
with ``check --deploy``: no stand-in, a live key, HTTPS to the API.
"""

from django.conf import settings
from django.core import checks

SECRET_KEY_PREFIXES = ("sk_live_", "rk_live_", "sk_test_", "rk_test_")
LIVE_KEY_PREFIXES = ("sk_live_", "rk_live_")


def payments_configured(app_configs=None, **kwargs):
    if settings.MASTHEAD_PAYMENTS != "stripe":
        return []
    errors = []
    if not settings.STRIPE_SECRET_KEY.startswith(SECRET_KEY_PREFIXES):
        errors.append(
            checks.Error(
                "MASTHEAD_PAYMENTS=stripe needs STRIPE_SECRET_KEY, a Stripe secret key "
                "(sk_live_… or a restricted rk_live_…).",
                hint="Dashboard → Developers → API keys (docs/payments.md).",
                id="payments.E001",
            )
        )
    if not settings.STRIPE_WEBHOOK_SECRET.startswith("whsec_"):
        errors.append(
            checks.Error(
                "MASTHEAD_PAYMENTS=stripe needs STRIPE_WEBHOOK_SECRET, the signing secret "
                "(whsec_…) of the webhook endpoint: without it no webhook can be verified.",
                hint="Dashboard → Developers → Webhooks → the endpoint → Signing secret.",
                id="payments.E002",
            )
        )
    return errors


def payments_ready_for_production(app_configs=None, **kwargs):
    mode = settings.MASTHEAD_PAYMENTS
    if mode == "standin":
        return [
            checks.Error(
                "MASTHEAD_PAYMENTS=standin: the local Stripe stand-in takes no real money and "
                "is for development and tests only.",
                hint="Set MASTHEAD_PAYMENTS=stripe with real keys, or off.",
                id="payments.E003",
            )
        ]
    if mode != "stripe":
        return []
    problems = []
    if not settings.STRIPE_API_BASE.startswith("https://"):
        problems.append(
            checks.Error(
                f"STRIPE_API_BASE={settings.STRIPE_API_BASE}: Stripe's API is reached over "
                "HTTPS only (https://api.stripe.com).",
                id="payments.E004",
            )
        )
    if settings.STRIPE_SECRET_KEY.startswith(("sk_test_", "rk_test_")):
        problems.append(
            checks.Warning(
                "STRIPE_SECRET_KEY is a test-mode key: Checkout takes no real money.",
                hint="Use the live key (sk_live_…); silence payments.W001 on a staging site.",
                id="payments.W001",
            )
        )
    return problems
