"""The researchers' film search: one FilterSet, and facets whose counts stay live.

A facet's counts are computed on the result with every filter applied *except that facet's
own*, so picking one studio does not zero the other studios. Within a facet, several values
widen the result (OR); across facets they narrow it (AND).
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q

from catalog.models import Country, Festival, Film, Genre
from catalog.search import MAX_QUERY_LENGTH, fold, relevance
from coproductions.models import CoProduction, Studio
from people.models import Credit, Person, Role

DECADES = [(str(year), f"{year}s") for year in range(1900, 2040, 10)]
SORTS = {
    "title": ("title", F("year").asc(nulls_last=True)),
    "year": (F("year").asc(nulls_last=True), "title"),
    "-year": (F("year").desc(nulls_last=True), "title"),
}


def published_films():
    return Film.objects.published()


def searchable_text(value):
    """Refuse text no search can use: control characters, or a query past the limit."""
    if len(value) > MAX_QUERY_LENGTH:
        raise forms.ValidationError(
            f"Search for at most {MAX_QUERY_LENGTH} characters (this is {len(value)})."
        )
    if any(ord(c) < 32 for c in value):
        raise forms.ValidationError("The search contains control characters.")


class FilmFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="search", validators=[searchable_text], max_length=10_000
    )
    decade = django_filters.MultipleChoiceFilter(choices=DECADES, method="by_decade")
    year_min = django_filters.NumberFilter(field_name="year", lookup_expr="gte", label="From")
    year_max = django_filters.NumberFilter(field_name="year", lookup_expr="lte", label="To")
    kind = django_filters.MultipleChoiceFilter(choices=Film.Kind.choices)
    genre = django_filters.ModelMultipleChoiceFilter(
        queryset=Genre.objects.all(), to_field_name="slug", field_name="genres", distinct=True
    )
    country = django_filters.ModelMultipleChoiceFilter(
        queryset=Country.objects.all(), to_field_name="code", method="by_country"
    )
    studio = django_filters.ModelMultipleChoiceFilter(
        queryset=Studio.objects.published(), to_field_name="slug", method="by_studio"
    )
    person = django_filters.ModelMultipleChoiceFilter(
        queryset=Person.objects.published(), to_field_name="slug", method="by_person"
    )
    role = django_filters.ChoiceFilter(choices=Role.choices, method="by_role")
    festival = django_filters.ModelMultipleChoiceFilter(
        queryset=Festival.objects.published(), to_field_name="slug", method="by_festival"
    )
    coproduction = django_filters.ChoiceFilter(
        choices=[("yes", "co-productions"), ("no", "not co-productions")],
        method="by_coproduction",
    )
    evidence = django_filters.MultipleChoiceFilter(
        choices=[
            ("disputed", "with a disputed fact"),
            ("citation-needed", "with a fact needing a citation"),
        ],
        method="by_evidence",
    )

    class Meta:
        model = Film
        fields = []

    def search(self, queryset, name, value):
        key = fold(value)
        if not key:
            return queryset
        by_person = Credit.objects.filter(film=OuterRef("pk"), person__search_key__contains=key)
        by_studio = Studio.objects.filter(
            Q(film_roles__film=OuterRef("pk")) | Q(partnerships__coproduction__film=OuterRef("pk")),
            search_key__contains=key,
        )
        return queryset.filter(
            Q(search_key__contains=key) | Exists(by_person) | Exists(by_studio)
        ).annotate(relevance=relevance(key))

    def by_decade(self, queryset, name, values):
        condition = Q()
        for value in values:
            start = int(value)
            condition |= Q(year__gte=start, year__lt=start + 10)
        return queryset.filter(condition)

    def by_country(self, queryset, name, countries):
        if not countries:
            return queryset
        ids = Film.objects.filter(
            Q(countries__in=countries) | Q(coproduction__partners__country__in=countries)
        ).values("pk")
        return queryset.filter(pk__in=ids)

    def by_studio(self, queryset, name, studios):
        if not studios:
            return queryset
        ids = Film.objects.filter(
            Q(studio_roles__studio__in=studios) | Q(coproduction__partners__studio__in=studios)
        ).values("pk")
        return queryset.filter(pk__in=ids)

    def by_person(self, queryset, name, people):
        if not people:
            return queryset
        credits = Credit.objects.filter(person__in=people)
        if role := self.form.cleaned_data.get("role"):
            credits = credits.filter(role=role)
        return queryset.filter(pk__in=credits.values("film"))

    def by_role(self, queryset, name, role):
        if not role or self.form.cleaned_data.get("person"):
            return queryset  # with people chosen, the role narrows their credits instead
        return queryset.filter(pk__in=Credit.objects.filter(role=role).values("film"))

    def by_festival(self, queryset, name, festivals):
        if not festivals:
            return queryset
        return queryset.filter(festival_entries__edition__festival__in=festivals).distinct()

    def by_coproduction(self, queryset, name, value):
        has = Exists(CoProduction.objects.filter(film=OuterRef("pk")))
        return queryset.filter(has if value == "yes" else ~has)

    def by_evidence(self, queryset, name, values):
        condition = Q()
        if "disputed" in values:
            condition |= Q(pk__in=Film.objects.disputed().values("pk"))
        if "citation-needed" in values:
            condition |= Q(pk__in=Film.objects.citation_needed().values("pk"))
        return queryset.filter(condition)


# --------------------------------------------------------------------------------------
# Facets
# --------------------------------------------------------------------------------------


@dataclass
class Facet:
    """One facet: the parameter it filters, and how to list (film, value, label) pairs."""

    param: str
    label: str
    pairs: callable
    limit: int = 0  # show only the most frequent values (selected ones always show)
    order_by_value: bool = False


def _decade_pairs(ids):
    years = Film.objects.filter(pk__in=ids, year__isnull=False).values_list("pk", "year")
    return [(pk, str(year // 10 * 10), f"{year // 10 * 10}s") for pk, year in years]


def _kind_pairs(ids):
    labels = dict(Film.Kind.choices)
    rows = Film.objects.filter(pk__in=ids).values_list("pk", "kind")
    return [(pk, kind, labels[kind]) for pk, kind in rows]


def _genre_pairs(ids):
    rows = Film.genres.through.objects.filter(film__in=ids)
    return list(rows.values_list("film_id", "genre__slug", "genre__name"))


def _country_pairs(ids):
    produced = Film.countries.through.objects.filter(film__in=ids).values_list(
        "film_id", "country__code", "country__name"
    )
    partners = CoProduction.objects.filter(
        film__in=ids, partners__country__isnull=False
    ).values_list("film_id", "partners__country__code", "partners__country__name")
    return list(produced) + list(partners)


def _studio_pairs(ids):
    linked = Studio.objects.published().filter(film_roles__film__in=ids)
    partners = Studio.objects.published().filter(partnerships__coproduction__film__in=ids)
    return list(linked.values_list("film_roles__film", "slug", "name")) + list(
        partners.values_list("partnerships__coproduction__film", "slug", "name")
    )


def _person_pairs(ids):
    credits = Credit.objects.filter(film__in=ids, person__status="published")
    return list(credits.values_list("film_id", "person__slug", "person__name"))


def _festival_pairs(ids):
    festivals = Festival.objects.published().filter(editions__entries__film__in=ids)
    return list(festivals.values_list("editions__entries__film", "slug", "name"))


def _coproduction_pairs(ids):
    with_coproduction = set(
        CoProduction.objects.filter(film__in=ids).values_list("film_id", flat=True)
    )
    return [
        (
            pk,
            "yes" if pk in with_coproduction else "no",
            "co-productions" if pk in with_coproduction else "not co-productions",
        )
        for pk in Film.objects.filter(pk__in=ids).values_list("pk", flat=True)
    ]


def _evidence_pairs(ids):
    disputed = Film.objects.filter(pk__in=ids).disputed().values_list("pk", flat=True)
    needed = Film.objects.filter(pk__in=ids).citation_needed().values_list("pk", flat=True)
    return [(pk, "disputed", "with a disputed fact") for pk in disputed] + [
        (pk, "citation-needed", "with a fact needing a citation") for pk in needed
    ]


FACETS = [
    Facet("decade", "Decade", _decade_pairs, order_by_value=True),
    Facet("kind", "Kind", _kind_pairs),
    Facet("genre", "Genre", _genre_pairs),
    Facet("country", "Production or partner country", _country_pairs),
    Facet("studio", "Studio", _studio_pairs, limit=15),
    Facet("person", "Person", _person_pairs, limit=15),
    Facet("festival", "Festival", _festival_pairs),
    Facet("coproduction", "Co-production", _coproduction_pairs),
    Facet("evidence", "Evidence", _evidence_pairs),
]


def facet_counts(data, facet):
    """Values of ``facet`` with their counts on the result filtered by everything else."""
    others = data.copy()
    others.pop(facet.param, None)
    others.pop("page", None)
    ids = FilmFilter(others, queryset=published_films()).qs.values("pk")
    selected = set(data.getlist(facet.param))
    films_by_value, labels = {}, {}
    for pk, value, label in facet.pairs(ids):
        films_by_value.setdefault(value, set()).add(pk)
        labels[value] = label
    values = [
        {"value": v, "label": labels[v], "count": len(films), "selected": v in selected}
        for v, films in films_by_value.items()
    ]
    for value in selected - set(films_by_value):
        values.append({"value": value, "label": value, "count": 0, "selected": True})
    if facet.order_by_value:
        values.sort(key=lambda v: v["value"])
    else:
        values.sort(key=lambda v: (-v["count"], v["label"]))
    if facet.limit:
        shown = values[: facet.limit]
        values = shown + [v for v in values[facet.limit :] if v["selected"]]
    return values


def all_facets(data):
    return {facet.param: facet_counts(data, facet) for facet in FACETS}


def sorted_films(filterset, sort):
    """The filtered films in the order asked for; relevance first when searching."""
    queryset = filterset.qs
    query = filterset.form.cleaned_data.get("q") if filterset.is_bound else ""
    if sort in SORTS:
        return queryset.order_by(*SORTS[sort])
    if query and fold(query):
        return queryset.order_by("relevance", *SORTS["title"])
    return queryset.order_by(*SORTS["title"])
