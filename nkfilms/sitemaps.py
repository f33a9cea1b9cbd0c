"""sitemap.xml: every published page."""

from django.contrib.sitemaps import Sitemap

from catalog.models import Festival, Film, Source
from coproductions.models import Studio
from people.models import Person


class PublishedSitemap(Sitemap):
    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().only("slug", "updated").order_by("slug")

    def lastmod(self, obj):
        return obj.updated


class SourceSitemap(Sitemap):
    def items(self):
        return Source.objects.only("pk").order_by("pk")


SITEMAPS = {
    "films": PublishedSitemap(Film),
    "people": PublishedSitemap(Person),
    "studios": PublishedSitemap(Studio),
    "festivals": PublishedSitemap(Festival),
    "sources": SourceSitemap(),
}
