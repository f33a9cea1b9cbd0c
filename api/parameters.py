"""The query parameters of the lists, described for the OpenAPI schema from the forms that
check them (the film search's FilterSet, the search box), so the schema and the checks
cannot drift apart. The views still hand the whole query string to those forms: they are
the one place a value is accepted or refused, with the site's own wording (a 400 naming the
parameter)."""

from django import forms

from search.filters import SORTS, FilmFilter
from search.keys import SearchField
from search.query import PARAM_LABELS

MULTIPLE = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)
PAGE = {
    "name": "page",
    "in": "query",
    "description": "The page, from 1 (25 films or 50 records a page).",
    "schema": {"type": "integer", "minimum": 1},
}


def described(name, field, several):
    """One query parameter as OpenAPI describes it, from the form field that checks it."""
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
        if field.min_value is not None:
            schema["minimum"] = field.min_value
        if field.max_value is not None:
            schema["maximum"] = field.max_value
    elif isinstance(field, forms.ModelMultipleChoiceField):
        schema = {"type": "string"}
    elif isinstance(field, forms.ChoiceField):
        schema = {"type": "string", "enum": [str(v) for v, _ in field.choices if v != ""]}
    else:
        schema = {"type": "string"}
        if getattr(field, "max_length", None):
            schema["maxLength"] = field.max_length
    if several:
        schema = {"type": "array", "items": schema}
    parameter = {"name": name, "in": "query", "schema": schema}
    if several:
        parameter.update(style="form", explode=True)
    label = str(PARAM_LABELS.get(name) or field.label or name)
    if isinstance(field, forms.ModelMultipleChoiceField):
        label += f" ({field.to_field_name}s)"
    parameter["description"] = label + (": several values widen the result." if several else ".")
    return parameter


def film_parameters():
    """The parameters of /films/: each filter, the sort and the page."""
    form = FilmFilter().form
    parameters = [
        described(name, field, isinstance(field, MULTIPLE)) for name, field in form.fields.items()
    ]
    sort = {"type": "string", "enum": ["relevance", *SORTS]}
    parameters.append(
        {
            "name": "sort",
            "in": "query",
            "description": "The order: by relevance when searching (the default: a title "
            "equal to the search, then one starting with it, then one with its words, then "
            "films found by their people or studios), else by title; or by year (-year: "
            "latest first).",
            "schema": sort,
        }
    )
    return [*parameters, PAGE]


def record_parameters():
    """The parameters of the other lists: a search in any romanization, and the page."""
    search = described("q", SearchField(), False)
    search["description"] = "Search every name, in any romanization."
    return [search, PAGE]
