"""Merging duplicates: two records that are one person (or one studio) become one.

Everything that points at the duplicate moves to the survivor: credits, name variants, studio
links, partners, claims and their citations. A row the survivor already has (the same credit,
the same name) is folded into the survivor's row, citations and all. The duplicate's name
becomes a name variant, its old URL redirects permanently, and history records the merge.
``MergingAdmin`` gives Editors the action, after a preview of what will move.
"""

from dataclasses import dataclass, field

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.template.response import TemplateResponse

from catalog.models import ROW, Citation, Claim, MergedSlug, Rank

MERGE_SKIP = {"id", "slug", "status", "version", "created", "updated", "search_key"}


@dataclass
class MergePlan:
    """What a merge will move, for the preview an editor confirms."""

    survivor: models.Model
    duplicate: models.Model
    rows: dict = field(default_factory=dict)  # verbose name → count of rows that move
    claims: int = 0
    citations: int = 0
    # (field, label, value) of the duplicate that differ from the survivor's: those the
    # survivor lacks are taken; cited ones stay as competing claims; uncited ones are dropped.
    adopted: list = field(default_factory=list)
    competing: list = field(default_factory=list)
    lost: list = field(default_factory=list)


def _row_relations(model):
    return [
        relation
        for relation in model._meta.related_objects
        if (relation.one_to_many or relation.one_to_one)
        and not relation.related_model.__name__.startswith("Historical")
    ]


def plan_merge(survivor, duplicate):
    plan = MergePlan(survivor, duplicate)
    for relation in _row_relations(type(duplicate)):
        count = relation.related_model._base_manager.filter(
            **{relation.field.name: duplicate}
        ).count()
        if count:
            plan.rows[relation.related_model._meta.verbose_name_plural] = count
    claims = Claim.objects.about(duplicate)
    plan.claims = claims.count()
    plan.citations = Citation.objects.filter(claim__in=claims).count()
    cited = set(claims.filter(citations__isnull=False).values_list("field", flat=True))
    preferred = set(Claim.objects.about(survivor).preferred().values_list("field", flat=True))
    for model_field in _merged_fields(survivor):
        theirs = duplicate.claim_value(model_field.name)
        ours = survivor.claim_value(model_field.name)
        if theirs == "" or theirs == ours or model_field.name == "name":
            continue
        entry = (model_field.name, model_field.verbose_name, theirs)
        if ours == "" and model_field.name not in preferred:
            plan.adopted.append(entry)
        elif model_field.name in cited:
            plan.competing.append(entry)
        else:
            plan.lost.append(entry)
    return plan


def _merged_fields(record):
    """The fields a merge compares: what a curator edits, not the address or bookkeeping."""
    return [
        f
        for f in record._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in MERGE_SKIP
    ]


def _adopt_missing_values(survivor, duplicate, plan):
    """The survivor takes the duplicate's values it lacks (a biography, a birth year)."""
    for name, _label, _value in plan.adopted:
        attname = survivor._meta.get_field(name).attname
        setattr(survivor, attname, getattr(duplicate, attname))


def _move_claims(source, target):
    """Give ``target`` the claims of ``source``: values it lacks, citations for those it has."""
    target_claims = {
        (c.field, c.rank == Rank.PREFERRED, c.value): c for c in Claim.objects.about(target)
    }
    for claim in Claim.objects.about(source).prefetch_related("citations"):
        if claim.field != ROW and claim.field not in getattr(target, "cited_fields", ()):
            claim.delete()
            continue
        same = None
        if claim.field == ROW:
            same = next((c for key, c in target_claims.items() if key[0] == ROW), None)
        else:
            current = target.claim_value(claim.field)
            value = claim.value
            same = next(
                (c for (f, _, v), c in target_claims.items() if f == claim.field and v == value),
                None,
            )
            if same is None and claim.rank == Rank.PREFERRED and value != current:
                claim.rank = Rank.NORMAL  # the survivor's value stays preferred
        if same is not None:
            _move_citations(claim, same)
            claim.delete()
        else:
            claim.subject = target
            claim.save()


def _unique_twin(row, fk_name, survivor):
    """The survivor's row equal to ``row`` under the row's uniqueness rules, if any."""
    for constraint in row._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and fk_name in constraint.fields:
            lookup = {name: getattr(row, name) for name in constraint.fields if name != fk_name}
            twin = type(row)._base_manager.filter(**{fk_name: survivor}, **lookup).first()
            if twin is not None:
                return twin
    return None


