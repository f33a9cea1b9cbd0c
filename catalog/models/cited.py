"""What every model whose facts carry citations shares: its claims, read and checked; the
rows about it (a film's titles, credits, partners…) found from its relations; and the
query for its facts shown without a citation."""

from operator import attrgetter

from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from simple_history.models import HistoricalRecords

from .claims import RANK_ORDER, ROW, Claim, Rank, preferred_conflict


class CitedQuerySet(models.QuerySet):
    """Query knowledge shared by every model whose facts carry citations."""

    def with_claims(self):
        return self.prefetch_related(claims_prefetch())

    def disputed(self):
        """Records with a field for which sources give more than one value."""
        return self.filter(Exists(self._claims().exclude(field=ROW).exclude(rank=Rank.PREFERRED)))

    def citation_needed(self, rows_q=None):
        """Records with at least one fact, or row about them, that has no citation."""
        return self.filter(self.model.citation_needed_q(rows_q))

    def _claims(self):
        return Claim.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
        )


def claims_prefetch(lookup="claims"):
    """Prefetch a record's claims with their citations and sources: three queries in all."""
    return Prefetch(lookup, queryset=Claim.objects.with_citations())


class CitedModel(models.Model):
    """A record or row whose facts carry citations.

    ``cited_fields`` lists the scalar fields that can hold claims. Rows (``is_row``) are
    facts in themselves and need a cited row claim.
    """

    cited_fields: tuple[str, ...] = ()
    is_row = False
    record_path = ""  # for a row: the path to the record whose page shows it ("film")

    claims = GenericRelation(Claim, related_query_name="%(app_label)s_%(class)s")

    objects = CitedQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def record(self):
        """The record whose page shows this row (a credit → its film); a record itself."""
        return attrgetter(self.record_path)(self) if self.record_path else self

    def label_under_record(self):
        """What the row says, for a reader who sees it under its record's heading."""
        return "the record itself" if not self.record_path else str(self)

    # Values as claims store them -----------------------------------------------------
    def claim_value(self, field):
        """The field's current value as a claim's text (codes for countries, '' if empty)."""
        model_field = self._meta.get_field(field)
        if model_field.many_to_many:
            if self.pk is None:
                return ""
            return ",".join(sorted(o.natural_key()[0] for o in getattr(self, field).all()))
        if model_field.is_relation:
            related = getattr(self, field)
            return related.natural_key()[0] if related is not None else ""
        value = getattr(self, field)
        return "" if value is None else str(value)

    def has_value(self, field):
        return self.claim_value(field) != ""

    # Reading prefetched claims ---------------------------------------------------------
    def claims_for(self, field):
        """Claims about ``field`` (ROW for the row itself), preferred first."""
        found = [c for c in self.claims.all() if c.field == field]
        return sorted(found, key=lambda c: (RANK_ORDER[c.rank], c.value))

    def row_claim(self):
        found = self.claims_for(ROW)
        return found[0] if found else None

    def preferred_claim(self, field):
        for claim in self.claims_for(field):
            if claim.rank == Rank.PREFERRED:
                return claim
        return None

    def citations_for(self, field=ROW):
        claim = self.row_claim() if field == ROW else self.preferred_claim(field)
        return list(claim.citations.all()) if claim else []

    def is_disputed(self, field):
        return len(self.claims_for(field)) > 1

    def uncited_facts(self):
        """Names of the facts shown publicly without a citation (ROW for the row itself)."""
        missing = [f for f in self.cited_fields if self.has_value(f) and not self.citations_for(f)]
        if self.is_row and not self.citations_for(ROW):
            missing.insert(0, ROW)
        return missing

    def clean(self):
        """Refuse a field value that contradicts the preferred claim the sources support."""
        super().clean()
        if self.pk is None:
            return
        errors = {}
        for claim in Claim.objects.about(self).preferred().exclude(field=ROW):
            if claim.field in getattr(self, "preferring", ()):
                continue  # the value being saved becomes the preferred one, cited on the form
            if message := preferred_conflict(self, claim):
                errors.setdefault(claim.field, []).append(message)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def uncited_conditions(cls):
        """One filter per fact of this model that can be shown without a citation, keyed by
        field (ROW: the row itself): the field has a value and its preferred claim no
        citation, or the row has no cited row claim. The database's twin of
        ``uncited_facts``; ``citation_needed_q`` joins them, the admin counts each."""
        cited = Claim.objects.filter(
            content_type=ContentType.objects.get_for_model(cls),
            object_id=OuterRef("pk"),
            citations__isnull=False,
        )
        conditions = {
            name: has_value_q(cls, name) & ~Exists(cited.filter(field=name, rank=Rank.PREFERRED))
            for name in cls.cited_fields
        }
        if cls.is_row:
            conditions[ROW] = ~Exists(cited.filter(field=ROW))
        return conditions

    @classmethod
    def citation_needed_q(cls, rows_q=None, depth=2):
        """A filter for records of this model with a fact shown without a citation: one of
        its own fields, or a row about it (a film's titles, credits, studio parts, co-production
        and its partners, festival entries, locations), found from the relations as
        ``cited_rows_prefetches`` finds them. ``rows_q(model)``, if given, narrows the rows
        that count: public pages pass ``catalog.visibility.public_q``, as they hide a row
        that links a draft."""
        condition = Q()
        for uncited in cls.uncited_conditions().values():
            condition |= uncited
        if depth:
            for relation in cited_row_relations(cls):
                row_model = relation.related_model
                rows = row_model.objects.filter(**{relation.field.name: OuterRef("pk")})
                if rows_q is not None:
                    rows = rows.filter(rows_q(row_model))
                uncited = row_model.citation_needed_q(rows_q, depth - 1)
                condition |= Exists(rows.filter(uncited))
        return condition


