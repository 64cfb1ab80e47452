"""Payments: taking readers' money through a provider, behind a backend interface.

This app knows nothing of members or tiers as models: it speaks the provider's language
(customers, prices, Checkout, subscriptions, coupons, signed webhooks) through
``backends.get_backend()`` and hands back plain dataclasses (``backends/base.py``), so the
``members`` app above it never touches a provider's objects. ``MASTHEAD_PAYMENTS`` chooses:
``stripe`` (the real API, keys from the environment), ``standin`` (the same SDK and code
against ``standin/``, a local imitation of the part of Stripe's REST API Masthead uses, for
``make run`` and the tests) or ``off``. Data flows one way: a caller asks for a Checkout or
Billing Portal session, the reader pays or changes their plan on the provider's pages, and
the provider tells us what happened by webhook, which ``parse_webhook`` verifies.
"""
