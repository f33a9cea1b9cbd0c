"""A data release: the published catalogue as a Frictionless Data Package, zipped.

``datapackage.json`` describes one CSV per table (``release_tables``) with its Table Schema,
its size and its sha256; ``SHA256SUMS`` lists the same checksums for ``sha256sum -c``. A
release is named and stamped with the dataset's date — when the catalogue last changed —
and made only of the data, so the same catalogue gives the same files, byte for byte, and
the same zip: a researcher can cite a release by its name and checksum.
"""

import csv
import hashlib
import json
import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db.models import Max

from catalog.models import Claim, cited_models

from .release_tables import CITATIONS, CLAIMS, TABLES

ALL_TABLES = [*TABLES, CLAIMS, CITATIONS]
NAME = re.compile(r"^nkfilms-\d{4}-\d{2}-\d{2}$")  # a release's name: nkfilms-<date>
TITLE = "nkfilms: a curated, citation-backed database of North Korean cinema"


def release_dir():
    """Where releases are kept and the /data/ page finds them."""
    return Path(getattr(settings, "NKFILMS_RELEASE_DIR", settings.MEDIA_ROOT / "releases"))


def dataset_time():
    """When the catalogue last changed: its records' and claims' last saves and, where
    history is kept, the last recorded change to any cited model (a row, a deletion…)."""
    times = [Claim.objects.aggregate(last=Max("updated"))["last"]]
    for model in cited_models():
        if hasattr(model, "updated"):
            times.append(model.objects.aggregate(last=Max("updated"))["last"])
        if history := getattr(model, "history", None):
            times.append(history.aggregate(last=Max("history_date"))["last"])
    found = [time for time in times if time is not None]
    return max(found).astimezone(UTC).replace(microsecond=0) if found else None


def cell(value):
    """A value as the CSV holds it: lists '; '-separated, booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value


def write_table(table, path):
    """Write a table's CSV; returns its number of rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([column.name for column in table.columns])
        for row in table.rows():
            writer.writerow([cell(value) for value in row])
            count += 1
    return count


def sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(2**20), b""):
            digest.update(block)
    return digest.hexdigest()


def descriptor(name, stamp, resources):
    return {
        "profile": "tabular-data-package",
        "name": "nkfilms",
        "id": name,
        "title": TITLE,
        "version": stamp.date().isoformat(),
        "created": stamp.isoformat().replace("+00:00", "Z"),
        "description": (
            "The published records of nkfilms on the date of the release: films, people, "
            "studios, co-productions and festivals, the sources, every claim about their "
            "facts (competing values kept, one preferred) and each claim's citations "
            "(source, locator, quote). A claim's subject is a row of the table it names."
        ),
        "citation": f"nkfilms, data release {name} ({stamp.date().isoformat()}).",
        "resources": resources,
    }


@dataclass
class Release:
    name: str
    directory: Path
    archive: Path
    package: dict

    @property
    def checksum_file(self):
        return self.archive.with_suffix(".zip.sha256")

    @property
    def archive_sha256(self):
        """The zip's sha256, written beside it (``sha256sum -c`` reads that file too)."""
        return self.checksum_file.read_text(encoding="utf-8").split()[0]


def export_release(output=None):
    """Write the release into ``output`` (``release_dir()`` by default): a folder
    ``nkfilms-<date>/`` and the zip of it, ``nkfilms-<date>.zip``; returns the Release.

    Files are written beside their final names and moved into place, so the /data/ page
    never offers half a release."""
    output = Path(output or release_dir())
    stamp = dataset_time() or datetime.now(UTC).replace(microsecond=0)
    name = f"nkfilms-{stamp.date().isoformat()}"
    building = output / f".{name}.building"
    shutil.rmtree(building, ignore_errors=True)
    (building / "data").mkdir(parents=True)
    resources = []
    for table in ALL_TABLES:
        path = Path("data") / f"{table.name}.csv"
        rows = write_table(table, building / path)
        resources.append(
            {
                "name": table.name,
                "path": path.as_posix(),
                "profile": "tabular-data-resource",
                "title": table.name.replace("-", " ").capitalize(),
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": (building / path).stat().st_size,
                "hash": f"sha256:{sha256(building / path)}",
                "rows": rows,
                "schema": table.schema(),
            }
        )
    package = descriptor(name, stamp, resources)
    text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    (building / "datapackage.json").write_text(text, encoding="utf-8")
    sums = [f"{sha256(building / 'datapackage.json')}  datapackage.json"]
    sums += [f"{r['hash'].removeprefix('sha256:')}  {r['path']}" for r in resources]
    (building / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    directory, archive = output / name, output / f"{name}.zip"
    zipped, summed = output / f".{name}.zip.building", output / f".{name}.sha256.building"
    zip_release(building, name, stamp, zipped)
    summed.write_text(f"{sha256(zipped)}  {archive.name}\n", encoding="utf-8")
    release = Release(name, directory, archive, package)
    shutil.rmtree(directory, ignore_errors=True)
    os.replace(building, directory)
    os.replace(zipped, archive)
    os.replace(summed, release.checksum_file)
    return release


def zip_release(folder, name, stamp, path):
    """The folder zipped under ``name/``, every entry dated with the dataset's time, so the
    same data gives the same zip."""
    files = ["datapackage.json", "SHA256SUMS"] + sorted(
        p.relative_to(folder).as_posix() for p in (folder / "data").iterdir()
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            entry = zipfile.ZipInfo(f"{name}/{file}", date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            with (folder / file).open("rb") as data, archive.open(entry, "w") as out:
                shutil.copyfileobj(data, out, 2**20)


def latest_release(directory=None):
    """The newest release in ``directory`` (``release_dir()``), as the Release its
    datapackage.json describes; None if there is none."""
    directory = Path(directory or release_dir())
    if not directory.is_dir():
        return None
    names = sorted(
        p.stem for p in directory.glob("nkfilms-*.zip") if NAME.match(p.stem) and p.is_file()
    )
    for name in reversed(names):
        described = directory / name / "datapackage.json"
        if described.is_file() and (directory / f"{name}.zip.sha256").is_file():
            package = json.loads(described.read_text(encoding="utf-8"))
            return Release(name, directory / name, directory / f"{name}.zip", package)
    return None
