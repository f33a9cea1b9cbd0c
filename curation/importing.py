"""Bulk import through the admin (django-import-export): a dry run first, row by row, then
all or nothing. Each row may carry a citation — ``source`` (a source's id, slug or exact
title), ``locator`` and ``quote`` — that is attached to the facts the row brings; the
preview shows, row by row, the citations it will create.

Problems are reported as a curator reads the file: by line (the header is line 1; in a
JSON file, by record) and by column, for every row at once. Problems with the whole file (a
missing or unknown column, a record given twice) come first; a row's own problems (an
unknown source, a value that is not one of the choices, with the nearest) are listed with
its line. Confirming applies what the preview showed or nothing (``curation.import_guard``).
A cited fact
the file changes needs the row's citation: the new value becomes the preferred claim with
it, and the old value stays as a competing claim with its own citations.
"""

import difflib
import json
import os
import re

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from import_export import fields, resources, widgets
from import_export.admin import ImportMixin
from import_export.formats.base_formats import CSV, JSON
from import_export.forms import ConfirmImportForm

from catalog.models import ROW, Claim, Film, Rank, Source, cite
from catalog.validators import validate_quote_length

from . import import_guard
from .review.imports import import_or_hold

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


def find_sources(values):
    """Each value of a file's ``source`` column → its Source, found by id, slug or exact
    title (in one query), or the sentence saying why none is, with the nearest source."""
    values = {v for v in values if v}
    if not values:
        return {}
    ids = [int(v) for v in values if v.isdigit()]
    candidates = list(
        Source.objects.filter(
            models.Q(pk__in=ids) | models.Q(slug__in=values) | models.Q(title__in=values)
        )
    )
    found = {}
    for value in values:
        matches = [s for s in candidates if str(s.pk) == value or s.slug == value]
        matches = matches or [s for s in candidates if s.title == value]
        if len(matches) == 1:
            found[value] = matches[0]
        elif matches:
            found[value] = (
                f"Several sources have the title “{value}”: name one by its slug "
                f"({', '.join(s.slug for s in matches)})."
            )
        else:
            found[value] = unknown_source(value)
    return found


def unknown_source(value):
    """No source is named ``value``: say so, with the nearest one by slug or title."""
    known = dict(Source.objects.values_list("slug", "title"))
    names = {**{slug: slug for slug in known}, **{title: slug for slug, title in known.items()}}
    nearest = difflib.get_close_matches(value, names, n=1, cutoff=0.5)
    hint = ""
    if nearest:
        slug = names[nearest[0]]
        hint = f" The nearest is “{known[slug]}” (slug {slug})."
    return (
        f"No source has the id, slug or title “{value}”.{hint} Add the source first, or "
        "name an existing one."
    )


def choice_problems(instance, row):
    """A value that is not one of its field's choices: the valid ones, and the nearest."""
    errors = {}
    for model_field in instance._meta.concrete_fields:
        if not model_field.choices or model_field.name not in row:
            continue
        value = getattr(instance, model_field.attname)
        valid = [str(choice) for choice, _ in model_field.flatchoices]
        if value in (None, "") or str(value) in valid:
            continue
        nearest = difflib.get_close_matches(str(value), valid, n=1, cutoff=0.4)
        hint = f" Did you mean “{nearest[0]}”?" if nearest else ""
        errors[model_field.name] = [f"“{value}” is not one of: {', '.join(valid)}.{hint}"]
    return errors


