from catalog.views import FilteredListView

from .filters import PersonFilter
from .models import Person


class PersonListView(FilteredListView):
    """/people/: search by any spelling, filter by role, nationality and decade active."""

    template_name = "people/person_list.html"
    filterset_class = PersonFilter
    context_object_name = "people"
    paginate_by = 60

    def get_queryset(self):
        return Person.objects.published().for_list().order_by("name")