@transaction.atomic
def merge(survivor, duplicate, name_variant):
    """Merge ``duplicate`` into ``survivor``; ``name_variant(survivor, name)`` records the old
    name as a variant row and returns it. Returns the plan that was carried out."""
    if survivor.pk == duplicate.pk or type(survivor) is not type(duplicate):
        raise ValueError("Merge two different records of the same kind.")
    plan = plan_merge(survivor, duplicate)
    _adopt_missing_values(survivor, duplicate, plan)
    survivor.save()
    for relation in _row_relations(type(duplicate)):
        fk = relation.field.name
        for row in list(relation.related_model._base_manager.filter(**{fk: duplicate})):
            twin = _unique_twin(row, fk, survivor)
            if getattr(row, "name", None) == survivor.name and hasattr(row, "claims"):
                _fold_into_name_claim(row, survivor)  # no variant equal to the primary name
            elif twin is not None:
                if hasattr(row, "claims"):
                    _move_claims(row, twin)
                row.delete()
            else:
                setattr(row, fk, survivor)
                row.save()
    if duplicate.name != survivor.name:
        variant = name_variant(survivor, duplicate.name)
        # The sources that named the duplicate now back the variant spelling.
        for claim in Claim.objects.about(duplicate).filter(field="name"):
            claim.field, claim.rank, claim.value = ROW, Rank.NORMAL, ""
            claim.save()
            _move_claims_row(claim, variant)
    _move_claims(duplicate, survivor)
    for other in duplicate.distinct_from.exclude(pk=survivor.pk):
        survivor.distinct_from.add(other)
    MergedSlug.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(survivor),
        slug=duplicate.slug,
        defaults={"target_id": survivor.pk},
    )
    MergedSlug.objects.filter(
        content_type=ContentType.objects.get_for_model(survivor), target_id=duplicate.pk
    ).update(target_id=survivor.pk)
    duplicate._change_reason = f"merged into {survivor.slug}"
    duplicate.delete()
    survivor._change_reason = f"merged {duplicate.slug} into this record"
    survivor.save()
    return plan


def _fold_into_name_claim(variant, survivor):
    """A name variant that is the survivor's primary name: its sources back that name."""
    claims = Claim.objects.about(survivor).filter(field="name")
    target = claims.filter(value=survivor.name).first()
    if target is None and not claims.preferred().exists():
        target = Claim.objects.create(
            subject=survivor, field="name", value=survivor.name, rank=Rank.PREFERRED
        )
    for claim in Claim.objects.about(variant).prefetch_related("citations"):
        if target is not None:  # else they go with the variant
            _move_citations(claim, target)
    variant.delete()


def _move_claims_row(claim, row):
    """Attach a row claim to ``row``, folding it into the row's own claim if it has one."""
    existing = Claim.objects.about(row).filter(field=ROW).first()
    if existing is None:
        claim.subject = row
        claim.save()
        return
    _move_citations(claim, existing)
    claim.delete()


def _move_citations(claim, target):
    """The citations of ``claim`` now support ``target`` (the same citations, moved, with
    their history): a merge moves what sources say, it cites nothing new."""
    for citation in claim.citations.all():
        citation.claim = target
        citation.save()


class MergingAdmin(admin.ModelAdmin):
    """Editors merge two duplicate records after a preview of what will move."""

    actions = ["merge_selected"]
    merge_name_variant = None  # callable(survivor, name) -> the name variant row

    def has_merge_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.merge_{self.opts.model_name}")

    @admin.action(description="Merge the two selected duplicates", permissions=["merge"])
    def merge_selected(self, request, queryset):
        records = list(queryset.order_by("pk"))
        if len(records) != 2:
            self.message_user(request, "Select exactly two records to merge.", messages.ERROR)
            return None
        survivor_pk = request.POST.get("survivor")
        if survivor_pk in {str(r.pk) for r in records} and request.POST.get("confirm") == "yes":
            survivor = next(r for r in records if str(r.pk) == survivor_pk)
            duplicate = next(r for r in records if r.pk != survivor.pk)
            plan = merge(survivor, duplicate, type(self).merge_name_variant)
            moved = sum(plan.rows.values())
            self.message_user(
                request,
                f"Merged {duplicate} into {survivor}: {moved} rows and {plan.claims} claims moved; "
                f"{duplicate.get_absolute_url()} now redirects to {survivor.get_absolute_url()}.",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/confirm_merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge duplicates?",
                "opts": self.opts,
                "records": records,
                "plans": [plan_merge(a, b) for a, b in (records, records[::-1])],
            },
        )
