"""No lost updates: a form saved in the admin never silently overwrites what someone else
saved while it was open.

Two curators often have the same row open: a credit is edited on its film's page, its
person's page and its own; a claim on its record's page and its own. Every admin form here
remembers the saved values it showed (``SeenValuesForm``) and compares them, by value, with
those saved when it is posted; a record also compares its version (``VersionedRecordForm``).
What someone else changed meanwhile is shown, named, and never overwritten unseen.
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router, transaction
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from .history import historical_lists

SNAPSHOT_FIELDS_SKIP = {"id", "version", "created", "updated", "search_key"}


def snapshot(instance):
    """The editable values of a record or row as a form shows them: related records by
    primary key, lists of them sorted, files by name; as JSON would give them back."""
    values = {}
    for name, value in model_to_dict(instance).items():
        if name in SNAPSHOT_FIELDS_SKIP:
            continue
        if isinstance(value, list) and all(isinstance(v, models.Model) for v in value):
            value = sorted(v.pk for v in value)
        elif isinstance(value, models.Model):
            value = value.pk
        elif isinstance(value, FieldFile):
            value = value.name or ""
        values[name] = value
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def saved_version_of(instance):
    """The saved record an admin form edits: a revert form's instance is an old version."""
    if hasattr(instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME) and instance.pk is not None:
        return type(instance)._base_manager.filter(pk=instance.pk).first()
    return instance


def as_form_data(field, value):
    """A snapshot value as a browser would post it for ``field``: a list of strings."""
    if hasattr(field, "posted"):  # a field that posts a value its own way (one per line)
        return [field.posted(value)]
    if isinstance(field.widget, forms.CheckboxInput):
        return ["on"] if value else []
    if isinstance(field, forms.JSONField):
        return [json.dumps(value)]
    if isinstance(value, list):
        return [str(v) for v in value]
    return ["" if value is None else str(value)]


