import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from curation.dataset import PUBLISHED_SCHEMA, dumps, export, schema_text


class Command(BaseCommand):
    help = "Write the database as a dataset file in canonical order ('-' for standard output)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?")
        parser.add_argument(
            "--schema",
            action="store_true",
            help=f"Write the file's JSON Schema instead (by default to {PUBLISHED_SCHEMA}).",
        )

    def handle(self, path, schema=False, **options):
        if schema:
            text, path = schema_text(), path or str(PUBLISHED_SCHEMA)
        else:
            text, path = dumps(export()), path or str(settings.NKFILMS_DATASET)
        if path == "-":
            sys.stdout.write(text)
            return
        Path(path).write_text(text, encoding="utf-8")
        self.stderr.write(f"Wrote {path}.")
