"""sitemap.xml: every published page, on the site's permanent address.

With NKFILMS_BASE_URL set, every address is on it (whatever host the request came in on);
otherwise the sitemaps framework uses the request's own scheme and host.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from catalog.models import Festival, Film, Source
from coproductions.models import Studio
from people.models import Person


class CanonicalSitemap(Sitemap):
    def get_protocol(self, protocol=None):
        if settings.NKFILMS_BASE_URL:
            return urlsplit(settings.NKFILMS_BASE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if settings.NKFILMS_BASE_URL:
            return urlsplit(settings.NKFILMS_BASE_URL).netloc
        return super().get_domain(site)


class PageSitemap(CanonicalSitemap):
    """The pages that are not records: home, the lists, the co-productions story."""

    def items(self):
        return [
            "front:home",
            "front:film_list",
            "front:person_list",
            "front:studio_list",
            "front:coproductions",
            "front:festival_list",
            "front:source_list",
        ]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(CanonicalSitemap):
    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().only("slug", "updated").order_by("slug")

    def lastmod(self, obj):
        return obj.updated


class SourceSitemap(CanonicalSitemap):
    def items(self):
        return Source.objects.published().only("pk").order_by("pk")


SITEMAPS = {
    "pages": PageSitemap(),
    "films": PublishedSitemap(Film),
    "people": PublishedSitemap(Person),
    "studios": PublishedSitemap(Studio),
    "festivals": PublishedSitemap(Festival),
    "sources": SourceSitemap(),
}
