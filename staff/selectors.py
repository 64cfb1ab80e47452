"""Reads: a user's two-step devices, whether their groups require one, the lock-out's length."""

from __future__ import annotations

import math
from base64 import b32encode
from datetime import timedelta
from typing import TYPE_CHECKING

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_credentials
from django.conf import settings
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def confirmed_device(user: User) -> TOTPDevice | None:
    """The authenticator app that signs this user in, or None."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice | None:
    """A device being set up: shown as a QR code until its first code confirms it."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=False).first()


def two_step_required(user: User) -> bool:
    """Whether one of the user's groups is named in MASTHEAD_2FA_REQUIRED_GROUPS."""
    names = settings.MASTHEAD_2FA_REQUIRED_GROUPS
    return bool(names) and user.groups.filter(name__in=names).exists()


def device_secret(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def device_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// link as an SVG QR code in a data: URI (no script, no request)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def lockout_cool_off(request: HttpRequest | None = None) -> timedelta:
    """AXES_COOLOFF_TIME: how long a locked-out username and IP wait."""
    return timedelta(minutes=settings.MASTHEAD_LOGIN_COOLOFF_MINUTES)


def lockout_minutes() -> int | None:
    cool_off = get_cool_off()
    return math.ceil(cool_off.total_seconds() / 60) if cool_off else None


def lockout_message() -> str:
    minutes = lockout_minutes()
    if minutes is None:
        return "Too many failed sign-ins. Ask an administrator to unlock your account."
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed sign-ins. Try again in {minutes} {unit}."


def sign_in_locked(request: HttpRequest, username: str) -> bool:
    """Whether this username is locked out from this request's address."""
    return not AxesProxyHandler.is_allowed(request, get_credentials(username))
