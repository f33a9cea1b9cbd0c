"""/api/v1/: the JSON API on django-ninja, its OpenAPI schema and its docs page.

Every error is the one envelope ``{"error": …}``: 400 naming the parameter (the search's
own wording, ``search.query.BadQuery``), 404, 405 (``decorators.api_view``, around every
address) and 429 with ``Retry-After`` for an anonymous client asking faster than
``NKFILMS_API_REQUESTS_PER_MINUTE``.
"""

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.renderers import JSONRenderer
from ninja.throttling import AnonRateThrottle

from search.query import BadQuery

from . import films, records, schemas
from .answers import absolute

DESCRIPTION = """A curated, citation-backed database of North Korean cinema, read-only.

Every fact a record's page shows is in its answer, and every cited fact carries its claims:
each value the sources give (`value`), its `rank` (one `preferred` per field; `normal`,
`deprecated`), a `note` saying why, and its `citations` (source, locator, short quote). A fact
with a value and no citation is listed in `citation_needed`. Drafts never appear.

Errors are `{"error": "…"}`: 400 names the parameter, 404, 405 for any method but GET and
HEAD, 429 (with `Retry-After`) when a client asks faster than the site allows."""


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Hangul as Hangul, as before v1


class ClientThrottle(AnonRateThrottle):
    """Requests per minute per client address, read from the settings on each request (so a
    change of NKFILMS_API_REQUESTS_PER_MINUTE needs no restart in tests); 0: no limit."""

    def __init__(self):
        super().__init__(rate="1/m")

    def allow_request(self, request):
        limit = settings.NKFILMS_API_REQUESTS_PER_MINUTE
        if limit <= 0:
            return True
        self.rate = f"{limit}/m"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


api = NinjaAPI(
    title="nkfilms",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    renderer=Renderer(),
    throttle=[ClientThrottle()],
)
api.add_router("", films.router)
api.add_router("", records.router)


@api.exception_handler(BadQuery)
def bad_query(request, exc):
    return api.create_response(request, {"error": exc.message}, status=400)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    """A parameter ninja itself refuses (a path value): named, as the search names its own."""
    first = exc.errors[0] if exc.errors else {}
    name = first.get("loc", ("", "request"))[-1]
    return api.create_response(request, {"error": f"{name}: {first.get('msg', '')}"}, status=400)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"error": "not found"}, status=404)


@api.exception_handler(Throttled)
def throttled(request, exc):
    limit = settings.NKFILMS_API_REQUESTS_PER_MINUTE
    message = f"too many requests: at most {limit} a minute; wait and try again (Retry-After)"
    return api.create_response(request, {"error": message}, status=429)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"error": exc.message}, status=exc.status_code)


@api.get(
    "",
    response={200: schemas.Index, 429: schemas.Error},
    url_name="index",
    operation_id="index",
    summary="Where everything is",
)
def index(request):
    """The lists, the OpenAPI schema and its docs page."""
    names = {"openapi": "openapi-json", "docs": "openapi-view"}
    links = {key: absolute(request, reverse(f"api:{name}")) for key, name in names.items()}
    for name in ("films", "people", "studios", "festivals", "sources"):
        links[name] = absolute(request, reverse(f"api:{name}"))
    return links
