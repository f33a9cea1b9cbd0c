"""The file's structure as a JSON Schema, generated from the specs, and its errors told in
readers' words: ``films[pulgasari].credits[2]: “person” is required``.

The schema is published as docs/dataset.schema.json (``manage.py export_dataset --schema``
writes it; a test checks that the published one is this one).
"""

import difflib
import json
from functools import cache

from django.conf import settings
from jsonschema import Draft202012Validator

from catalog.models import Rank

from . import merged
from .errors import DatasetError
from .spec import CITATION, FORMAT, SECTIONS, all_specs

PUBLISHED_SCHEMA = settings.BASE_DIR / "docs" / "dataset.schema.json"
TEXT = {"type": "string"}


def ref(name):
    return {"$ref": f"#/$defs/{name}"}


def array_of(item):
    return {"type": "array", "items": item}


def define(spec, defs):
    """Add the definition of ``spec``'s records (and of its rows) to ``defs``; its name."""
    properties, required = {}, []
    for field in spec.fields:
        properties.update(field.schema())
        required += field.required_keys()
    for nested in spec.rows:
        item = ref(define(nested, defs))
        if nested.one:
            item = {"if": {"type": "object"}, "then": item, "else": {"type": ["object", "null"]}}
        properties[nested.name] = item if nested.one else array_of(item)
    if spec.cited:
        properties["citations"] = array_of(ref("citation"))
    if spec.is_row:
        properties["rank"] = ref("rank")
        properties["note"] = TEXT
    if spec.cited_fields:
        properties["claims"] = {
            "type": "object",
            "properties": {
                name: ref(f"{spec.field[name].claim_kind}-claims") for name in spec.cited_fields
            },
            "additionalProperties": False,
        }
    definition = {"title": spec.noun, "type": "object", "properties": properties}
    if required:
        definition["required"] = required
    if spec.needs_one_of:
        definition["anyOf"] = [
            {"required": [name], "properties": {name: {"type": "string", "minLength": 1}}}
            for name in spec.needs_one_of
        ]
    definition["additionalProperties"] = False
    defs[spec.definition] = definition
    return spec.definition


def claims(value):
    """A cited field's claims: exactly one preferred, whose value is the record's own; every
    other claim gives its ``value``."""
    competing = [rank for rank in Rank.values if rank != Rank.PREFERRED]
    claim = {
        "type": "object",
        "properties": {
            "rank": ref("rank"),
            "value": value,
            "note": TEXT,
            "citations": array_of(ref("citation")),
        },
        "required": ["rank"],
        "additionalProperties": False,
        "if": {"properties": {"rank": {"enum": competing}}, "required": ["rank"]},
        "then": {"required": ["value"]},
    }
    return {
        **array_of(claim),
        "contains": {"properties": {"rank": {"const": Rank.PREFERRED.value}}},
        "minContains": 1,
        "maxContains": 1,
    }


@cache
def dataset_schema():
    """The JSON Schema of a dataset file."""
    defs = {}
    properties = {"format": {"const": FORMAT}}
    for spec in SECTIONS:
        properties[spec.name] = array_of(ref(define(spec, defs)))
    properties[merged.NAME] = merged.schema()
    define(CITATION, defs)
    cited = [spec.field[name] for spec in all_specs() for name in spec.cited_fields]
    for kind, value in sorted({f.claim_kind: f.claim_schema() for f in cited}.items()):
        defs[f"{kind}-claims"] = claims(value)
    defs["rank"] = {"enum": list(Rank.values)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "nkfilms dataset",
        "description": "The curated dataset file, data/nkfilms.json; see docs/dataset-format.md.",
        "type": "object",
        "required": ["format"],
        "properties": properties,
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text():
    """The published form of the schema."""
    return json.dumps(dataset_schema(), ensure_ascii=False, indent=2) + "\n"


@cache
def validator():
    return Draft202012Validator(dataset_schema())


def check(data):
    """Raise DatasetError for the first place (in file order) where ``data`` does not fit."""
    errors = list(validator().iter_errors(data))
    if errors:
        raise DatasetError(*explain(min(errors, key=file_order), data))


def file_order(error):
    """Errors in the order of the file; one about a whole list (no preferred claim in it)
    after those about its items (a claim's misspelt rank)."""
    steps = [(isinstance(step, str), step) for step in error.absolute_path]
    return [*steps, (2,)] if error.validator in COUNTING else steps


# Errors in readers' words --------------------------------------------------------------

COUNTING = ("contains", "minContains", "maxContains")
TYPES = {
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}


def shown(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def place(path, data):
    """A path in the file as messages name it: ``films[pulgasari].claims.year[1]``."""
    parts, node = [], data
    for depth, step in enumerate(path):
        if isinstance(step, int):
            spec = next((s for s in SECTIONS if s.name == path[0]), None) if depth == 1 else None
            if spec is not None:
                parts[-1] = spec.where(node[step], step)
            else:
                parts[-1] += f"[{step}]"
        else:
            parts.append(step)
        node = node[step]
    return ".".join(parts) or "file"


def explain(error, data):
    """(where, message) for a schema error."""
    path = list(error.absolute_path)
    instance, keyword, expected = error.instance, error.validator, error.validator_value
    if keyword == "required":
        missing = next(name for name in expected if name not in instance)
        if missing == "value" and len(path) > 1:
            return place(path, data), f"a {instance['rank']} claim about {path[-2]} needs a “value”"
        return place(path, data), f"“{missing}” is required"
    if keyword == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extra = next(name for name in instance if name not in known)
        if path and path[-1] == "claims":
            return place(path, data), f"“{extra}” cannot hold claims; use one of {', '.join(known)}"
        close = difflib.get_close_matches(extra, known, n=1)
        hint = f" (did you mean “{close[0]}”?)" if close else ""
        return place(path, data), f"unknown key “{extra}”{hint}"
    if keyword == "anyOf":
        names = [f"“{branch['required'][0]}”" for branch in expected]
        return place(path, data), f"needs {', '.join(names)}, or both"
    if keyword in COUNTING:
        count = sum(isinstance(c, dict) and c.get("rank") == Rank.PREFERRED for c in instance)
        return place(path, data), f"needs exactly one preferred claim (has {count})"
    # The rest are about one value: named by its key in its record, or by its index.
    if path and isinstance(path[-1], str):
        where, subject = place(path[:-1], data), f"“{path[-1]}” "
    else:
        where, subject = place(path, data), ""
    if keyword == "minLength":
        return where, f"{subject}is required"
    if keyword == "type":
        types = [expected] if isinstance(expected, str) else expected
        wanted = " or ".join(TYPES[t] for t in types)
        return where, f"{subject}must be {wanted}, not {shown(instance)}"
    if keyword == "enum":
        choices = ", ".join(shown(value) for value in expected)
        if instance in ("", None):
            return where, f"{subject}is required: one of {choices}"
        return where, f"{subject}must be one of {choices}; not {shown(instance)}"
    if keyword == "const":
        return where, f"{subject}must be {shown(expected)}"
    if keyword == "uniqueItems":
        return where, f"{subject}names the same item twice"
    return where, f"{subject}{error.message}"
