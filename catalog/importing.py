"""Bulk import through the admin (django-import-export): a dry run first, row by row, then
all or nothing. Each row may carry a citation — ``source`` (a source slug), ``locator`` and
``quote`` — that is attached to the facts the row brings."""

from collections import Counter

from import_export import fields, resources, widgets
from import_export.admin import ImportMixin
from import_export.formats.base_formats import CSV, JSON

from .claims import ROW, Citation, Claim, Rank
from .models import Film, Source


class SlugWidget(widgets.ForeignKeyWidget):
    """A related record named by its natural key, with a message a curator understands."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                f"no {self.model._meta.verbose_name} with {self.field} “{value}”"
            ) from None


class CitedResource(resources.ModelResource):
    """Rows whose facts get the row's citation; duplicates within a file are refused."""

    source = fields.Field(attribute=None, column_name="source", readonly=True)
    locator = fields.Field(attribute=None, column_name="locator", readonly=True)
    quote = fields.Field(attribute=None, column_name="quote", readonly=True)
    cited_columns = ()  # the fields a row's citation supports; empty: the row itself

    def before_import(self, dataset, **kwargs):
        keys = self.get_import_id_fields()
        missing = [key for key in keys if key not in (dataset.headers or [])]
        if missing:
            raise ValueError(f"The file has no column {', '.join(missing)}.")
        seen = Counter()
        for number, row in enumerate(dataset.dict, start=2):
            key = tuple(str(row.get(k) or "").strip() for k in keys)
            seen[key] += 1
            if seen[key] == 2:
                raise ValueError(
                    f"Line {number} repeats {', '.join(keys)} {' / '.join(key)}: "
                    "each record may appear once in a file."
                )
        source_slugs = {row.get("source") for row in dataset.dict if row.get("source")}
        known = set(Source.objects.filter(slug__in=source_slugs).values_list("slug", flat=True))
        if unknown := sorted(source_slugs - known):
            raise ValueError(f"Unknown source {', '.join(unknown)}: add the source first.")

    def after_save_instance(self, instance, row, **kwargs):
        if kwargs.get("dry_run") or not row.get("source"):
            return
        source = Source.objects.get(slug=row["source"])
        locator = (row.get("locator") or "").strip() or "imported row"
        for field in self.cited_columns or (ROW,):
            if field != ROW and not instance.has_value(field):
                continue
            rank = Rank.NORMAL if field == ROW else Rank.PREFERRED
            value = "" if field == ROW else instance.claim_value(field)
            claim = Claim.objects.about(instance).filter(field=field, rank=rank).first()
            if claim is None:
                claim = Claim.objects.create(subject=instance, field=field, value=value, rank=rank)
            Citation.objects.get_or_create(
                claim=claim,
                source=source,
                locator=locator,
                defaults={"quote": (row.get("quote") or "").strip()},
            )


FILM_COLUMNS = ("title", "original_title", "year", "end_year", "kind", "synopsis")


class FilmResource(CitedResource):
    cited_columns = FILM_COLUMNS

    class Meta:
        model = Film
        import_id_fields = ["slug"]
        fields = ["slug", *FILM_COLUMNS]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        rollback_on_validation_errors = True


class ImportAdmin(ImportMixin):
    """Admin import from CSV or JSON: upload, review the dry run, confirm."""

    formats = [CSV, JSON]
