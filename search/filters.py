"""The researchers' film search: one FilterSet, and facets whose counts stay live.

A facet's counts are computed on the result with every filter applied *except that facet's
own*, so picking one studio does not zero the other studios. Within a facet, several values
widen the result (OR); across facets they narrow it (AND).

Only what a visitor may see takes part: published films, people, studios and festivals, and
rows (credits, studio parts, partners, festival entries) whose records are all published.
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django_filters.fields import ModelMultipleChoiceField

from catalog.models import Country, Festival, FestivalEntry, Film, Genre, MergedSlug, public_q
from catalog.validators import FIRST_FILM_YEAR, decades
from coproductions.models import CoProduction, FilmStudio, Partner, Studio
from people.models import Credit, Person, Role
from search.keys import SearchFilter, relevance, search_q

LAST_YEAR = 2100  # the year range's bounds: a plausible year, not only years with films
SORTS = {
    "title": ("title", F("year").asc(nulls_last=True), "slug"),
    "year": (F("year").asc(nulls_last=True), "title", "slug"),
    "-year": (F("year").desc(nulls_last=True), "title", "slug"),
}
EVIDENCE = [
    ("disputed", "with a disputed fact"),
    ("citation-needed", "with a fact needing a citation"),
]
COPRODUCTION = [("yes", "co-productions"), ("no", "not co-productions")]


def published_films():
    return Film.objects.published()


class RecordsField(ModelMultipleChoiceField):
    """Records chosen by slug. The old slug of a record merged into another means the record
    it was merged into, as its old page redirects there."""

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError as error:
            if error.code != "invalid_choice" or self.to_field_name != "slug":
                raise  # only records chosen by slug can have been merged
            current = self.current_slugs(value)
            if current == list(value):
                raise
            return super().clean(current)

    def current_slugs(self, slugs):
        """``slugs`` with every merged record's old slug replaced by its survivor's."""
        merged = dict(
            MergedSlug.objects.filter(
                content_type__app_label=self.queryset.model._meta.app_label,
                content_type__model=self.queryset.model._meta.model_name,
                slug__in=slugs,
            ).values_list("slug", "target_id")
        )
        survivors = dict(self.queryset.filter(pk__in=merged.values()).values_list("pk", "slug"))
        return [survivors.get(merged.get(slug), slug) for slug in slugs]


class RecordsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = RecordsField


class YearFilter(django_filters.NumberFilter):
    """A year: a whole number in the history of cinema ("1960.7" is refused, not rounded)."""

    field_class = forms.IntegerField


class FilmFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("year_min"), cleaned.get("year_max")
        if first is not None and last is not None and first > last:
            self.add_error("year_max", f"the range ends ({last}) before it starts ({first})")
        return cleaned


def unknown(what):
    return {"invalid_choice": f"there is no {what} “%(value)s”"}


YEAR_MESSAGES = {
    "invalid": "a year is a whole number such as 1978",
    "min_value": f"a year from {FIRST_FILM_YEAR} to {LAST_YEAR}, please",
    "max_value": f"a year from {FIRST_FILM_YEAR} to {LAST_YEAR}, please",
}


def is_chosen(value):
    """Whether a filter's cleaned value asks for anything (an empty list does not)."""
    if isinstance(value, list | tuple | QuerySet):
        return len(value) > 0  # a chosen queryset is already fetched: no query
    return value not in (None, "")


