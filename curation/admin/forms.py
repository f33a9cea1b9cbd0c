"""The admin's forms for claims, citations and rows, each guarding against lost updates
(``curation.concurrency``). A claim marked preferred makes its record's field follow; a row
on its record's page takes a citation to add (a source, locator and quote)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

from catalog.models import ROW, Citation, Claim, Rank, Source, cite, same_claim_value
from catalog.validators import validate_quote_length

from ..citing import CONFIRM
from ..concurrency import SeenValuesForm
from ..publishing import changed_fields, follow_preferred_claim


class CitationForm(SeenValuesForm):
    class Meta:
        model = Citation
        fields = ["source", "locator", "quote", "note"]


class ClaimForm(SeenValuesForm):
    """A claim on its record's page. Marking a value preferred makes the record's field follow."""

    class Meta:
        model = Claim
        fields = ["field", "value", "rank", "note"]
        widgets = {
            "value": forms.Textarea(attrs={"rows": 2, "cols": 24}),
            "note": forms.Textarea(attrs={"rows": 2, "cols": 24}),
        }

    def clean(self):
        cleaned = super().clean()
        formset = getattr(self, "claims_formset", None)
        record = formset.instance if formset else None
        field = cleaned.get("field")
        if record is None or not field or field not in record.cited_fields:
            return cleaned
        if record.pk and not self.has_changed():
            # An untouched claim is checked against the saved record: a field the curator
            # changed is then reported once, on the field, by the record's own form.
            self.instance.subject = formset.saved_record
            return cleaned
        if cleaned.get("rank") != Rank.PREFERRED:
            return cleaned
        lists = getattr(record, "submitted_lists", {})
        shown = lists.get(field, record.claim_value(field))
        if not cleaned.get("value"):  # a new claim for the value shown on the form
            cleaned["value"] = shown
        claim = Claim(field=field, value=cleaned["value"], rank=Rank.PREFERRED)
        try:
            followed = follow_preferred_claim(record, claim, changed_fields(record))
        except ValidationError as error:
            self.add_error("value", error)
            return cleaned
        if message := unconfirmed_public_change(record, field, claim.value, shown, self.data):
            self.add_error("rank", message)
            return cleaned
        if followed is not None:
            self.followed_lists = {field: followed}  # set once the record is saved
        return cleaned


def unconfirmed_public_change(record, field, value, shown, data):
    """A message if marking ``value`` preferred would change the public value without the
    record form's “Yes, change the public value” ticked (``curation.citing``)."""
    model_field = record._meta.get_field(field)
    if same_claim_value(model_field, value, shown) or data.get(CONFIRM):
        return ""
    return (
        f"Marking “{value}” preferred makes it the public {model_field.verbose_name} instead "
        f"of “{shown or 'nothing'}”. Tick “Yes, change the public value” to confirm."
    )


class RowClaimForm(SeenValuesForm):
    class Meta:
        model = Claim
        fields = ["rank", "note"]


class CitedRowForm(SeenValuesForm):
    """A row on its record's page, with a citation to add: a source, where in it, and an
    optional quote, saved as a citation of the row (a new row and its source go in
    together). The citations a row has are edited on the row's own page."""

    cite_source = forms.ModelChoiceField(
        queryset=Source.objects.all(),
        required=False,
        label="add a source",
        widget=AutocompleteSelect(Citation._meta.get_field("source"), admin.site),
    )
    cite_locator = forms.CharField(
        required=False,
        max_length=300,
        label="locator",
        help_text=Citation._meta.get_field("locator").help_text,
    )
    cite_quote = forms.CharField(
        required=False,
        label="quote",
        validators=[validate_quote_length],
        widget=forms.Textarea(attrs={"rows": 1, "cols": 20}),
        help_text="At most 25 words, verbatim.",
    )

    def clean(self):
        cleaned = super().clean()
        source, locator = cleaned.get("cite_source"), cleaned.get("cite_locator")
        if source and not locator:
            self.add_error("cite_locator", "Say where in the source: a page, a note, a section.")
        if not source and (locator or cleaned.get("cite_quote")):
            self.add_error("cite_source", "Choose the source this locator is in.")
        return cleaned

    def save(self, commit=True):
        row = super().save(commit)
        if self.cleaned_data.get("cite_source"):
            if commit:
                self.add_citation(row)
            else:
                save_m2m = self.save_m2m

                def save_m2m_and_citation():
                    save_m2m()
                    self.add_citation(row)

                self.save_m2m = save_m2m_and_citation
        return row

    def add_citation(self, row):
        data = self.cleaned_data
        cite(row, ROW, data["cite_source"], data["cite_locator"], data.get("cite_quote") or "")


class ClaimAdminForm(SeenValuesForm):
    class Meta:
        model = Claim
        fields = ["field", "value", "rank", "note"]
