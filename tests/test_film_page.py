"""The film page in the admin: a large film saves unchanged as a browser posts it, and a credit
goes in with its citation on the same screen. (The largest curated film, in
``test_curated_content.py``, must fit the form's limit too.)"""

import factory
import pytest
from django.conf import settings
from django.urls import reverse

from catalog.models import Citation, Claim
from curation.concurrency import snapshot
from people.models import Credit
from tests import factories as f
from tests.admin_forms import form_data, with_rows

LARGEST = "ten-zan-the-ultimate-mission"


def change_url(film):
    return reverse("admin:catalog_film_change", args=[film.pk])


def film_state(film):
    """Everything the film page edits: the film, its rows, claims and citations."""
    rows = [
        snapshot(row)
        for manager in (film.titles, film.credits, film.locations, film.studio_roles)
        for row in manager.order_by("pk")
    ]
    claims = sorted(
        (c.content_type_id, c.object_id, c.field, c.value, c.rank, c.note)
        for c in Claim.objects.all()
    )
    citations = sorted(
        (c.claim_id, c.source_id, c.locator, c.quote, c.note) for c in Citation.objects.all()
    )
    return snapshot(film), rows, claims, citations


def fields_posted(data):
    return sum(len(value) if isinstance(value, list) else 1 for value in data.values())


@f.at_once
def large_film(source, size=12):
    """A film with ``size`` titles, credits and studio parts, a co-production with ``size``
    partners, and its facts disputed: every row and value cited."""
    film = f.FilmFactory(year=1986, runtime=90, countries=[f.country("KP"), f.country("JP")])
    for field in ("title", "year", "kind", "runtime", "countries"):
        f.cited(film, field, source=source)
    f.cited(film, "year", source=source, value="1985", rank="normal", locator="p. 2")
    coproduction = f.CoProductionFactory(film=film)
    for row in (
        coproduction,
        *f.FilmTitleFactory.create_batch(size, film=film),
        *f.CreditFactory.create_batch(size, film=film),
        *f.FilmStudioFactory.create_batch(size, film=film),
        *f.PartnerFactory.create_batch(
            size,
            coproduction=coproduction,
            country=None,
            studio=factory.SubFactory(f.StudioFactory),
        ),
    ):
        f.cited(row, source=source, quote="as the source says")
    return film


# Every kind of row the film page shows, as ``?rows=`` names them.
FILM_ROWS = (
    "claims-and-citations",
    "film-titles",
    "shooting-locations",
    "festival-entries",
    "film-images",
    "credits",
    "film-studios",
    "co-productions",
)


@pytest.mark.parametrize("opened", [(), FILM_ROWS], ids=["rows-as-tables", "every-row-opened"])
def test_a_large_film_saves_unchanged_as_a_browser_posts_it(db, editor, opened):
    film = large_film(f.SourceFactory())
    url = with_rows(change_url(film), *opened)
    data = form_data(editor.get(url).content.decode(), "film_form")
    assert fields_posted(data) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    before, version = film_state(film), film.version

    response = editor.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("admin:catalog_film_changelist")
    film.refresh_from_db()
    assert film_state(film) == before
    assert film.version == version + 1


def test_a_new_credit_and_its_citation_are_saved_from_the_film_page(world, editor):
    film = world.bird
    person, source = world.shin, world.essay
    data = form_data(editor.get(change_url(film)).content.decode(), "film_form")
    new = int(data["credits-TOTAL_FORMS"])
    data["credits-TOTAL_FORMS"] = str(new + 1)
    data.update(
        {
            f"credits-{new}-person": str(person.pk),
            f"credits-{new}-role": "adviser",
            f"credits-{new}-order": "9",
            f"credits-{new}-cite_source": str(source.pk),
            f"credits-{new}-cite_locator": "Co-productions with Japan › Bird (1992)",
            f"credits-{new}-cite_quote": "advised on the film",
        }
    )

    assert editor.post(change_url(film), data).status_code == 302

    credit = Credit.objects.get(film=film, person=person, role="adviser")
    citation = credit.claims.get().citations.get()
    assert citation.source == source
    assert citation.quote == "advised on the film"


def test_a_locator_without_a_source_is_refused_on_its_row(world, editor):
    url = with_rows(change_url(world.bird), "credits")
    data = form_data(editor.get(url).content.decode(), "film_form")
    data["credits-0-cite_locator"] = "page 12"
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "Choose the source this locator is in." in response.content.decode()


def test_each_row_lists_its_citations_with_a_link_to_edit_them(world, editor):
    film = world.bird
    credit = film.credits.select_related("person").first()
    citation = credit.claims.get().citations.first()
    for url in (change_url(film), with_rows(change_url(film), "credits")):
        page = editor.get(url).content.decode()
        assert reverse("admin:people_credit_change", args=[credit.pk]) in page
        assert citation.locator[:20] in page
    assert "edit citations" in page  # opened as forms
