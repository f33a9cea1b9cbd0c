"""Backups: the dataset file keeps merged records' old addresses, so they still redirect
after a restore from it; and scripts/backup.sh → scripts/restore.sh brings a PostgreSQL
site back whole (database, images, dataset file), tried here on a scratch database."""

import io
import json
import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from catalog.models import Citation, Film, FilmImage, MergedSlug
from curation.dataset import DatasetError, dumps, export, load
from curation.merging import merge
from people.models import Person, PersonName
from tests import factories as f

ROOT = Path(settings.BASE_DIR)


def merge_two_people(survivor="shin-sang-ok", duplicate="sin-sang-ok"):
    survivor = f.PersonFactory(slug=survivor, name=survivor.replace("-", " ").title())
    duplicate = f.PersonFactory(slug=duplicate, name=duplicate.replace("-", " ").title())

    def variant(person, name):
        return PersonName.objects.get_or_create(
            person=person, name=name, defaults={"kind": "spelling"}
        )[0]

    merge(survivor, duplicate, variant)
    return survivor


def test_merged_slugs_are_in_the_dataset_and_redirect_after_a_restore_from_it(db, client):
    merge_two_people()
    data = export()
    assert data["merged_slugs"] == [
        {"section": "people", "slug": "sin-sang-ok", "into": "shin-sang-ok"}
    ]
    text = dumps(data)
    MergedSlug.objects.all().delete()
    Person.objects.all().delete()  # the database is lost; the file is what is left
    load(json.loads(text))
    response = client.get("/people/sin-sang-ok/")
    assert response.status_code == 301
    assert response["Location"].endswith("/people/shin-sang-ok/")
    assert dumps(export()) == text  # and the round trip is exact


def test_a_merged_slug_that_names_no_record_is_refused(db):
    data = export()
    data["merged_slugs"] = [{"section": "people", "slug": "old", "into": "nobody"}]
    with pytest.raises(DatasetError, match=r"merged_slugs\[old\]: unknown person “nobody”"):
        load(data)


def test_a_merged_slug_may_not_be_a_live_records_address(db):
    f.PersonFactory(slug="alive", name="Alive")
    f.PersonFactory(slug="other", name="Other")
    data = export()
    data["merged_slugs"] = [{"section": "people", "slug": "alive", "into": "other"}]
    with pytest.raises(DatasetError, match="“alive” is the address of a record"):
        load(data)


def admin_url(name):
    """The test database's address, as a libpq URL, for another database ``name``."""
    params = connection.settings_dict
    host, port = params["HOST"] or "127.0.0.1", params["PORT"] or 5432
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    return f"postgres://{params['USER']}{password}@{host}:{port}/{name}"


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_a_new_database_brings_everything_back(
    _world_snapshot, tmp_path, settings
):
    if connection.vendor != "postgresql":
        pytest.skip("backup.sh backs up PostgreSQL: run with DATABASE_URL=postgres://…")
    from tests import snapshots

    snapshots.restore("world")
    settings.MEDIA_ROOT = tmp_path / "media"
    merge_two_people("kim-survivor", "kim-duplicate")
    body = io.BytesIO()
    Image.new("RGB", (30, 20), (1, 2, 3)).save(body, format="PNG")
    image = FilmImage(
        film=Film.objects.first(), image=SimpleUploadedFile("p.png", body.getvalue()), alt_text="P"
    )
    image.save()
    counts = {m: m.objects.count() for m in (Film, Person, Citation, MergedSlug, FilmImage)}
    source = connection.settings_dict["NAME"]
    scratch = f"{source}_restore_{uuid.uuid4().hex[:6]}"
    env = {**os.environ, "PYTHON": str(ROOT / ".venv" / "bin" / "python")}
    backup = tmp_path / "backup"
    subprocess.run(
        ["scripts/backup.sh", str(backup)],
        cwd=ROOT,
        env={**env, "DATABASE_URL": admin_url(source), "MEDIA_ROOT": str(settings.MEDIA_ROOT)},
        check=True,
        capture_output=True,
    )
    assert {p.name for p in backup.iterdir()} == {"database.dump", "media.tar.gz", "nkfilms.json"}
    assert json.loads((backup / "nkfilms.json").read_text())["merged_slugs"]
    with psycopg.connect(admin_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        restored_media = tmp_path / "restored-media"
        subprocess.run(
            ["scripts/restore.sh", str(backup)],
            cwd=ROOT,
            env={**env, "DATABASE_URL": admin_url(scratch), "MEDIA_ROOT": str(restored_media)},
            check=True,
            capture_output=True,
        )
        with psycopg.connect(admin_url(scratch)) as restored:
            for model, count in counts.items():
                table = model._meta.db_table
                assert restored.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count
        assert (restored_media / image.image.name).read_bytes() == Path(
            image.image.path
        ).read_bytes()
    finally:
        with psycopg.connect(admin_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
