"""The two roles, read from the models as they are: **Curator** adds and changes every record
and row of the catalogue (and imports, which adds); **Editor** also publishes, unpublishes,
deletes, merges and restores (restoring undoes a delete, so it needs the delete permission).

A Curator deletes nothing, rows included: removing a credit or a title changes its film as
much as deleting a record does, so a Curator's pages show no Delete boxes and the rows'
own pages refuse. What an Editor deletes is recorded and can be restored from Deleted
records.

The groups are brought up to date after every ``migrate`` (and every test-database flush),
so a model added later (film images, merged slugs…) is covered without a data migration.

A member of either role is staff (may sign in to the admin): adding a user to a role ticks
"Staff status", however the user is added (the admin, ``create_curator``, the shell), and a
role member's staff status cannot be unticked while the role stays. Someone who signs in
with the right password but no role is told so, not that the password is wrong.
"""

from django import forms
from django.apps import apps
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType

ROLES = ("Curator", "Editor")

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


def has_role(user):
    return user.pk is not None and user.groups.filter(name__in=ROLES).exists()


def role_members_are_staff(sender, instance, raw=False, **kwargs):
    """pre_save of a user: a role member stays staff (an unticked box does not lock them out)."""
    if not raw and not instance.is_staff and has_role(instance):
        instance.is_staff = True


def joining_a_role_grants_staff(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed of users' groups: a user added to a role becomes staff, from either side
    (``user.groups.add(curator)`` or ``curator.user_set.add(user)``)."""
    if action != "post_add" or not pk_set:
        return
    if reverse:  # instance is a group, pk_set its new users
        if instance.name in ROLES:
            User.objects.filter(pk__in=pk_set, is_staff=False).update(is_staff=True)
    elif Group.objects.filter(pk__in=pk_set, name__in=ROLES).exists():
        User.objects.filter(pk=instance.pk).update(is_staff=True)
        instance.is_staff = True


class RoleLoginForm(AdminAuthenticationForm):
    """The admin's sign-in: a right password without a role is told what is missing."""

    def confirm_login_allowed(self, user):
        if user.is_active and not user.is_staff:
            raise forms.ValidationError(
                "Your username and password are right, but this account has no role in the "
                "admin yet. Ask an administrator to add it to the Curator or Editor group "
                "(in Users, or with manage.py create_curator %(username)s).",
                code="no_role",
                params={"username": user.get_username()},
            )
        super().confirm_login_allowed(user)
