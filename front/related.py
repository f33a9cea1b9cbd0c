"""What a record's page shows beside it: the films, people and studios it shares most with.

Each is counted through the candidate's own rows (one index look-up per candidate, in a
subquery), not by joining every film's credits: a page costs the same whether the record
shares one film or thousands.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from catalog.models import Film
from coproductions.models import FilmStudio, Partner
from people.models import Credit
from search import lookups  # noqa: F401  (registers __in_ids)


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


def studios_of(films):
    """The ids of the studios that made or co-produced any of ``films``: one query."""
    made = FilmStudio.objects.filter(film__in=films).values_list("studio", flat=True)
    partnered = Partner.objects.filter(coproduction__film__in=films, studio__isnull=False)
    return set(made.order_by().union(partnered.values_list("studio", flat=True).order_by()))