class CitedResource(resources.ModelResource):
    """Rows whose facts get the row's citation; duplicates within a file are refused."""

    # Read from the row, never saved on the record; shown in the preview (``imported_*``).
    source = fields.Field(attribute="imported_source", column_name="source", readonly=True)
    locator = fields.Field(attribute="imported_locator", column_name="locator", readonly=True)
    quote = fields.Field(attribute="imported_quote", column_name="quote", readonly=True)
    cited_columns = ()  # the fields a row's citation supports; empty: the row itself

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, models.IntegerField):
            return WholeNumberWidget
        return super().widget_from_django_field(f, default)

    def before_import(self, dataset, **kwargs):
        """Check the file as a whole; read its sources once; on a dry run, record what each
        record it names is now; on confirming, refuse if any of them changed since."""
        file_name = kwargs.get("file_name")
        self.sources = find_sources({str(row.get("source") or "").strip() for row in dataset.dict})
        problems = self.file_problems(dataset, file_name)
        if problems:
            raise ImportFileError(problems)
        if "expected" not in kwargs:  # a dry run (or a script): what the preview sees
            self.preview_fingerprints = import_guard.current_fingerprints(self, dataset)
            return
        import_guard.lock_imports_of(self._meta.model)
        expected = kwargs["expected"]
        if expected is None:
            raise ImportFileError(
                [
                    "This confirmation does not carry its preview, so it cannot be checked "
                    "against the data as it is now. Nothing was imported: check the file again."
                ]
            )
        lines = kwargs.get("line_numbers")  # rows held for review: their lines in the file
        changed = import_guard.changed_since_preview(
            self,
            dataset,
            expected,
            lambda number: line_name(file_name, lines[number - 1] if lines else number),
            kwargs.get("since", "the preview"),
        )
        if changed:
            advice = kwargs.get(
                "advice",
                "Nothing was imported. Check the file again to preview it against the records "
                "as they are now.",
            )
            raise ImportFileError([*changed, *filter(None, [advice])])

    def import_data_inner(self, dataset, dry_run, raise_errors, *args, **kwargs):
        """A file without the columns that name each line's record is refused as a whole,
        once: its lines are not checked (each would only repeat that the column is missing)."""
        if not self.missing_key_columns(dataset):
            return super().import_data_inner(dataset, dry_run, raise_errors, *args, **kwargs)
        result = self.get_result_class()()
        result.diff_headers = self.get_diff_headers()
        result.total_rows = len(dataset)
        problems = self.file_problems(dataset, kwargs.get("file_name"))
        self.handle_import_error(result, ImportFileError(problems), raise_errors)
        return result

    def missing_key_columns(self, dataset):
        headers = [h for h in dataset.headers or [] if h]
        return [key for key in self.get_import_id_fields() if key not in headers]

    def file_problems(self, dataset, file_name):
        problems = []
        headers = [h for h in dataset.headers or [] if h]
        keys = self.get_import_id_fields()
        if missing := self.missing_key_columns(dataset):
            problems.append(
                f"The file has no column {', '.join(missing)}, which names the record each "
                "line is about, so its lines were not checked: add the column and check the "
                "file again."
            )
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
        return problems

    def after_import(self, dataset, result, **kwargs):
        """Let the result page name rows as the file does (see ``line_name``)."""
        super().after_import(dataset, result, **kwargs)
        json_file = (kwargs.get("file_name") or "").lower().endswith(".json")
        result.line_word, result.line_offset = ("Record", 0) if json_file else ("Line", 1)
        result.preview_fingerprints = getattr(self, "preview_fingerprints", {})

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
        the facts it changes of a record that exists. Every problem of the row is reported
        at once: its source, its choices, its quote, a cited fact changed without a source."""
        self.row_citations = ""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:  # a value its column cannot read: one of many
            errors = error.update_error_dict(errors)
        for name in CITATION_COLUMNS:
            setattr(instance, f"imported_{name}", str(row.get(name) or "").strip())
        errors = {**errors, **self.source_problems(row), **choice_problems(instance, row)}
        if quote := citation_problems(row):
            errors["quote"] = quote
        try:
            self.import_facts(instance, row)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
        self.row_citations = self.describe_citations(instance, row)

    def source_problems(self, row):
        value = str(row.get("source") or "").strip()
        found = self.sources.get(value) if value else None
        return {"source": [found]} if isinstance(found, str) else {}

    def describe_citations(self, instance, row):
        """What the preview says the row will cite: its facts, the source, the locator."""
        source = self.sources.get(str(row.get("source") or "").strip())
        if not isinstance(source, Source):
            return ""
        facts = getattr(instance, "imported_facts", self.cited_columns)
        facts = [f for f in facts if instance.has_value(f)] if self.cited_columns else ["the row"]
        if not facts:
            return ""
        locator = (row.get("locator") or "").strip() or "imported row"
        quote = (row.get("quote") or "").strip()
        said = f" — “{quote}”" if quote else ""
        return f"{', '.join(facts)} ← {source.short_label()}, {locator}{said}"

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """A row's citation alone does not make it an update: it cites what changes."""
        for name in CITATION_COLUMNS:
            setattr(original, f"imported_{name}", getattr(instance, f"imported_{name}", ""))
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        row_result.citations = getattr(self, "row_citations", "")

    def import_facts(self, instance, row):
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
        source = self.sources.get(str(row.get("source") or "").strip())
        if kwargs.get("dry_run") or not isinstance(source, Source):
            return
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


KEPT_SALT = "curation.importing.kept"


def keep_token(name):
    """The kept file's name as the page carries it: signed, so no other file can be named."""
    return signing.dumps(name, salt=KEPT_SALT)


class ConfirmWithPreviewForm(ConfirmImportForm):
    """The confirmation carries what its preview saw of every record the file names."""

    expected = forms.CharField(widget=forms.HiddenInput, required=False)