class FilmFilter(django_filters.FilterSet):
    q = SearchFilter(label="Search", method="search")
    decade = django_filters.MultipleChoiceFilter(
        choices=decades(), method="by_decade", error_messages=unknown("decade")
    )
    year_min = YearFilter(
        field_name="year",
        lookup_expr="gte",
        label="From",
        min_value=FIRST_FILM_YEAR,
        max_value=LAST_YEAR,
        error_messages=YEAR_MESSAGES,
    )
    year_max = YearFilter(
        field_name="year",
        lookup_expr="lte",
        label="To",
        min_value=FIRST_FILM_YEAR,
        max_value=LAST_YEAR,
        error_messages=YEAR_MESSAGES,
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=Film.Kind.choices, error_messages=unknown("kind of film")
    )
    genre = RecordsFilter(
        queryset=Genre.objects.all(),
        to_field_name="slug",
        method="by_genre",
        error_messages=unknown("genre"),
    )
    country = RecordsFilter(
        queryset=Country.objects.all(),
        to_field_name="code",
        method="by_country",
        error_messages=unknown("country with the code"),
    )
    studio = RecordsFilter(
        queryset=Studio.objects.published(),
        to_field_name="slug",
        method="by_studio",
        error_messages=unknown("studio"),
    )
    person = RecordsFilter(
        queryset=Person.objects.published(),
        to_field_name="slug",
        method="together_with_role",
        error_messages=unknown("person"),
    )
    role = django_filters.ChoiceFilter(
        choices=Role.choices,
        method="together_with_role",
        empty_label="any role",
        error_messages=unknown("role"),
    )
    festival = RecordsFilter(
        queryset=Festival.objects.published(),
        to_field_name="slug",
        method="by_festival",
        error_messages=unknown("festival"),
    )
    coproduction = django_filters.ChoiceFilter(
        choices=COPRODUCTION, method="by_coproduction", error_messages=unknown("choice")
    )
    evidence = django_filters.MultipleChoiceFilter(
        choices=EVIDENCE, method="by_evidence", error_messages=unknown("kind of evidence")
    )

    class Meta:
        model = Film
        fields = []
        form = FilmFilterForm

    def filter_queryset(self, queryset):
        return self.films_without(None, queryset)

    def films_without(self, facet, queryset=None):
        """The films matching every chosen filter except ``facet``'s: the facet counts its
        values on these. A person and a role are applied together (the person's credits in
        that role); without a person, the role asks for films with anyone in that role."""
        queryset = self.queryset if queryset is None else queryset
        chosen = {
            name: value
            for name, value in self.form.cleaned_data.items()
            if name != facet and is_chosen(value)
        }
        for name, value in chosen.items():
            if name not in ("person", "role"):
                queryset = self.filters[name].filter(queryset, value)
        return self.by_credits(queryset, chosen.get("person"), chosen.get("role"))

    def together_with_role(self, queryset, name, value):
        return queryset  # see films_without: person and role are one filter

    def by_credits(self, queryset, people, role):
        if not people and not role:
            return queryset
        credits = Credit.objects.public()
        if people:
            credits = credits.filter(person__in=people)
        if role:
            credits = credits.filter(role=role)
        return queryset.filter(pk__in=credits.values("film"))

    def search(self, queryset, name, value):
        """Films whose titles, or whose credited people or studios, match every word."""
        condition = search_q(value)
        if condition is None:
            return queryset.none()  # nothing to search for in "🎬" or "??": say so, show none
        people = search_q(value, "person__search_key")
        studio = search_q(value, "studio__search_key")
        credited = Credit.objects.public().filter(people, film=OuterRef("pk"))
        studio_part = FilmStudio.objects.public().filter(studio, film=OuterRef("pk"))
        partner = Partner.objects.public().filter(studio, coproduction__film=OuterRef("pk"))
        return queryset.filter(
            condition | Exists(credited) | Exists(studio_part) | Exists(partner)
        ).annotate(relevance=relevance(value))

    def by_decade(self, queryset, name, values):
        condition = Q()
        for value in values:
            start = int(value)
            condition |= Q(year__gte=start, year__lt=start + 10)
        return queryset.filter(condition)

    def by_genre(self, queryset, name, genres):
        tagged = Film.genres.through.objects.filter(genre__in=genres).values("film")
        return queryset.filter(pk__in=tagged)

    def by_country(self, queryset, name, countries):
        produced = Film.countries.through.objects.filter(country__in=countries).values("film")
        partners = Partner.objects.public().filter(country__in=countries)
        return queryset.filter(Q(pk__in=produced) | Q(pk__in=partners.values("coproduction__film")))

    def by_studio(self, queryset, name, studios):
        part = FilmStudio.objects.public().filter(studio__in=studios).values("film")
        partners = Partner.objects.public().filter(studio__in=studios)
        return queryset.filter(Q(pk__in=part) | Q(pk__in=partners.values("coproduction__film")))

    def by_festival(self, queryset, name, festivals):
        entries = FestivalEntry.objects.filter(
            public_q(FestivalEntry), edition__festival__in=festivals
        )
        return queryset.filter(pk__in=entries.values("film"))

    def by_coproduction(self, queryset, name, value):
        has = Exists(CoProduction.objects.filter(film=OuterRef("pk")))
        return queryset.filter(has if value == "yes" else ~has)

    def by_evidence(self, queryset, name, values):
        condition = Q()
        if "disputed" in values:
            condition |= Q(pk__in=Film.objects.disputed().values("pk"))
        if "citation-needed" in values:
            condition |= Q(pk__in=films_needing_a_citation().values("pk"))
        return queryset.filter(condition)


def films_needing_a_citation():
    """Films with a fact shown publicly without a citation: their own, or a visible row's."""
    return Film.objects.citation_needed(rows_q=public_q)


# --------------------------------------------------------------------------------------
# Facets
# --------------------------------------------------------------------------------------


