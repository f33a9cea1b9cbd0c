"""The data release: a Frictionless Data Package of the published catalogue that validates,
with checksums, stamped with the dataset's date, offered at /data/."""

import csv
import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from frictionless import Package

from api.release import ALL_TABLES, export_release, latest_release
from catalog.models import Film, cited_models
from tests.drafts import unpublish

REQUIRED = [
    "films", "titles", "people", "names", "credits", "studios", "co-productions", "partners",
    "festivals", "entries", "sources", "claims", "citations",
]  # fmt: skip


@pytest.fixture
def releases(tmp_path, settings):
    settings.NKFILMS_RELEASE_DIR = tmp_path / "releases"
    return settings.NKFILMS_RELEASE_DIR


def table(release, name):
    text = (release.directory / "data" / f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_release_validates_as_a_frictionless_data_package(world, releases):
    release = export_release()
    report = Package(str(release.directory / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    names = [resource["name"] for resource in release.package["resources"]]
    assert set(REQUIRED) <= set(names)


def test_the_validation_catches_a_broken_link_and_a_changed_file(world, releases):
    """The keys and checksums the package declares are checked, not decoration."""
    release = export_release()
    credits = release.directory / "data" / "credits.csv"
    header, first, *rest = credits.read_text(encoding="utf-8").splitlines()
    cells = first.split(",")
    cells[header.split(",").index("person_id")] = "999999"
    credits.write_text("\n".join([header, ",".join(cells), *rest]) + "\n", encoding="utf-8")
    report = Package(str(release.directory / "datapackage.json")).validate()
    errors = {error[0] for error in report.flatten(["type"])}
    assert {"foreign-key", "hash-count"} <= errors


def test_every_cited_model_has_a_table_so_every_claim_has_a_subject(world, releases):
    assert {t.model for t in ALL_TABLES} >= set(cited_models())
    release = export_release()
    ids = {name: {row["id"] for row in table(release, name)} for name in release.package and
           [r["name"] for r in release.package["resources"]]}  # fmt: skip
    claims = table(release, "claims")
    assert claims and all(c["subject_id"] in ids[c["subject_table"]] for c in claims)
    pulgasari = next(row for row in table(release, "films") if row["slug"] == "pulgasari")
    years = {
        (c["value"], c["rank"])
        for c in claims
        if c["subject_table"] == "films" and c["subject_id"] == pulgasari["id"]
        and c["field"] == "year"
    }  # fmt: skip
    assert years == {("1986", "preferred"), ("1985", "normal")}  # the dispute is kept


def test_only_published_records_and_rows_linking_them_are_released(world, releases):
    unpublish([world.satsuma, world.thaw])
    release = export_release()
    assert "thaw" not in {row["slug"] for row in table(release, "films")}
    assert "Kenpachiro Satsuma" not in {row["name"] for row in table(release, "people")}
    people = {row["id"] for row in table(release, "people")}
    assert all(row["person_id"] in people for row in table(release, "credits"))
    thaw = str(Film.objects.get(slug="thaw").pk)
    films_claims = [c for c in table(release, "claims") if c["subject_table"] == "films"]
    assert thaw not in {c["subject_id"] for c in films_claims}
    claims = {row["id"] for row in table(release, "claims")}
    assert all(row["claim_id"] in claims for row in table(release, "citations"))


def test_a_release_is_stamped_with_the_datasets_date_and_checksums(world, releases):
    release = export_release()
    last_change = max(Film.objects.values_list("updated", flat=True))
    assert release.package["created"][:10] == last_change.date().isoformat()
    assert release.name == f"nkfilms-{last_change.date().isoformat()}"
    sums = (release.directory / "SHA256SUMS").read_text().splitlines()
    for resource in release.package["resources"]:
        data = (release.directory / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert f"{hashlib.sha256(data).hexdigest()}  {resource['path']}" in sums
    archive = release.archive.read_bytes()
    assert release.archive_sha256 == hashlib.sha256(archive).hexdigest()


def test_the_same_data_gives_the_same_zip_byte_for_byte(world, releases):
    first = export_release().archive.read_bytes()
    assert export_release().archive.read_bytes() == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        names = archive.namelist()
        package = json.loads(archive.read(next(n for n in names if n.endswith(".json"))))
    assert f"{package['id']}/data/films.csv" in names
    assert f"{package['id']}/SHA256SUMS" in names


def test_the_command_writes_into_the_folder_asked_for(world, tmp_path):
    out = io.StringIO()
    call_command("export_release", output=str(tmp_path), stdout=out)
    release = latest_release(tmp_path)
    assert release is not None and release.archive.is_file()
    assert str(release.archive) in out.getvalue()


# -- the /data/ page -----------------------------------------------------------------------


def test_the_data_page_offers_the_latest_release_and_how_to_cite_it(world, client, releases):
    release = export_release()
    text = client.get(reverse("data:release")).content.decode()
    link = reverse("data:download", args=[release.name])
    assert f'href="{link}"' in text
    assert release.archive_sha256 in text
    assert "How to cite it" in text and "<code>claims</code>" in text
    response = client.get(link)
    assert response["Content-Disposition"] == f'attachment; filename="{release.name}.zip"'
    assert b"".join(response.streaming_content) == release.archive.read_bytes()


def test_the_data_page_says_when_there_is_no_release_yet(db, client, releases):
    response = client.get(reverse("data:release"))
    assert response.status_code == 200
    assert "No release has been made yet" in response.content.decode()
    assert client.get("/data/nkfilms-2020-01-01.zip").status_code == 404


def test_the_data_page_runs_a_fixed_number_of_queries(world, client, releases,
                                                      django_assert_max_num_queries):  # fmt: skip
    export_release()
    with django_assert_max_num_queries(2):
        assert client.get(reverse("data:release")).status_code == 200
