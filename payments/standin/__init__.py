"""A local stand-in for the part of Stripe's REST API that Masthead uses, for ``make run``
and the tests: stdlib only, state in memory, answers shaped as Stripe's so the official SDK
parses them (and raises its own errors), webhooks signed as Stripe signs them.

``server.StandinServer`` serves the API under ``/v1/``, the hosted Checkout and Billing Portal
pages a reader's browser is sent to, and ``/_standin/``, the control API tests drive (the
clock, deliveries, failures). ``state.py`` holds the objects and what happens to them;
``delivery.py`` signs and delivers events; ``forms.py`` reads the SDK's form encoding;
``pages.py`` draws the hosted pages. What it covers: docs/payments.md.
"""
