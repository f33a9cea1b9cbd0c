"""Claims and citations: the part of the model that makes every fact traceable to a source.

A *claim* is one value of one field of one record (``field`` set), or the assertion that a
whole row is true (``field`` empty: a credit, an alternate title, a partner…). A claim holds
any number of *citations*. When sources disagree, a field has several claims; exactly one is
``preferred`` and its value is the record's field value.
"""

import copy

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from simple_history.models import HistoricalRecords

from ..validators import validate_quote_length

ROW = ""  # the field name of a claim about a whole row or record


class Rank(models.TextChoices):
    """Ranks as in Wikidata. Their names sort in reverse order of weight."""

    PREFERRED = "preferred", "preferred"
    NORMAL = "normal", "normal"
    DEPRECATED = "deprecated", "deprecated"


# How claims about one field are listed, wherever they are (a page, the dataset file): the
# preferred value first, then the others, deprecated last; in the order the ranks are declared.
RANK_ORDER = {rank: weight for weight, rank in enumerate(Rank)}


class ClaimQuerySet(models.QuerySet):
    def with_citations(self):
        return self.prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source"))
        )

    def preferred(self):
        return self.filter(rank=Rank.PREFERRED)

    def cited(self):
        return self.filter(Exists(Citation.objects.filter(claim=OuterRef("pk"))))

    def uncited(self):
        return self.exclude(Exists(Citation.objects.filter(claim=OuterRef("pk"))))

    def about(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class Claim(models.Model):
    """One value of one field of a record (or the truth of a whole row), as sources state it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        max_length=50, blank=True, help_text="The field this claim is about; empty for the row."
    )
    value = models.TextField(
        blank=True, help_text="The value as the sources give it. Empty for a row claim."
    )
    rank = models.CharField(max_length=12, choices=Rank.choices, default=Rank.NORMAL)
    note = models.TextField(
        blank=True, help_text="Why this value is preferred or deprecated, in our own words."
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["content_type", "object_id", "field", "-rank", "value"]
        indexes = [models.Index(fields=["content_type", "object_id", "field"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"],
                condition=Q(rank="preferred"),
                name="one_preferred_claim_per_field",
                violation_error_message="A field can have only one preferred claim.",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(field=""),
                name="one_claim_per_row",
                violation_error_message="A row has one claim; add citations to it instead.",
            ),
        ]

    def __str__(self):
        what = f"{self.field} = {self.value}" if self.field else "row"
        return f"{self.subject_label()} · {what} ({self.rank})"

    def get_absolute_url(self):
        subject = self.subject
        return subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else ""

    def subject_label(self):
        subject = self.subject
        return str(subject) if subject is not None else f"deleted {self.content_type}"

    def clean(self):
        subject = self.subject
        if subject is None:
            if self.content_type_id and self.object_id:
                raise ValidationError(f"The {self.content_type} this claim is about is gone.")
            return
        errors = claim_errors(subject, [self])
        if errors:
            raise ValidationError(errors)


class Citation(models.Model):
    """Where a claim comes from: a source, a place in it, and optionally a short quote."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey("catalog.Source", on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(
        max_length=300,
        help_text="Where in the source: page, note number, section and paragraph, timestamp.",
    )
    quote = models.TextField(
        blank=True, validators=[validate_quote_length], help_text="At most 25 words, verbatim."
    )
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "source__slug", "locator", "id"]

    def __str__(self):
        return f"{self.claim.subject_label()} — {self.source.short_label()}, {self.locator}"

    def get_absolute_url(self):
        """The page of the record whose fact it supports."""
        return self.claim.get_absolute_url()


def cite(subject, field, source, locator, quote="", note=""):
    """Cite the fact ``subject.field`` (``ROW``: the row itself) to ``source`` at ``locator``.

    The citation goes to the claim for the field's current value, made if there is none:
    preferred unless another claim about the field already is. The same source, locator and
    quote twice is one citation. Every part of the project that attaches a citation (the
    admin, imports, merges, the dataset loader) comes through here. Returns the citation.
    """
    claims = Claim.objects.about(subject).filter(field=field)
    if field == ROW:
        claim = claims.first() or Claim.objects.create(subject=subject, field=ROW)
    else:
        value = subject.claim_value(field)
        claim = claims.filter(value=value).first()
        has_preferred = claims.preferred().exists()
        if claim is None:
            rank = Rank.NORMAL if has_preferred else Rank.PREFERRED
            claim = Claim.objects.create(subject=subject, field=field, value=value, rank=rank)
        elif claim.rank != Rank.PREFERRED and not has_preferred:
            claim.rank = Rank.PREFERRED
            claim.save()
    citation, _ = Citation.objects.get_or_create(
        claim=claim, source=source, locator=locator, quote=quote, defaults={"note": note}
    )
    return citation


