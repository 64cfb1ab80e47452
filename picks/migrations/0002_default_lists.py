from django.db import migrations

DEFAULT_LISTS = [("top-stories", "Top stories"), ("editors-picks", "Editors' Picks")]


def create_lists(apps, schema_editor):
    CuratedList = apps.get_model("picks", "CuratedList")
    for slug, name in DEFAULT_LISTS:
        CuratedList.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("picks", "0001_initial")]

    operations = [migrations.RunPython(create_lists, migrations.RunPython.noop)]
