"""Widgets and form-field tweaks of the curation admin: rows stay one compact line each,
and a page of rows names the records its autocompletes show without a query per row."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, RelatedFieldWidgetWrapper
from django.db import models

# Notes and quotes are a few words: small boxes keep a claim or citation on one line.
SMALL_TEXT_BOXES = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 24})}}


def only_add_related(formfield):
    """Keep only the “add” button beside a related record in a row: the row stays compact
    (the record is changed on its own page)."""
    if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
        formfield.widget.can_change_related = False
        formfield.widget.can_delete_related = False
        formfield.widget.can_view_related = False
    return formfield


class LoadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that names its selected record from the row being edited, which has
    it loaded already, instead of looking it up: a page of rows runs no query per row."""

    selected = None  # (pk, label) of the row's record, set by RowsFormSet

    def optgroups(self, name, value, attr=None):
        if self.selected is None or [str(v) for v in value] != [str(self.selected[0])]:
            return super().optgroups(name, value, attr)  # another value was posted: look it up
        groups = super().optgroups(name, [], attr)  # the empty choice, without a query
        pk, label = self.selected
        groups[0][1].append(self.create_option(name, pk, label, True, len(groups[0][1])))
        return groups


class NamesLoadedRecords:
    """An inline whose autocompletes name the selected records from the rows."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            using = kwargs.get("using")
            kwargs["widget"] = LoadedAutocompleteSelect(db_field, self.admin_site, using=using)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
