"""Production: everything that matters comes from the environment, and is required.

Start-up fails with a message naming each missing variable, rather than running with a
development default.
"""

import os

from django.core.exceptions import ImproperlyConfigured

REQUIRED = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL")
# Payments through Stripe take real money: without its keys, no start (payments/checks.py
# says the same for a key of the wrong form, and `check --deploy` refuses the stand-in).
REQUIRED_FOR_STRIPE = ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET")
if os.environ.get("MASTHEAD_PAYMENTS") == "stripe":
    REQUIRED += REQUIRED_FOR_STRIPE
_missing = [name for name in REQUIRED if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )

from .base import *  # noqa: E402, F403
from .base import DEFAULT_FROM_EMAIL, MASTHEAD_DKIM, MIDDLEWARE, dkim_check, env  # noqa: E402

DEBUG = False

# A DKIM key that is configured must be usable: otherwise no email could leave (core/mail/).
dkim_check(MASTHEAD_DKIM, DEFAULT_FROM_EMAIL)

# Static files: hashed names and pre-compressed copies, served by WhiteNoise.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
# Preloading commits the domain and its subdomains to HTTPS in browsers for months: a choice
# for the newsroom (DJANGO_HSTS_PRELOAD=true, then submit to hstspreload.org), so the deploy
# check's reminder is silenced until then.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True


def _static_file_headers(headers, path, url):
    """WhiteNoise answers static files before Django's middleware: nosniff on them too."""
    headers["X-Content-Type-Options"] = "nosniff"


WHITENOISE_ADD_HEADERS_FUNCTION = _static_file_headers

# Persistent database connections: a new PostgreSQL connection per request costs more than the
# rest of a page render. Checked before reuse, so a restarted database is reconnected to.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Webhooks never reach the machine's own network in production unless told to (an admin's
# target URL must not become a way into internal services).
MASTHEAD_WEBHOOKS["ALLOW_PRIVATE_TARGETS"] = env.bool(  # noqa: F405
    "MASTHEAD_WEBHOOKS_ALLOW_PRIVATE_TARGETS", default=False
)
