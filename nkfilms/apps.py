from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class NkfilmsConfig(AppConfig):
    """The project package as an app: site-wide pages, the dataset commands, the roles."""

    name = "nkfilms"
    default = True

    def ready(self):
        from .roles import create_roles

        # Sent for each app in INSTALLED_APPS order; this app is last, so the permissions of
        # the catalogue apps exist by then.
        post_migrate.connect(create_roles, sender=self, dispatch_uid="nkfilms.create_roles")


class NkfilmsAdminConfig(admin_apps.AdminConfig):
    """The admin with nkfilms' own site: the "needs a source" view and its count."""

    default = False
    default_site = "nkfilms.sites.NkfilmsAdminSite"
