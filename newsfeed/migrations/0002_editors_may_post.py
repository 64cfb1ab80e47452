"""Editors and Moderators may write, publish and unpublish News Feed items.

Django and Wagtail create model permissions only after migrating, so this creates the ones it
grants; they find them already there and leave them alone.
"""

from django.db import migrations

ACTIONS = ["add", "change", "delete", "view", "publish"]
GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="live", model="newsfeeditem")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_newsfeeditem",
            defaults={"name": f"Can {action} News Feed item"},
        )[0]
        for action in ACTIONS
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="live",
        codename__in=[f"{action}_newsfeeditem" for action in ACTIONS],
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
