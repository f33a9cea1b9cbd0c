"""People: the list, searchable in any romanization, and each person's page."""

from django.views.generic import DetailView

from people.models import Person

from ..filters import PersonFilter
from ..related import people_on, studios_on
from .mixins import CitablePageMixin, FilmographyMixin, FilteredListView, MergedRedirectMixin

SHOWN = 12  # collaborators and studios; all the studios are the studio facet of their films


class PersonListView(FilteredListView):
    """/people/: search by any spelling, filter by role, nationality and decade active."""

    template_name = "people/person_list.html"
    filterset_class = PersonFilter
    context_object_name = "people"
    paginate_by = 60

    def get_queryset(self):
        people = Person.objects.published()
        if self.request.GET.get("scope") != "all":
            people = people.of_north_korean_cinema()
        return people.for_list().order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.GET.get("scope") != "all":
            published = Person.objects.published()
            shown = published.of_north_korean_cinema()
            context["context_people"] = published.count() - shown.count()
            every = self.request.GET.copy()
            every.pop("page", None)
            every["scope"] = "all"
            context["with_context"] = every.urlencode()
        return context


class PersonDetailView(MergedRedirectMixin, FilmographyMixin, CitablePageMixin, DetailView):
    model = Person
    template_name = "people/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.published().with_own_citations()

    def get_context_data(self, **kwargs):
        person = self.object
        films = set(person.filmography().values_list("film", flat=True))
        collaborators = people_on(films, limit=SHOWN, excluding=person.pk)
        studios = studios_on(films)
        names = person.names.all()
        return super().get_context_data(
            filmography=self.filmography_page(),
            collaborators=collaborators,
            studios=studios[:SHOWN],
            studios_count=len(studios),
            show_romanization=any(name.romanization for name in names),
            **kwargs,
        )

    def jsonld(self, url):
        person = self.object
        data = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": person.name,
            "url": url,
            "alternateName": [n.name for n in person.names.all()]
            + ([person.hangul_name] if person.hangul_name else []),
        }
        if person.birth_year:
            data["birthDate"] = str(person.birth_year)
        if person.death_year:
            data["deathDate"] = str(person.death_year)
        if person.bio:
            data["description"] = person.bio
        return data
