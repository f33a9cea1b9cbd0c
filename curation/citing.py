"""Cite where you type: on a record's own page, each cited field (title, year, kind…) shows
the values sources give for it, with their citations, right under it, and takes a new
citation there — a source, where in it, a short quote — for the value typed in the field.

The same place adds a competing value ("another value") with its citation, and can make it
the preferred one; because a preferred value is what the public page shows, that asks for a
confirmation first, naming the value it replaces. A value typed in the field and cited there
becomes the preferred value, the former one kept as a competing value with its citations.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from catalog.models import (
    Citation,
    Claim,
    Rank,
    Source,
    claims_prefetch,
    same_claim_value,
    typed_claim_value,
)
from catalog.validators import validate_quote_length

CONFIRM = "confirm_preferred"


class CiteWidget(forms.MultiWidget):
    """A source (autocomplete), where in it, a quote; another value, and whether it becomes
    the preferred one. One line under the field it cites."""

    template_name = "admin/widgets/cite_field.html"

    def __init__(self, label):
        source = AutocompleteSelect(
            Citation._meta.get_field("source"), admin.site, attrs={"aria-label": "source"}
        )
        widgets = {
            "source": source,
            "locator": forms.TextInput(
                attrs={
                    "placeholder": "where: page, note, timestamp",
                    "aria-label": "where in the source",
                    "size": 18,
                }
            ),
            "quote": forms.TextInput(
                attrs={"placeholder": "quote (≤ 25 words)", "aria-label": "quote", "size": 22}
            ),
            "value": forms.TextInput(
                attrs={
                    "placeholder": f"another {label} (optional)",
                    "aria-label": f"another {label} this source gives",
                    "size": 14,
                }
            ),
            "preferred": forms.CheckboxInput(),
        }
        super().__init__(widgets)
        self.label = label

    def decompress(self, value):
        return [None, "", "", "", False]

    def get_context(self, name, value, attrs):
        """Each part's id says what it is (``id_cite_year_locator``), as its name does."""
        context = super().get_context(name, value, attrs)
        context["widget"]["label"] = f"cite the {self.label}"
        for part, subwidget in zip(
            self.widgets_names, context["widget"]["subwidgets"], strict=True
        ):
            if subwidget["attrs"].get("id"):
                subwidget["attrs"]["id"] = f"{attrs['id']}{part}" if attrs.get("id") else ""
        return context

    def id_for_label(self, id_):
        return f"{id_}_source" if id_ else id_


class CiteField(forms.MultiValueField):
    def __init__(self, field_label, **kwargs):
        source = forms.ModelChoiceField(Source.objects.all(), required=False)
        fields = [
            source,
            forms.CharField(max_length=300, required=False),
            forms.CharField(required=False, validators=[validate_quote_length]),
            forms.CharField(required=False),
            forms.BooleanField(required=False),
        ]
        kwargs.setdefault("label", f"Cite the {field_label}")
        super().__init__(fields, require_all_fields=False, required=False, **kwargs)
        self.widget = CiteWidget(field_label)
        self.widget.widgets[0].choices = source.choices

    def compress(self, values):
        if not values or not any(values):
            return None
        source, locator, quote, value, preferred = (list(values) + [None] * 5)[:5]
        if not source and not locator and not quote and not value:
            return None
        if not source:
            raise ValidationError("Choose the source that gives this value.")
        if not locator:
            raise ValidationError("Say where in the source: a page, a note, a section.")
        return {
            "source": source,
            "locator": locator,
            "quote": quote or "",
            "value": value or "",
            "preferred": bool(preferred),
        }


def cite_name(field):
    return f"cite_{field}"


def citing_form(form_class, model):
    """The record's form with a ``cite_<field>`` beside every cited field."""
    fields = {
        cite_name(name): CiteField(model._meta.get_field(name).verbose_name, label_suffix="")
        for name in model.cited_fields
    }
    fields[CONFIRM] = forms.BooleanField(
        required=False,
        label="Yes, change the public value",
        help_text="Needed when a value you mark preferred replaces what the public page shows.",
    )
    return type(f"Citing{form_class.__name__}", (CitesFieldsForm, form_class), fields)


def readable(record, name, value):
    """A claim's value as the reader reads it: a kind by its label (“feature film”)."""
    choices = dict(record._meta.get_field(name).flatchoices or ())
    return str(choices.get(value, value)) or "—"


def claims_list(record, name):
    """The values sources give for a field, each with its citations, as HTML."""
    claims = record.claims_for(name)
    if not claims:
        return mark_safe('<span class="cite-none">No source gives a value yet.</span>')
    items = []
    for claim in claims:
        cited = format_html_join(
            "; ",
            "{}, {}",
            ((c.source.short_label(), c.locator) for c in claim.citations.all()),
        ) or mark_safe("<em>citation needed</em>")
        items.append((claim.get_rank_display(), readable(record, name, claim.value), cited))
    return format_html(
        '<ul class="cited-values">{}</ul>',
        format_html_join("", "<li><b>{}</b> “{}”: {}</li>", items),
    )


