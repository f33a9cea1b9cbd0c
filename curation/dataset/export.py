"""Write the database as a dataset, in the canonical form the specs define."""

import json

from catalog.models import RANK_ORDER, ROW, Rank

from . import merged
from .spec import CITATION, FORMAT, SECTIONS


def dumps(data):
    """The canonical text of a dataset: sorted keys, two-space indent, UTF-8, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export():
    """The whole database as a dataset, every list in canonical order."""
    data = {"format": FORMAT}
    for spec in SECTIONS:
        data[spec.name] = written(spec, spec.queryset())
    data[merged.NAME] = merged.export()
    return data


def written(spec, objs):
    """Records or rows as the file writes them, sorted by the spec's order."""
    return sorted((write(spec, obj) for obj in objs), key=spec.sort_key)


def write(spec, obj):
    values = {}
    for field in spec.fields:
        values.update(field.write(obj))
    for nested in spec.rows:
        if nested.one:
            row = getattr(obj, nested.accessor, None)
            values[nested.name] = None if row is None else write(nested, row)
        else:
            values[nested.name] = written(nested, getattr(obj, nested.accessor).all())
    if spec.cited:
        values.update(cited(spec, obj))
    return values


def cited(spec, obj):
    """A record's claims and the citations of its row claim; a row's rank and note too."""
    row_claim = None
    fields = {}
    for claim in obj.claims.all():
        if claim.field == ROW:
            row_claim = claim
            continue
        entry = {"rank": claim.rank, "note": claim.note, "citations": citations(claim)}
        if claim.rank != Rank.PREFERRED:
            entry["value"] = spec.field[claim.field].claim_json(claim.value)
        fields.setdefault(claim.field, []).append(entry)
    for entries in fields.values():
        entries.sort(key=lambda c: (RANK_ORDER[c["rank"]], str(c.get("value", ""))))
    values = {"citations": citations(row_claim) if row_claim else []}
    if spec.cited_fields:
        values["claims"] = fields
    if spec.is_row:
        values["rank"] = row_claim.rank if row_claim else Rank.NORMAL
        values["note"] = row_claim.note if row_claim else ""
    return values


def citations(claim):
    return written(CITATION, claim.citations.all())
