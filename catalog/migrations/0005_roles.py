"""Once created the Curator and Editor groups. The roles now follow the models as they are
after every migrate (``nkfilms.roles``, on post_migrate), so models added later are covered
and this app does not depend on the apps built on it. Kept, empty, for the migration graph."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_publish_permissions"),
    ]

    operations = []
