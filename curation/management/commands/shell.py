"""``manage.py shell``, importing every model but the history ones."""

from django.apps import apps
from django.core.management.commands import shell
from simple_history.models import HistoricalChanges


class Command(shell.Command):
    def get_auto_imports(self):
        """Every model, as Django's shell imports them, except django-simple-history's: they
        are as many as the models (reach them as ``Film.history``), and those of models in a
        package (``catalog.models``) name the app as their module, which cannot be imported."""
        return [
            f"{model.__module__}.{model.__name__}"
            for model in reversed(apps.get_models())
            if not issubclass(model, HistoricalChanges)
        ]
