"""The public list of recent changes: published records' latest edits, from their history
(django-simple-history), without users or curators' notes, each change told as a reader
would say it: "year: 1985 → 1986", "production countries: North Korea → Japan, North Korea"."""

from datetime import timedelta

from catalog.models import Status

LONG_TEXT = 80  # a longer value (a synopsis) is said to be rewritten, not quoted twice
NOTHING = "nothing"  # a value that was or became empty


# A record's lists (genres, countries) are written just after the record itself, as a
# second version: lists filled within this time of its creation are part of adding it.
SAVED_TOGETHER = timedelta(seconds=60)


def recent_changes(models, limit=50):
    """Published records' latest edits, newest first, with the fields each edit changed
    (named as a reader knows them: "production countries", not ``countries``) and their old
    and new values in readers' words.

    Curators' notes and users are not part of this public list. A fixed number of queries per
    model: the recent versions, the records still published, the versions before them, and
    the rows of each list field (genres, countries) in those versions; then one per kind of
    record the changes name (countries, genres…).
    """
    entries = []
    for model in models:
        recent = list(
            model.history.filter(status=Status.PUBLISHED)
            .exclude(history_type="-")
            .order_by("-history_date")[:limit]
        )
        records = model.objects.published().in_bulk({version.id for version in recent})
        recent = [version for version in recent if version.id in records]
        versions = {}
        for version in model.history.filter(id__in=records).order_by("history_date"):
            versions.setdefault(version.id, []).append(version)
        lists = _list_fields(model, [v for vs in versions.values() for v in vs])
        for version in recent:
            earlier = [v for v in versions[version.id] if v.history_date < version.history_date]
            changes = _changes(model, version, earlier[-1], lists) if earlier else []
            # to a reader, a draft published is a record added, not a status changed
            added = version.history_type == "+" or (
                bool(earlier) and earlier[-1].status != Status.PUBLISHED
            )
            if (
                earlier
                and earlier[-1].history_type == "+"
                and version.history_date - earlier[-1].history_date < SAVED_TOGETHER
                and all(change["old"] == [] for change in changes)
            ):
                continue  # only the lists a new record was saved with (genres, countries)
            if added or changes:
                entries.append(
                    {
                        "record": records[version.id],
                        "kind": model._meta.verbose_name,
                        "when": version.history_date,
                        "created": added,
                        "changes": changes,
                    }
                )
    entries = sorted(entries, key=lambda entry: entry["when"], reverse=True)[:limit]
    _name_related([change for entry in entries for change in entry["changes"]])
    for entry in entries:
        entry["fields"] = [change["field"] for change in entry["changes"]]
    return entries


def _list_fields(model, versions):
    """{(history_id, field name): the set of related ids} for list fields of ``versions``."""
    lists = {}
    ids = [version.history_id for version in versions]
    for field in getattr(model.history.model, "_history_m2m_fields", []):
        rows = getattr(model.history.model, field.name).model.objects.filter(history_id__in=ids)
        for history_id, related in rows.values_list("history_id", field.m2m_reverse_field_name()):
            lists.setdefault((history_id, field.name), set()).add(related)
    return lists


def _changes(model, version, before, lists):
    """What ``version`` changed since ``before``: [{field, old, new}] with the field's
    verbose name; related records' keys stay keys until ``_name_related`` names them."""
    list_names = [field.name for field in getattr(model.history.model, "_history_m2m_fields", [])]
    bookkeeping = ["version", "updated", "published_at"]
    delta = version.diff_against(before, excluded_fields=[*bookkeeping, *list_names])
    changes = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        changes.append(_change(field, change.old, change.new))
    for name in list_names:
        old = lists.get((before.history_id, name), set())
        new = lists.get((version.history_id, name), set())
        if old != new:
            changes.append(_change(model._meta.get_field(name), sorted(old), sorted(new)))
    return changes


def _change(field, old, new):
    change = {"field": str(field.verbose_name), "old": old, "new": new, "rewritten": False}
    if field.is_relation:
        change["model"] = field.related_model
    elif field.choices:
        labels = dict(field.flatchoices)
        change["old"], change["new"] = labels.get(old, old), labels.get(new, new)
    elif isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG_TEXT:
        change["rewritten"] = bool(old and new)
        change["old"], change["new"] = (_shortened(v) for v in (old, new))
    return change


def _shortened(text):
    return text if len(text) <= LONG_TEXT else text[:LONG_TEXT].rsplit(" ", 1)[0] + "…"


def _name_related(changes):
    """Replace related records' keys by their names, one query per kind of record."""
    wanted = {}
    for change in changes:
        if "model" in change:
            for value in (change["old"], change["new"]):
                keys = value if isinstance(value, list) else [value]
                wanted.setdefault(change["model"], set()).update(k for k in keys if k is not None)
    names = {
        model: {record.pk: str(record) for record in model._base_manager.filter(pk__in=keys)}
        for model, keys in wanted.items()
    }
    for change in changes:
        model = change.pop("model", None)
        for side in ("old", "new"):
            value = change[side]
            if model is not None:
                keys = value if isinstance(value, list) else [value]
                value = ", ".join(names[model].get(k, str(k)) for k in keys if k is not None)
            change[side] = NOTHING if value in (None, "", []) else str(value)
        change["set"] = change["old"] == NOTHING  # "set to 90", not "nothing → 90"
        change["removed"] = change["new"] == NOTHING
