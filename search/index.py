"""Keeping every record's search key current.

A Searchable record's key is computed from its names (``search_names``) when it is saved,
and again when one of its name rows (a film's title, a person's name variant) is saved or
deleted. Data written without signals (a bulk load, a restore) is brought up to date by
``manage.py rebuild_search_keys``.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from catalog.models import name_row_models, searchable_models

from .keys import search_key


def record_key(record):
    return search_key(record.search_names())


def refresh(record):
    """Store the record's key without touching anything else; True if it was out of date."""
    key = record_key(record)
    if key == record.search_key:
        return False
    record.search_key = key
    type(record)._base_manager.filter(pk=record.pk).update(search_key=key)
    return True


def key_before_save(sender, instance, raw=False, **kwargs):
    if not raw:
        instance.search_key = record_key(instance)


def name_row_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    field = instance._meta.get_field(instance.search_parent)
    parent_id = getattr(instance, field.attname)
    parent = field.related_model._base_manager.filter(pk=parent_id).first()
    if parent is not None:  # not when the record itself is being deleted
        refresh(parent)


def connect():
    for model in searchable_models():
        pre_save.connect(
            key_before_save, sender=model, dispatch_uid=f"search-key-{model._meta.label}"
        )
    for model in name_row_models():
        uid = f"search-name-{model._meta.label}"
        post_save.connect(name_row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(name_row_changed, sender=model, dispatch_uid=uid)
