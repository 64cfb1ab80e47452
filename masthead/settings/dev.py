"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)

# The worker logs each confirmation link, for the demo's reader to copy (README).
MASTHEAD_LOG_CONFIRMATION_LINKS = True

if not env("EMAIL_URL", default=""):
    # Readable demo emails: each one is a file in var/outbox/ (README, "Reading the demo's
    # emails"); the confirmation link is also logged by the worker (above).
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "outbox"
