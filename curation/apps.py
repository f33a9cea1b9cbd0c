from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class CurationConfig(AppConfig):
    """The curators' workplace: the admin site and its pages, roles, the dataset commands."""

    name = "curation"

    def ready(self):
        from django.contrib.auth.models import User
        from django.db.models.signals import m2m_changed, pre_delete, pre_save
        from simple_history.signals import (
            post_create_historical_record,
            pre_create_historical_record,
        )

        from .history import note_deletion_origin, record_deletion_batch
        from .review.changes import name_acceptance
        from .roles import create_roles, joining_a_role_grants_staff, role_members_are_staff

        # Only the records with a history: a receiver for every model would stop Django
        # deleting any other rows in one statement (the search index's 5.5 million words
        # at 100,000 films were read into memory, 3.5 GB, to be deleted one batch at a time).
        for model in apps.get_models():
            if hasattr(model._meta, "simple_history_manager_attribute"):
                pre_delete.connect(
                    note_deletion_origin,
                    sender=model,
                    dispatch_uid=f"curation.deletion_origin.{model._meta.label}",
                )
        post_create_historical_record.connect(
            record_deletion_batch, dispatch_uid="curation.deletion_batch"
        )
        pre_create_historical_record.connect(
            name_acceptance, dispatch_uid="curation.name_acceptance"
        )

        pre_save.connect(role_members_are_staff, sender=User, dispatch_uid="curation.role_staff")
        m2m_changed.connect(
            joining_a_role_grants_staff,
            sender=User.groups.through,
            dispatch_uid="curation.role_grants_staff",
        )
        # Sent for each app with models in INSTALLED_APPS order; this app is the last, so
        # the permissions of the catalogue apps exist by then.
        post_migrate.connect(create_roles, sender=self, dispatch_uid="curation.create_roles")


class CurationAdminConfig(admin_apps.AdminConfig):
    """The admin with the curators' own site: the "needs a source" view and its count."""

    default = False
    default_site = "curation.sites.CurationAdminSite"
