"""Five failed sign-ins for one username from one address lock that pair out for 15 minutes."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import RequestFactory

from core.client_ip import client_ip

from .codes import PASSWORD

pytestmark = pytest.mark.django_db

MESSAGE = "Too many failed sign-ins. Try again in 15 minutes."


def signed_in(client):
    return "_auth_user_id" in client.session


def fail(sign_in, times, username="desk", **kwargs):
    return [sign_in(username, "wrong password", **kwargs) for _ in range(times)]


def test_five_failures_lock_out_with_a_clear_message(client, staff_user, sign_in):
    for response in fail(sign_in, 4):
        assert response.status_code == 200
        assert "didn&#x27;t match" in response.content.decode()
        assert MESSAGE not in response.content.decode()

    response = sign_in("desk", "wrong password")
    assert response.status_code == 429
    page = response.content.decode()
    assert MESSAGE in page
    # The Wagtail sign-in page, styled, with its form: not a bare error.
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert 'class="login-form"' in page
    assert "wagtailadmin/css/core.css" in page
    assert response["Cache-Control"] == "private, no-store"


def test_the_right_password_is_refused_while_locked_out(client, staff_user, sign_in):
    fail(sign_in, 5)
    response = sign_in("desk", PASSWORD)
    assert response.status_code == 429
    assert MESSAGE in response.content.decode()
    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302


def test_other_users_and_other_addresses_are_not_affected(
    client, staff_user, sign_in, django_user_model
):
    django_user_model.objects.create_superuser("night", "night@example.org", PASSWORD)
    fail(sign_in, 5)

    response = sign_in("night", PASSWORD)
    assert response.status_code == 302 and signed_in(client)
    client.logout()

    response = sign_in("desk", PASSWORD, ip="203.0.113.9")
    assert response.status_code == 302 and signed_in(client)


def test_the_lock_out_ends_after_the_cool_off(client, staff_user, sign_in):
    fail(sign_in, 5)
    past = AccessAttempt.objects.get().attempt_time - datetime.timedelta(minutes=16)
    AccessAttempt.objects.update(attempt_time=past)

    response = sign_in("desk", PASSWORD)
    assert response.status_code == 302 and signed_in(client)


def test_tries_while_locked_out_do_not_extend_the_lock_out(client, staff_user, sign_in):
    fail(sign_in, 5)
    ten_minutes_ago = AccessAttempt.objects.get().attempt_time - datetime.timedelta(minutes=10)
    AccessAttempt.objects.update(attempt_time=ten_minutes_ago)
    assert sign_in("desk", "wrong password").status_code == 429
    assert AccessAttempt.objects.get().attempt_time == ten_minutes_ago
    AccessAttempt.objects.update(attempt_time=ten_minutes_ago - datetime.timedelta(minutes=6))
    assert sign_in("desk", PASSWORD).status_code == 302


def test_a_successful_sign_in_forgets_earlier_failures(client, staff_user, sign_in):
    fail(sign_in, 4)
    assert sign_in("desk", PASSWORD).status_code == 302
    client.logout()

    for response in fail(sign_in, 4):
        assert response.status_code == 200
    assert sign_in("desk", PASSWORD).status_code == 302


def test_settings_set_the_limit_and_the_wait(client, staff_user, sign_in, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.MASTHEAD_LOGIN_COOLOFF_MINUTES = 1
    assert sign_in("desk", "wrong").status_code == 200
    response = sign_in("desk", "wrong")
    assert response.status_code == 429
    assert "Too many failed sign-ins. Try again in 1 minute." in response.content.decode()


def test_axes_reset_unlocks(client, staff_user, sign_in):
    fail(sign_in, 5)
    call_command("axes_reset", verbosity=0)
    assert sign_in("desk", PASSWORD).status_code == 302


def test_x_forwarded_for_is_ignored_without_trusted_proxies(client, staff_user, sign_in):
    # A client rotating the header does not escape: the address is REMOTE_ADDR.
    for n in range(5):
        sign_in("desk", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert sign_in("desk", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_client_is_locked_out(
    client, staff_user, sign_in, settings
):
    settings.MASTHEAD_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for _ in range(5):
        # Whatever the client writes at the left is ignored; the proxy appended the real one.
        sign_in("desk", "wrong", ip=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert (
        sign_in("desk", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    )
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"

    # Another reader behind the same proxy signs in.
    response = sign_in("desk", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "10.0.0.1"),
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.1"),  # fewer entries than proxies: not believed
        (1, "not-an-address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip(settings, trusted, forwarded, expected):
    settings.MASTHEAD_TRUSTED_PROXY_COUNT = trusted
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
