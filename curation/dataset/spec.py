"""The dataset format, declared once: one spec per model.

A spec names a model's fields in the file, its natural key (how a record or row is matched
to the database on load), the rows nested under it and the order the file lists them in.
Whether it carries claims and citations comes from the model (``CitedModel``, ``is_row``,
``cited_fields``). The loader (load.py), the exporter (export.py) and the JSON Schema
(schema.py) all read these specs, so a field is named here and nowhere else.
"""

from django.db.models import Prefetch

from catalog.models import (
    Citation,
    CitedModel,
    Country,
    Festival,
    FestivalEdition,
    FestivalEntry,
    Film,
    FilmTitle,
    Genre,
    ShootingLocation,
    Source,
    claims_prefetch,
)
from coproductions.models import (
    Contribution,
    CoProduction,
    FilmStudio,
    Partner,
    Studio,
    StudioName,
)
from people.models import Credit, Person, PersonName

from .fields import EditionRef, Field, Number, Strings, field_for

FORMAT = "nkfilms-dataset/1"

# Claims about a field are listed preferred first. (To be replaced by the rank order that
# catalog.models.claims is to define once.)


def published():
    """A record's status; one that the file does not give is public."""
    return Field("status", default="published")


class Spec:
    """How one model's records or rows are written in the file.

    ``name``: its list in the file (its section, or its key in the record it is nested in).
    ``key``: the file keys that identify a record, or a row among its record's rows.
    ``rows``: the specs of rows nested in it; ``accessor``: for a nested spec, the relation
    from its record to it (default: its name); a one-to-one relation is a single row or null.
    ``order``: the file keys the file's list is sorted by (default: the key).
    ``needs_one_of``: keys of which a record must give at least one.
    """

    def __init__(
        self, model, name, key, fields, rows=(), accessor=None, order=None, needs_one_of=()
    ):
        self.model = model
        self.name = name
        self.accessor = accessor or name
        self.key = tuple(key)
        self.fields = [
            field_for(model, field) if isinstance(field, str) else field.bind(model)
            for field in fields
        ]
        self.rows = [nested.nest_in(model) for nested in rows]
        self.order = tuple(order or key)
        self.needs_one_of = tuple(needs_one_of)
        self.cited = issubclass(model, CitedModel)
        self.is_row = self.cited and model.is_row
        self.cited_fields = model.cited_fields if self.cited else ()
        self.by_key = {key: field for field in self.fields for key in field.keys}
        self.field = {field.name: field for field in self.fields}

    def __repr__(self):
        return f"<Spec {self.model._meta.label}>"

    def nest_in(self, model):
        """Nest these rows in ``model``'s records: find the relation between the two."""
        relation = model._meta.get_field(self.accessor)
        self.owner_field = relation.field.name  # the row's link to its record
        self.one = relation.one_to_one
        return self

    @property
    def noun(self):
        return self.model._meta.verbose_name

    @property
    def definition(self):
        """The name of its definition in the JSON Schema."""
        return self.model._meta.model_name

    # Natural keys and order -----------------------------------------------------------
    def item_key(self, item):
        """The natural key of a record or row as the file gives it."""
        return self.pick_key(lambda field: field.file_values(item))

    def obj_key(self, obj):
        """The natural key of a record or row in the database, as the file would give it."""
        return self.pick_key(lambda field: field.write(obj))

    def pick_key(self, values_of):
        values = {}
        for name in self.key:
            values.update(values_of(self.by_key[name]))
        return tuple(values[name] for name in self.key)

    def sort_key(self, written):
        """Where a written record goes in its list; an empty value first."""
        return tuple((written[name] is not None, written[name]) for name in self.order)

    def where(self, item, index):
        """A record as messages name it: by its key (``films[pulgasari]``) if it has one."""
        value = item.get(self.key[0]) if isinstance(item, dict) and len(self.key) == 1 else None
        shown = value if isinstance(value, str) and value else index
        return f"{self.name}[{shown}]"

    # The database ---------------------------------------------------------------------
    def queryset(self):
        """Every record with what writing it reads: related records, claims, citations and
        rows, in a fixed number of queries. Export writes from it; load compares with it."""
        related = [field.select_related for field in self.fields if field.select_related]
        lookups = [field.name for field in self.fields if field.many]
        if self.cited:
            lookups.append(claims_prefetch())
        for nested in self.rows:
            lookups.append(Prefetch(nested.accessor, queryset=nested.queryset()))
        return self.model._default_manager.select_related(*related).prefetch_related(*lookups)


