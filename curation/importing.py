"""Bulk import through the admin (django-import-export): a dry run first, row by row, then
all or nothing. Each row may carry a citation — ``source`` (a source slug), ``locator`` and
``quote`` — that is attached to the facts the row brings.

Problems are reported as a curator reads the file: by line (the header is line 1; in a
JSON file, by record) and by column, for every row at once. Problems with the whole file (a
missing or unknown column, a record given twice, an unknown source) come first. A cited fact
the file changes needs the row's citation: the new value becomes the preferred claim with
it, and the old value stays as a competing claim with its own citations.
"""

import json
import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from import_export import fields, resources, widgets
from import_export.admin import ImportMixin
from import_export.formats.base_formats import CSV, JSON

from catalog.models import ROW, Claim, Film, Rank, Source, cite
from catalog.validators import validate_quote_length

CITATION_COLUMNS = ("source", "locator", "quote")
WHOLE_NUMBER = re.compile(r"[+-]?\d+")


class SlugWidget(widgets.ForeignKeyWidget):
    """A related record named by its natural key, with a message a curator understands."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                f"no {self.model._meta.verbose_name} with {self.field} “{value}”"
            ) from None


class WholeNumberWidget(widgets.IntegerWidget):
    """A year, a runtime, an order: digits only (“1990.5” and “abc” are refused, by name)."""

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        text = str(value).strip()
        if isinstance(value, bool) or not WHOLE_NUMBER.fullmatch(text):
            raise ValueError(f"“{value}” is not a whole number.")
        return int(text)


class ImportFileError(ValueError):
    """Problems with a whole file, each a sentence; the file is not imported."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(" ".join(problems))


def line_name(file_name, number):
    """Where a data row is in the file: CSV lines count the header as line 1."""
    if (file_name or "").lower().endswith(".json"):
        return f"Record {number}"
    return f"Line {number + 1}"


def citation_problems(row):
    """What is wrong with a row's citation, as the admin's citation form would say it."""
    try:
        validate_quote_length(str(row.get("quote") or "").strip())
    except ValidationError as error:
        return error.messages
    return []


