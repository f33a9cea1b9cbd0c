"""Pages that follow links across apps: people, studios, sources, and the co-productions story.

Each page runs a fixed number of queries, whatever the number of credits or citations, and
shows only what a visitor may see: published records, and rows whose records are all
published (``catalog.visibility``).
"""

from operator import attrgetter

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from catalog.bibliography import bibtex, bibtex_key, csl_json, ris
from catalog.models import (
    Citation,
    Festival,
    FestivalEdition,
    FestivalEntry,
    Film,
    FilmTitle,
    ShootingLocation,
    Source,
    claims_prefetch,
)
from catalog.views import CitablePageMixin, FootnotesMixin, MergedRedirectMixin
from catalog.visibility import public_q
from coproductions.charts import network, partner_countries, timeline
from coproductions.eras import ERAS, ESSAY, era_of
from coproductions.models import CoProduction, FilmStudio, Partner, Studio, StudioName
from people.models import Credit, Person, PersonName


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


class StudioDetailView(MergedRedirectMixin, CitablePageMixin, DetailView):
    model = Studio
    template_name = "coproductions/studio_detail.html"
    context_object_name = "studio"

    def get_queryset(self):
        return (
            Studio.objects.published()
            .with_citations()
            .prefetch_related(
                Prefetch(
                    "units",
                    queryset=Studio.objects.published().prefetch_related(claims_prefetch()),
                ),
                Prefetch("parent__units", queryset=Studio.objects.published()),
            )
        )

    def get_context_data(self, **kwargs):
        studio = self.object
        parent = studio.public_parent
        people = (
            Person.objects.published()
            .filter(credits__film__in=studio.published_films().values("pk"))
            .annotate(shared=Count("credits__film", distinct=True))
            .order_by("-shared", "name")[:24]
        )
        return super().get_context_data(
            parent=parent,
            other_units=[u for u in parent.units.all() if u.pk != studio.pk] if parent else [],
            films_by_role=studio.films_by_role(),
            people=people,
            partners=studio.partner_studios(),
            partner_countries=studio.partner_countries(),
            **kwargs,
        )

    def jsonld(self, url):
        studio = self.object
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": studio.name,
            "url": url,
            "alternateName": [n.name for n in studio.names.all()],
        }
        if studio.founded:
            data["foundingDate"] = str(studio.founded)
        if studio.city or studio.country:
            data["location"] = ", ".join(x for x in (studio.city, str(studio.country or "")) if x)
        if studio.public_parent:
            data["parentOrganization"] = {
                "@type": "Organization",
                "name": studio.public_parent.name,
            }
        return data


# --------------------------------------------------------------------------------------
# Sources: every claim that cites one, under the record whose page shows it
# --------------------------------------------------------------------------------------

# What a source can be cited for, as a visitor may see it (published records, and rows whose
# records are all published; the others come back as None), with the path from each row to
# the record whose page shows it: a credit's claims show on its film's page.
CITED_ROWS = [
    (Film.objects.published(), ""),
    (Person.objects.published(), ""),
    (Studio.objects.published(), ""),
    (Festival.objects.published(), ""),
    (FilmTitle.objects.filter(public_q(FilmTitle)).select_related("film"), "film"),
    (ShootingLocation.objects.filter(public_q(ShootingLocation)).select_related("film"), "film"),
    (Credit.objects.public().select_related("film", "person"), "film"),
    (FilmStudio.objects.public().select_related("film", "studio"), "film"),
    (CoProduction.objects.public().select_related("film"), "film"),
    (
        Partner.objects.public().select_related("coproduction__film", "studio", "country"),
        "coproduction.film",
    ),
    (
        FestivalEntry.objects.filter(public_q(FestivalEntry)).select_related(
            "film", "edition__festival"
        ),
        "film",
    ),
    (
        FestivalEdition.objects.filter(public_q(FestivalEdition)).select_related("festival"),
        "festival",
    ),
    (PersonName.objects.public().select_related("person"), "person"),
    (StudioName.objects.public().select_related("studio"), "studio"),
]
RECORD_PATHS = {queryset.model: path for queryset, path in CITED_ROWS}
RECORD_KINDS = ["films", "people", "studios", "festivals"]  # their order on the page


def record_of(row):
    """The record whose page shows a cited row: a credit, title or partner → its film."""
    path = RECORD_PATHS.get(type(row), "")
    return attrgetter(path)(row) if path else row


def record_name(record):
    return record.title if isinstance(record, Film) else record.name


