"""The filters of the people, studios and sources lists (the films' are in ``search``)."""

import django_filters
from django.db.models import Exists, OuterRef

from catalog.models import Country, Source
from catalog.validators import decades
from coproductions.models import Studio
from people.models import Credit, Person, Role
from search.filters import YearFilter
from search.keys import SearchFilter, matching


class PersonFilter(django_filters.FilterSet):
    q = SearchFilter(label="Name", method="search")
    role = django_filters.ChoiceFilter(
        choices=Role.choices, label="Role", method="with_credit", empty_label="any role"
    )
    decade = django_filters.ChoiceFilter(
        choices=decades(), label="Active in", method="with_credit", empty_label="any decade"
    )
    nationality = django_filters.ModelChoiceFilter(
        queryset=Country.objects.filter(people__in=Person.objects.published()).distinct(),
        to_field_name="code",
        empty_label="any nationality",
    )

    class Meta:
        model = Person
        fields = []

    def search(self, queryset, name, value):
        return matching(queryset, value)

    def with_credit(self, queryset, name, value):
        """People with one public credit that has the role *and* falls in the decade: a
        writer "in the 1980s" wrote a film of the 1980s (credits on draft films do not
        count). With both chosen this runs twice and repeats the same condition."""
        role = self.form.cleaned_data.get("role")
        decade = self.form.cleaned_data.get("decade")
        credits = Credit.objects.public().filter(person=OuterRef("pk"))
        if role:
            credits = credits.filter(role=role)
        if decade:
            start = int(decade)
            credits = credits.filter(film__year__gte=start, film__year__lt=start + 10)
        return queryset.filter(Exists(credits))


class StudioFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Studio.Kind.choices, empty_label="any kind")
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.filter(studios__in=Studio.objects.published()).distinct(),
        to_field_name="code",
        empty_label="any country",
    )

    class Meta:
        model = Studio
        fields = []


class SourceFilter(django_filters.FilterSet):
    q = SearchFilter(label="Author or title", method="search")
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices, empty_label="any kind")
    year = YearFilter(
        field_name="date", lookup_expr="startswith", label="Year", min_value=1000, max_value=9999
    )

    class Meta:
        model = Source
        fields = []

    def search(self, queryset, name, value):
        return matching(queryset, value)
