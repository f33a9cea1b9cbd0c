"""Festivals: the list, and each festival with its editions and the published films
entered there."""

from django.views.generic import DetailView, ListView

from catalog.models import Festival

from .mixins import CitablePageMixin


class FestivalListView(ListView):
    template_name = "catalog/festival_list.html"
    context_object_name = "festivals"

    def get_queryset(self):
        return Festival.objects.published().select_related("country")


class FestivalDetailView(CitablePageMixin, DetailView):
    template_name = "catalog/festival_detail.html"
    context_object_name = "festival"

    def get_queryset(self):
        return Festival.objects.with_public_facts()

    def get_context_data(self, **kwargs):
        return super().get_context_data(editions=self.object.shown_editions(), **kwargs)

    def jsonld(self, url):
        festival = self.object
        return {
            "@context": "https://schema.org",
            "@type": "EventSeries",
            "name": festival.name,
            "url": url,
            "location": ", ".join(x for x in (festival.city, str(festival.country or "")) if x),
            "subEvent": [
                {"@type": "Event", "name": str(edition), "startDate": str(edition.year)}
                for edition in festival.shown_editions()
                if edition.year
            ],
        }
