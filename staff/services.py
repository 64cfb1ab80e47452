"""Writes: setting up, confirming, checking and removing two-step devices; counting failures;
counting password-reset emails.

A code is checked with its device row locked (``select_for_update``), so two requests cannot
spend the same code, and django-otp's throttle (a wait that doubles after each wrong code)
is committed even when the code is refused.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_credentials
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import ratelimit

from . import selectors

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEVICE_NAME = "Authenticator app"
WRONG_CODE = "That code is not right. Enter the 6-digit code your app shows now."
NO_DEVICE = "Two-step verification is not set up for this account."
REQUIRED = "Your role requires two-step verification, so it cannot be turned off."


class TwoStepRefused(Exception):
    """A code or change was refused; ``message`` says why, for the person at the form.

    ``wrong_code`` is True for a code that was checked and was wrong: it counts toward the
    sign-in lock-out. A code refused unchecked (throttled, no device) does not.
    """

    def __init__(self, message: str, *, wrong_code: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.wrong_code = wrong_code


def _throttled_message(details):
    locked_until = (details or {}).get("locked_until")
    if locked_until is None:
        return "Too many wrong codes. Wait a moment, then try again."
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    unit = "second" if seconds == 1 else "seconds"
    return f"Too many wrong codes. Wait {seconds} {unit}, then try again."


def _device_accepting(devices, code):
    """The first of ``devices`` if it accepts ``code``, else TwoStepRefused."""
    with transaction.atomic():
        device = devices.select_for_update().first()
        if device is None:
            refusal = TwoStepRefused(NO_DEVICE)
        else:
            allowed, details = device.verify_is_allowed()
            if not allowed:
                refusal = TwoStepRefused(_throttled_message(details))
            elif device.verify_token(code):
                return device
            else:
                refusal = TwoStepRefused(WRONG_CODE, wrong_code=True)
    # Raised outside the transaction, so the throttle's count of the wrong code is kept.
    raise refusal


def two_step_setup_start(*, user: User) -> TOTPDevice:
    """The device to show as a QR code: the same one on every reload until it is confirmed."""
    device = selectors.pending_device(user)
    if device is None:
        device = TOTPDevice(user=user, name=DEVICE_NAME, confirmed=False)
        device.full_clean()
        device.save()
    return device


def two_step_enable(*, user: User, code: str) -> TOTPDevice:
    """Confirm the pending device with its first code; any older device goes."""
    device = _device_accepting(TOTPDevice.objects.devices_for_user(user, confirmed=False), code)
    with transaction.atomic():
        TOTPDevice.objects.devices_for_user(user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def two_step_verify(*, user: User, code: str) -> TOTPDevice:
    """The confirmed device that accepts ``code`` at sign-in, or TwoStepRefused."""
    return _device_accepting(TOTPDevice.objects.devices_for_user(user, confirmed=True), code)


def two_step_disable(*, user: User, code: str) -> int:
    """Turn two-step verification off, proven with a current code."""
    if selectors.two_step_required(user):
        raise TwoStepRefused(REQUIRED)
    two_step_verify(user=user, code=code)
    return two_step_reset(user=user)


@transaction.atomic
def two_step_reset(*, user: User) -> int:
    """Remove every device of the user (confirmed or not); returns how many went."""
    deleted, _ = TOTPDevice.objects.devices_for_user(user).delete()
    return deleted


def sign_in_failure_record(*, request: HttpRequest, username: str) -> None:
    """Count a wrong code like a wrong password: django-axes hears the same signal.

    Sets ``request.axes_locked_out`` when this failure reaches the limit.
    """
    user_login_failed.send(sender=__name__, credentials=get_credentials(username), request=request)


def sign_in_failures_reset(*, request: HttpRequest, username: str) -> None:
    """Forget this username's failures from this address, once a sign-in fully succeeded."""
    ip_address = get_client_ip_address(request)
    if ip_address:
        AxesProxyHandler.reset_attempts(ip_address=ip_address, username=username)


def password_reset_allowed(*, email: str, ip: str | None, now: datetime | None = None) -> bool:
    """True if a password-reset email may go to ``email`` for a request from ``ip``, recording
    the attempt (``core/ratelimit.py``) whether or not an account has that address, so that
    known and unknown addresses meet the same limits.

    A client may ask for MASTHEAD_PASSWORD_RESET_IP_LIMIT distinct addresses an hour, and an
    address gets at most MASTHEAD_PASSWORD_RESET_EMAIL_LIMIT emails an hour, whoever asks.
    """
    address = email.strip().casefold()
    return ratelimit.attempt_allowed(
        scope="password reset: addresses per client",
        key=ip,
        item=address,
        limit=settings.MASTHEAD_PASSWORD_RESET_IP_LIMIT,
        now=now,
    ) and ratelimit.attempt_allowed(
        scope="password reset: emails per address",
        key=address,
        limit=settings.MASTHEAD_PASSWORD_RESET_EMAIL_LIMIT,
        now=now,
    )
