"""The two roles: Curators add and change records; Editors also publish, delete and merge."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPS = ("catalog", "people", "coproductions")
RECORDS = {"film", "festival", "source", "country", "genre", "person", "studio"}


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label__in=APPS)
    curator, _ = Group.objects.get_or_create(name="Curator")
    curator.permissions.set(
        [
            p
            for p in ours
            if p.codename.split("_")[0] in ("add", "change", "view")
            or (p.codename.startswith("delete_") and p.codename[7:] not in RECORDS)
        ]
    )
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.set(list(ours))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Curator", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalog", "0004_publish_permissions"),
        ("people", "0003_publish_permissions"),
        ("coproductions", "0003_publish_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
