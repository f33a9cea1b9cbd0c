"""Snapshots of the test database, taken once per run and put back in a moment.

Loading the curated dataset takes seconds; copying its rows back from a table of their own
takes milliseconds. ``take(name)`` copies every table into ``zz_snapshot_<name>_<n>`` tables
(which Django knows nothing of: flushes and migrations leave them alone); ``restore(name)``
empties every table (but the users') and copies the rows back, ids and all, in one
transaction — a savepoint inside a test's transaction (rolled back with it), or committed
for a transactional test that a live server reads. Foreign keys are checked at the end of
the transaction (Django declares them deferrable on SQLite and PostgreSQL), so the order of
the tables does not matter.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

PREFIX = "zz_snapshot_"
# What a test sets up for itself (the users its fixtures sign in, their sessions) stays as it
# is when a snapshot is put back: snapshots hold no users.
KEPT = {
    "django_migrations",
    "auth_user",
    "auth_user_groups",
    "auth_user_user_permissions",
    "django_session",
    "django_admin_log",
}
_taken = {}  # name -> [(table, snapshot table, quoted column list)]


def _tables():
    return [
        table
        for table in connection.introspection.table_names()
        if not table.startswith(PREFIX) and table not in KEPT
    ]


def take(name):
    """Copy every table's rows as they are now into the snapshot ``name``."""
    quote = connection.ops.quote_name
    copies = []
    with connection.cursor() as cursor:
        for number, table in enumerate(_tables()):
            copy = f"{PREFIX}{name}_{number}"
            cursor.execute(f"DROP TABLE IF EXISTS {quote(copy)}")
            cursor.execute(f"CREATE TABLE {quote(copy)} AS SELECT * FROM {quote(table)}")
            columns = connection.introspection.get_table_description(cursor, copy)
            copies.append((table, copy, ", ".join(quote(column.name) for column in columns)))
    _taken[name] = copies


def restore(name):
    """Make every table hold exactly the rows it held when snapshot ``name`` was taken."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"DELETE FROM {quote(table)}")
        for table, copy, columns in _taken[name]:
            cursor.execute(
                f"INSERT INTO {quote(table)} ({columns}) SELECT {columns} FROM {quote(copy)}"
            )
        # PostgreSQL's sequences do not follow rows inserted with their ids (SQLite's do).
        models = apps.get_models(include_auto_created=True)
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    # The ids may differ from those a flush recreated.
    ContentType.objects.clear_cache()
    know_content_types()


def know_content_types():
    """Cache every content type, as a running site soon has: a page's first request costs
    no more queries than its next."""
    ContentType.objects.get_for_models(*apps.get_models())
