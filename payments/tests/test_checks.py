"""Payments that are on are configured: `check` refuses Stripe without its keys, `check
--deploy` the stand-in or a test key, and production settings refuse to start without them."""

import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from payments.checks import payments_configured, payments_ready_for_production

LIVE_KEY = "sk_live_" + "x" * 24
WEBHOOK_SECRET = "whsec_" + "y" * 32


def ids(messages):
    return [message.id for message in messages]


@pytest.fixture
def stripe_on(settings):
    settings.MASTHEAD_PAYMENTS = "stripe"
    settings.STRIPE_SECRET_KEY = LIVE_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = "https://api.stripe.com"
    return settings


def test_stripe_with_its_keys_passes(stripe_on):
    assert payments_configured() == []
    assert payments_ready_for_production() == []


@pytest.mark.parametrize(
    ("setting", "value", "error"),
    [
        ("STRIPE_SECRET_KEY", "", "payments.E001"),
        ("STRIPE_SECRET_KEY", "pk_live_publishable", "payments.E001"),
        ("STRIPE_WEBHOOK_SECRET", "", "payments.E002"),
        ("STRIPE_WEBHOOK_SECRET", "secret", "payments.E002"),
    ],
)
def test_stripe_without_a_key_or_webhook_secret_fails_every_check(stripe_on, setting, value, error):
    setattr(stripe_on, setting, value)
    assert ids(payments_configured()) == [error]
    with pytest.raises(SystemCheckError, match=re.escape(error)):
        call_command("check")


def test_deploy_check_refuses_the_standin_a_test_key_and_plain_http(stripe_on):
    stripe_on.STRIPE_SECRET_KEY = "sk_test_" + "x" * 24
    assert ids(payments_ready_for_production()) == ["payments.W001"]
    stripe_on.STRIPE_API_BASE = "http://api.stripe.com"
    assert ids(payments_ready_for_production()) == ["payments.E004", "payments.W001"]
    stripe_on.MASTHEAD_PAYMENTS = "standin"
    assert payments_configured() == []  # fine for make run and the tests
    assert ids(payments_ready_for_production()) == ["payments.E003"]
    with pytest.raises(SystemCheckError, match=r"payments\.E003"):
        call_command("check", "--deploy", "--tag", "payments")


def test_payments_off_need_nothing(settings):
    settings.MASTHEAD_PAYMENTS = "off"
    settings.STRIPE_SECRET_KEY = settings.STRIPE_WEBHOOK_SECRET = ""
    assert payments_configured() == payments_ready_for_production() == []


def production(tmp_path, **extra):
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "news.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'masthead.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "MASTHEAD_PAGE_CACHE_URL": f"filecache://{tmp_path / 'pages'}",
        "MASTHEAD_PAYMENTS": "stripe",
        "STRIPE_SECRET_KEY": LIVE_KEY,
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        **extra,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={name: value for name, value in env.items() if value is not None},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_with_stripe_and_its_keys_passes_the_deploy_check(tmp_path):
    result = production(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"])
def test_production_with_stripe_refuses_to_start_without_its_keys(tmp_path, missing):
    result = production(tmp_path, **{missing: None})
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert f"Production settings need these environment variables: {missing}" in message


def test_production_deploy_check_refuses_the_standin(tmp_path):
    result = production(tmp_path, MASTHEAD_PAYMENTS="standin")
    assert result.returncode != 0
    assert "payments.E003" in result.stderr


def test_an_unknown_payments_mode_is_refused(tmp_path):
    result = production(tmp_path, MASTHEAD_PAYMENTS="paypal")
    assert "MASTHEAD_PAYMENTS='paypal': expected one of standin, stripe, off" in result.stderr
