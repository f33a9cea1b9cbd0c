import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from curation.dataset import DatasetError, load
from search.index import deferred


class Command(BaseCommand):
    help = "Load the curated dataset file into the database (idempotent, all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.NKFILMS_DATASET))
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only if the database holds no films yet (used by `make run`).",
        )

    def handle(self, path, if_empty=False, **options):
        from catalog.models import Film

        if if_empty and Film.objects.exists():
            self.stdout.write("The database already holds films; not loading the dataset.")
            return
        file = Path(path)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"No dataset file at {file}.") from None
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text: {error}.") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{file} is not valid JSON: {error}.") from None
        try:
            with deferred():  # the search index of each film once, after everything
                stats = load(data)
        except DatasetError as error:
            raise CommandError(f"Nothing was loaded. {file}: {error}") from None
        if options["verbosity"] == 0:
            return
        if not stats:
            self.stdout.write(f"{file}: the database already matches; nothing changed.")
            return
        for key, count in sorted(stats.items()):
            self.stdout.write(f"  {key}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Loaded {file}."))
