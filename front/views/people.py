"""People: the list, searchable in any romanization, and each person's page."""

from django.db.models import Count, Q
from django.views.generic import DetailView

from coproductions.models import Studio
from people.models import Person

from ..filters import PersonFilter
from .mixins import CitablePageMixin, FilteredListView, MergedRedirectMixin


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


class PersonDetailView(MergedRedirectMixin, CitablePageMixin, DetailView):
    model = Person
    template_name = "people/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.published().with_citations()

    def get_context_data(self, **kwargs):
        person = self.object
        films = [credit.film_id for credit in person.credits.all()]  # public credits only
        collaborators = (
            Person.objects.published()
            .exclude(pk=person.pk)
            .filter(credits__film__in=films)
            .annotate(shared=Count("credits__film", distinct=True))
            .order_by("-shared", "name")[:12]
        )
        studios = (
            Studio.objects.published()
            .filter(Q(film_roles__film__in=films) | Q(partnerships__coproduction__film__in=films))
            .annotate(
                shared=Count(
                    "film_roles__film", filter=Q(film_roles__film__in=films), distinct=True
                )
            )
            .distinct()
            .order_by("-shared", "name")
        )
        names = person.names.all()
        return super().get_context_data(
            collaborators=collaborators,
            studios=studios,
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
