"""One error envelope for every answer under /api/ (and the exports): JSON, never HTML.

400 {"error": "…"} naming the bad parameter, 404 {"error": "not found"}, 405 for any method
but GET and HEAD, 429 when a client asks too fast."""

from functools import wraps

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

READ_METHODS = ("GET", "HEAD")


def error(message, status=400):
    return JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def api_view(view):
    """An API endpoint: read-only, so any other method is a JSON 405 (and a POST is not
    asked for a CSRF token it could never have). A HEAD is answered as a GET (the server
    sends the headers only)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in READ_METHODS:
            response = error(f"method {request.method} not allowed: use GET", status=405)
            response["Allow"] = ", ".join(READ_METHODS)
            return response
        if request.method == "HEAD":
            request.method = "GET"  # the operations are declared for GET
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)


@api_view
def not_found(request, *args, **kwargs):
    """Any address under /api/ that names no endpoint or record."""
    return error("not found", status=404)
