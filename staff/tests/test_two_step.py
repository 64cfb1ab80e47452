"""Two-step verification: setting it up, signing in with it, turning it off, requiring it."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from .codes import PASSWORD, after_throttle, code_for, wrong_code

pytestmark = pytest.mark.django_db

SETUP = "/admin/account/two-step/"
VERIFY = "/admin/account/two-step/verify/"
DISABLE = "/admin/account/two-step/disable/"


def verified(client):
    return "otp_device_id" in client.session


def test_setting_up_shows_a_qr_code_and_needs_a_right_code(client, staff_user):
    client.force_login(staff_user)
    response = client.get(SETUP)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<img src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=staff_user)
    assert not device.confirmed
    secret = response.context["secret"]
    assert secret.replace(" ", "") in device.config_url
    assert secret in page
    # Reloading shows the same key: the app scanned a moment ago still works.
    assert client.get(SETUP).context["secret"] == secret

    response = client.post(SETUP, {"code": wrong_code(device)})
    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    response = client.post(SETUP, {"code": "12ab"})
    assert "Enter the 6-digit code from your authenticator app." in response.content.decode()

    after_throttle(device)
    response = client.post(SETUP, {"code": code_for(device)})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert verified(client)  # this session proved it has the app: no second code now
    assert client.get("/admin/").status_code == 200
    assert "Two-step verification is on" in client.get(SETUP).content.decode()


def test_the_account_page_links_to_it(client, staff_user):
    client.force_login(staff_user)
    page = client.get("/admin/account/").content.decode()
    assert f'href="{SETUP}"' in page
    assert "Two-step verification" in page


def test_signing_in_asks_for_the_code_after_the_password(client, staff_user, device, sign_in):
    response = sign_in("desk", PASSWORD, next_url="/admin/pages/")
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"

    # Every admin page waits for the code, and remembers where the editor was going.
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"
    assert client.get("/admin/account/").status_code == 302
    assert client.get(SETUP).status_code == 302

    response = client.get(response["Location"])
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter your code" in page
    assert 'autocomplete="one-time-code"' in page

    response = client.post(VERIFY, {"code": wrong_code(device), "next": "/admin/pages/"})
    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    assert not verified(client)

    after_throttle(device)
    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert verified(client)
    assert client.get("/admin/pages/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_code_works_once(client, staff_user, device, sign_in):
    sign_in("desk", PASSWORD)
    code = code_for(device)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.logout()
    sign_in("desk", PASSWORD)
    assert "That code is not right." in client.post(VERIFY, {"code": code}).content.decode()


def test_a_wrong_code_straight_after_another_is_throttled(client, staff_user, device, sign_in):
    sign_in("desk", PASSWORD)
    client.post(VERIFY, {"code": wrong_code(device)})
    response = client.post(VERIFY, {"code": code_for(device)})
    assert "Too many wrong codes. Wait" in response.content.decode()
    assert not verified(client)


def test_next_must_be_on_this_site(client, staff_user, device, sign_in):
    sign_in("desk", PASSWORD)
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_wrong_codes_count_toward_the_lock_out(client, staff_user, device, sign_in):
    sign_in("desk", PASSWORD)
    for _ in range(4):
        after_throttle(device)
        assert client.post(VERIFY, {"code": wrong_code(device)}).status_code == 200
    after_throttle(device)
    response = client.post(VERIFY, {"code": wrong_code(device)})
    assert response.status_code == 429
    assert response.content.decode().count("Too many failed sign-ins. Try again in 15") == 1
    # The session is signed out, and the password alone cannot start again.
    assert "_auth_user_id" not in client.session
    assert sign_in("desk", PASSWORD).status_code == 429


def test_the_right_password_does_not_forget_wrong_codes(client, staff_user, device, sign_in):
    sign_in("desk", PASSWORD)
    for _ in range(4):
        after_throttle(device)
        client.post(VERIFY, {"code": wrong_code(device)})
    client.logout()
    assert sign_in("desk", PASSWORD).status_code == 302  # 4 failures: not yet locked
    after_throttle(device)
    assert client.post(VERIFY, {"code": wrong_code(device)}).status_code == 429


def test_turning_it_off_needs_a_current_code(client, staff_user, device, sign_in):
    sign_in("desk", PASSWORD)
    client.post(VERIFY, {"code": code_for(device)})
    page = client.get(SETUP).content.decode()
    assert f'action="{DISABLE}"' in page

    after_throttle(device)
    response = client.post(DISABLE, {"code": wrong_code(device)})
    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    assert TOTPDevice.objects.filter(user=staff_user).exists()

    after_throttle(device)
    response = client.post(DISABLE, {"code": code_for(device, steps_ahead=1)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff_user).exists()
    assert client.get("/admin/").status_code == 200

    client.logout()
    sign_in("desk", PASSWORD)
    assert client.get("/admin/").status_code == 200  # no code asked


def test_users_without_a_device_are_not_asked(admin_client):
    assert admin_client.get("/admin/").status_code == 200
    assert admin_client.get("/admin/pages/").status_code == 200


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("sub", "sub@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_required_groups_are_sent_to_set_it_up_first(client, editor, settings):
    settings.MASTHEAD_2FA_REQUIRED_GROUPS = ["Administrators", "Editors"]
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2Fpages%2F"

    response = client.get(response["Location"])
    assert response.status_code == 200
    assert "Your role requires two-step verification." in response.content.decode()

    device = TOTPDevice.objects.get(user=editor)
    response = client.post(SETUP, {"code": code_for(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200

    # Required: it cannot be turned off.
    assert "cannot be turned off" in client.get(SETUP).content.decode()
    client.post(DISABLE, {"code": code_for(device, steps_ahead=1)})
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_other_groups_are_not_required(client, editor, settings):
    settings.MASTHEAD_2FA_REQUIRED_GROUPS = ["Administrators"]
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_reset_2fa_removes_the_users_devices(staff_user, device, client, sign_in, capsys):
    call_command("reset_2fa", "desk")
    assert "Two-step verification is off for desk" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=staff_user).exists()
    sign_in("desk", PASSWORD)
    assert client.get("/admin/").status_code == 200

    call_command("reset_2fa", "desk")
    assert "desk had no two-step verification device." in capsys.readouterr().out
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("reset_2fa", "nobody")


def test_a_reset_sends_verified_sessions_of_a_required_user_to_set_up_again(
    client, editor, settings
):
    settings.MASTHEAD_2FA_REQUIRED_GROUPS = ["Editors"]
    client.force_login(editor)
    client.get(SETUP)
    client.post(SETUP, {"code": code_for(TOTPDevice.objects.get(user=editor))})
    assert client.get("/admin/").status_code == 200
    call_command("reset_2fa", "sub")
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_a_lock_out_from_elsewhere_stops_the_code_step(client, staff_user, device, sign_in):
    sign_in("desk", PASSWORD)
    other = Client()
    for _ in range(5):
        other.post("/admin/login/", {"username": "desk", "password": "wrong"})
    response = client.post(VERIFY, {"code": code_for(device)})
    assert response.status_code == 429
    assert "Too many failed sign-ins." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_password_alone_opens_no_reader_page_as_the_account(
    client, staff_user, device, sign_in, section, author
):
    from wagtail.models import PageViewRestriction

    from testkit import builders

    article = builders.make_article(section, authors=[author], title="Harbour dredging starts")
    private = builders.make_article(section, authors=[author], title="Staff rota for the weekend")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    sign_in("desk", PASSWORD)

    # Halfway signed in: a reader without an account, whatever page they open.
    page = client.get(article.url).content.decode()
    assert "Harbour dredging starts" in page and "Edit post" not in page
    response = client.get(private.url)
    assert response.status_code == 302 and "login" in response["Location"]

    client.post(VERIFY, {"code": code_for(device)})
    assert verified(client)
    assert "Edit post" in client.get(article.url).content.decode()
    assert client.get(private.url).status_code == 200
