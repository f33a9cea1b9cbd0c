"""Records with their own public page: drafts, publishing, and versions against lost updates."""

from django.db import models
from django.db.models import F, Q

from ..validators import FIRST_FILM_YEAR
from .cited import CitedModel, CitedQuerySet


class VersionConflict(Exception):
    """A save that expected a version someone else has replaced meanwhile."""


class Status(models.TextChoices):
    DRAFT = "draft", "draft"
    PUBLISHED = "published", "published"


class PublishableQuerySet(CitedQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Publishable(CitedModel):
    """A record with its own public page: drafts stay hidden until an editor publishes them."""

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every save; guards against lost updates."
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, expected_version=None, **kwargs):
        """Save as the next version, numbered by the database.

        The number is raised with one UPDATE (``version = version + 1``), so two saves never
        share a number and a revert to an old version still moves forward. With
        ``expected_version`` (the version a form was opened at) the save is refused with
        ``VersionConflict`` if anyone saved since. A new record, or a deleted one being
        restored, keeps the version it has.
        """
        if self.pk is not None:
            saved = type(self)._base_manager.filter(pk=self.pk)
            expected = saved if expected_version is None else saved.filter(version=expected_version)
            if expected.update(version=F("version") + 1):
                self.version = saved.values_list("version", flat=True).get()
            elif expected_version is not None and saved.exists():
                raise VersionConflict(f"{self} was saved by someone else meanwhile.")
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


def year_constraint(field, name, first=FIRST_FILM_YEAR):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": first}),
        name=name,
        violation_error_message=f"Years start in {first}.",
    )
