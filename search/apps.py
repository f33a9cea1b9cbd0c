from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The film query (filters, facets) and the search keys that serve it."""

    name = "search"

    def ready(self):
        from . import index, lookups  # noqa: F401  (lookups: registers __in_ids)

        index.connect()
