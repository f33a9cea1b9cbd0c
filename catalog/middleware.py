"""Public pages and API answers, cached whole under the data version they were made at.

A visitor's GET is answered from Django's cache (Redis when ``REDIS_URL`` is set) if the
same address was answered since the catalogue last changed; otherwise it is made, and kept.
The key holds the data version (``catalog.models.data_version``, raised by every change), so
a change makes every cached answer unreachable at once: nothing stale is ever shown. The
same key is the answer's ETag, so a browser or a script that sends it back gets a 304.

Staff (who carry a session cookie), other methods, the admin, uploaded images and streamed
answers (the exports) always go to the views.
"""

from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags, quote_etag

from .models import data_version

PASSED_THROUGH = ("/admin/", "/_nested_admin/", "/media/", "/static/")


def is_cached(request):
    return (
        settings.NKFILMS_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(PASSED_THROUGH)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def may_keep(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
    )


class CachedPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cached(request):
            return self.get_response(request)
        address = f"{data_version()} {request.build_absolute_uri()}"
        key = "page:" + sha256(address.encode()).hexdigest()
        etag = quote_etag(key[5:37])
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
        else:
            response = cache.get(key)
            if response is None:
                response = self.get_response(request)
                if not may_keep(response):
                    return response
                cache.set(key, response, settings.NKFILMS_PAGE_CACHE_SECONDS)
        response["ETag"] = etag
        patch_cache_control(response, no_cache=True)  # ask again each time: 304 if unchanged
        return response
