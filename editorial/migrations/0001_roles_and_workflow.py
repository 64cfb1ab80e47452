"""Create the newsroom's roles and the "Editor review" workflow (editorial/roles.py)."""

from django.db import migrations


def apply(apps, schema_editor):
    from editorial.roles import apply_roles

    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("articles", "0004_alter_articlepage_body"),
        ("authors", "0001_initial"),
        ("live", "0002_editors_may_post"),
        ("picks", "0002_default_lists"),
        ("narration", "0001_initial"),
        ("newsletters", "0002_consent_and_rate_limits"),
        ("mailing", "0001_initial"),
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
