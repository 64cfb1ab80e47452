"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env, payments_mode

DEBUG = env.bool("DJANGO_DEBUG", default=True)

# The worker logs each confirmation link, for the demo's reader to copy (README).
MASTHEAD_LOG_CONFIRMATION_LINKS = True

if not env("EMAIL_URL", default=""):
    # Readable demo emails: each one is a file in var/outbox/ (README, "Reading the demo's
    # emails"); the confirmation link is also logged by the worker (above).
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "outbox"

# Payments through the local Stripe stand-in that `make run` starts (scripts/run.sh, which
# sets these too): subscribe, pay, cancel and donate on the demo without any account.
MASTHEAD_PAYMENTS = payments_mode(env, default="standin")
if MASTHEAD_PAYMENTS == "standin":
    STRIPE_API_BASE = env("STRIPE_API_BASE", default="http://127.0.0.1:8010")
    STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="whsec_standin_dev_only")
