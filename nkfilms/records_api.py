"""JSON API for people, studios, festivals and sources, in the films API's envelope.

Drafts are invisible here as on the pages: the same querysets and helpers feed both.
"""

from functools import wraps

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from catalog.claims import ROW
from catalog.models import Festival, Source
from catalog.views import published_festivals, shown_editions
from coproductions.models import Studio
from people.models import Person

from .api import absolute, error, film_summary, linked, listing, row_citations
from .pages import public_citations, record_name, row_label

READ_METHODS = ("GET", "HEAD")


def api_view(view):
    """An API endpoint: read-only, so any other method is a JSON 405 (and a POST is not
    asked for a CSRF token it could never have)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in READ_METHODS:
            response = error(f"method {request.method} not allowed: use GET", status=405)
            response["Allow"] = ", ".join(READ_METHODS)
            return response
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)


@api_view
def not_found(request, *args, **kwargs):
    """Any address under /api/ that names no endpoint or record."""
    return error("not found", status=404)


def _item(request, record, api_name, key="slug", name="name"):
    return {
        key: getattr(record, key if key != "id" else "pk"),
        name: getattr(record, name),
        "url": absolute(request, record.get_absolute_url()),
        "api_url": absolute(
            request, reverse(api_name, args=[getattr(record, "pk" if key == "id" else key)])
        ),
    }


def _json(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@api_view
def people(request):
    return listing(
        request,
        Person.objects.published().order_by("name"),
        lambda p: _item(request, p, "api_person"),
    )


@api_view
def studios(request):
    return listing(
        request,
        Studio.objects.published().order_by("name"),
        lambda s: _item(request, s, "api_studio"),
    )


@api_view
def festivals(request):
    return listing(
        request,
        Festival.objects.published().order_by("name"),
        lambda f: _item(request, f, "api_festival"),
    )


@api_view
def sources(request):
    return listing(
        request,
        Source.objects.order_by("slug"),
        lambda s: _item(request, s, "api_source", key="id", name="title"),
    )


@api_view
def person(request, slug):
    person = Person.objects.published().with_citations().filter(slug=slug).first()
    if person is None:
        return error("not found", status=404)
    return _json(
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
                for link in studio.film_roles.all()  # public rows only (with_citations)
            ],
            "partners": [
                {"studio": linked(request, other, "api_studio"), "films": count}
                for other, count in studio.partner_studios()
            ],
        }
    )


@api_view
def festival(request, slug):
    festival = published_festivals().filter(slug=slug).first()
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
                for edition in shown_editions(festival)
                for entry in edition.entries.all()
            ],
        }
    )


@api_view
def source(request, pk):
    source = Source.objects.filter(pk=pk).first()
    if source is None:
        return error("not found", status=404)
    return _json(
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
                    "row": None if row is record else row_label(row),
                    "field": citation.claim.field or ROW,
                    "value": citation.claim.value,
                    "locator": citation.locator,
                    "quote": citation.quote,
                }
                for citation, row, record in public_citations(source)
            ],
        }
    )
