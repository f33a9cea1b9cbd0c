"""manage.py export_release [--output DIR]: write a data release of the published catalogue."""

from django.core.management.base import BaseCommand

from api.release import export_release, release_dir
from catalog.models import bump_data_version


class Command(BaseCommand):
    help = (
        "Write the published catalogue as a Frictionless Data Package (datapackage.json, one "
        "CSV per table, SHA256SUMS) and its zip, named after the dataset's date."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help=f"The folder to write into (default: {release_dir()})."
        )

    def handle(self, output=None, **options):
        release = export_release(output)
        bump_data_version()  # cached pages (/data/) show the new release at once
        rows = sum(resource["rows"] for resource in release.package["resources"])
        self.stdout.write(
            f"{release.archive} ({release.archive.stat().st_size:,} bytes): "
            f"{len(release.package['resources'])} tables, {rows:,} rows"
        )