def row_label(row):
    """What a cited row says, for a reader who sees it under its record's heading."""
    if row is record_of(row):
        return "the record itself"
    if isinstance(row, Partner):
        return f"partner in {row.coproduction.film.title}: {row}"
    return str(row)


def public_citations(source):
    """The source's citations of what a visitor may see, as (citation, row, record) triples,
    in three queries plus one per kind of cited row."""
    citations = (
        Citation.objects.filter(source=source)
        .select_related("claim__content_type")
        .prefetch_related(
            GenericPrefetch("claim__subject", [queryset.all() for queryset, _ in CITED_ROWS])
        )
        .order_by("id")
    )
    for citation in citations:
        row = citation.claim.subject
        if row is not None:  # a draft, a row linking a draft, or a deleted row
            yield citation, row, record_of(row)


class SourceDetailView(CitablePageMixin, DetailView):
    template_name = "catalog/source_detail.html"
    context_object_name = "source"
    model = Source

    def get_citation_title(self):
        return self.object.title

    def get_context_data(self, **kwargs):
        groups = {}
        for citation, row, record in public_citations(self.object):
            groups.setdefault(record, []).append((citation, row_label(row)))
        kinds = {}
        for record in sorted(groups, key=lambda r: record_name(r).casefold()):
            kinds.setdefault(record._meta.verbose_name_plural, []).append(
                {
                    "record": record,
                    "anchor": f"{record._meta.model_name}-{record.slug}",
                    "items": groups[record],
                }
            )
        return super().get_context_data(
            kinds=sorted(kinds.items(), key=lambda kind: RECORD_KINDS.index(kind[0])),
            record_total=len(groups),
            citation_total=sum(len(items) for items in groups.values()),
            **kwargs,
        )

    def jsonld(self, url):
        source = self.object
        return {
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "name": source.title,
            "author": [{"@type": "Person", "name": a} for a in source.authors],
            "datePublished": source.date or None,
            "url": source.url or url,
        }


def source_export(request, pk, fmt):
    source = get_object_or_404(Source, pk=pk)
    if fmt == "bib":
        response = HttpResponse(bibtex(source), content_type="application/x-bibtex; charset=utf-8")
    elif fmt == "ris":
        response = HttpResponse(
            ris(source), content_type="application/x-research-info-systems; charset=utf-8"
        )
    elif fmt == "json":
        response = JsonResponse(
            csl_json(source), safe=False, json_dumps_params={"indent": 2, "ensure_ascii": False}
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{bibtex_key(source)}.{fmt}"'
    return response


# --------------------------------------------------------------------------------------
# The co-productions story
# --------------------------------------------------------------------------------------


def era_citations(eras):
    """The essay's citation for each era (unsaved: they are this page's, not a claim's)."""
    essay = Source.objects.filter(slug=ESSAY).first()
    if essay is None:
        return {}
    return {era: Citation(source=essay, locator=era.locator, quote=era.quote) for era in eras}


class CoproductionsView(FootnotesMixin, TemplateView):
    """/coproductions/: every co-production by partner country and era, as data and as
    pictures."""

    template_name = "coproductions/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        coproductions = list(
            CoProduction.objects.public()
            .select_related("film")
            .prefetch_related(
                Prefetch(
                    "partners",
                    queryset=Partner.objects.public().select_related("studio", "country"),
                ),
                Prefetch(
                    "film__studio_roles",
                    queryset=FilmStudio.objects.public().select_related("studio"),
                ),
            )
            .order_by("film__year", "film__title")
        )
        coproductions.sort(key=lambda c: (c.film.year is None, c.film.year or 0, c.film.title))
        for coproduction in coproductions:
            coproduction.era = era_of(coproduction.film.year)
        by_country = {}
        for coproduction in coproductions:
            for country in partner_countries(coproduction) or [None]:
                by_country.setdefault(country, []).append(coproduction)
        citations = era_citations(ERAS)
        notes = context["footnotes"]
        eras = [
            {
                "era": era,
                "numbers": notes.numbers([citations[era]]) if era in citations else [],
                "coproductions": [c for c in coproductions if c.era == era],
            }
            for era in ERAS
        ]
        context.update(
            eras=eras,
            undated=[c for c in coproductions if c.era is None],
            by_country=sorted(
                by_country.items(), key=lambda item: (item[0] is None, getattr(item[0], "name", ""))
            ),
            timeline=timeline(coproductions),
            network=network(coproductions),
        )
        return context
