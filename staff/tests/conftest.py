import pytest
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice

from .codes import PASSWORD


@pytest.fixture
def staff_user(db):
    return User.objects.create_superuser("desk", "desk@example.org", PASSWORD)


@pytest.fixture
def sign_in(client):
    """POST the Wagtail login form: ``sign_in("desk", password, ip="10.0.0.1")``."""

    def post(username, password, *, ip="127.0.0.1", next_url="/admin/", **headers):
        return client.post(
            "/admin/login/",
            {"username": username, "password": password, "next": next_url},
            REMOTE_ADDR=ip,
            **headers,
        )

    return post


@pytest.fixture
def device(staff_user):
    """A confirmed authenticator app for ``staff_user``."""
    return TOTPDevice.objects.create(user=staff_user, name="Authenticator app", confirmed=True)
