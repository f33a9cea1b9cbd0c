"""Pages that follow links across apps: people, studios, sources, and the co-productions story.

Each page runs a fixed number of queries, whatever the number of credits or citations.
"""

import math
from collections import Counter, defaultdict

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from catalog.bibliography import bibtex, bibtex_key, csl_json, ris
from catalog.models import (
    Citation,
    FestivalEdition,
    FestivalEntry,
    Film,
    FilmTitle,
    ShootingLocation,
    Source,
)
from catalog.views import CitablePageMixin, MergedRedirectMixin
from coproductions.models import CoProduction, FilmStudio, Partner, Studio, StudioName
from people.models import Credit, Person, PersonName


class PersonDetailView(MergedRedirectMixin, CitablePageMixin, DetailView):
    model = Person
    template_name = "people/person_detail.html"
    context_object_name = "person"
    citation_kind = "person"

    def get_queryset(self):
        return Person.objects.published().with_citations()

    def get_context_data(self, **kwargs):
        person = self.object
        films = {c.film_id for c in person.credits.all() if c.film.is_published}
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
        return super().get_context_data(collaborators=collaborators, studios=studios, **kwargs)

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


def films_of(studio):
    """Published films a studio made, served, or partnered in (from prefetched rows)."""
    return {link.film_id for link in studio.film_roles.all()} | {
        p.coproduction.film_id for p in studio.partnerships.all()
    }


