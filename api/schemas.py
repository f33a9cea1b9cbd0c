"""The typed shapes of /api/v1/ answers, from which the OpenAPI schema is written.

Every cited fact carries its claims (value, rank, note, citations); every row (a title, a
credit, a partner…) its ``row_claim`` and, as before v1, its ``citations``. Field names of
the answers before v1 are kept: v1 only adds.
"""

from ninja import Schema
from pydantic import Field


class Error(Schema):
    error: str = Field(description="What went wrong; a bad parameter is named first (`page: …`).")


class SourceRef(Schema):
    id: int
    title: str
    authors: list[str] = Field(description='"Family, Given" names.')
    container: str = Field(description="The journal, website or book it appears in.")
    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD; empty if unknown.")
    url: str = Field(description="The source's page on this site.")
    api_url: str


class Citation(Schema):
    source: SourceRef
    locator: str = Field(description="Where in the source: page, note, section, timestamp.")
    quote: str = Field(description="At most 25 words, verbatim; may be empty.")
    note: str


class Claim(Schema):
    value: str = Field(
        description="The value as the sources give it (codes for countries, slugs for "
        "genres and studios, comma-separated for lists); empty for a row claim."
    )
    rank: str = Field(description="preferred, normal or deprecated.")
    note: str = Field(description="Why this value is preferred or deprecated.")
    citations: list[Citation]


Claims = dict[str, list[Claim]]
CLAIMS_DOC = (
    "Every value the sources give for each cited field, preferred first; a field with a value "
    "and no preferred claim with citations needs a citation."
)


class Cited(Schema):
    """What every record and row carries: its own claim, and claims about its fields."""

    citations: list[Citation] = Field(description="The citations of `row_claim`.")
    row_claim: Claim | None = Field(
        description="For a row (a title, a credit…), the claim that it is true: its rank "
        "(deprecated: we think it wrong), note and citations; for a record, the sources of "
        "its notes. Null if no source is given."
    )
    claims: Claims = Field(description=CLAIMS_DOC)
    citation_needed: list[str] = Field(
        description="The facts shown without a citation (`row`: the row itself)."
    )


class Country(Schema):
    code: str
    name: str


class Linked(Schema):
    slug: str
    name: str
    api_url: str


class FilmSummary(Schema):
    slug: str
    title: str
    original_title: str
    year: int | None
    end_year: int | None
    kind: str
    url: str
    api_url: str


class FacetValue(Schema):
    value: str
    label: str
    count: int
    selected: bool


class Envelope(Schema):
    count: int = Field(description="How many records match, on every page.")
    page: int
    num_pages: int
    next: str | None
    previous: str | None
    facets: dict[str, list[FacetValue]] = Field(
        description="Films only: each facet's values with live counts (empty for other lists)."
    )


class FilmList(Envelope):
    results: list[FilmSummary]


# Films ----------------------------------------------------------------------------------


class Title(Cited):
    title: str
    language: str = Field(description="ISO 639-1.")
    script: str = Field(description="ISO 15924; may be empty.")
    romanization: str = Field(description="mr, rr, hepburn, pinyin, other or empty.")
    kind: str


class Credit(Cited):
    person: Linked
    role: str
    character: str
    credited_as: str
    uncredited: bool
    order: int


class StudioPart(Cited):
    studio: Linked
    role: str


class Partner(Cited):
    studio: Linked | None
    country: str | None = Field(description="ISO 3166 code.")
    country_name: str | None
    contributions: list[str]
    notes: str


class Location(Cited):
    place: str
    country: str | None
    country_name: str | None
    note: str = Field(description="Our note about the place (the row claim's is in row_claim).")


class CoProduction(Cited):
    partners: list[Partner]
    locations: list[str] = Field(description="The film's shooting locations' places.")
    standing: str
    notes: str


class FestivalEntryOfFilm(Cited):
    festival: Linked
    year: int | None
    section: str = Field(description="e.g. competition.")
    premiere: str
    award: str
    result: str


class Image(Schema):
    kind: str
    url: str
    thumbnail_url: str
    width: int
    height: int
    alt_text: str
    caption: str
    credit: str


