from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Catalogue"

    def ready(self):
        from . import lookups  # noqa: F401  (registers __in_ids, for every app above)
        from .models.version import connect_data_version

        connect_data_version()
