"""The facets of the film search: what each one counts, and how it is labelled.

Each facet is a name in the index (``FilmFacet.facet``): the values a film has there are
written by ``search.index`` and counted by ``search.query``. A person and a role are one
filter: the index keeps a film's people (``person``), its roles (``role``) and each person
in each role (``credit:director``…), so any combination is one look-up.
"""

from dataclasses import dataclass

from catalog.models import NORTH_KOREAN_CINEMA, Scope

# Without a scope chosen, the search covers North Korean cinema: films cited for context are
# counted in the scope facet (so they stay one click away) and nowhere else.
DEFAULT_SCOPES = tuple(scope.value for scope in NORTH_KOREAN_CINEMA)
ALL_SCOPES = "all"  # ?scope=all: every film, context included
SCOPE_CHOICES = [*Scope.choices, (ALL_SCOPES, "every film, context included")]

EVIDENCE = [
    ("disputed", "with a disputed fact"),
    ("citation-needed", "with a fact needing a citation"),
]
COPRODUCTION = [("yes", "co-productions"), ("no", "not co-productions")]


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    limit: int = 0  # show only the most frequent values (selected ones always show)
    order_by_value: bool = False
    order: tuple = ()  # a fixed order of its values (the scope: as the choices list them)


FACETS = [
    Facet("scope", "Scope", order=tuple(Scope.values)),
    Facet("decade", "Decade", order_by_value=True),
    Facet("kind", "Kind"),
    Facet("genre", "Genre"),
    Facet("country", "Production or partner country"),
    Facet("studio", "Studio", limit=15),
    Facet("person", "Person", limit=15),
    Facet("festival", "Festival"),
    Facet("coproduction", "Co-production"),
    Facet("evidence", "Evidence"),
]


def decade_of(year):
    return str(year // 10 * 10) if year else None


def credit_facet(role):
    """The facet of the people credited in ``role`` (``credit:director``)."""
    return f"credit:{role}"
