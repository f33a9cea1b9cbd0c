"""The old addresses of merged records, in the dataset's ``merged_slugs`` section.

A merge leaves the duplicate's slug redirecting (301) to the survivor (``MergedSlug``). The
file keeps each as ``{"section": "people", "slug": "old-slug", "into": "survivor-slug"}``, so
a database restored from the file answers the old addresses as before. Loading adds or
updates redirects; it never removes one (an address once published stays answered).
"""

from django.contrib.contenttypes.models import ContentType

from catalog.models import MergedSlug

from .errors import DatasetError
from .spec import SECTIONS

NAME = "merged_slugs"


def _sections():
    """The sections whose records have addresses: {model: spec}."""
    return {spec.model: spec for spec in SECTIONS if spec.key == ("slug",)}


def schema():
    sections = sorted(spec.name for spec in _sections().values())
    slug = {"type": "string", "minLength": 1}
    return {
        "type": "array",
        "items": {
            "type": "object",
            "title": "merged slug",
            "properties": {"section": {"enum": sections}, "slug": slug, "into": slug},
            "required": ["section", "slug", "into"],
            "additionalProperties": False,
        },
    }


def export():
    """Every redirect whose survivor exists, sorted; in a fixed number of queries."""
    sections = _sections()
    by_type = {ContentType.objects.get_for_model(m).pk: m for m in sections}
    redirects = list(MergedSlug.objects.filter(content_type__in=by_type))
    written = []
    for model, spec in sections.items():
        mine = [r for r in redirects if by_type[r.content_type_id] is model]
        slugs = dict(
            model._base_manager.filter(pk__in={r.target_id for r in mine}).values_list("pk", "slug")
        )
        written += [
            {"section": spec.name, "slug": r.slug, "into": slugs[r.target_id]}
            for r in mine
            if r.target_id in slugs
        ]
    return sorted(written, key=lambda e: (e["section"], e["slug"]))


def load(loader, entries):
    """Add or update the file's redirects, after its records are loaded."""
    by_name = {spec.name: model for model, spec in _sections().items()}
    for index, entry in enumerate(entries or []):
        where = f"{NAME}[{entry['slug']}]" if entry.get("slug") else f"{NAME}[{index}]"
        model = by_name[entry["section"]]
        target = loader.tables[model].get((entry["into"],))
        target = target or model._base_manager.filter(slug=entry["into"]).first()
        if target is None:
            noun = model._meta.verbose_name
            raise DatasetError(where, f"unknown {noun} “{entry['into']}” to redirect to")
        if model._base_manager.filter(slug=entry["slug"]).exists():
            raise DatasetError(where, f"“{entry['slug']}” is the address of a record in the file")
        _, created = MergedSlug.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model),
            slug=entry["slug"],
            defaults={"target_id": target.pk},
        )
        loader.stats[f"catalog.MergedSlug {'created' if created else 'updated'}"] += 1
