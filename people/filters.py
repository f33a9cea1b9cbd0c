import django_filters
from django.db.models import Q

from catalog.models import Country
from catalog.search import MAX_QUERY_LENGTH, fold

from .models import Person, Role

DECADES = [(str(y), f"{y}s") for y in range(1900, 2040, 10)]


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name", method="search", max_length=MAX_QUERY_LENGTH)
    role = django_filters.ChoiceFilter(
        choices=Role.choices, field_name="credits__role", distinct=True
    )
    nationality = django_filters.ModelChoiceFilter(
        queryset=Country.objects.filter(people__isnull=False).distinct(), to_field_name="code"
    )
    decade = django_filters.ChoiceFilter(choices=DECADES, label="Active in", method="active_in")

    class Meta:
        model = Person
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(search_key__contains=fold(value)) if fold(value) else queryset

    def active_in(self, queryset, name, value):
        start = int(value)
        films = Q(credits__film__year__gte=start, credits__film__year__lt=start + 10)
        return queryset.filter(films).distinct()
