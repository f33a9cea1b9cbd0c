"""The film search's parameters: what each accepts, and the message for what it does not.

The FilterSet validates a query string (choices, records by slug — a merged record's old
slug too —, year ranges); ``search.query`` applies the cleaned values through the index.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django_filters.fields import ModelMultipleChoiceField

from catalog.models import Country, Festival, Film, Genre, MergedSlug
from catalog.validators import FIRST_FILM_YEAR, decades
from coproductions.models import Studio
from people.models import Person, Role

from .facets import COPRODUCTION, EVIDENCE, SCOPE_CHOICES
from .keys import SearchFilter

LAST_YEAR = 2100  # the year range's bounds: a plausible year, not only years with films
SORTS = {
    "title": ("title", F("year").asc(nulls_last=True), "slug"),
    "year": (F("year").asc(nulls_last=True), "title", "slug"),
    "-year": (F("year").desc(nulls_last=True), "title", "slug"),
}


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


class FilmFilter(django_filters.FilterSet):
    q = SearchFilter(label="Search", method="keep")
    scope = django_filters.MultipleChoiceFilter(
        choices=SCOPE_CHOICES, method="keep", error_messages=unknown("scope")
    )
    decade = django_filters.MultipleChoiceFilter(
        choices=decades(), method="keep", error_messages=unknown("decade")
    )
    year_min = YearFilter(
        method="keep",
        label="From",
        min_value=FIRST_FILM_YEAR,
        max_value=LAST_YEAR,
        error_messages=YEAR_MESSAGES,
    )
    year_max = YearFilter(
        method="keep",
        label="To",
        min_value=FIRST_FILM_YEAR,
        max_value=LAST_YEAR,
        error_messages=YEAR_MESSAGES,
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=Film.Kind.choices, method="keep", error_messages=unknown("kind of film")
    )
    genre = RecordsFilter(
        queryset=Genre.objects.all(),
        to_field_name="slug",
        method="keep",
        error_messages=unknown("genre"),
    )
    country = RecordsFilter(
        queryset=Country.objects.all(),
        to_field_name="code",
        method="keep",
        error_messages=unknown("country with the code"),
    )
    studio = RecordsFilter(
        queryset=Studio.objects.published(),
        to_field_name="slug",
        method="keep",
        error_messages=unknown("studio"),
    )
    person = RecordsFilter(
        queryset=Person.objects.published(),
        to_field_name="slug",
        method="keep",
        error_messages=unknown("person"),
    )
    role = django_filters.ChoiceFilter(
        choices=Role.choices,
        method="keep",
        empty_label="any role",
        error_messages=unknown("role"),
    )
    festival = RecordsFilter(
        queryset=Festival.objects.published(),
        to_field_name="slug",
        method="keep",
        error_messages=unknown("festival"),
    )
    coproduction = django_filters.MultipleChoiceFilter(  # both ticked: any of them
        choices=COPRODUCTION, method="keep", error_messages=unknown("choice")
    )
    evidence = django_filters.MultipleChoiceFilter(
        choices=EVIDENCE, method="keep", error_messages=unknown("kind of evidence")
    )

    class Meta:
        model = Film
        fields = []
        form = FilmFilterForm

    def keep(self, queryset, name, value):
        """The filters validate; ``search.query`` applies them, through the index."""
        return queryset
