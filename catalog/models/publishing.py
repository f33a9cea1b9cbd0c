"""Records with their own public page: drafts, publishing, and versions against lost updates."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.db.models import F, Q

from ..validators import FIRST_FILM_YEAR
from .cited import CitedModel, CitedQuerySet


class VersionConflict(Exception):
    """A save that expected a version someone else has replaced meanwhile."""


class Status(models.TextChoices):
    DRAFT = "draft", "draft"
    PUBLISHED = "published", "published"


# Records staff are previewing (model label, pk): shown as if published, for one request.
_previewed = ContextVar("previewed", default=frozenset())


@contextmanager
def previewing(*records):
    """Inside, ``published()`` and ``public_q`` also let through these drafts: a staff
    preview renders the very page a visitor would see once the records are published."""
    token = _previewed.set(_previewed.get() | {(r._meta.label, r.pk) for r in records})
    try:
        yield
    finally:
        _previewed.reset(token)


def previewed_pks(model):
    return sorted(pk for label, pk in _previewed.get() if label == model._meta.label)


def published_q(model, path=""):
    """A filter for published records of ``model`` (through ``path__``, if given); a
    record being previewed counts as published."""
    prefix = f"{path}__" if path else ""
    condition = Q(**{f"{prefix}status": Status.PUBLISHED})
    if pks := previewed_pks(model):
        condition |= Q(**{f"{path or 'pk'}__in": pks})
    return condition


class PublishableQuerySet(CitedQuerySet):
    def published(self):
        return self.filter(published_q(self.model))


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
        """Published, or being previewed by staff as if it were."""
        return self.status == Status.PUBLISHED or self.pk in previewed_pks(type(self))


def year_constraint(field, name, first=FIRST_FILM_YEAR):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": first}),
        name=name,
        violation_error_message=f"Years start in {first}.",
    )
