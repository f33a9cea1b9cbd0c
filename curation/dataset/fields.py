"""The kinds of value a record's key can hold in the dataset file.

A field is one key of a record in the file (two for a festival entry's edition) and the model
field it loads into. Each kind knows, from the model field it is bound to, its JSON Schema,
whether the file must give it, how to read it into the model and how to write it back.
"""

from django.db import models

from .errors import DatasetError

NOTHING = object()  # no default: the model field's blankness decides whether it is required


class Field:
    """A text key: a CharField, SlugField, URLField or TextField."""

    json_type = "string"
    claim_kind = "text"  # the schema defines the claims about the fields of a kind once

    def __init__(self, name, default=NOTHING, items=None):
        self.name = name
        self.default = default
        self.items = items  # the allowed items of a list

    def bind(self, model):
        self.model_field = model._meta.get_field(self.name)
        self.required = self.default is NOTHING and not self.allows_empty()
        return self

    def allows_empty(self):
        return self.model_field.blank

    @property
    def keys(self):
        return (self.name,)

    @property
    def attr(self):
        return self.name

    @property
    def many(self):
        return self.model_field.many_to_many

    select_related = None  # the relation export and load follow to write the field

    def required_keys(self):
        return self.keys if self.required else ()

    def empty(self):
        return "" if self.default is NOTHING else self.default

    # The file ------------------------------------------------------------------------
    def schema(self):
        """{key: JSON Schema} for the keys this field holds."""
        schema = {"type": self.json_type if self.required else self.optional_type()}
        choices = [value for value, _ in self.model_field.choices or ()]
        if choices:
            schema["enum"] = choices if not self.allows_empty() or "" in choices else ["", *choices]
        elif self.required and self.json_type == "string":
            schema["minLength"] = 1
        return {self.name: schema}

    def optional_type(self):
        return self.json_type

    def claim_schema(self):
        """The JSON Schema of a competing claim's ``value`` for this field."""
        return {"type": self.json_type}

    def file_values(self, item):
        """{key: value} as the file gives it, empty values made uniform (for natural keys)."""
        value = item.get(self.name)
        return {self.name: self.empty() if value in (None, "") else value}

    # The database --------------------------------------------------------------------
    def read(self, loader, item, where):
        """The model field's value for the record the file describes."""
        return self.file_values(item)[self.name]

    def write(self, obj):
        return {self.name: getattr(obj, self.name)}

    def claim_json(self, text):
        """A claim's stored text as the file writes its value."""
        return text


class Number(Field):
    """A whole number, usually a year; empty is null."""

    json_type = "integer"
    claim_kind = "number"

    def allows_empty(self):
        return self.model_field.null

    def empty(self):
        return None if self.default is NOTHING else self.default

    def optional_type(self):
        return ["integer", "null"] if self.default is NOTHING else "integer"

    def claim_schema(self):
        return {"type": ["integer", "string"]}  # "" for a claim that the value is unknown

    def file_values(self, item):
        value = item.get(self.name)
        return {self.name: self.empty() if value is None else value}

    def claim_json(self, text):
        try:
            return int(text)
        except ValueError:
            return text


class Flag(Field):
    """True or false; false if the file leaves it out."""

    json_type = "boolean"

    def allows_empty(self):
        return True

    def file_values(self, item):
        return {self.name: bool(item.get(self.name))}


class Strings(Field):
    """A list of text kept in a JSONField: a source's authors, a partner's contributions."""

    json_type = "array"

    def schema(self):
        items = {"type": "string"} if self.items is None else {"enum": list(self.items)}
        return {self.name: {"type": "array", "items": items}}

    def file_values(self, item):
        return {self.name: list(item.get(self.name) or [])}


class Ref(Field):
    """Another record, by its natural key (a country's code, a person's slug); empty is null."""

    def allows_empty(self):
        return self.model_field.null

    def optional_type(self):
        return ["string", "null"]

    def empty(self):
        return None

    @property
    def related_model(self):
        return self.model_field.related_model

    @property
    def select_related(self):
        return None if self.many else self.name

    def read(self, loader, item, where):
        return loader.ref(self.related_model, item.get(self.name), where)

    def write(self, obj):
        related = getattr(obj, self.name)
        return {self.name: related.natural_key()[0] if related is not None else None}


class Refs(Ref):
    """Other records, by their natural keys, in a many-to-many field; sorted in the file."""

    claim_kind = "codes"  # "action,fantasy": codes sorted and joined, as claims store them

    def allows_empty(self):
        return True

    def schema(self):
        return {self.name: {"type": "array", "items": {"type": "string"}, "uniqueItems": True}}

    def claim_schema(self):
        return {"type": ["string", "array"], "items": {"type": "string"}}

    def file_values(self, item):
        return {self.name: list(item.get(self.name) or [])}

    def read(self, loader, item, where):
        return [loader.ref(self.related_model, key, where) for key in item.get(self.name) or []]

    def write(self, obj):
        return {self.name: sorted(o.natural_key()[0] for o in getattr(obj, self.name).all())}


class EditionRef(Field):
    """A festival entry's edition, which the file gives as its festival and year."""

    def __init__(self):
        super().__init__("edition")

    def bind(self, model):
        super().bind(model)
        self.edition = self.model_field.related_model
        self.festival = self.edition._meta.get_field("festival").related_model
        return self

    keys = ("festival", "year")
    select_related = "edition__festival"

    def required_keys(self):
        return ("festival",)

    def schema(self):
        return {
            "festival": {"type": "string", "minLength": 1},
            "year": {"type": ["integer", "null"]},
        }

    def file_values(self, item):
        return {"festival": item.get("festival"), "year": item.get("year")}

    def read(self, loader, item, where):
        slug, year = item["festival"], item.get("year")
        loader.ref(self.festival, slug, where)
        edition = loader.tables[self.edition].get((slug, year))
        if edition is None:
            raise DatasetError(where, f"festival “{slug}” has no edition {year}; add it there")
        return edition

    def write(self, obj):
        return {"festival": obj.edition.festival.slug, "year": obj.edition.year}


KINDS = {
    models.BooleanField: Flag,
    models.IntegerField: Number,
    models.JSONField: Strings,
    models.ManyToManyField: Refs,
    models.ForeignKey: Ref,
}


def field_for(model, name):
    """The kind of field that holds ``model.name``, found from the model field's class."""
    model_field = model._meta.get_field(name)
    for django_class, kind in KINDS.items():
        if isinstance(model_field, django_class):
            return kind(name).bind(model)
    return Field(name).bind(model)