class Film(FilmSummary, Cited):
    runtime: int | None = Field(description="Minutes.")
    colour: str
    synopsis: str
    genres: list[str] = Field(description="Genre slugs.")
    genre_names: list[str]
    countries: list[Country] = Field(description="Production countries.")
    series: FilmSummary | None
    part_number: int | None
    parts: list[FilmSummary]
    images: list[Image]
    titles: list[Title]
    credits: list[Credit]
    studios: list[StudioPart]
    coproduction: CoProduction | None
    locations: list[Location]
    festivals: list[FestivalEntryOfFilm]


# People, studios, festivals -------------------------------------------------------------


class RecordSummary(Schema):
    slug: str
    name: str
    url: str
    api_url: str


class PersonSummary(RecordSummary):
    hangul_name: str
    nationality: Country | None


class PersonList(Envelope):
    results: list[PersonSummary]


class PersonName(Cited):
    name: str
    kind: str
    language: str
    romanization: str


class Filmography(Cited):
    film: FilmSummary
    role: str
    character: str
    credited_as: str
    uncredited: bool


class Person(Cited):
    slug: str
    name: str
    url: str
    api_url: str
    hangul_name: str
    birth_year: int | None
    death_year: int | None
    nationality: Country | None
    bio: str
    names: list[PersonName]
    credits: list[Filmography]


class StudioSummary(RecordSummary):
    kind: str
    city: str
    country: Country | None


class StudioList(Envelope):
    results: list[StudioSummary]


class StudioName(Cited):
    name: str
    kind: str
    language: str
    start_year: int | None
    end_year: int | None


class StudioFilm(Cited):
    film: FilmSummary
    role: str


class PartnerStudio(Schema):
    studio: Linked
    films: int = Field(description="Published films they share.")


class PartnerCountry(Schema):
    country: Country
    films: int


class Unit(Schema):
    studio: Linked
    claims: Claims = Field(description="The unit's claims about its parent (this studio).")


class Studio(Cited):
    slug: str
    name: str
    url: str
    api_url: str
    kind: str
    country: str | None = Field(description="ISO 3166 code.")
    country_name: str | None
    city: str
    founded: int | None
    dissolved: int | None
    parent: Linked | None = Field(description="The parent organisation, if published.")
    units: list[Unit]
    notes: str
    names: list[StudioName]
    films: list[StudioFilm]
    partners: list[PartnerStudio]
    partner_countries: list[PartnerCountry]


class FestivalSummary(RecordSummary):
    city: str
    country: Country | None


class FestivalList(Envelope):
    results: list[FestivalSummary]


class FestivalEntry(Cited):
    film: FilmSummary
    year: int | None
    section: str
    premiere: str
    award: str
    result: str


class Edition(Cited):
    year: int | None


class Festival(Cited):
    slug: str
    name: str
    url: str
    api_url: str
    city: str
    country: Country | None
    founded: int | None
    editions: list[Edition] = Field(description="The editions that showed a published film.")
    entries: list[FestivalEntry] = Field(description="Every entry, by edition.")


# Sources --------------------------------------------------------------------------------


class SourceSummary(Schema):
    id: int
    title: str
    authors: list[str]
    kind: str
    date: str
    url: str
    api_url: str


class SourceList(Envelope):
    results: list[SourceSummary]


class CitedRecord(Schema):
    type: str = Field(description="film, person, studio or festival.")
    slug: str
    name: str
    url: str
    api_url: str


class SourceClaim(Schema):
    record: CitedRecord
    row: str | None = Field(description="The cited row (a credit, a partner…); null: the record.")
    field: str = Field(description="The cited field; empty for a row.")
    value: str
    rank: str
    note: str
    locator: str
    quote: str
    citation_note: str


class Source(Schema):
    id: int
    slug: str
    title: str
    authors: list[str]
    kind: str
    container: str
    publisher: str
    place: str
    date: str
    year: int | None
    pages: str
    isbn: str
    language: str
    notes: str
    url: str = Field(description="The source's own address, if it is online.")
    page_url: str = Field(description="The source's page on this site.")
    api_url: str
    claims: list[SourceClaim]


class Index(Schema):
    openapi: str
    docs: str
    films: str
    people: str
    studios: str
    festivals: str
    sources: str