@dataclass
class Facet:
    """One facet: the parameter it filters, and how to list (film, value, label) triples of
    the films given (``chosen`` holds the filters' cleaned values, for a facet that needs one)."""

    param: str
    label: str
    pairs: callable
    limit: int = 0  # show only the most frequent values (selected ones always show)
    order_by_value: bool = False


def _decade_pairs(ids, chosen):
    years = Film.objects.filter(pk__in=ids, year__isnull=False).order_by().values_list("pk", "year")
    return [(pk, str(year // 10 * 10), f"{year // 10 * 10}s") for pk, year in years]


def _kind_pairs(ids, chosen):
    labels = dict(Film.Kind.choices)
    rows = Film.objects.filter(pk__in=ids).order_by().values_list("pk", "kind")
    return [(pk, kind, labels[kind]) for pk, kind in rows]


def _genre_pairs(ids, chosen):
    rows = Film.genres.through.objects.filter(film__in=ids)
    return list(rows.order_by().values_list("film_id", "genre__slug", "genre__name"))


def _country_pairs(ids, chosen):
    produced = (
        Film.countries.through.objects.filter(film__in=ids)
        .order_by()
        .values_list("film_id", "country__code", "country__name")
    )
    partners = Partner.objects.public().filter(coproduction__film__in=ids, country__isnull=False)
    return list(produced) + list(
        partners.order_by().values_list("coproduction__film", "country__code", "country__name")
    )


def _studio_pairs(ids, chosen):
    parts = FilmStudio.objects.public().filter(film__in=ids)
    partners = Partner.objects.public().filter(coproduction__film__in=ids, studio__isnull=False)
    return list(parts.order_by().values_list("film", "studio__slug", "studio__name")) + list(
        partners.order_by().values_list("coproduction__film", "studio__slug", "studio__name")
    )


def _person_pairs(ids, chosen):
    """People credited on the films; with a role chosen, only in that role."""
    credits = Credit.objects.public().filter(film__in=ids)
    if role := chosen.get("role"):
        credits = credits.filter(role=role)
    return list(credits.order_by().values_list("film_id", "person__slug", "person__name"))


def _festival_pairs(ids, chosen):
    entries = FestivalEntry.objects.filter(public_q(FestivalEntry), film__in=ids).order_by()
    return list(entries.values_list("film", "edition__festival__slug", "edition__festival__name"))


def _coproduction_pairs(ids, chosen):
    with_coproduction = set(
        CoProduction.objects.filter(film__in=ids).order_by().values_list("film_id", flat=True)
    )
    labels = dict(COPRODUCTION)
    films = Film.objects.filter(pk__in=ids).order_by().values_list("pk", flat=True)
    return [
        (pk, value, labels[value])
        for pk in films
        for value in ["yes" if pk in with_coproduction else "no"]
    ]


def _evidence_pairs(ids, chosen):
    labels = dict(EVIDENCE)
    disputed = Film.objects.filter(pk__in=ids).disputed().order_by().values_list("pk", flat=True)
    needed = films_needing_a_citation().filter(pk__in=ids).order_by().values_list("pk", flat=True)
    return [(pk, "disputed", labels["disputed"]) for pk in disputed] + [
        (pk, "citation-needed", labels["citation-needed"]) for pk in needed
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


def facet_counts(filterset, facet, selected, labels):
    """Values of ``facet`` with their counts on the result filtered by everything else.

    A selected value no film has any more still shows (with 0), under its own label.
    """
    ids = filterset.films_without(facet.param).values("pk")
    films_by_value = {}
    for pk, value, label in facet.pairs(ids, filterset.form.cleaned_data):
        films_by_value.setdefault(value, set()).add(pk)
        labels.setdefault((facet.param, value), label)
    values = [
        {
            "value": value,
            "label": labels[(facet.param, value)],
            "count": len(films),
            "selected": value in selected,
        }
        for value, films in films_by_value.items()
    ]
    for value in selected:
        if value not in films_by_value:
            label = labels.get((facet.param, value), value)
            values.append({"value": value, "label": label, "count": 0, "selected": True})
    if facet.order_by_value:
        values.sort(key=lambda v: v["value"])
    else:
        values.sort(key=lambda v: (-v["count"], v["label"]))
    if facet.limit:
        shown = values[: facet.limit]
        values = shown + [v for v in values[facet.limit :] if v["selected"]]
    return values


def sorted_films(filterset, sort):
    """The filtered films in the order asked for; by relevance first when searching."""
    queryset = filterset.qs
    if sort in SORTS:
        return queryset.order_by(*SORTS[sort])
    if "relevance" in queryset.query.annotations:
        return queryset.order_by("relevance", *SORTS["title"])
    return queryset.order_by(*SORTS["title"])
