"""Content API keys in the admin: administrators make and revoke them; nobody else sees them."""

import pytest
from django.contrib.auth.models import Group, Permission

from content_api.models import KEY_LENGTH, ContentAPIKey

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/content_api/contentapikey/"


def test_an_admin_makes_a_key_and_sees_it_to_copy(admin_client, home):
    response = admin_client.post(f"{LIST}add/", {"name": "Next.js", "active": "on"})
    assert response.status_code == 302
    key = ContentAPIKey.objects.get(name="Next.js")
    assert len(key.key) == KEY_LENGTH and int(key.key, 16) >= 0
    assert key.key in admin_client.get(LIST).content.decode()


def test_the_settings_menu_lists_it_for_admins(admin_client, home):
    assert "Content API keys" in admin_client.get("/admin/").content.decode()


def test_an_editor_cannot_see_keys(client, django_user_model, home):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    group = Group.objects.create(name="Eds")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    ContentAPIKey.objects.create(name="Secret app")
    response = client.get(LIST)
    assert response.status_code in (302, 403)
    assert "Content API keys" not in client.get("/admin/").content.decode()
