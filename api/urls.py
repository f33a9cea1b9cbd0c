"""Everything under /api/: version 1, and the addresses from before it.

- ``/api/v1/…``: the API (``api.v1``), every address read-only (a JSON 405 for any method
  but GET and HEAD), and a JSON 404 for any other address under it;
- ``/api/…`` (the addresses before v1): a permanent redirect to the same address under
  ``/api/v1/``, query string kept (301 for GET and HEAD, 308 for any other method, so a
  client's method is kept and answered by v1).
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import is_valid_path, path, re_path
from django.utils.encoding import escape_uri_path
from django.views.decorators.csrf import csrf_exempt

from .decorators import api_view, not_found
from .v1 import api

VERSION = "v1/"


def read_only(urls):
    """ninja's URL patterns, each view wrapped in ``api_view`` (JSON 405 for writes)."""
    patterns, app_name, namespace = urls
    for pattern in patterns:
        pattern.callback = api_view(pattern.callback)
    return patterns, app_name, namespace


class PermanentRedirect(HttpResponsePermanentRedirect):
    """301, or 308 for a method that a 301 would let the client change to GET."""

    def __init__(self, to, method):
        super().__init__(to)
        if method not in ("GET", "HEAD"):
            self.status_code = 308


@csrf_exempt
def to_v1(request, rest=""):
    """An address from before v1: the same one under /api/v1/, at once with its slash if
    only that one exists (so /api/people goes straight to /api/v1/people/)."""
    target = f"/api/{VERSION}{rest}"
    if not target.endswith("/") and not is_valid_path(target) and is_valid_path(target + "/"):
        target += "/"
    location = escape_uri_path(target)  # a newline or a space cannot break the header
    if query := request.META.get("QUERY_STRING", ""):
        location += "?" + query
    return PermanentRedirect(location, request.method)


urlpatterns = [
    path(VERSION, read_only(api.urls)),
    # Any other address under v1/ is a JSON 404 (only those ending in a slash, so that
    # APPEND_SLASH still redirects /api/v1/people there); [\s\S]: a newline too.
    re_path(r"^v1/([\s\S]*/)?$", not_found),
    re_path(r"^(?P<rest>(?!v1(?:/|$))[\s\S]*)$", to_v1),
]
