"""Imports that do not lose work: confirming applies what the preview showed, checked
against the records as they are now, or refuses naming the lines that changed. The
threaded test needs PostgreSQL (SQLite has one writer and ignores row locks): run with
``DATABASE_URL=postgres://…``."""

import threading

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from catalog.models import Film
from tests.conftest import user_in
from tests.test_import import confirm, dry_run
from tests.test_import_explains import text_of

URL = "admin:catalog_film_import"
MINE = "slug,title,year,kind\nshared-slug,Mine,1989,feature\n"
THEIRS = "slug,title,year,kind\nshared-slug,Theirs,1990,feature\n"


def logged_in(name):
    """A curator's own browser (a client of their own, as two people at two desks)."""
    client = Client()
    user = User.objects.filter(username=name).first() or user_in("Curator", name)
    client.force_login(user)
    return client


@pytest.fixture
def two_curators(world):
    return logged_in("ann"), logged_in("bo")


def test_a_second_preview_of_the_same_new_slug_is_refused_after_the_first_confirms(two_curators):
    ann, bo = two_curators
    ann_page, bo_page = dry_run(ann, URL, MINE), dry_run(bo, URL, THEIRS)
    assert "Confirm import" in bo_page.content.decode()  # both previews say "new"
    assert confirm(ann, URL, ann_page).status_code == 302
    refused = confirm(bo, URL, bo_page)
    assert refused.status_code == 200
    assert (
        "Line 2 (slug shared-slug): the preview showed a new record, but someone created it "
        "since." in text_of(refused)
    )
    assert "Nothing was imported" in text_of(refused)
    assert Film.objects.get(slug="shared-slug").title == "Mine"  # the first one's work stays


def test_a_record_changed_since_the_preview_refuses_the_import(two_curators):
    ann, _ = two_curators
    page = dry_run(
        ann, URL, "slug,title,year,kind\nnew-one,New,1989,feature\nbird,Bird,1992,feature\n"
    )
    Film.objects.filter(slug="bird").update(synopsis="Edited by someone else meanwhile.")
    refused = confirm(ann, URL, page)
    assert "Line 3 (slug bird): someone changed this record since the preview." in text_of(refused)
    assert not Film.objects.filter(slug="new-one").exists()
    assert "Check import.csv again" in refused.content.decode()  # the file is kept


def test_a_confirmation_without_its_preview_is_refused(two_curators):
    ann, _ = two_curators
    page = dry_run(ann, URL, MINE)
    forged = page.content.decode().replace('name="expected" value="', 'name="expected" value="x')
    page.content = forged.encode()
    refused = confirm(ann, URL, page)
    assert "does not carry its preview" in text_of(refused)
    assert not Film.objects.filter(slug="shared-slug").exists()


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_one_imports_the_other_is_refused(_world_snapshot):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between two connections need PostgreSQL")
    from tests import snapshots

    snapshots.restore("world")
    ann, bo = logged_in("ann"), logged_in("bo")
    pages = [dry_run(ann, URL, MINE), dry_run(bo, URL, THEIRS)]
    start = threading.Barrier(2)
    answers = [None, None]

    def run(i, client):
        try:
            start.wait()
            answers[i] = confirm(client, URL, pages[i])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate([ann, bo])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    codes = sorted(a.status_code for a in answers)
    assert codes == [200, 302]
    refused = next(a for a in answers if a.status_code == 200)
    assert "someone created it since" in text_of(refused)
    winner = "Mine" if answers[0].status_code == 302 else "Theirs"
    assert Film.objects.get(slug="shared-slug").title == winner
