"""Records found by any of their names, in any romanization.

A Searchable record stores its names in ``search_key``; the ``search`` app computes the key
(its romanization rules) and keeps it current when the record or one of its name rows is
saved or deleted. This module only declares which names a record has.
"""

from django.apps import apps
from django.db import models


class Searchable(models.Model):
    """A record found by any of its names, in any romanization."""

    search_key = models.TextField(blank=True, editable=False, default="")

    class Meta:
        abstract = True

    def search_names(self):
        """Every name of the record; models with name rows add those."""
        raise NotImplementedError


class NameRow(models.Model):
    """A row holding another name of a Searchable record (a film's title, a person's name
    variant): saving or deleting it changes the record's search key."""

    search_parent = ""  # the name of the foreign key to the record

    class Meta:
        abstract = True


def searchable_models():
    """Every concrete Searchable model, in every app."""
    return [model for model in apps.get_models() if issubclass(model, Searchable)]


def name_row_models():
    """Every concrete NameRow model, in every app."""
    return [model for model in apps.get_models() if issubclass(model, NameRow)]


def name_rows(model):
    """The accessors of the rows that hold more names of ``model`` (a film's titles…)."""
    return [
        relation.get_accessor_name()
        for relation in model._meta.related_objects
        if issubclass(relation.related_model, NameRow)
        and relation.field.name == relation.related_model.search_parent
    ]
