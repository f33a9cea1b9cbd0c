"""What a visitor may see of the rows around a published record.

A record (film, person, studio, festival) is public once an editor publishes it. A row that
links records — a credit (a film and a person), a studio's part in a film, a co-production
partner, a festival entry — is public only while *every* record it links is published: a
draft person's credit stays off the published film's page, and so does the draft's name.

Rows live in several apps, so the records a row links are read from its foreign keys (as
``cited_rows_prefetches`` finds the rows), and this app still imports neither of the others.
"""

from django.db.models import Prefetch, Q

from .claims import CitedModel, CitedQuerySet, cited_rows_prefetches
from .models import Publishable, Status


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


def public_rows_prefetches(model):
    """``cited_rows_prefetches`` for a public page: rows that link a draft are left out."""
    return [
        Prefetch(
            lookup.prefetch_through,
            queryset=lookup.queryset.filter(public_q(lookup.queryset.model)),
        )
        for lookup in cited_rows_prefetches(model)
    ]
