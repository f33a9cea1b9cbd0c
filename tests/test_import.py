"""Bulk import in the admin: a dry run row by row, then all or nothing; bad files change nothing."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import Citation, Claim, Film, Status
from people.models import Credit, Person
from tests.admin_forms import form_data
from tests.conftest import user_in

CSV = 0  # the position of CSV among the import formats
JSON = 1

FILMS = (
    "slug,title,year,kind,source,locator,quote\n"
    "new-film,A New Film,1989,feature,coproductions-essay,Conclusion,\n"
    "bird,Bird,1992,feature,coproductions-essay,Co-productions with Japan › Bird (1992),\n"
)


@pytest.fixture
def curator(world, client):
    """A curator, on top of the test world (imports refer to its sources, films and people)."""
    client.force_login(user_in("Curator"))
    return client


@pytest.fixture
def editor(world, client):
    """An editor: their imports change the world's published records at once (a curator's
    wait for review: ``test_review_imports.py``)."""
    client.force_login(user_in("Editor"))
    return client


def dry_run(client, url_name, text, fmt=CSV, name="import.csv", encoding="utf-8"):
    upload = SimpleUploadedFile(name, text.encode(encoding))
    return client.post(reverse(url_name), {"import_file": upload, "format": fmt})


def confirm(client, url_name, page):
    data = form_data(page.content.decode(), "confirm-import-form")
    if not data:  # the confirm form's id differs between versions: take the form with the file
        html = page.content.decode()
        start = html.index('name="import_file_name"')
        form_start = html.rindex("<form", 0, start)
        data = form_data(html[form_start:].replace("<form", '<form id="c"', 1), "c")
    return client.post(reverse(url_name.replace("_import", "_process_import")), data)


def test_a_dry_run_shows_each_row_then_confirming_imports_all(curator):
    page = dry_run(curator, "admin:catalog_film_import", FILMS)
    text = page.content.decode()
    assert page.status_code == 200
    assert "New" in text and "A New Film" in text
    assert not Film.objects.filter(slug="new-film").exists()  # nothing yet
    response = confirm(curator, "admin:catalog_film_import", page)
    assert response.status_code == 302
    film = Film.objects.get(slug="new-film")
    assert film.status == Status.DRAFT and film.year == 1989
    assert Citation.objects.filter(claim__object_id=film.pk, locator="Conclusion").exists()


def test_credits_import_with_their_citation(editor):
    text = (
        "film,person,role,character,source,locator,quote\n"
        "bird,shin-sang-ok,adviser,,coproductions-essay,note 7,\n"
    )
    page = dry_run(editor, "admin:people_credit_import", text)
    assert page.status_code == 200
    confirm(editor, "admin:people_credit_import", page)
    credit = Credit.objects.get(film__slug="bird", person__slug="shin-sang-ok", role="adviser")
    assert credit.claims.get().citations.get().locator == "note 7"


def test_people_import_from_json(curator):
    text = '[{"slug": "new-person", "name": "Ri Test-il", "nationality": "KP"}]'
    page = dry_run(curator, "admin:people_person_import", text, fmt=JSON, name="people.json")
    assert page.status_code == 200
    confirm(curator, "admin:people_person_import", page)
    assert Person.objects.get(slug="new-person").nationality.code == "KP"


@pytest.mark.parametrize(
    "text, message",
    [
        ("slug,title\nx,One\nx,Two\n", "Line 3 repeats slug x of line 2"),
        ("title,year\nNo Slug,1990\n", "The file has no column slug"),
        (
            "slug,title,source,locator\nz,Zed,no-such-source,p. 1\n",
            "No source has the id, slug or title “no-such-source”",
        ),
        ("slug,title,year\nw,Way Too Early,1700\n", "is not a plausible year"),
        ("slug,title,runtime\nr,With Runtime,80\n", "columns this import does not know: runtime"),
        ("slug,title,year\nh,Half,1990.5\n", "“1990.5” is not a whole number"),
    ],
)
def test_a_bad_file_is_explained_and_changes_nothing(curator, text, message):
    before = Film.objects.count()
    page = dry_run(curator, "admin:catalog_film_import", text)
    body = re.sub(r"&#x27;|&quot;", "'", page.content.decode())
    assert message in body
    assert "Traceback" not in body and "site-packages" not in body
    assert Film.objects.count() == before


def test_a_file_without_its_key_column_says_so_once(curator):
    page = dry_run(curator, "admin:catalog_film_import", "title,year\nNo Slug,1990\nOther,1991\n")
    body = page.content.decode()
    assert body.count("The file has no column slug") == 1
    assert "not found" not in body and "Line 2" not in body  # no line repeats it
    assert "check No Slug" not in body and "import.csv again" in body  # kept to check again
    assert not Film.objects.filter(title__in=["No Slug", "Other"]).exists()


def test_every_rows_errors_are_listed_by_line_and_field(curator):
    text = (
        "slug,title,year,kind\na,Fine,1990,feature\nb,Bad Year,abc,feature\nc,Bad Kind,1991,opera\n"
    )
    page = dry_run(curator, "admin:catalog_film_import", text)
    rows = re.findall(
        r"<tr>\s*<td>(Line \d+)</td>\s*<td class=\"errors\">(.*?)</td>", page.content.decode(), re.S
    )
    assert [line for line, _ in rows] == ["Line 3", "Line 4"]  # the header is line 1
    assert "year" in rows[0][1] and "“abc” is not a whole number." in rows[0][1]
    assert "kind" in rows[1][1] and "opera" in rows[1][1]
    assert "ConversionSyntax" not in page.content.decode()
    assert not Film.objects.filter(slug__in=["a", "b", "c"]).exists()


def test_an_unknown_slug_in_a_credit_names_the_line_and_field(curator):
    text = "film,person,role,character\nbird,nobody-at-all,actor,\n"
    page = dry_run(curator, "admin:people_credit_import", text)
    body = page.content.decode()
    assert "no person with slug “nobody-at-all”" in body
    assert re.search(r"<td>Line 2</td>\s*<td class=\"errors\">.*person", body, re.S)


def test_a_json_file_names_its_records(curator):
    text = '[{"slug": "j1", "title": "J One", "year": "abc"}]'
    page = dry_run(curator, "admin:catalog_film_import", text, fmt=JSON, name="films.json")
    assert "<td>Record 1</td>" in page.content.decode()


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1"])
def test_a_file_in_another_encoding_is_explained(curator, encoding):
    text = "slug,title\nschoenherr,Schönherr’s film é\n".replace("’", "'")
    page = dry_run(curator, "admin:catalog_film_import", text, encoding=encoding)
    assert page.status_code == 200
    assert not Film.objects.filter(slug="schoenherr").exists()
    assert "The file is not UTF-8 text" in page.content.decode()


def test_a_broken_json_file_is_explained(curator):
    page = dry_run(
        curator, "admin:catalog_film_import", '[{"slug": "x",', fmt=JSON, name="films.json"
    )
    assert "The file is not valid JSON" in page.content.decode()


def test_confirming_an_import_twice_says_it_was_applied(curator):
    page = dry_run(curator, "admin:catalog_film_import", FILMS)
    assert confirm(curator, "admin:catalog_film_import", page).status_code == 302
    again = confirm(curator, "admin:catalog_film_import", page)
    assert again.status_code == 302
    assert "already applied" in curator.get(again["Location"]).content.decode()
    assert Film.objects.filter(slug="new-film").count() == 1


def test_an_overlong_quote_is_refused_as_in_the_admin(curator):
    long_quote = " ".join(["word"] * 40)
    text = (
        "slug,title,year,source,locator,quote\n"
        f"new-film,New,1989,coproductions-essay,p. 1,{long_quote}\n"
    )
    page = dry_run(curator, "admin:catalog_film_import", text).content.decode()
    row = re.search(r"<td>Line 2</td>\s*<td class=\"errors\">(.*?)</td>", page, re.S).group(1)
    assert "quote" in row and "25 words" in row
    assert not Film.objects.filter(slug="new-film").exists()


def test_an_updated_row_cites_only_the_facts_it_changes(editor):
    bird = Film.objects.get(slug="bird")
    text = "slug,title,year,kind,source,locator\nbird,Bird,1993,feature,coproductions-essay,p. 9\n"
    page = dry_run(editor, "admin:catalog_film_import", text)
    assert confirm(editor, "admin:catalog_film_import", page).status_code == 302
    cited = Citation.objects.filter(claim__object_id=bird.pk, claim__content_type__model="film")
    assert set(cited.filter(locator="p. 9").values_list("claim__field", flat=True)) == {"year"}


def test_the_import_page_lists_the_citation_columns(curator):
    page = curator.get(reverse("admin:catalog_film_import")).content.decode()
    listed = re.search(
        r"This importer will import the following fields:.*?<code>(.*?)</code>", page, re.S
    )
    assert {"source", "locator", "quote"} <= set(listed.group(1).split(", "))


def test_changing_a_cited_fact_needs_a_source_and_keeps_the_old_value_as_a_claim(editor):
    bird = Film.objects.get(slug="bird")
    refused = dry_run(editor, "admin:catalog_film_import", "slug,title,year\nbird,Bird,1993\n")
    assert "The year is cited as “1992”" in refused.content.decode()
    assert "contradicts" not in refused.content.decode()  # one message, the import's own

    text = "slug,title,year,source,locator\nbird,Bird,1993,coproductions-essay,p. 9\n"
    page = dry_run(editor, "admin:catalog_film_import", text)
    assert confirm(editor, "admin:catalog_film_import", page).status_code == 302
    bird.refresh_from_db()
    assert bird.year == 1993
    claims = {c.value: c for c in Claim.objects.about(bird).filter(field="year")}
    assert claims["1993"].rank == "preferred"
    assert claims["1993"].citations.get().locator == "p. 9"
    assert claims["1992"].rank == "normal" and claims["1992"].citations.exists()
