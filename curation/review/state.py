"""What a reviewer compares: a record as readers' words describe it — its fields, its rows
(titles, credits, partners…), its claims and their citations — and the differences between
two such states, one line per field, row, claim or citation that changed."""

from django.db.models import Prefetch

from catalog.models import ROW, Citation, CitedModel, Claim, cited_rows, cited_rows_prefetches

SKIPPED = {"id", "version", "created", "updated", "search_key"}


def shown(obj, field):
    """A field's value as a reader reads it: choices by their label (a list of them too),
    records by name."""
    if field.many_to_many:
        return ", ".join(sorted(str(o) for o in getattr(obj, field.name).all()))
    if display := getattr(obj, f"get_{field.name}_display", None):  # choices, or a list's
        return str(display())
    value = getattr(obj, field.name)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "name") and hasattr(value, "url"):  # a file
        return value.name or ""
    return str(value)


def field_label(model, name):
    """A fact's name in readers' words: “original title”, “the record as a whole”. (A
    model or one of its records.)"""
    if name == ROW:
        return "the record as a whole"
    return str(model._meta.get_field(name).verbose_name)


def editable_fields(model, leave_out=None):
    return [
        f
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if f.editable and f.name not in SKIPPED and not f.primary_key and f.name != leave_out
    ]


def fetch(model, pk):
    """The record with its lists, claims and rows, in a fixed number of queries."""
    claims = Prefetch(
        "claims",
        queryset=Claim.objects.prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source"))
        ),
    )
    lists = [f.name for f in model._meta.many_to_many]
    queryset = model._base_manager.prefetch_related(*lists)
    if issubclass(model, CitedModel):
        queryset = queryset.prefetch_related(claims, *cited_rows_prefetches(model))
    if hasattr(model, "images"):
        queryset = queryset.prefetch_related("images")
    return queryset.filter(pk=pk).first()


def _claims(state, subject, under):
    if not isinstance(subject, CitedModel):
        return  # a source: no claims of its own
    for claim in subject.claims.all():
        what = field_label(type(subject), claim.field)
        if claim.field == ROW:
            about, value = f"{under}sources", claim.get_rank_display()
        else:
            about, value = f"{under}{what}: the value “{claim.value}”", claim.get_rank_display()
            if claim.note:
                value += f" — {claim.note}"
        state[f"claim:{claim.pk}"] = (about, value)
        for citation in claim.citations.all():
            cited = f"{citation.source.short_label()}, {citation.locator}"
            if citation.quote:
                cited += f": “{citation.quote}”"
            state[f"citation:{citation.pk}"] = (f"{about} — citation", cited)


def _row(row, record):
    first = row.record_path.replace("__", ".").split(".")[0]
    record_field = row._meta.get_field(first) if first else None
    parts = []
    for field in editable_fields(type(row), record_field.name if record_field else None):
        value = shown(row, field)
        if value:
            parts.append(f"{field.verbose_name}: {value}")
    return "; ".join(parts)


def record_state(model, pk):
    """``{key: (what, value)}`` in the order a page reads: fields, claims, then rows each with
    its claims. Keys are stable across saves (a row by its id), so two states compare."""
    record = fetch(model, pk)
    if record is None:
        return {}
    state = {}
    for field in editable_fields(model):
        state[f"field:{field.name}"] = (str(field.verbose_name), shown(record, field))
    _claims(state, record, "")
    for row in cited_rows(record):
        name = str(row._meta.verbose_name)
        state[f"row:{row._meta.label}:{row.pk}"] = (name, _row(row, record))
        _claims(state, row, f"{name} “{row}” — ")
    for image in getattr(record, "images", None).all() if hasattr(record, "images") else []:
        state[f"image:{image.pk}"] = ("image", f"{image}: {image.alt_text}")
    return state


def diff(before, after):
    """The lines that differ: ``{"what", "before", "after", "change"}``, in page order."""
    keys = list(after) + [k for k in before if k not in after]
    lines = []
    for key in keys:
        was, now = before.get(key), after.get(key)
        if was == now:
            continue
        what = (now or was)[0]
        old, new = (was or ("", ""))[1], (now or ("", ""))[1]
        if (old or "—") == (new or "—") and (key.startswith("field:") or (was and now)):
            continue  # the same words on both sides: a label moved, or empty then and now
        if not key.startswith("field:") and was is None:
            change = "added"
        elif not key.startswith("field:") and now is None:
            change = "removed"
        else:
            change = "changed"
        lines.append({"what": what, "before": old, "after": new, "change": change})
    return lines
