"""The tables of a data release: what each holds, its columns' types, and its keys.

One table per kind of record or row a visitor can see (drafts, and rows that link a draft,
are left out, as ``public_rows`` leaves them out of pages), plus the sources, the claims and
their citations. Records and rows are linked by ids (``film_id``…), declared as foreign keys
so a validator checks every link; a claim names its subject by table and id.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, F, Q, Value, When

from catalog.models import (
    Citation,
    Claim,
    Festival,
    FestivalEdition,
    FestivalEntry,
    Film,
    FilmTitle,
    ShootingLocation,
    Source,
    Status,
    cited_models,
    public_rows,
)
from coproductions.models import CoProduction, FilmStudio, Partner, Studio, StudioName
from people.models import Credit, Person, PersonName


@dataclass
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, boolean
    description: str
    lookup: str = ""  # what values_list() reads; the column's name by default
    required: bool = False


@dataclass
class Table:
    name: str
    model: type
    description: str
    columns: list
    links: dict = field(default_factory=dict)  # column -> the table its ids are in
    queryset: object = None  # what a visitor may see of the model; public_rows by default

    def rows(self):
        """The table's rows as tuples of values, in id order, read a chunk at a time."""
        queryset = self.queryset() if self.queryset else public_rows(self.model)
        queryset = queryset.annotate(**ANNOTATIONS.get(self.name, {}))
        lookups = [column.lookup or column.name for column in self.columns]
        return queryset.order_by("pk").values_list(*lookups).iterator(chunk_size=5000)

    def schema(self):
        return {
            "fields": [
                {
                    "name": column.name,
                    "type": column.type,
                    "description": column.description,
                    **({"constraints": {"required": True}} if column.required else {}),
                }
                for column in self.columns
            ],
            "primaryKey": ["id"],
            "foreignKeys": [
                {"fields": [name], "reference": {"resource": table, "fields": ["id"]}}
                for name, table in self.links.items()
            ],
            "missingValues": [""],
        }


def published(path):
    """A link to a record that is shown only while that record is published."""
    return Case(When(**{f"{path}__status": Status.PUBLISHED}, then=F(f"{path}_id")), default=None)


ANNOTATIONS = {
    "films": {"series_id": published("parent")},
    "studios": {"parent_organisation_id": published("parent")},
}


def ids(description="The row's id in this release; stable across releases."):
    return Column("id", "integer", description, "pk", required=True)


def link(name, table, lookup=""):
    return Column(name, "integer", f"The id of a row of {table}.", lookup)


def text(name, description, lookup=""):
    return Column(name, "string", description, lookup)


def year(name, description):
    return Column(name, "integer", description)


SLUG = text("slug", "The record's address on the site: /<kind>/<slug>/; stable.")
LANGUAGE = text("language", "ISO 639-1 code.")
ROMANIZATION = text("romanization", "mr, rr, hepburn, pinyin or other; empty if unknown.")

