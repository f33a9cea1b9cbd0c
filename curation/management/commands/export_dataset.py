import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from curation.dataset import dumps, export


class Command(BaseCommand):
    help = "Write the database as a dataset file in canonical order ('-' for standard output)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.NKFILMS_DATASET))

    def handle(self, path, **options):
        text = dumps(export())
        if path == "-":
            sys.stdout.write(text)
            return
        Path(path).write_text(text, encoding="utf-8")
        self.stderr.write(f"Wrote {path}.")
