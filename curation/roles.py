"""The two roles, read from the models as they are: **Curator** adds and changes every record
and row of the catalogue (and imports, which adds); **Editor** also publishes, unpublishes,
deletes, merges and restores (restoring undoes a delete, so it needs the delete permission).

A Curator deletes nothing, rows included: removing a credit or a title changes its film as
much as deleting a record does, so a Curator's pages show no Delete boxes and the rows'
own pages refuse. What an Editor deletes is recorded and can be restored from Deleted
records.

The groups are brought up to date after every ``migrate`` (and every test-database flush),
so a model added later (film images, merged slugs…) is covered without a data migration.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

CATALOGUE_APPS = ("catalog", "people", "coproductions")
CURATOR_ACTIONS = ("add", "change", "view")


def catalogue_models():
    """The models curators work on; the historical copies are read on each record's History."""
    return [
        model
        for label in CATALOGUE_APPS
        for model in apps.get_app_config(label).get_models()
        if not hasattr(model, "instance_type")  # django-simple-history's historical models
    ]


def role_permissions(using="default"):
    """The permissions of each role, by group name."""
    content_types = ContentType.objects.db_manager(using).get_for_models(*catalogue_models())
    everything = list(
        Permission.objects.using(using).filter(content_type__in=content_types.values())
    )
    curator_codenames = {
        f"{action}_{model._meta.model_name}"
        for model in content_types
        for action in CURATOR_ACTIONS
    }
    curator = [p for p in everything if p.codename in curator_codenames]
    return {"Curator": curator, "Editor": everything}


def create_roles(using="default", **kwargs):
    """Create the two groups, or bring their permissions up to date (post_migrate)."""
    for name, permissions in role_permissions(using).items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions)
