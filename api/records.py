"""GET /api/v1/people/, studios/, festivals/, sources/ and each record.

Drafts are invisible here as on the pages: the same querysets and model methods feed both."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from ninja import Router

from catalog.models import (
    ROW,
    Festival,
    MergedSlug,
    Source,
    claims_prefetch,
    public_citations,
    record_name,
)
from coproductions.models import Studio
from people.models import Person
from search.keys import SearchField, matching
from search.query import BadQuery, page_of

from . import schemas
from .answers import (
    absolute,
    api_url,
    cited,
    country,
    envelope,
    field_claims,
    film_summary,
    linked,
    source_ref,
)
from .parameters import record_parameters

router = Router(tags=["people, studios, festivals and sources"])
ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}
PAGE_SIZE = 50


def listing(request, queryset, describe):
    """A record list: ?q= searches every name in any romanization, in pages of 50."""
    try:
        q = SearchField().clean(request.GET.get("q", ""))
    except ValidationError as refused:
        raise BadQuery("q", f"q: {' '.join(refused.messages)}") from None
    if q:
        queryset = matching(queryset, q)
    page = page_of(Paginator(queryset, PAGE_SIZE), request.GET.get("page", "1"))
    return envelope(request, page, [describe(record) for record in page.object_list])


def summary(request, record):
    """What every list gives of a record: its name and its two addresses."""
    return {
        "slug": record.slug,
        "name": record.name,
        "url": absolute(request, record.get_absolute_url()),
        "api_url": api_url(request, record._meta.model_name, record.slug),
    }


def list_operation(path, name, response, summary_text):
    return router.get(
        path,
        response={200: response, **ERRORS},
        url_name=name,
        operation_id=f"list_{name}",
        summary=summary_text,
        openapi_extra={"parameters": record_parameters()},
    )


@list_operation("people/", "people", schemas.PersonList, "People, found by any of their names")
def people(request):
    return listing(
        request,
        Person.objects.published().for_list().order_by("name"),
        lambda person: {
            **summary(request, person),
            "hangul_name": person.hangul_name,
            "nationality": country(person.nationality),
        },
    )


@list_operation("studios/", "studios", schemas.StudioList, "Studios and organisations")
def studios(request):
    return listing(
        request,
        Studio.objects.published().for_list().order_by("name"),
        lambda studio: {
            **summary(request, studio),
            "kind": studio.kind,
            "city": studio.city,
            "country": country(studio.country),
        },
    )


@list_operation("festivals/", "festivals", schemas.FestivalList, "Festivals")
def festivals(request):
    return listing(
        request,
        Festival.objects.published().select_related("country").order_by("name"),
        lambda festival: {
            **summary(request, festival),
            "city": festival.city,
            "country": country(festival.country),
        },
    )


@list_operation("sources/", "sources", schemas.SourceList, "Sources, by title or author")
def sources(request):
    return listing(
        request,
        Source.objects.order_by("slug"),
        lambda source: {
            "id": source.pk,
            "title": source.title,
            "authors": source.authors,
            "kind": source.kind,
            "date": source.date,
            "url": absolute(request, source.get_absolute_url()),
            "api_url": api_url(request, "source", source.pk),
        },
    )


def merged_or_missing(request, model, slug):
    """A record merged into another: its old address redirects there permanently, as its
    page does; else a 404."""
    target = MergedSlug.target(model, slug)
    if target is None or not target.is_published:
        raise Http404
    return HttpResponsePermanentRedirect(api_url(request, model._meta.model_name, target.slug))


def detail_operation(path, name, response, summary_text, merged=False):
    """A record's answer; ``merged``: records that can be merged away (301 to the survivor)."""
    return router.get(
        path,
        response={200: response, **({301: None} if merged else {}), **ERRORS},
        url_name=name,
        operation_id=f"get_{name}",
        summary=summary_text,
    )


@detail_operation(
    "people/{slug}/", "person", schemas.Person, "A person, with every fact cited", merged=True
)
def person(request, slug: str):
    person = Person.objects.published().with_citations().filter(slug=slug).first()
    if person is None:
        return merged_or_missing(request, Person, slug)
    return {
        **summary(request, person),
        "hangul_name": person.hangul_name,
        "birth_year": person.birth_year,
        "death_year": person.death_year,
        "nationality": country(person.nationality),
        "bio": person.bio,
        "names": [
            {
                "name": n.name,
                "kind": n.kind,
                "language": n.language,
                "romanization": n.romanization,
                **cited(request, n),
            }
            for n in person.names.all()
        ],
        "credits": [
            {
                "film": film_summary(request, c.film),
                "role": c.role,
                "character": c.character,
                "credited_as": c.credited_as,
                "uncredited": c.uncredited,
                **cited(request, c),
            }
            for c in person.credits.all()  # public credits only (with_citations)
        ],
        **cited(request, person),
    }