def describe(value):
    """A snapshot value as a message quotes it."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    return "" if value is None else str(value)


class SeenValuesForm(forms.ModelForm):
    """A form that remembers the saved values it showed, so that saving it never silently
    overwrites what someone else saved meanwhile (optimistic locking, compared by value).

    The hidden ``seen`` holds the values the form was opened with. What the curator changed
    is what differs from those, not from the database: an untouched row is not saved, so it
    cannot undo someone else's change to it. A row the curator changed that someone else
    changed too is refused: fields only they changed now show the saved values, fields both
    changed keep the curator's input with the saved value named, and saving again after
    review goes through. Rows edited on several pages (a credit on its film's and its
    person's page, a claim on its record's page and its own) are guarded wherever they are.

    Rows carry no version number of their own: comparing the values a form showed needs no
    new column on a dozen models, and says exactly which fields someone else changed.
    Records also have a version (see ``VersionedRecordForm``).
    """

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen_values = None
        if not self.is_bound:
            if self.instance.pk is not None:
                saved = saved_version_of(self.instance)
                self.initial["seen"] = json.dumps(snapshot(saved) if saved else {})
            return
        posted = self.data.get(self.add_prefix("seen"))
        self.initial["seen"] = posted  # remembering what was seen is not a change
        try:
            seen = json.loads(posted or "null")
        except ValueError:
            seen = None
        if isinstance(seen, dict):
            self.seen_values = seen
            for name, value in seen.items():  # "changed" means: changed by this curator
                if name in self.fields and not isinstance(self.fields[name], forms.FileField):
                    self.initial[name] = value

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and self.seen_values:
            self.refuse_deleted()  # it was shown saved; its formset no longer finds it
        if self.instance.pk is not None and self.must_check_seen_values():
            self.check_seen_values()
        return cleaned

    def must_check_seen_values(self):
        return self.has_changed()

    def current_values(self):
        """The saved values now, with the row locked until this save commits.

        Only the row itself is locked, without the joins of its default ordering (a
        partner is ordered by its optional studio's name): PostgreSQL refuses ``FOR UPDATE``
        on the nullable side of an outer join."""
        model = type(self.instance)
        saved = model._base_manager.filter(pk=self.instance.pk).order_by("pk")
        if transaction.get_connection(router.db_for_write(model)).in_atomic_block:
            saved = saved.select_for_update(of=("self",))
        current = saved.first()
        return current, (snapshot(current) if current is not None else None)

    def check_seen_values(self):
        current, now = self.current_values()
        if current is None:
            self.refuse_deleted()
        if self.seen_values is None:
            self.refuse_unknown_seen(now)
        theirs = [n for n in self.fields if n in now and self.seen_values.get(n) != now[n]]
        if theirs:
            self.refuse_lost_update(now, theirs)

    def refuse_deleted(self):
        raise ValidationError(
            "Someone else deleted this %(what)s while you were editing it. Leave it out "
            "(tick Delete or reload the page), or restore it from Deleted records.",
            code="lost_update",
            params={"what": self.instance._meta.verbose_name},
        )

    def refuse_unknown_seen(self, now):
        self.show_saved_values(now, set())
        raise ValidationError(
            "This form does not say which saved values it was opened with, so saving it "
            "could undo someone else's changes. Review it, then save again.",
            code="lost_update",
        )

    def refuse_lost_update(self, now, theirs):
        mine = set(self.changed_data)
        for name in theirs:
            if name in mine:
                self.add_error(
                    name,
                    f"Someone else changed this to “{describe(now[name])}” meanwhile; "
                    "yours is kept here: save again to replace theirs.",
                )
        self.show_saved_values(now, set(theirs) - mine)
        detail = "; ".join(
            f"{self.fields[n].label or n}: “{describe(self.seen_values.get(n))}” → "
            f"“{describe(now[n])}”"
            for n in theirs
        )
        raise ValidationError(
            "Someone else saved this %(what)s while you were editing it. Changed in between: "
            "%(detail)s. Your changes are still in the form and the fields you did not touch "
            "show the saved values: review them, then save again.",
            code="lost_update",
            params={"what": self.instance._meta.verbose_name, "detail": detail},
        )

    def show_saved_values(self, now, names):
        """Put saved values into the submitted data (shown again) and remember them as seen."""
        self.data = self.data.copy()
        for name in names:
            if name in self.fields and name in now:
                self.data.setlist(self.add_prefix(name), as_form_data(self.fields[name], now[name]))
        self.data[self.add_prefix("seen")] = json.dumps(now)


class ReportsRowsDeletedMeanwhile:
    """A formset mixin: a row someone deleted while the page was open has no saved row to be
    shown with, so the admin does not show its form; its message goes above the rows."""

    def _construct_form(self, i, **kwargs):
        """A row refused as deleted meanwhile is not shown again, so a page saved again
        after the refusal posts nothing of it: its form asks for nothing and saves nothing,
        and the rest of the page is saved."""
        form = super()._construct_form(i, **kwargs)
        pk_key = form.add_prefix(self.model._meta.pk.name)
        form.not_posted = (
            self.is_bound and i < self.initial_form_count() and pk_key not in self.data
        )
        if form.not_posted:
            form.empty_permitted = True
            form.__dict__["changed_data"] = []  # nothing posted: nothing changed
        return form

    def _should_delete_form(self, form):
        return getattr(form, "not_posted", False) or super()._should_delete_form(form)

    def clean(self):
        super().clean()
        gone = [
            form
            for form in self.initial_forms
            if form.instance.pk is None and getattr(form, "seen_values", None)
        ]
        if gone:
            raise ValidationError(
                "Someone else deleted %(count)s of these %(what)s while you were editing. "
                "Reload the page to edit them as they are now (copy your changes first), or "
                "restore what was deleted from Deleted records.",
                code="lost_update",
                params={"count": len(gone), "what": self.model._meta.verbose_name_plural},
            )


class VersionedRecordForm(SeenValuesForm):
    """A record's form (a film, a person…): a record also carries a version, raised by the
    database on every save; a form that was opened at another version than the saved one is
    refused if anything it shows changed.
    """

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_version = None
        if self.is_bound:
            posted = self.data.get(self.add_prefix("edit_version"), "")
            self.initial["edit_version"] = int(posted) if posted.isdigit() else None
        elif self.instance.pk is not None:
            saved = saved_version_of(self.instance)
            self.initial["edit_version"] = saved.version if saved else 0
            history = getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
            if history is not None:  # a revert form shows the old version's lists too
                for name, rows in historical_lists(history).items():
                    if name in self.fields:
                        self.initial[name] = [row.pk for row in rows]

    def must_check_seen_values(self):
        return True  # the record's version is checked on every save

    def check_seen_values(self):
        """Refused if the record was saved since the form was opened (another version) and
        anything the form shows changed; a missing version or ``seen`` is refused too."""
        current, now = self.current_values()
        if current is None:
            self.refuse_deleted()
        self.expected_version = current.version  # saving again after review is based on it
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = current.version
        submitted = self.cleaned_data.get("edit_version")
        if submitted is None or self.seen_values is None:
            self.refuse_unknown_seen(now)
        if submitted == current.version:
            return
        theirs = [n for n in self.fields if n in now and self.seen_values.get(n) != now[n]]
        if theirs:
            self.refuse_lost_update(now, theirs)
