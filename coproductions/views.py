import django_filters
from django.db.models import F

from catalog.models import Country
from catalog.views import FilteredListView

from .models import Studio


class StudioFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Studio.Kind.choices)
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.filter(studios__in=Studio.objects.published()).distinct(),
        to_field_name="code",
    )

    class Meta:
        model = Studio
        fields = []


class StudioListView(FilteredListView):
    """/studios/: studios and organisations, grouped by country, filtered by kind."""

    template_name = "coproductions/studio_list.html"
    filterset_class = StudioFilter
    context_object_name = "studios"

    def get_queryset(self):
        return (
            Studio.objects.published()
            .for_list()
            .order_by(F("country__name").asc(nulls_last=True), "kind", "name")
        )
