"""Rebuild everything the search derives from the catalogue.

Every record's search key (its names, by the rules in ``search.keys``), then every published
film's search document and facet rows (``search.index``). Signals keep them current as
records are saved; after data written straight into the tables (a bulk load with COPY, a
restore) or a change to the rules, this brings them up to date. `make run` runs it on every
start.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from catalog.models import bump_data_version, name_rows, searchable_models
from search.index import chunks, rebuild_all, record_key
from search.models import FilmFacet, FilmWord


class Command(BaseCommand):
    help = "Rebuild the search keys of every record and the search index of every film."

    def handle(self, **options):
        started = time.perf_counter()
        # Rows written straight into the tables (COPY, a restore) have no planner statistics
        # until autovacuum comes by; without them PostgreSQL plans the index's "citation
        # needed" look-ups as if every claim had thousands of citations (one batch of 2,000
        # films took 11 minutes at 100,000 films instead of seconds).
        analyze()
        with transaction.atomic():
            for model in searchable_models():
                changed = 0
                records = model.objects.order_by("pk").prefetch_related(*name_rows(model))
                for batch in chunks(records.iterator(chunk_size=2000)):
                    stale = []
                    for record in batch:
                        key = record_key(record)
                        if key != record.search_key:
                            record.search_key = key
                            stale.append(record)
                    model.objects.bulk_update(stale, ["search_key"], batch_size=500)
                    changed += len(stale)
                self.say(options, f"{model._meta.verbose_name_plural}: {changed} keys rebuilt")
            films = rebuild_all()
            bump_data_version()
        analyze(vacuum=[FilmWord, FilmFacet])  # the index's own tables, now full
        seconds = time.perf_counter() - started
        self.say(options, f"search index: {films} films, in {seconds:.1f} s")

    def say(self, options, message):
        if options["verbosity"] > 0:
            self.stdout.write(message)


def analyze(vacuum=()):
    """Fresh planner statistics for every table (PostgreSQL; seconds at 100,000 films). The
    ``vacuum`` tables are vacuumed first, unless inside a transaction (a test): their pages
    marked all-visible, a search reads their indexes alone (an index-only scan)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if not connection.in_atomic_block:
                for model in vacuum:
                    cursor.execute(f"VACUUM {connection.ops.quote_name(model._meta.db_table)}")
            cursor.execute("ANALYZE")
