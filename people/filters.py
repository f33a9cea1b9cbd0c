import django_filters
from django.db.models import Exists, OuterRef

from catalog.models import Country
from catalog.search import SearchFilter, matching

from .models import Credit, Person, Role

DECADES = [(str(y), f"{y}s") for y in range(1900, 2040, 10)]


class PersonFilter(django_filters.FilterSet):
    q = SearchFilter(label="Name", method="search")
    role = django_filters.ChoiceFilter(choices=Role.choices, label="Role", method="with_credit")
    decade = django_filters.ChoiceFilter(choices=DECADES, label="Active in", method="with_credit")
    nationality = django_filters.ModelChoiceFilter(
        queryset=Country.objects.filter(people__in=Person.objects.published()).distinct(),
        to_field_name="code",
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
