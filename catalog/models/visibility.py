"""What a visitor may see of the rows around a published record.

A record (film, person, studio, festival) is public once an editor publishes it. A row that
links records — a credit (a film and a person), a studio's part in a film, a co-production
partner, a festival entry — is public only while *every* record it links is published: a
draft person's credit stays off the published film's page, and so does the draft's name.

Rows live in several apps, so the records a row links are read from its foreign keys (as
``cited_rows_prefetches`` finds the rows), and this app still imports neither of the others.
"""

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import models
from django.db.models import F, Prefetch, Q

from .cited import CitedModel, CitedQuerySet, cited_models, cited_rows_prefetches, related_paths
from .claims import Citation
from .publishing import Publishable, Status


def public_q(model, prefix=""):
    """A filter for rows of ``model`` whose every linked record is published.

    A row linked through another row follows it (a partner → its co-production → its film);
    an optional link left empty (a partner known only by its country) does not hide the row.
    """
    condition = Q()
    for field in model._meta.concrete_fields:
        if not field.is_relation:
            continue
        target, path = field.related_model, prefix + field.name
        if issubclass(target, Publishable):
            linked = Q(**{f"{path}__status": Status.PUBLISHED})
        elif issubclass(target, CitedModel) and target.is_row:
            linked = public_q(target, f"{path}__")
        else:
            continue  # countries, content types: nothing that can be a draft
        if field.null:
            linked |= Q(**{f"{path}__isnull": True})
        condition &= linked
    return condition


class RowQuerySet(CitedQuerySet):
    """The queryset of a row model (credits, partners, name variants…)."""

    def public(self):
        """Rows a visitor may see: every record they link is published."""
        return self.filter(public_q(self.model))

    def in_filmography_order(self):
        """Rows linking a film in a role (credits, studios' parts): by role, in the order
        of the role's choices (directors, producers first), then by the film's year
        (undated last) and title: the order of a filmography."""
        roles = [value for value, _ in self.model._meta.get_field("role").choices]
        by_role = models.Case(
            *(models.When(role=role, then=index) for index, role in enumerate(roles)),
            default=len(roles),
        )
        return self.order_by(by_role, F("film__year").asc(nulls_last=True), "film__title", "pk")


def public_rows_prefetches(model):
    """``cited_rows_prefetches`` for a public page: rows that link a draft are left out."""
    return [
        Prefetch(
            lookup.prefetch_through,
            queryset=lookup.queryset.filter(public_q(lookup.queryset.model)),
        )
        for lookup in cited_rows_prefetches(model)
    ]


def public_rows(model):
    """What a visitor may see of a cited model: published records, or rows whose every
    linked record is published, each with the records its name reads."""
    if issubclass(model, Publishable):
        return model.objects.published()
    return model.objects.filter(public_q(model)).select_related(*related_paths(model))


def public_citations(source):
    """The source's citations of what a visitor may see, as (citation, row, record) triples
    (a credit's record is its film), in three queries plus one per kind of cited row."""
    citations = (
        Citation.objects.filter(source=source)
        .select_related("claim__content_type")
        .prefetch_related(
            GenericPrefetch("claim__subject", [public_rows(model) for model in cited_models()])
        )
        .order_by("id")
    )
    for citation in citations:
        row = citation.claim.subject
        if row is not None:  # a draft, a row linking a draft, or a deleted row
            yield citation, row, row.record()


def record_name(record):
    """A record's name as a heading shows it: a film's title, anyone else's name."""
    return getattr(record, "title", None) or record.name
