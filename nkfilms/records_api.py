"""JSON API for people, studios, festivals and sources, in the films API's envelope."""

from collections import Counter

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.urls import reverse

from catalog.claims import ROW
from catalog.models import Citation, Festival, Source
from coproductions.models import Partner, Studio
from people.models import Person

from .api import absolute, error, film_summary, linked, listing, row_citations
from .pages import ROW_QUERYSETS, record_of


def _item(request, record, url_name, api_name, key="slug", name="name"):
    return {
        key: getattr(record, key if key != "id" else "pk"),
        name: getattr(record, name),
        "url": absolute(request, record.get_absolute_url()),
        "api_url": absolute(
            request, reverse(api_name, args=[getattr(record, "pk" if key == "id" else key)])
        ),
    }


def people(request):
    return listing(
        request,
        Person.objects.published().order_by("name"),
        lambda p: _item(request, p, "person_detail", "api_person"),
    )


def studios(request):
    return listing(
        request,
        Studio.objects.published().order_by("name"),
        lambda s: _item(request, s, "studio_detail", "api_studio"),
    )


def festivals(request):
    return listing(
        request,
        Festival.objects.published().order_by("name"),
        lambda f: _item(request, f, "catalog:festival_detail", "api_festival"),
    )


def sources(request):
    return listing(
        request,
        Source.objects.order_by("slug"),
        lambda s: _item(request, s, "source_detail", "api_source", key="id", name="title"),
    )


def _json(data):
    from django.http import JsonResponse

    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def person(request, slug):
    person = Person.objects.published().with_citations().filter(slug=slug).first()
    if person is None:
        return error("not found", status=404)
    return _json(
        {
            "slug": person.slug,
            "name": person.name,
            "names": [
                {"name": n.name, "kind": n.kind, "citations": row_citations(request, n)}
                for n in person.names.all()
            ],
            "credits": [
                {
                    "film": film_summary(request, c.film),
                    "role": c.role,
                    "character": c.character,
                    "citations": row_citations(request, c),
                }
                for c in person.credits.all()
                if c.film.is_published
            ],
        }
    )


def studio(request, slug):
    studio = Studio.objects.published().with_citations().filter(slug=slug).first()
    if studio is None:
        return error("not found", status=404)
    films = {link.film_id for link in studio.film_roles.all()}
    partners = Counter()
    others = (
        Partner.objects.filter(coproduction__film__in=films, studio__isnull=False)
        .exclude(studio=studio)
        .select_related("studio", "coproduction")
    )
    seen = set()
    for partner in others:
        if (
            partner.studio.is_published
            and (partner.studio_id, partner.coproduction.film_id) not in seen
        ):
            seen.add((partner.studio_id, partner.coproduction.film_id))
            partners[partner.studio] += 1
    return _json(
        {
            "slug": studio.slug,
            "name": studio.name,
            "names": [{"name": n.name, "kind": n.kind} for n in studio.names.all()],
            "country": studio.country.code if studio.country else None,
            "films": [
                {
                    "film": film_summary(request, link.film),
                    "role": link.role,
                    "citations": row_citations(request, link),
                }
                for link in studio.film_roles.all()
                if link.film.is_published
            ],
            "partners": [
                {"studio": linked(request, other, "api_studio"), "films": count}
                for other, count in sorted(partners.items(), key=lambda p: (-p[1], p[0].name))
            ],
        }
    )


def festival(request, slug):
    festival = Festival.objects.published().with_citations().filter(slug=slug).first()
    if festival is None:
        return error("not found", status=404)
    return _json(
        {
            "slug": festival.slug,
            "name": festival.name,
            "entries": [
                {
                    "film": film_summary(request, entry.film),
                    "year": edition.year,
                    "award": entry.award,
                    "result": entry.result,
                    "citations": row_citations(request, entry),
                }
                for edition in festival.editions.all()
                for entry in edition.entries.all()
                if entry.film.is_published
            ],
        }
    )


def source(request, pk):
    source = Source.objects.filter(pk=pk).first()
    if source is None:
        return error("not found", status=404)
    citations = (
        Citation.objects.filter(source=source)
        .select_related("claim__content_type")
        .prefetch_related(GenericPrefetch("claim__subject", [qs.all() for qs in ROW_QUERYSETS]))
        .order_by("id")
    )
    claims = []
    for citation in citations:
        subject = citation.claim.subject
        if subject is None or not getattr(record_of(subject), "is_published", True):
            continue
        claims.append(
            {
                "record": {
                    "type": citation.claim.content_type.model,
                    "slug": getattr(subject, "slug", None),
                    "name": str(subject),
                },
                "field": citation.claim.field or ROW,
                "value": citation.claim.value,
                "locator": citation.locator,
                "quote": citation.quote,
            }
        )
    return _json(
        {
            "id": source.pk,
            "title": source.title,
            "authors": source.authors,
            "kind": source.kind,
            "date": source.date,
            "url": source.url,
            "claims": claims,
        }
    )