TABLES = [
    Table(
        "films",
        Film,
        "Published films, series and episodes; each value is the preferred one of its claims.",
        [
            ids(),
            SLUG,
            text("title", "The preferred English title."),
            text("original_title", "The original title in Hangul."),
            year("year", "Year of release."),
            year("end_year", "For a series: the last year."),
            text("kind", "feature, documentary, animation, short, series or episode."),
            Column("runtime", "integer", "Minutes."),
            text("colour", "colour, black-and-white or mixed; empty if unknown."),
            text("synopsis", "In the curators' own words."),
            Column("series_id", "integer", "The series this is a part of (films.id)."),
            Column("part_number", "integer", "Its number in the series."),
        ],  # fmt: skip
        {"series_id": "films"},
    ),
    Table(
        "film-genres",
        Film.genres.through,
        "A film's genres (the curators' classification).",
        [
            ids(),
            link("film_id", "films", "film"),
            text("genre", "The genre's slug.", "genre__slug"),
            text("genre_name", "The genre's name.", "genre__name"),
        ],  # fmt: skip
        {"film_id": "films"},
    ),
    Table(
        "film-countries",
        Film.countries.through,
        "A film's production countries.",
        [
            ids(),
            link("film_id", "films", "film"),
            text(
                "country",
                "ISO 3166 code; SU, CS, DD for states that no longer exist.",
                "country__code",
            ),
            text("country_name", "The country's name.", "country__name"),
        ],  # fmt: skip
        {"film_id": "films"},
    ),
    Table(
        "titles",
        FilmTitle,
        "A film's other titles: original, romanized, translated, release, alternative.",
        [
            ids(),
            link("film_id", "films", "film"),
            text("title", "The title."),
            LANGUAGE,
            text("script", "ISO 15924: Hang, Latn, Jpan…"),
            ROMANIZATION,
            text("kind", "original, romanized, literal, release or alternative."),
        ],  # fmt: skip
        {"film_id": "films"},
    ),
    Table(
        "locations",
        ShootingLocation,
        "Where a film was shot.",
        [
            ids(),
            link("film_id", "films", "film"),
            text("place", "The place."),
            text("country", "ISO 3166 code.", "country__code"),
            text("note", "Our note."),
        ],  # fmt: skip
        {"film_id": "films"},
    ),
    Table(
        "people",
        Person,
        "Published people: those who made films, and authors.",
        [
            ids(),
            SLUG,
            text("name", "The form most used in English, family name first."),
            text("hangul_name", "The name in Hangul."),
            year("birth_year", "Year of birth."),
            year("death_year", "Year of death."),
            text("nationality", "ISO 3166 code.", "nationality__code"),
            text("bio", "A short biography in the curators' own words."),
        ],  # fmt: skip
    ),
    Table(
        "names",
        PersonName,
        "People's other names: spellings, romanizations, birth, stage and foreign names.",
        [
            ids(),
            link("person_id", "people", "person"),
            text("name", "The name."),
            text("kind", "romanization, spelling, birth-name, stage-name, japanese…"),
            LANGUAGE,
            ROMANIZATION,
        ],  # fmt: skip
        {"person_id": "people"},
    ),
    Table(
        "credits",
        Credit,
        "A person's part in a film.",
        [
            ids(),
            link("film_id", "films", "film"),
            link("person_id", "people", "person"),
            text("role", "director, writer, actor, cinematographer…"),
            text("character", "The character played."),
            text("credited_as", "The name in the film's credits."),
            Column("uncredited", "boolean", "Worked on the film without a credit."),
            Column("order", "integer", "Billing order."),
        ],  # fmt: skip
        {"film_id": "films", "person_id": "people"},
    ),
    Table(
        "studios",
        Studio,
        "Published studios and organisations.",
        [
            ids(),
            SLUG,
            text("name", "The name."),
            text("kind", "state-studio, production-company, film-collective, distributor…"),
            text("country", "ISO 3166 code.", "country__code"),
            text("city", "The city."),
            year("founded", "Year founded."),
            year("dissolved", "Year dissolved."),
            Column(
                "parent_id",
                "integer",
                "The parent organisation (studios.id).",
                "parent_organisation_id",
            ),
        ],  # fmt: skip
        {"parent_id": "studios"},
    ),
    Table(
        "studio-names",
        StudioName,
        "Studios' other names: former names, translations, abbreviations.",
        [
            ids(),
            link("studio_id", "studios", "studio"),
            text("name", "The name."),
            text("kind", "former, alternative, romanization, translation, abbreviation…"),
            LANGUAGE,
            year("start_year", "First used."),
            year("end_year", "Last used."),
        ],  # fmt: skip
        {"studio_id": "studios"},
    ),
    Table(
        "film-studios",
        FilmStudio,
        "A studio's part in a film.",
        [
            ids(),
            link("film_id", "films", "film"),
            link("studio_id", "studios", "studio"),
            text("role", "producer, co-producer, production-service, facilities, distributor."),
        ],  # fmt: skip
        {"film_id": "films", "studio_id": "studios"},
    ),
    Table(
        "co-productions",
        CoProduction,
        "How a film was made between North Korea and partners abroad, and how it stands.",
        [
            ids(),
            link("film_id", "films", "film"),
            text("standing", "approved, disowned, unreleased, shelved, announced or unknown."),
            text("notes", "Our notes."),
        ],  # fmt: skip
        {"film_id": "films"},
    ),
    Table(
        "partners",
        Partner,
        "One side of a co-production: a studio, a country, or both.",
        [
            ids(),
            link("coproduction_id", "co-productions", "coproduction"),
            link("studio_id", "studios", "studio"),
            text("country", "ISO 3166 code.", "country__code"),
            text("contributions", "What it brought, separated by '; ': finance, crew, cast…"),
            text("notes", "Our notes."),
        ],  # fmt: skip
        {"coproduction_id": "co-productions", "studio_id": "studios"},
    ),
    Table(
        "festivals",
        Festival,
        "Published film festivals.",
        [
            ids(),
            SLUG,
            text("name", "The name."),
            text("city", "The city."),
            text("country", "ISO 3166 code.", "country__code"),
            year("founded", "Year founded."),
        ],  # fmt: skip
    ),
    Table(
        "festival-editions",
        FestivalEdition,
        "One year's edition of a festival.",
        [
            ids(),
            link("festival_id", "festivals", "festival"),
            year("year", "Empty if no source gives it."),
        ],  # fmt: skip
        {"festival_id": "festivals"},
    ),
    Table(
        "entries",
        FestivalEntry,
        "A film at a festival edition: a screening, a premiere, an award.",
        [
            ids(),
            link("edition_id", "festival-editions", "edition"),
            link("film_id", "films", "film"),
            text("section", "e.g. competition."),
            text("premiere", "world, international, north-american, european or national."),
            text("award", "The award."),
            text("result", "won, special-mention, nominated or screened."),
        ],  # fmt: skip
        {"edition_id": "festival-editions", "film_id": "films"},
    ),
    Table(
        "sources",
        Source,
        "The works facts are cited to.",
        [
            ids(),
            SLUG,
            text("kind", "book, article, interview, web-page, film or archive."),
            text("authors", "'Family, Given' names, separated by '; '."),
            text("title", "The title."),
            text("container", "The journal, website or book the work appears in."),
            text("publisher", "The publisher."),
            text("place", "Where it was published."),
            text("date", "YYYY, YYYY-MM or YYYY-MM-DD."),
            text("url", "Where it is online."),
            text("pages", "The pages cited."),
            text("isbn", "ISBN."),
            LANGUAGE,
        ],  # fmt: skip
    ),
]


