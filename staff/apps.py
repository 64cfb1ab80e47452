"""Admin sign-in protection: login lock-out, optional two-step verification (TOTP), and limits
on password-reset emails.

- **Lock-out** is django-axes: its backend, first in ``AUTHENTICATION_BACKENDS``, refuses a
  username and IP that failed ``AXES_FAILURE_LIMIT`` times within ``AXES_COOLOFF_TIME``, before
  any password is checked; its middleware turns the refusal into ``views.sign_in_locked_out``,
  the Wagtail login page with the message and status 429. ``core/client_ip.py`` says which
  address a request came from (``X-Forwarded-For`` only behind ``MASTHEAD_TRUSTED_PROXY_COUNT``
  proxies).
- **Two-step verification** is django-otp's TOTP device. A signed-in user turns it on from
  Account → More actions → Two-step verification (``views.two_step``): a pending device, its QR
  code and secret, confirmed by a first code. ``middleware.TwoStepMiddleware`` then sends every
  admin request of a session that has not given a code to ``views.two_step_verify``; users in
  ``MASTHEAD_2FA_REQUIRED_GROUPS`` without a device are sent to set one up. Wrong codes count
  toward the same lock-out as wrong passwords (``services.sign_in_failure_record``), and the
  count is reset only once the whole sign-in succeeded, so a known password does not buy
  unlimited guesses at the code.
- **Password reset** emails are limited per client and per address (``forms.PasswordResetForm``,
  ``services.password_reset_allowed``, counted by ``core/ratelimit.py``); the answer is the same
  whether an email went, was held back, or no account has the address.
- Writes are in ``services.py``, reads in ``selectors.py``; ``manage.py reset_2fa USERNAME``
  removes a user's devices (``manage.py axes_reset`` and friends clear lock-outs).
"""

from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "staff"
    # Called accounts until the readers' accounts needed the name: the label and the templates'
    # folder (accounts/) keep it, so nothing stored or rendered changes.
    label = "accounts"
    verbose_name = "Admin sign-in protection"

    def ready(self):
        from . import signals  # noqa: F401