CITATION = Spec(
    Citation,
    "citations",
    key=("source", "locator", "quote"),
    fields=("source", "locator", "quote", "note"),
)

COUNTRY = Spec(Country, "countries", key=("code",), fields=("code", "name", "historical"))
GENRE = Spec(Genre, "genres", key=("slug",), fields=("slug", "name"))
SOURCE = Spec(
    Source,
    "sources",
    key=("slug",),
    fields=(
        *("slug", "kind", "authors", "title", "container", "publisher", "place", "date"),
        *("url", "pages", "isbn", "language", "notes", published()),
    ),
)

FESTIVAL = Spec(
    Festival,
    "festivals",
    key=("slug",),
    fields=("slug", "name", "city", "country", "founded", published()),
    rows=[Spec(FestivalEdition, "editions", key=("year",), fields=("year",))],
)

STUDIO = Spec(
    Studio,
    "studios",
    key=("slug",),
    fields=(
        *("slug", "name", "kind", "country", "city", "founded", "dissolved", "parent"),
        *("distinct_from", "notes", published()),
    ),
    rows=[
        Spec(
            StudioName,
            "names",
            key=("name",),
            fields=("name", "kind", "language", "start_year", "end_year"),
        ),
    ],
)

PERSON = Spec(
    Person,
    "people",
    key=("slug",),
    fields=(
        *("slug", "name", "hangul_name", "birth_year", "death_year", "nationality", "bio"),
        *("distinct_from", published()),
    ),
    rows=[
        Spec(
            PersonName,
            "names",
            key=("name",),
            fields=("name", "kind", "language", "romanization"),
        ),
    ],
)

FILM = Spec(
    Film,
    "films",
    key=("slug",),
    fields=(
        *("slug", "title", "original_title", "year", "end_year", "kind", "runtime", "colour"),
        Field("scope", default="production"),
        *("synopsis", published(), "parent", "part_number", "genres", "countries"),
    ),
    rows=[
        Spec(
            FilmTitle,
            "titles",
            key=("title", "language", "kind"),
            order=("kind", "language", "title"),
            fields=("title", "language", "script", "romanization", "kind"),
        ),
        Spec(ShootingLocation, "locations", key=("place",), fields=("place", "country", "note")),
        Spec(
            Credit,
            "credits",
            key=("person", "role", "character"),
            order=("order", "role", "person", "character"),
            fields=("person", "role", "character", "credited_as", "uncredited", Number("order", 0)),
        ),
        Spec(
            FilmStudio,
            "studios",
            accessor="studio_roles",
            key=("studio", "role"),
            order=("role", "studio"),
            fields=("studio", "role"),
        ),
        Spec(
            FestivalEntry,
            "festivals",
            accessor="festival_entries",
            key=("festival", "year", "award"),
            order=("year", "festival", "award"),
            fields=(EditionRef(), "section", "premiere", "award", Field("result", "screened")),
        ),
        Spec(
            CoProduction,
            "coproduction",
            key=(),
            fields=("standing", "notes"),
            rows=[
                Spec(
                    Partner,
                    "partners",
                    key=("studio", "country"),
                    order=("country", "studio"),
                    fields=(
                        "studio",
                        "country",
                        Strings("contributions", items=Contribution.values),
                        "notes",
                    ),
                    needs_one_of=("studio", "country"),
                ),
            ],
        ),
    ],
)

# The file's sections, in the order they load: each refers only to those before it.
SECTIONS = [COUNTRY, GENRE, SOURCE, FESTIVAL, STUDIO, PERSON, FILM]


def all_specs(specs=SECTIONS):
    """Every spec: the sections' and those of the rows nested in them."""
    for spec in specs:
        yield spec
        yield from all_specs(spec.rows)
