"""The core catalogue: films, their titles, festivals, countries, genres and sources, and
the claims and citations every public fact carries.

``people`` and ``coproductions`` build on these models; this package imports neither.
"""

from .cited import (
    CitedModel,
    CitedQuerySet,
    cited_models,
    cited_row_relations,
    cited_rows,
    cited_rows_prefetches,
    claims_prefetch,
    has_value_q,
    related_paths,
)
from .claims import (
    RANK_ORDER,
    ROW,
    Citation,
    Claim,
    Rank,
    cite,
    claim_errors,
    preferred_conflict,
    same_claim_value,
    typed_claim_value,
)
from .festivals import Festival, FestivalEdition, FestivalEntry, FestivalQuerySet
from .films import (
    NORTH_KOREAN_CINEMA,
    Film,
    FilmImage,
    FilmQuerySet,
    FilmTitle,
    Scope,
    ShootingLocation,
)
from .merged import MergedSlug
from .publishing import (
    Publishable,
    PublishableQuerySet,
    Status,
    VersionConflict,
    previewing,
    published_q,
    year_constraint,
)
from .reference import Country, Genre, Romanization, Source
from .searchable import NameRow, Searchable, name_row_models, name_rows, searchable_models
from .version import DataVersion, bump_data_version, data_version
from .visibility import (
    RowQuerySet,
    public_citations,
    public_q,
    public_rows,
    public_rows_prefetches,
    record_name,
)

__all__ = [
    "DataVersion",
    "bump_data_version",
    "data_version",
    "Citation",
    "CitedModel",
    "CitedQuerySet",
    "Claim",
    "Country",
    "Festival",
    "FestivalEdition",
    "FestivalEntry",
    "FestivalQuerySet",
    "Film",
    "FilmImage",
    "FilmQuerySet",
    "FilmTitle",
    "Genre",
    "MergedSlug",
    "NORTH_KOREAN_CINEMA",
    "NameRow",
    "Publishable",
    "PublishableQuerySet",
    "RANK_ORDER",
    "ROW",
    "Rank",
    "Romanization",
    "Scope",
    "RowQuerySet",
    "Searchable",
    "ShootingLocation",
    "Source",
    "Status",
    "VersionConflict",
    "cite",
    "cited_models",
    "cited_row_relations",
    "cited_rows",
    "cited_rows_prefetches",
    "claim_errors",
    "claims_prefetch",
    "has_value_q",
    "name_row_models",
    "name_rows",
    "preferred_conflict",
    "previewing",
    "published_q",
    "public_citations",
    "public_q",
    "public_rows",
    "public_rows_prefetches",
    "record_name",
    "related_paths",
    "same_claim_value",
    "searchable_models",
    "typed_claim_value",
    "year_constraint",
]
