"""Administrators run the members admin: members and labels, comps and cancellations, the CSV
import and export (permissions made after editorial/0001 gave them everything there was, so
granted here; Reporters, Editors and Newsletter managers get none of them).

Django creates model permissions only after migrating, so this creates the ones it grants;
Django finds them already there and leaves them alone.
"""

from django.db import migrations

GROUP = "Administrators"
PERMISSIONS = {
    "member": [
        ("add_member", "Can add member"),
        ("change_member", "Can change member"),
        ("delete_member", "Can delete member"),
        ("view_member", "Can view member"),
        ("manage_membership", "Can comp members and cancel their subscriptions"),
        ("import_member", "Can import and export members"),
    ],
    "label": [
        ("add_label", "Can add label"),
        ("change_label", "Can change label"),
        ("delete_label", "Can delete label"),
        ("view_label", "Can view label"),
    ],
}


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, permissions in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="members", model=model)
        for codename, name in permissions:
            yield Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )[0]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_roles_and_workflow"),
        ("members", "0004_comp_tier_and_timeline"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
