"""What a record's page shows beside it: the films, people and studios it shares most with.

Each is counted through the candidate's own rows (one index look-up per candidate, in a
subquery), not by joining every film's credits: a page costs the same whether the record
shares one film or thousands.
"""

from collections import Counter

from django.db.models import Count, IntegerField, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce

from catalog.models import Film, Status
from coproductions.models import FilmStudio, Partner, Studio
from people.models import Credit, Person


def count_through(rows, outer, counted, among):
    """For each record of the outer query: how many distinct ``counted`` among ``among``
    its ``rows`` (which link it by ``outer``) reach."""
    reached = (
        rows.filter(**{outer: OuterRef("pk"), f"{counted}__in": among})
        .values(outer)
        .annotate(n=Count(counted, distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(reached, output_field=IntegerField()), 0)


def related_films(film, people, studios, limit=8):
    """The published films that share most people, then most studios, with ``film``."""
    sharing = [  # one query: the films that share a person or a studio
        Credit.objects.filter(person__in=people).values_list("film", flat=True).order_by(),
        FilmStudio.objects.filter(studio__in=studios).values_list("film", flat=True).order_by(),
    ]
    candidates = set(sharing[0].union(sharing[1])) - {film.pk}
    return (
        Film.objects.published()
        .for_list()
        .filter(pk__in_ids=candidates)
        .annotate(
            shared_people=count_through(Credit.objects, "film", "person", people),
            shared_studios=count_through(FilmStudio.objects, "film", "studio", studios),
        )
        .order_by("-shared_people", "-shared_studios", "title", "slug")[:limit]
    )


def studios_on(films):
    """The published studios that had a part in or partnered on any of ``films`` (ids), each
    with ``shared``: on how many of them (as the studio facet counts a studio's films), most
    first, then by name: two queries."""
    made = FilmStudio.objects.filter(film__in_ids=films).values_list("studio", "film")
    partnered = Partner.objects.filter(
        coproduction__film__in_ids=films, studio__isnull=False
    ).values_list("studio", "coproduction__film")
    shared = Counter(studio for studio, _ in made.order_by().union(partnered.order_by()))
    studios = list(Studio.objects.published().filter(pk__in_ids=shared))
    for studio in studios:
        studio.shared = shared[studio.pk]
    return sorted(studios, key=lambda studio: (-studio.shared, studio.name))


def people_on(films, limit, excluding=None):
    """The published people credited on most of ``films`` (ids), most first, then by name,
    each with ``shared``: their credits counted first, then joined to the people (a studio
    with thousands of films has thousands of people: counting each one's films one by one
    was the page's slowest query)."""
    counted = list(
        Credit.objects.filter(film__in_ids=films, person__status=Status.PUBLISHED)
        .exclude(person=excluding)
        .values("person")
        .annotate(shared=Count("film", distinct=True), name=Max("person__name"))
        .order_by("-shared", "name", "person")[:limit]
    )
    people = Person.objects.in_bulk([row["person"] for row in counted])
    for row in counted:
        people[row["person"]].shared = row["shared"]
    return [people[row["person"]] for row in counted]
