"""The public list of recent changes: published records' latest edits, from their history
(django-simple-history), without users or curators' notes."""

from catalog.models import Status


def recent_changes(models, limit=50):
    """Published records' latest edits, newest first, with the fields each edit changed, named
    as a reader knows them ("production countries", not ``countries``).

    Curators' notes and users are not part of this public list. A fixed number of queries per
    model: the recent versions, the records still published, the versions before them, and
    the rows of each list field (genres, countries) in those versions.
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
            fields = _changed_fields(model, version, earlier[-1], lists) if earlier else []
            if version.history_type == "+" or fields:
                entries.append(
                    {
                        "record": records[version.id],
                        "kind": model._meta.verbose_name,
                        "when": version.history_date,
                        "created": version.history_type == "+",
                        "fields": fields,
                    }
                )
    return sorted(entries, key=lambda entry: entry["when"], reverse=True)[:limit]


def _list_fields(model, versions):
    """{(history_id, field name): the set of related ids} for list fields of ``versions``."""
    lists = {}
    ids = [version.history_id for version in versions]
    for field in getattr(model.history.model, "_history_m2m_fields", []):
        rows = getattr(model.history.model, field.name).model.objects.filter(history_id__in=ids)
        for history_id, related in rows.values_list("history_id", field.m2m_reverse_field_name()):
            lists.setdefault((history_id, field.name), set()).add(related)
    return lists


def _changed_fields(model, version, before, lists):
    """The verbose names of the fields ``version`` changed since ``before``."""
    list_names = [field.name for field in getattr(model.history.model, "_history_m2m_fields", [])]
    delta = version.diff_against(before, excluded_fields=["version", "updated", *list_names])
    names = [change.field for change in delta.changes]
    names += [
        name
        for name in list_names
        if lists.get((version.history_id, name), set())
        != lists.get((before.history_id, name), set())
    ]
    return [str(model._meta.get_field(name).verbose_name) for name in names]
