"""GET /api/people/, /api/studios/, /api/festivals/, /api/sources/ and each record.

Drafts are invisible here as on the pages: the same querysets feed both."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator

from catalog.models import ROW, Festival, Source, public_citations, record_name
from coproductions.models import Studio
from people.models import Person
from search.keys import SearchField, matching
from search.query import BadQuery, page_of

from .answers import (
    envelope,
    film_summary,
    json_answer,
    linked,
    record_item,
    row_citations,
)
from .decorators import api_view, error


def listing(request, queryset, describe):
    """A record list: ?q= searches every name in any romanization, in pages of 50."""
    try:
        q = SearchField().clean(request.GET.get("q", ""))
    except ValidationError as refused:
        return error(f"q: {' '.join(refused.messages)}")
    if q:
        queryset = matching(queryset, q)
    try:
        page = page_of(Paginator(queryset, 50), request.GET.get("page", "1"))
    except BadQuery as bad:
        return error(bad.message)
    return json_answer(envelope(request, page, [describe(r) for r in page.object_list]))


def record_list(records, api_name, key="slug", name="name"):
    """A list endpoint: ``records()`` (a queryset, made per request) in the one envelope."""

    @api_view
    def view(request):
        describe = lambda record: record_item(request, record, api_name, key=key, name=name)  # noqa: E731
        return listing(request, records(), describe)

    return view


people = record_list(lambda: Person.objects.published().order_by("name"), "api:person")
studios = record_list(lambda: Studio.objects.published().order_by("name"), "api:studio")
festivals = record_list(lambda: Festival.objects.published().order_by("name"), "api:festival")
sources = record_list(
    lambda: Source.objects.published().order_by("slug"), "api:source", key="id", name="title"
)


@api_view
def person(request, slug):
    person = Person.objects.published().with_citations().filter(slug=slug).first()
    if person is None:
        return error("not found", status=404)
    return json_answer(
        {
            "slug": person.slug,
            "name": person.name,
            "names": [
                {
                    "name": n.name,
                    "kind": n.kind,
                    "romanization": n.romanization,
                    "citations": row_citations(request, n),
                }
                for n in person.names.all()
            ],
            "credits": [
                {
                    "film": film_summary(request, c.film),
                    "role": c.role,
                    "character": c.character,
                    "citations": row_citations(request, c),
                }
                for c in person.credits.all()  # public credits only (with_citations)
            ],
        }
    )


@api_view
def studio(request, slug):
    studio = Studio.objects.published().with_citations().filter(slug=slug).first()
    if studio is None:
        return error("not found", status=404)
    return json_answer(
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
                for link in studio.film_roles.all()  # public rows only (with_citations)
            ],
            "partners": [
                {"studio": linked(request, other, "api:studio"), "films": count}
                for other, count in studio.partner_studios()
            ],
        }
    )


@api_view
def festival(request, slug):
    festival = Festival.objects.with_public_facts().filter(slug=slug).first()
    if festival is None:
        return error("not found", status=404)
    return json_answer(
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
                for edition in festival.shown_editions()
                for entry in edition.entries.all()
            ],
        }
    )


@api_view
def source(request, pk):
    source = Source.objects.published().filter(pk=pk).first()
    if source is None:
        return error("not found", status=404)
    return json_answer(
        {
            "id": source.pk,
            "title": source.title,
            "authors": source.authors,
            "kind": source.kind,
            "date": source.date,
            "url": source.url,
            "claims": [
                {
                    "record": {
                        "type": record._meta.model_name,
                        "slug": record.slug,
                        "name": record_name(record),
                    },
                    "row": None if row is record else row.label_under_record(),
                    "field": citation.claim.field or ROW,
                    "value": citation.claim.value,
                    "locator": citation.locator,
                    "quote": citation.quote,
                }
                for citation, row, record in public_citations(source)
            ],
        }
    )