@detail_operation(
    "studios/{slug}/", "studio", schemas.Studio, "A studio, with every fact cited", merged=True
)
def studio(request, slug: str):
    studio = (
        Studio.objects.published()
        .with_citations()
        .prefetch_related(
            Prefetch(
                "units", queryset=Studio.objects.published().prefetch_related(claims_prefetch())
            )
        )
        .filter(slug=slug)
        .first()
    )
    if studio is None:
        return merged_or_missing(request, Studio, slug)
    parent = studio.public_parent
    return {
        **summary(request, studio),
        "kind": studio.kind,
        "country": studio.country.code if studio.country else None,
        "country_name": studio.country.name if studio.country else None,
        "city": studio.city,
        "founded": studio.founded,
        "dissolved": studio.dissolved,
        "parent": linked(request, parent, "api:studio") if parent else None,
        "units": [
            {
                "studio": linked(request, unit, "api:studio"),
                "claims": {"parent": field_claims(request, unit).get("parent", [])},
            }
            for unit in studio.units.all()
        ],
        "notes": studio.notes,
        "names": [
            {
                "name": n.name,
                "kind": n.kind,
                "language": n.language,
                "start_year": n.start_year,
                "end_year": n.end_year,
                **cited(request, n),
            }
            for n in studio.names.all()
        ],
        "films": [
            {"film": film_summary(request, link.film), "role": link.role, **cited(request, link)}
            for link in studio.film_roles.all()  # public rows only (with_citations)
        ],
        "partners": [
            {"studio": linked(request, other, "api:studio"), "films": count}
            for other, count in studio.partner_studios()
        ],
        "partner_countries": [
            {"country": country(place), "films": count}
            for place, count in studio.partner_countries()
        ],
        **cited(request, studio),
    }


@detail_operation(
    "festivals/{slug}/", "festival", schemas.Festival, "A festival, its editions and entries"
)
def festival(request, slug: str):
    festival = Festival.objects.with_public_facts().filter(slug=slug).first()
    if festival is None:
        raise Http404
    editions = festival.shown_editions()
    return {
        **summary(request, festival),
        "city": festival.city,
        "country": country(festival.country),
        "founded": festival.founded,
        "editions": [{"year": edition.year, **cited(request, edition)} for edition in editions],
        "entries": [
            {
                "film": film_summary(request, entry.film),
                "year": edition.year,
                "section": entry.section,
                "premiere": entry.premiere,
                "award": entry.award,
                "result": entry.result,
                **cited(request, entry),
            }
            for edition in editions
            for entry in edition.entries.all()
        ],
        **cited(request, festival),
    }


def cited_record(request, record):
    kind = record._meta.model_name
    return {
        "type": kind,
        "slug": record.slug,
        "name": record_name(record),
        "url": absolute(request, record.get_absolute_url()),
        "api_url": api_url(request, kind, record.slug),
    }


@detail_operation(
    "sources/{int:pk}/", "source", schemas.Source, "A source, and every public claim it supports"
)
def source(request, pk: int):
    source = Source.objects.filter(pk=pk).first()
    if source is None:
        raise Http404
    ref = source_ref(request, source)
    return {
        "id": source.pk,
        "slug": source.slug,
        "title": source.title,
        "authors": source.authors,
        "kind": source.kind,
        "container": source.container,
        "publisher": source.publisher,
        "place": source.place,
        "date": source.date,
        "year": source.year,
        "pages": source.pages,
        "isbn": source.isbn,
        "language": source.language,
        "notes": source.notes,
        "url": source.url,
        "page_url": ref["url"],
        "api_url": ref["api_url"],
        "claims": [
            {
                "record": cited_record(request, record),
                "row": None if row is record else row.label_under_record(),
                "field": citation.claim.field or ROW,
                "value": citation.claim.value,
                "rank": citation.claim.rank,
                "note": citation.claim.note,
                "locator": citation.locator,
                "quote": citation.quote,
                "citation_note": citation.note,
            }
            for citation, row, record in public_citations(source)
        ],
    }
