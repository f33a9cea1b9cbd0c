from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The film query (filters, facets) and the search keys that serve it."""

    name = "search"

    def ready(self):
        from . import index

        index.connect()
