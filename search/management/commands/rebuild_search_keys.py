"""Recompute every record's stored search key.

The keys are derived from the names by the rules in ``search.keys``; after those rules
change, existing keys are stale until this runs (a data migration can call it too).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.models import name_rows, searchable_models
from search.index import refresh


class Command(BaseCommand):
    help = "Recompute the search keys of every film, person, studio, festival and source."

    def handle(self, **options):
        with transaction.atomic():
            for model in searchable_models():
                records = model.objects.prefetch_related(*name_rows(model))
                changed = sum(refresh(record) for record in records.iterator(500))
                if options["verbosity"] > 0:
                    self.stdout.write(f"{model._meta.verbose_name_plural}: {changed} keys rebuilt")
