from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class CurationConfig(AppConfig):
    """The curators' workplace: the admin site and its pages, roles, the dataset commands."""

    name = "curation"

    def ready(self):
        from .roles import create_roles

        # Sent for each app with models in INSTALLED_APPS order; this app is the last, so
        # the permissions of the catalogue apps exist by then.
        post_migrate.connect(create_roles, sender=self, dispatch_uid="curation.create_roles")


class CurationAdminConfig(admin_apps.AdminConfig):
    """The admin with the curators' own site: the "needs a source" view and its count."""

    default = False
    default_site = "curation.sites.CurationAdminSite"