def public_claims():
    """Claims about what a visitor may see, each naming its subject's table."""
    tables = {table.model: table.name for table in TABLES}
    condition, tables_by_type = Q(pk__in=[]), []
    for model in cited_models():
        content_type = ContentType.objects.get_for_model(model)
        condition |= Q(content_type=content_type, object_id__in=public_rows(model).values("pk"))
        tables_by_type.append(When(content_type=content_type, then=Value(tables[model])))
    return Claim.objects.filter(condition).annotate(
        subject_table=Case(*tables_by_type, output_field=CharField())
    )


def public_citations():
    return Citation.objects.filter(claim__in=public_claims().values("pk"))


CLAIMS = Table(
    "claims",
    Claim,
    "Every value sources give for a field of a record or row (field empty: the row itself). "
    "When sources disagree a field has several claims; the preferred one is the record's value.",
    [
        ids(),
        text("subject_table", "The table of the record or row the claim is about."),
        Column("subject_id", "integer", "Its id in that table.", "object_id", required=True),
        text("field", "The field; empty for a claim that the whole row is true."),
        text("value", "The value as the sources give it."),
        text("rank", "preferred, normal or deprecated."),
        text("note", "Why this value is preferred or deprecated, in our words."),
    ],
    queryset=public_claims,
)

CITATIONS = Table(
    "citations",
    Citation,
    "Where a claim comes from: a source, a place in it, a short quote.",
    [
        ids(),
        link("claim_id", "claims", "claim"),
        link("source_id", "sources", "source"),
        text("locator", "Where in the source: page, note, section and paragraph, time."),
        text("quote", "At most 25 words, verbatim."),
    ],
    {"claim_id": "claims", "source_id": "sources"},
    queryset=public_citations,
)
