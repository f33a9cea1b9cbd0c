"""People: the list, searchable in any romanization, and each person's page."""

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.views.generic import DetailView

from catalog.models import claims_prefetch
from coproductions.models import FilmStudio, Partner, Studio
from people.models import Person
from search import lookups  # noqa: F401  (registers __in_ids)

from ..filters import PersonFilter
from .mixins import CitablePageMixin, FilteredListView, MergedRedirectMixin


class PersonListView(FilteredListView):
    """/people/: search by any spelling, filter by role, nationality and decade active."""

    template_name = "people/person_list.html"
    filterset_class = PersonFilter
    context_object_name = "people"
    paginate_by = 60

    def get_queryset(self):
        return Person.objects.published().for_list().order_by("name")


def studios_of(films):
    """The ids of the studios that made or co-produced any of ``films``: one query."""
    made = FilmStudio.objects.filter(film__in=films).values_list("studio", flat=True)
    partnered = Partner.objects.filter(coproduction__film__in=films, studio__isnull=False)
    return set(made.order_by().union(partnered.values_list("studio", flat=True).order_by()))


def shared_films(rows, field, films):
    """How many of ``films`` the record of the outer query is linked to through ``rows``,
    counted through that record's own rows."""
    counted = (
        rows.filter(**{field: OuterRef("pk"), "film__in": films})
        .values(field)
        .annotate(n=Count("film", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class PersonDetailView(MergedRedirectMixin, CitablePageMixin, DetailView):
    model = Person
    template_name = "people/person_detail.html"
    context_object_name = "person"
    credits_per_page = 100  # a prolific actor's thousands of credits come a page at a time

    def get_queryset(self):
        return Person.objects.published().with_own_citations()

    def filmography_page(self):
        """One page of the person's credits (``?page=``), with their claims; a page number
        that is not there shows the first page."""
        paginator = Paginator(self.object.filmography(), self.credits_per_page)
        page = paginator.get_page(self.request.GET.get("page"))
        page.object_list = list(page.object_list)
        prefetch_related_objects(page.object_list, claims_prefetch())
        return page

    def get_context_data(self, **kwargs):
        person = self.object
        films = person.filmography().values("film")
        collaborators = (
            Person.objects.published()
            .exclude(pk=person.pk)
            .filter(credits__film__in=films)
            .annotate(shared=Count("credits__film", distinct=True))
            .order_by("-shared", "name")[:12]
        )
        studios = (
            Studio.objects.published()
            .filter(pk__in_ids=studios_of(films))
            .annotate(shared=shared_films(FilmStudio.objects, "studio", films))
            .order_by("-shared", "name")
        )
        names = person.names.all()
        return super().get_context_data(
            filmography=self.filmography_page(),
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