class ImportAdmin(ImportMixin):
    """Admin import from CSV or JSON: upload, review the dry run, confirm.

    The uploaded file stays on the server between the preview and the confirmation, and
    after a refusal: "Check again" previews the same file against the data as it is now,
    without choosing it again."""

    formats = [CSV, JSON]
    import_template_name = "admin/import_with_citations.html"
    confirm_form_class = ConfirmWithPreviewForm

    def import_action(self, request, **kwargs):
        kept = self.kept_upload(request)
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        result, form = context.get("result"), context.get("form")
        upload = (
            form.cleaned_data.get("import_file")
            if form and form.is_bound and form.is_valid()
            else None
        )
        if upload is not None and result is not None:
            if context.get("confirm_form") is not None:
                preview = getattr(result, "preview_fingerprints", {})
                name = os.path.basename(upload.tmp_storage_name)
                context["confirm_form"].initial["expected"] = import_guard.sign(name, preview)
            else:
                context["kept"] = {
                    "kept_file": keep_token(os.path.basename(upload.tmp_storage_name)),
                    "original_file_name": upload.name,
                    "format": form.cleaned_data["format"],
                }
        if kept is not None:
            kept.remove()  # previewed again under a new name
        return response

    def kept_upload(self, request):
        """A "Check again" of a file kept on the server: it is posted as if chosen again."""
        if request.method != "POST" or request.FILES or not request.POST.get("kept_file"):
            return None
        try:  # only a file this admin kept: the name is signed
            name = os.path.basename(signing.loads(request.POST["kept_file"], salt=KEPT_SALT))
        except signing.BadSignature:
            return None
        storage = self.get_tmp_storage_class()(name=name, read_mode="rb")
        try:
            data = storage.read()
        except FileNotFoundError:
            return None
        original = os.path.basename(request.POST.get("original_file_name") or "import.csv")
        request.FILES["import_file"] = SimpleUploadedFile(original, data)
        return storage

    def get_import_data_kwargs(self, **kwargs):
        form = kwargs.get("form")
        kwargs = super().get_import_data_kwargs(**kwargs)
        if isinstance(form, ConfirmWithPreviewForm):
            kwargs["expected"] = import_guard.unsign(
                form.cleaned_data.get("expected"), form.cleaned_data["import_file_name"]
            )
        return kwargs

    def process_import(self, request, **kwargs):
        """Confirm the dry run: all of it, as previewed, or nothing with the reasons. The
        uploaded file is removed once imported, so a second confirmation (a double click,
        the back button) finds nothing and says so; a refused one keeps it, to check again."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        confirm_form = self.create_confirm_form(request)
        if not confirm_form.is_valid():
            return super().process_import(request, **kwargs)
        index = int(confirm_form.cleaned_data["format"])
        input_format = self.get_import_formats()[index](encoding=self.from_encoding)
        storage = self.get_tmp_storage_class()(
            name=confirm_form.cleaned_data["import_file_name"],
            encoding=None if input_format.is_binary() else self.from_encoding,
            read_mode=input_format.get_read_mode(),
            **self.get_tmp_storage_class_kwargs(),
        )
        try:
            data = storage.read()
        except FileNotFoundError:
            messages.error(
                request,
                "This import was already applied, or its upload has expired: nothing was "
                "changed now. To import the file again, upload it again.",
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
        result, held = import_or_hold(
            request,
            self.choose_import_resource_class(confirm_form, request),
            input_format.create_dataset(data),
            lambda dataset: self.process_dataset(dataset, confirm_form, request, **kwargs),
            confirm_form.cleaned_data.get("original_file_name"),
        )
        if result is not None and (result.has_errors() or result.has_validation_errors()):
            return self.refused(request, result, confirm_form, index)
        storage.remove()
        if held:
            names = ", ".join(f"“{review.record_name}”" for review in held)
            messages.success(
                request,
                f"The lines that change published records wait for an Editor's review, one "
                f"change per record: {names}. The public pages show the published versions "
                "until an Editor accepts them.",
            )
        if result is None:
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        return self.process_result(result, request)

    def refused(self, request, result, confirm_form, index):
        """The import page with every reason, and the file kept to check again."""
        form = self.get_import_form_class(request)(
            self.get_import_formats(), self.get_import_resource_classes(request)
        )
        context = {
            **self.admin_site.each_context(request),
            **self.get_import_context_data(),
            "title": "Import refused: nothing was imported",
            "form": form,
            "opts": self.opts,
            "result": result,
            "media": self.media + form.media,
            "kept": {
                "kept_file": keep_token(confirm_form.cleaned_data["import_file_name"]),
                "original_file_name": confirm_form.cleaned_data["original_file_name"],
                "format": index,
            },
            "fields_list": [],
            "import_error_display": self.import_error_display,
        }
        return TemplateResponse(request, [self.import_template_name], context)

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
