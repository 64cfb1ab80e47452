"""Editors and Administrators may regenerate narrations (a permission of its own since
narration 0002; Reporters may neither list nor regenerate them).

Django creates model permissions only after migrating, so this creates the one it grants;
Django finds it already there and leaves it alone. Administrators got every permission that
existed when 0001 ran; a later permission is theirs by a migration like this one.
"""

from django.db import migrations

GROUPS = ["Editors", "Administrators"]
CODENAME = "regenerate_narration"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="narration", model="narration")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": "Can regenerate narration"}
    )
    view, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_narration", defaults={"name": "Can view narration"}
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission, view)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="narration", codename=CODENAME
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_roles_and_workflow"),
        ("narration", "0002_regenerate_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