class StudioDetailView(MergedRedirectMixin, CitablePageMixin, DetailView):
    model = Studio
    template_name = "coproductions/studio_detail.html"
    context_object_name = "studio"
    citation_kind = "studio"

    def get_queryset(self):
        return (
            Studio.objects.published()
            .with_citations()
            .select_related("parent")
            .prefetch_related("units", "parent__units", "partnerships__coproduction")
        )

    def get_context_data(self, **kwargs):
        studio = self.object
        films = films_of(studio)
        people = (
            Person.objects.published()
            .filter(credits__film__in=films, credits__film__status="published")
            .annotate(shared=Count("credits__film", distinct=True))
            .order_by("-shared", "name")[:24]
        )
        partner_films = defaultdict(set)
        for link in FilmStudio.objects.filter(film__in=films).exclude(studio=studio):
            partner_films[link.studio_id].add(link.film_id)
        partner_countries = defaultdict(set)
        for partner in Partner.objects.filter(coproduction__film__in=films).select_related(
            "coproduction"
        ):
            if partner.studio_id and partner.studio_id != studio.pk:
                partner_films[partner.studio_id].add(partner.coproduction.film_id)
            if partner.country_id:
                partner_countries[partner.country_id].add(partner.coproduction.film_id)
        partners = Studio.objects.published().filter(pk__in=partner_films)
        countries = {
            c.pk: c
            for c in studio._meta.get_field("country").related_model.objects.filter(
                pk__in=partner_countries
            )
        }
        return super().get_context_data(
            people=people,
            partners=sorted(
                ((s, len(partner_films[s.pk])) for s in partners), key=lambda p: (-p[1], p[0].name)
            ),
            partner_countries=sorted(
                ((countries[pk], len(f)) for pk, f in partner_countries.items()),
                key=lambda p: (-p[1], p[0].name),
            ),
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
        if studio.parent:
            data["parentOrganization"] = {"@type": "Organization", "name": studio.parent.name}
        return data


# The rows a source can be cited for, with what their labels and links need.
ROW_QUERYSETS = [
    Film.objects.all(),
    Person.objects.all(),
    Studio.objects.all(),
    Credit.objects.select_related("film", "person"),
    FilmTitle.objects.select_related("film"),
    ShootingLocation.objects.select_related("film"),
    FestivalEntry.objects.select_related("film", "edition__festival"),
    FestivalEdition.objects.select_related("festival"),
    PersonName.objects.select_related("person"),
    StudioName.objects.select_related("studio"),
    FilmStudio.objects.select_related("film", "studio"),
    CoProduction.objects.select_related("film"),
    Partner.objects.select_related("coproduction__film", "studio", "country"),
]


def record_of(subject):
    """The public record a cited row belongs to (a credit belongs to its film)."""
    for name in ("film", "person", "studio", "festival"):
        owner = getattr(subject, name, None)
        if owner is not None and not isinstance(subject, Film | Person | Studio):
            return owner
    if isinstance(subject, Partner):
        return subject.coproduction.film
    if isinstance(subject, FestivalEdition):
        return subject.festival
    return subject


class SourceDetailView(CitablePageMixin, DetailView):
    template_name = "catalog/source_detail.html"
    context_object_name = "source"
    model = Source
    citation_kind = "source"

    def get_context_data(self, **kwargs):
        citations = (
            Citation.objects.filter(source=self.object)
            .select_related("claim__content_type")
            .prefetch_related(GenericPrefetch("claim__subject", [qs.all() for qs in ROW_QUERYSETS]))
            .order_by("id")
        )
        groups = {}
        for citation in citations:
            subject = citation.claim.subject
            if subject is None:
                continue
            record = record_of(subject)
            if not getattr(record, "is_published", True):
                continue
            groups.setdefault(record, []).append((subject, citation))
        return super().get_context_data(
            groups=sorted(groups.items(), key=lambda g: (type(g[0]).__name__, str(g[0]))),
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
        response = HttpResponse(ris(source), content_type="application/x-research-info-systems")
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

NORTH_KOREA = "KP"


def timeline(coproductions, width=880, row_height=46):
    """Marks for an SVG timeline: one row per partner country, one mark per film and year."""
    rows = defaultdict(list)
    for coproduction in coproductions:
        film = coproduction.film
        for country in {p.country for p in coproduction.partners.all() if p.country}:
            if country.code != NORTH_KOREA and film.year:
                rows[country].append(film)
    years = [f.year for films in rows.values() for f in films]
    if not years:
        return None
    first, last = min(years) - 1, max(years) + 1
    left, right = 150, 30
    span = max(last - first, 1)

    def x(year):
        return left + (year - first) * (width - left - right) / span

    marks, labels = [], []
    for index, (country, films) in enumerate(sorted(rows.items(), key=lambda r: r[0].name)):
        y = 30 + index * row_height
        labels.append({"y": y, "name": country.name, "count": len(films)})
        per_year = Counter()
        for film in sorted(films, key=lambda f: (f.year, f.title)):
            offset = per_year[film.year] * 12
            per_year[film.year] += 1
            marks.append(
                {
                    "x": round(x(film.year), 1),
                    "y": y + offset,
                    "film": film,
                    "country": country.name,
                }
            )
    ticks = [
        {"x": round(x(year), 1), "year": year} for year in range(first + 1, last) if year % 5 == 0
    ]
    height = 30 + len(rows) * row_height + 20
    return {
        "marks": marks,
        "labels": labels,
        "ticks": ticks,
        "width": width,
        "height": height,
        "axis_y": height - 18,
    }


def network(coproductions, size=520, margin=170):
    """Studios linked by the films they made together, laid out on a circle."""
    films_by_studio = defaultdict(set)
    for coproduction in coproductions:
        for partner in coproduction.partners.all():
            if partner.studio and partner.studio.is_published:
                films_by_studio[partner.studio].add(coproduction.film)
        for link in coproduction.film.studio_roles.all():
            if link.studio.is_published:
                films_by_studio[link.studio].add(coproduction.film)
    studios = sorted(films_by_studio, key=lambda s: s.name)
    edges = []
    for i, a in enumerate(studios):
        for b in studios[i + 1 :]:
            shared = sorted(films_by_studio[a] & films_by_studio[b], key=lambda f: f.year or 0)
            if shared:
                edges.append({"a": a, "b": b, "films": shared})
    linked = sorted({s for e in edges for s in (e["a"], e["b"])}, key=lambda s: s.name)
    if not linked:
        return None
    centre, radius = size / 2, size / 2 - 60
    position = {}
    nodes = []
    for index, studio in enumerate(linked):
        angle = 2 * math.pi * index / len(linked) - math.pi / 2
        px = margin + centre + radius * math.cos(angle)
        py = centre + radius * math.sin(angle)
        position[studio] = (round(px, 1), round(py, 1))
        nodes.append(
            {
                "studio": studio,
                "x": position[studio][0],
                "y": position[studio][1],
                "anchor": "start"
                if math.cos(angle) > 0.1
                else "end"
                if math.cos(angle) < -0.1
                else "middle",
                "lx": round(px + 12 * math.cos(angle), 1),
                "ly": round(py + 12 * math.sin(angle) + 4, 1),
                "films": len(films_by_studio[studio]),
            }
        )
    for edge in edges:
        edge["x1"], edge["y1"] = position[edge["a"]]
        edge["x2"], edge["y2"] = position[edge["b"]]
    return {"nodes": nodes, "edges": edges, "width": size + 2 * margin, "height": size}


class CoproductionsView(TemplateView):
    """/coproductions/: every co-production by partner country, as data and as pictures."""

    template_name = "coproductions/overview.html"

    def get_context_data(self, **kwargs):
        coproductions = list(
            CoProduction.objects.filter(film__status="published")
            .select_related("film")
            .prefetch_related(
                "partners__studio",
                "partners__country",
                "film__studio_roles__studio",
            )
            .order_by("film__year", "film__title")
        )
        by_country = defaultdict(list)
        for coproduction in coproductions:
            countries = {p.country for p in coproduction.partners.all() if p.country}
            for country in countries - {c for c in countries if c.code == NORTH_KOREA} or {None}:
                by_country[country].append(coproduction)
        return super().get_context_data(
            coproductions=coproductions,
            by_country=sorted(
                by_country.items(),
                key=lambda item: (item[0] is None, item[0].name if item[0] else ""),
            ),
            timeline=timeline(coproductions),
            network=network(coproductions),
            **kwargs,
        )