class CitedResource(resources.ModelResource):
    """Rows whose facts get the row's citation; duplicates within a file are refused."""

    source = fields.Field(attribute=None, column_name="source", readonly=True)
    locator = fields.Field(attribute=None, column_name="locator", readonly=True)
    quote = fields.Field(attribute=None, column_name="quote", readonly=True)
    cited_columns = ()  # the fields a row's citation supports; empty: the row itself

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, models.IntegerField):
            return WholeNumberWidget
        return super().widget_from_django_field(f, default)

    def before_import(self, dataset, **kwargs):
        problems = self.file_problems(dataset, kwargs.get("file_name"))
        if problems:
            raise ImportFileError(problems)

    def file_problems(self, dataset, file_name):
        problems = []
        headers = [h for h in dataset.headers or [] if h]
        keys = self.get_import_id_fields()
        if missing := [key for key in keys if key not in headers]:
            problems.append(f"The file has no column {', '.join(missing)}.")
        known = {f.column_name for f in self.get_import_fields()}
        if unknown := [h for h in headers if h not in known]:
            problems.append(
                f"The file has columns this import does not know: {', '.join(unknown)}. "
                f"The columns are: {', '.join(sorted(known))}."
            )
        if not missing:
            first = {}
            for number, row in enumerate(dataset.dict, start=1):
                key = tuple(str(row.get(k) or "").strip() for k in keys)
                if key in first:
                    problems.append(
                        f"{line_name(file_name, number)} repeats {', '.join(keys)} "
                        f"{' / '.join(key)} of {line_name(file_name, first[key]).lower()}: "
                        "each record may appear once in a file."
                    )
                first.setdefault(key, number)
        for number, row in enumerate(dataset.dict, start=1):
            problems += [
                f"{line_name(file_name, number)}, quote: {message}"
                for message in citation_problems(row)
            ]
        source_slugs = {row.get("source") for row in dataset.dict if row.get("source")}
        known_sources = set(
            Source.objects.filter(slug__in=source_slugs).values_list("slug", flat=True)
        )
        if unknown_sources := sorted(source_slugs - known_sources):
            problems.append(f"Unknown source {', '.join(unknown_sources)}: add the source first.")
        return problems

    def after_import(self, dataset, result, **kwargs):
        """Let the result page name rows as the file does (see ``line_name``)."""
        super().after_import(dataset, result, **kwargs)
        json_file = (kwargs.get("file_name") or "").lower().endswith(".json")
        result.line_word, result.line_offset = ("Record", 0) if json_file else ("Line", 1)

    def get_or_init_instance(self, instance_loader, row):
        """A row whose key names an unknown record (a credit's person) is invalid, by column."""
        errors = {}
        for name in self.get_import_id_fields():
            field = self.fields[name]
            try:
                field.clean(row)
            except (ValueError, KeyError) as error:
                errors[field.column_name] = ValidationError(str(error).strip("'\""))
        if errors:
            raise ValidationError(errors)
        return super().get_or_init_instance(instance_loader, row)

    def import_instance(self, instance, row, **kwargs):
        """Set the row's values; a cited fact it changes becomes a competing value. The
        row's citation will support what it brings: every fact of a new record, and only
        the facts it changes of a record that exists."""
        super().import_instance(instance, row, **kwargs)
        saved = None
        if instance.pk is not None:
            saved = type(instance)._base_manager.filter(pk=instance.pk).first()
        if saved is None:
            instance.imported_facts = [name for name in self.cited_columns if name in row]
            return
        changed = [
            name
            for name in self.cited_columns
            if name in row and instance.claim_value(name) != saved.claim_value(name)
        ]
        instance.imported_facts = changed
        cited = Claim.objects.about(instance).preferred().filter(field__in=changed)
        if not cited:
            return
        if not row.get("source"):
            for claim in cited:  # the row is refused; its record is checked as it stands
                setattr(instance, claim.field, getattr(saved, claim.field))
            raise ValidationError(
                {
                    claim.field: (
                        f"The {claim.field} is cited as “{claim.value}”. To change it, give "
                        "this row a source and locator for the new value: it becomes the "
                        "preferred claim, and the old value stays as a competing one."
                    )
                    for claim in cited
                }
            )
        for claim in cited:  # kept, with its citations, as a competing value
            claim.rank = Rank.NORMAL
            claim.save()

    def get_user_visible_fields(self):
        return self.get_import_fields()

    def after_save_instance(self, instance, row, **kwargs):
        if kwargs.get("dry_run") or not row.get("source"):
            return
        source = Source.objects.get(slug=row["source"])
        locator = (row.get("locator") or "").strip() or "imported row"
        facts = getattr(instance, "imported_facts", self.cited_columns)
        quote = (row.get("quote") or "").strip()
        for field in facts if self.cited_columns else (ROW,):
            if field == ROW or instance.has_value(field):
                cite(instance, field, source, locator, quote)


FILM_COLUMNS = ("title", "original_title", "year", "end_year", "kind", "scope", "synopsis")


class FilmResource(CitedResource):
    cited_columns = FILM_COLUMNS

    class Meta:
        model = Film
        import_id_fields = ["slug"]
        fields = ["slug", *FILM_COLUMNS, *CITATION_COLUMNS]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        rollback_on_validation_errors = True


class ImportAdmin(ImportMixin):
    """Admin import from CSV or JSON: upload, review the dry run, confirm."""

    formats = [CSV, JSON]
    import_template_name = "admin/import_with_citations.html"

    def process_import(self, request, **kwargs):
        """Confirm the dry run. The uploaded file is removed once imported, so a second
        confirmation (a double click, the back button) finds nothing and says so."""
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            messages.error(
                request,
                "This import was already applied, or its upload has expired: nothing was "
                "changed now. To import the file again, upload it again.",
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, UnicodeDecodeError):
            form.add_error(
                "import_file",
                "The file is not UTF-8 text, so its accents and Hangul cannot be read. Save "
                "it as “CSV UTF-8” (Excel) or with the character set “Unicode (UTF-8)” "
                "(LibreOffice) and upload it again. Nothing was imported.",
            )
        elif isinstance(e, json.JSONDecodeError):
            form.add_error("import_file", f"The file is not valid JSON: {e}. Nothing was imported.")
        else:
            super().add_data_read_fail_error_to_form(form, e)
