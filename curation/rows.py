"""Big records fast: a record's rows collapsed until opened.

A film holds dozens of claims, citations, titles, credits and partners. Rendered as forms
they made its page 12,800 px and 750 inputs, and every save posted them all back. So on a
record's page each kind of row (claims, titles, credits, studio links, co-production,
images…) is a compact read-only table: each row in readers' words, with its citations and a
link to its own page (the first hundred; a person with thousands of credits links to their
list). ``?rows=credits`` opens that kind for editing in place, as forms.

Either way the page is the one admin view: a save still runs every check — no lost updates
(``curation.concurrency``), review before publish, history, cite where you type — and posts
only the record's own fields, the rows being added and the kinds opened. Opening the page
and saving it cost the same number of queries however many rows the record has.
"""

import functools

from django.contrib.admin.utils import flatten
from django.contrib.contenttypes.models import ContentType
from django.forms.models import _get_foreign_key
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, slugify

from catalog.models import CitedModel

from .review.state import shown
from .sites import change_url

OPEN = "rows"  # the query parameter naming the kinds of row opened for editing
SHOWN = 100  # rows a table shows; a record with more links to their list


def source_name(source):
    """A source as a list of citations names it: its first author (or work) and year."""
    who = source.authors[0].partition(",")[0] if source.authors else truncate(source.title, 30)
    return f"{who} {source.date[:4]}".strip()


def truncate(text, length=40):
    return Truncator(str(text)).chars(length)


def citations_html(citations):
    """Citations one per line, short (“Schönherr 2012, Collaborations…”), whole on hover."""
    if not citations:
        return mark_safe('<span class="cite-none">citation needed</span>')
    return format_html_join(
        "",
        '<span class="citation" title="{}, {}">{}, {}</span>',
        (
            (c.source.short_label(), c.locator, source_name(c.source), truncate(c.locator))
            for c in citations
        ),
    )


