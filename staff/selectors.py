"""Reads: a user's two-step devices, whether their groups require one, the lock-out's length."""

import math
from base64 import b32encode
from datetime import timedelta

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_credentials
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_device(user):
    """The authenticator app that signs this user in, or None."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user):
    """A device being set up: shown as a QR code until its first code confirms it."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=False).first()


def two_step_required(user):
    """Whether one of the user's groups is named in MASTHEAD_2FA_REQUIRED_GROUPS."""
    names = settings.MASTHEAD_2FA_REQUIRED_GROUPS
    return bool(names) and user.groups.filter(name__in=names).exists()


def device_secret(device):
    """The key as people type it into an app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def device_qr_data_uri(device):
    """The otpauth:// link as an SVG QR code in a data: URI (no script, no request)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def lockout_cool_off(request=None):
    """AXES_COOLOFF_TIME: how long a locked-out username and IP wait."""
    return timedelta(minutes=settings.MASTHEAD_LOGIN_COOLOFF_MINUTES)


def lockout_minutes():
    cool_off = get_cool_off()
    return math.ceil(cool_off.total_seconds() / 60) if cool_off else None


def lockout_message():
    minutes = lockout_minutes()
    if minutes is None:
        return "Too many failed sign-ins. Ask an administrator to unlock your account."
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed sign-ins. Try again in {minutes} {unit}."


def sign_in_locked(request, username):
    """Whether this username is locked out from this request's address."""
    return not AxesProxyHandler.is_allowed(request, get_credentials(username))