class CitesFieldsForm(forms.ModelForm):
    """A record's form whose cited fields take their citations where they are typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = self.instance
        if record.pk is not None:
            prefetch_related_objects([record], claims_prefetch())
        for name in record.cited_fields:
            cite = self.fields.get(cite_name(name))
            if cite is None:
                continue
            cite.help_text = claims_list(record, name) if record.pk else ""
        self.citations_to_add = []

    def clean(self):
        # Planned first: a value cited as preferred here is then checked as the field's.
        cleaned = self.cleaned_data
        record = self.instance
        self.citations_to_add = []
        for name in record.cited_fields:
            wanted = cleaned.get(cite_name(name))
            if not wanted:
                continue
            try:
                self.plan_citation(name, wanted, cleaned)
            except ValidationError as error:
                self.add_error(cite_name(name), error)
        return super().clean()

    def plan_citation(self, name, wanted, cleaned):
        record = self.instance
        model_field = record._meta.get_field(name)
        label = model_field.verbose_name
        typed = self.submitted_value(name, cleaned)
        value = wanted["value"].strip() or typed
        if wanted["value"].strip():
            try:
                typed_claim_value(record, name, value)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        replaces = not same_claim_value(model_field, value, typed)
        if wanted["preferred"] and replaces:
            if not cleaned.get(CONFIRM):
                raise ValidationError(
                    f"Marking “{value}” preferred makes it the public {label} instead of "
                    f"“{typed or 'nothing'}”. Tick “Yes, change the public value” to confirm."
                )
            if name in self.changed_data:
                raise ValidationError(
                    f"You typed “{typed}” in the {label} and marked “{value}” preferred. "
                    "Keep one of the two."
                )
            typed_value = typed_claim_value(record, name, value)
            cleaned[name] = typed_value
            setattr_value(record, name, typed_value, model_field)
            typed = value
        preferred = same_claim_value(model_field, value, typed)
        self.citations_to_add.append((name, value, preferred, wanted))
        record.preferring = {*getattr(record, "preferring", ()), *([name] if preferred else [])}

    def submitted_value(self, name, cleaned):
        """The field's value as typed on the form, as a claim's text."""
        model_field = self.instance._meta.get_field(name)
        if name not in cleaned:
            return self.instance.claim_value(name)
        value = cleaned[name]
        if model_field.many_to_many:
            return ",".join(sorted(o.natural_key()[0] for o in value))
        if model_field.is_relation:
            return value.natural_key()[0] if value is not None else ""
        return "" if value is None else str(value)

    def _save_m2m(self):
        super()._save_m2m()
        for name, value, preferred, wanted in self.citations_to_add:
            add_cited_value(self.instance, name, value, preferred, wanted)


def setattr_value(record, name, value, model_field):
    if not model_field.many_to_many:
        setattr(record, model_field.attname if model_field.is_relation else name, value)
        if model_field.is_relation:
            setattr(record, name, value)


def add_cited_value(record, name, value, preferred, wanted):
    """Add the citation to the claim for ``value`` (made if new); a preferred value demotes
    the former one, which stays as a competing value with its citations."""
    claims = Claim.objects.about(record).filter(field=name)
    model_field = record._meta.get_field(name)
    claim = next((c for c in claims if same_claim_value(model_field, c.value, value)), None)
    if preferred:
        for other in claims.preferred():
            if claim is None or other.pk != claim.pk:
                other.rank = Rank.NORMAL
                other.save()
    rank = Rank.PREFERRED if preferred else Rank.NORMAL
    if claim is None:
        claim = Claim.objects.create(subject=record, field=name, value=value, rank=rank)
    elif preferred and claim.rank != Rank.PREFERRED:
        claim.rank = Rank.PREFERRED
        claim.save()
    Citation.objects.get_or_create(
        claim=claim,
        source=wanted["source"],
        locator=wanted["locator"],
        quote=wanted["quote"],
    )


class CitesFieldsAdmin:
    """The record's page with a citation line under each cited field."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = citing_form(kwargs.get("form", self.form), self.model)
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        cited = set(self.model.cited_fields)
        ours = {cite_name(name) for name in cited} | {CONFIRM}
        fieldsets, confirm_placed = [], False
        for name, options in super().get_fieldsets(request, obj):
            fields = []
            for field in options["fields"]:
                if isinstance(field, str) and field in ours:
                    continue  # placed below, beside its field
                fields.append(field)
                if isinstance(field, str) and field in cited:
                    fields.append(cite_name(field))
            if not confirm_placed and any(f in cited for f in fields if isinstance(f, str)):
                fields.append(CONFIRM)
                confirm_placed = True
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets
