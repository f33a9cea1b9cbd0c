"""The data version: a number drawn anew by every change to the catalogue.

Pages and API answers are cached, and given an ETag, under the version they were made at, so
a cached page is never shown once anything it could show has changed. The number lives in the
database (one row), so every process of the site — each gunicorn worker — sees the same one
and a change made in one is seen by all at once. It is drawn at random rather than counted,
so a change that is rolled back, or a database restored from a backup, never brings back a
number that once stood for other data.
"""

import secrets

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save

CATALOGUE_APPS = ("catalog", "people", "coproductions")


class DataVersion(models.Model):
    number = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = "data version"

    def __str__(self):
        return f"data version {self.number}"


def data_version():
    """The current version (1 before anything changed): one query."""
    return DataVersion.objects.values_list("number", flat=True).first() or 1


def bump_data_version(**kwargs):
    """Draw a new version; a signal receiver for every change to a catalogue model."""
    if kwargs.get("raw"):
        return
    number = secrets.randbits(62) + 2  # never 1, the version before any change
    if not DataVersion.objects.update(number=number):
        DataVersion.objects.create(number=number)


def catalogue_models():
    """The models whose changes can show on a page (history tables aside)."""
    return [
        model
        for label in CATALOGUE_APPS
        for model in apps.get_app_config(label).get_models()
        if not hasattr(model, "instance_type") and model is not DataVersion
    ]


def connect_data_version():
    for model in catalogue_models():
        uid = f"data-version-{model._meta.label}"
        post_save.connect(bump_data_version, sender=model, dispatch_uid=uid)
        post_delete.connect(bump_data_version, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                bump_data_version, sender=field.remote_field.through, dispatch_uid=uid + field.name
            )