def related_by_code(model, codes):
    """The records of ``model`` that claims name by code (a country's code, a studio's slug:
    the value ``natural_key()`` gives), keyed by code."""
    field = next(f.name for f in model._meta.fields if f.unique and not f.primary_key)
    return {getattr(o, field): o for o in model._base_manager.filter(**{f"{field}__in": codes})}


def typed_claim_value(subject, field, value):
    """A claim's text as ``subject.field`` would hold it, checked as the field checks its own
    values: type, choices, validators and the record's constraints; codes of countries and
    other related records must exist. Raises ValidationError with messages for the value."""
    model_field = subject._meta.get_field(field)
    label = model_field.verbose_name
    if model_field.many_to_many or model_field.is_relation:
        codes = [code.strip() for code in value.split(",") if code.strip()]
        found = related_by_code(model_field.related_model, codes)
        if unknown := [code for code in codes if code not in found]:
            raise ValidationError(
                f"No {model_field.related_model._meta.verbose_name} with the code "
                f"{', '.join(f'“{code}”' for code in unknown)}."
            )
        if model_field.many_to_many:
            return [found[code] for code in codes]
        if len(codes) > 1:
            raise ValidationError(f"The {label} is one code, not a list.")
        return found[codes[0]] if codes else None
    try:
        typed = model_field.clean(None if value == "" and model_field.null else value, subject)
        probe = copy.copy(subject)  # the database's checks too (years from 1895)
        setattr(probe, model_field.attname, typed)
        others = [f.name for f in subject._meta.concrete_fields if f.name != field]
        probe.validate_constraints(exclude=others)
    except ValidationError as error:
        raise ValidationError(
            [f"“{value}” cannot be the {label}: {message}" for message in error.messages]
        ) from None
    return typed


def same_claim_value(model_field, first, second):
    """Whether two claim texts say the same: a list of codes in any order is one value."""
    if model_field.many_to_many:
        return sorted(first.split(",")) == sorted(second.split(","))
    return first == second


def preferred_conflict(subject, claim, current=None):
    """A message if a preferred claim's value is not the subject's value, else ''.

    ``current`` is the value as a claim's text; by default the subject's saved value. Lists
    (countries) are saved after the record and its claims, by the admin form and the dataset
    loader, so they are compared here only when the caller passes the list it is saving.
    """
    if claim.rank != Rank.PREFERRED or claim.field not in subject.cited_fields:
        return ""
    model_field = subject._meta.get_field(claim.field)
    if model_field.many_to_many and current is None:
        return ""
    if current is None:
        current = subject.claim_value(claim.field)
    if same_claim_value(model_field, claim.value, current):
        return ""
    label = model_field.verbose_name
    return (
        f"The preferred {label} “{claim.value}”, which the cited sources give, contradicts "
        f"the record’s {label} “{current}”. Make the two match, or add the new value as "
        "its own claim with a citation and mark that one preferred."
    )


def claim_errors(subject, claims):
    """Messages, keyed by claim field, for claims that do not fit their subject.

    A claim must name a field the subject cites, with a value that field could hold (a
    competing or deprecated value too: it is a year, a kind, a country that exists); a row
    claim has no value and is not 'preferred'; and the preferred claim's value must be the
    subject's value of that field.
    """
    errors = {}
    for claim in claims:
        if claim.field == ROW:
            if claim.value:
                errors.setdefault("value", []).append("A claim about a whole row has no value.")
            if claim.rank == Rank.PREFERRED:
                errors.setdefault("rank", []).append(
                    "A row claim is normal or deprecated; preferred is for competing values."
                )
            continue
        if claim.field not in subject.cited_fields:
            errors.setdefault("field", []).append(
                f"{subject._meta.verbose_name.capitalize()} has no cited field "
                f"“{claim.field}”. Choose one of: "
                + ", ".join(
                    str(subject._meta.get_field(n).verbose_name) for n in subject.cited_fields
                )
                + "."
            )
            continue
        try:
            typed_claim_value(subject, claim.field, claim.value)
        except ValidationError as error:
            errors.setdefault("value", []).extend(error.messages)
            continue
        if message := preferred_conflict(subject, claim):
            errors.setdefault("value", []).append(message)
    return errors