class SummarizedInline:
    """An inline that shows its rows as a table until its kind is opened (``?rows=``).

    The table's columns are the inline's own fields, each value as a reader reads it
    (``curation.review.state.shown``), then the row's citations and a link to its own page.
    """

    summary_skip = ("seen", "citations", "cite_source", "cite_locator", "cite_quote")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows_template = self.template  # the formset as django-nested-admin draws it
        self.template = "admin/summarized_rows.html"
        self.summarizing = None  # (request, record, rows posted) while this kind is collapsed
        self.opened = False
        self.open_query = self.close_query = ""

    @property
    def section(self):
        """The kind's name in the page's address: ``?rows=credits``."""
        return slugify(str(self.verbose_name_plural or self.model._meta.verbose_name_plural))

    def link(self):
        """The row's link to the record (a credit's ``film``); None for a generic inline."""
        if hasattr(self, "ct_field"):
            return None
        return _get_foreign_key(self.parent_model, self.model, fk_name=self.fk_name)

    def rows_of(self, request, records):
        """The rows of this kind of these records, with what their summary reads."""
        queryset = self.get_queryset(request)
        if (link := self.link()) is None:  # a generic inline: a record's claims
            content_type = ContentType.objects.get_for_model(records[0])
            ids = [record.pk for record in records]
            return queryset.filter(**{self.ct_field: content_type, f"{self.ct_fk_field}__in": ids})
        return queryset.filter(**{f"{link.name}__in": records})

    def summary_fields(self, request, record):
        link = self.link()
        return [
            name
            for name in flatten(self.get_fields(request, record))
            if name not in self.summary_skip and (link is None or name != link.name)
        ]

    def summary_headings(self, request, record):
        names = self.summary_fields(request, record)
        return [str(self.model._meta.get_field(name).verbose_name) for name in names]

    def summary_cells(self, row, names):
        return [shown(row, row._meta.get_field(name)) for name in names]

    def citations_of(self, row):
        return row.citations_for() if isinstance(row, CitedModel) else None

    def row_label(self, row):
        """What the row's “edit” link says to a screen reader, after the kind of row."""
        return str(row)

    def line(self, row, names):
        cited = self.citations_of(row)
        return {
            "row": row,
            "label": self.row_label(row),
            "cells": self.summary_cells(row, names),
            "citations": None if cited is None else citations_html(cited),
            "url": change_url(row),
        }

    def nested_lines(self, request, rows):
        """The rows of the rows (a co-production's partners), by the row they belong to:
        one query per kind, however many rows."""
        found = {}
        for inline_class in getattr(self, "inlines", []):
            if not issubclass(inline_class, SummarizedInline) or not rows:
                continue
            nested = inline_class(self.model, self.admin_site)
            names = nested.summary_fields(request, None)
            headings = nested.summary_headings(request, None)
            link = nested.link()
            for row in nested.rows_of(request, rows):
                line = nested.line(row, names)
                line["kind"] = nested.model._meta.verbose_name
                pairs = zip(headings, line["cells"], strict=True)
                line["text"] = "; ".join(f"{heading}: {cell}" for heading, cell in pairs if cell)
                found.setdefault(getattr(row, link.attname), []).append(line)
        return found

    @functools.cached_property
    def summary(self):
        """The table of the record's rows but those posted as forms; read only when the page
        is drawn (a save that goes through draws none)."""
        if self.summarizing is None:
            return None
        request, record, leave_out = self.summarizing
        found = self.rows_of(request, [record])
        rows = list(found[: SHOWN + 1])
        count = len(rows) if len(rows) <= SHOWN else found.count()
        rows = rows[:SHOWN]
        names = self.summary_fields(request, record)
        nested = self.nested_lines(request, rows)
        lines = []
        for row in rows:
            if row.pk in leave_out:
                continue
            lines.append({**self.line(row, names), "nested": nested.get(row.pk, [])})
        return {
            "headings": self.summary_headings(request, record),
            "cited": any(line["citations"] is not None for line in lines),
            "lines": lines,
            "count": count,
            "all": self.list_url(record) if count > SHOWN else "",
        }

    def list_url(self, record):
        """The admin's list of this kind of row, narrowed to the record's."""
        meta = self.model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        if (link := self.link()) is None:
            content_type = ContentType.objects.get_for_model(record)
            query = {f"{self.ct_field}__id__exact": content_type.pk, self.ct_fk_field: record.pk}
        else:
            query = {f"{link.name}__id__exact": record.pk}
        return f"{url}?{urlencode(query)}"


class SummarizedRowsAdmin:
    """A record's page whose inlines are tables until opened (see the module)."""

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj is None or obj.pk is None or not isinstance(inline, SummarizedInline):
            return kwargs
        opened = request.GET.getlist(OPEN)
        if inline.section in opened:
            inline.opened = True
            inline.close_query = with_opened(request, [s for s in opened if s != inline.section])
            return kwargs
        inline.open_query = with_opened(request, [*opened, inline.section])
        inline.summarizing = (request, obj, posted_pks(request, prefix, inline.model))
        if "data" not in kwargs:  # a page being opened: no form for the rows summarized
            kwargs["queryset"] = kwargs["queryset"].none()
        return kwargs

    def get_inline_formsets(self, request, formsets, inline_instances, *args, **kwargs):
        """A kind with room for one row (a co-production) offers no second one."""
        for inline, formset in zip(inline_instances, formsets, strict=False):
            if formset.is_bound or getattr(inline, "summarizing", None) is None:
                continue
            if inline.max_num is not None:
                formset.max_num = max(0, formset.max_num - inline.summary["count"])
        return super().get_inline_formsets(request, formsets, inline_instances, *args, **kwargs)


def with_opened(request, sections):
    """The page's query string with these kinds opened."""
    query = request.GET.copy()
    query.setlist(OPEN, sections)
    return query.urlencode()


def posted_pks(request, prefix, model):
    """The rows a posted formset edits (none, unless its kind was opened)."""
    if request.method != "POST":
        return set()
    try:
        count = int(request.POST.get(f"{prefix}-INITIAL_FORMS") or 0)
    except ValueError:
        return set()
    name = model._meta.pk.name
    found = set()
    for index in range(min(count, 1000)):
        value = request.POST.get(f"{prefix}-{index}-{name}")
        if value and value.isdigit():
            found.add(int(value))
    return found