def has_value_q(model, name):
    """A filter for records whose field ``name`` is not empty."""
    field = model._meta.get_field(name)
    if field.many_to_many:
        through = field.remote_field.through
        return Exists(through.objects.filter(**{f"{field.m2m_field_name()}": OuterRef("pk")}))
    if field.null:
        return Q(**{f"{name}__isnull": False})
    return ~Q(**{name: ""})


def cited_row_relations(model):
    """The relations to the cited rows that point at ``model`` (a film's titles, credits…)."""
    return [
        relation
        for relation in model._meta.related_objects
        if not relation.many_to_many
        and issubclass(relation.related_model, CitedModel)
        and relation.related_model.is_row
    ]


def cited_rows(record, depth=2):
    """The rows about a record (titles, credits, partners…) and the rows about those (a
    co-production's partners), as ``cited_rows_prefetches`` fetches them: read from the rows
    it prefetched, else fetched."""
    rows = []
    for relation in cited_row_relations(type(record)):
        if relation.one_to_one:
            try:
                found = [getattr(record, relation.get_accessor_name())]
            except ObjectDoesNotExist:
                found = []
        else:
            found = getattr(record, relation.get_accessor_name()).all()
        for row in found:
            rows.append(row)
            if depth > 1:
                rows += cited_rows(row, depth - 1)
    return rows


def cited_rows_prefetches(model, prefix="", depth=2):
    """Prefetches for every cited row that points at ``model``, with their claims.

    Rows live in several apps (titles here, credits in people, partners in coproductions);
    discovering them from the model's relations lets a record's page fetch all its facts and
    citations in a fixed number of queries without this app importing the others.
    """
    lookups = []
    for relation in cited_row_relations(model):
        row_model = relation.related_model
        accessor = prefix + relation.get_accessor_name()
        queryset = row_model.objects.select_related(
            *related_paths(row_model, leave_out=model)
        ).prefetch_related(claims_prefetch())
        lookups.append(Prefetch(accessor, queryset=queryset))
        if depth > 1:
            lookups += cited_rows_prefetches(row_model, f"{accessor}__", depth - 1)
    return lookups


def cited_models():
    """Every concrete model whose facts carry citations, in a stable order."""
    models = (model for model in apps.get_models() if issubclass(model, CitedModel))
    return sorted(models, key=lambda m: (m._meta.app_label, m._meta.model_name))


def related_paths(model, depth=2, leave_out=None):
    """The foreign keys a row's name reads, ``depth`` deep: a credit names its person and its
    film, a partner its co-production's film (content types left out). ``leave_out``: a model
    whose links from ``model`` are not followed (the record rows are prefetched from, which
    Django gives each row)."""
    paths = []
    for field in model._meta.concrete_fields:
        if not field.is_relation or field.related_model in (ContentType, None, leave_out):
            continue
        paths.append(field.name)
        if depth > 1:
            paths += [f"{field.name}__{p}" for p in related_paths(field.related_model, depth - 1)]
    return paths
