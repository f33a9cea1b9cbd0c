"""An import that explains itself: sources by id, slug or title, every problem with its line
and all at once, the nearest valid choice, the citations each row will create, and a file
kept on the server so that checking it again needs no new upload."""

import re

import pytest
from django.urls import reverse

from catalog.models import Citation, Film, Source
from tests import factories as f
from tests.conftest import user_in
from tests.test_import import confirm, dry_run

URL = "admin:catalog_film_import"


@pytest.fixture
def curator(world, client):
    client.force_login(user_in("Curator"))
    return client


def text_of(page):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.content.decode()))


def test_a_source_is_found_by_its_id_slug_or_exact_title(curator):
    essay = Source.objects.get(slug="coproductions-essay")
    text = (
        "slug,title,year,kind,source,locator\n"
        f"by-id,By Id,1989,feature,{essay.pk},p. 1\n"
        "by-slug,By Slug,1989,feature,coproductions-essay,p. 2\n"
        f'by-title,By Title,1989,feature,"{essay.title}",p. 3\n'
    )
    page = dry_run(curator, URL, text)
    assert confirm(curator, URL, page).status_code == 302
    for slug, locator in [("by-id", "p. 1"), ("by-slug", "p. 2"), ("by-title", "p. 3")]:
        film = Film.objects.get(slug=slug)
        cited = Citation.objects.filter(claim__object_id=film.pk, claim__content_type__model="film")
        assert set(cited.values_list("source__slug", "locator")) == {(essay.slug, locator)}


def test_every_problem_is_listed_at_once_each_with_its_line_and_the_nearest_value(curator):
    text = (
        "slug,title,year,kind,source,locator\n"
        "ok,Fine Film,1990,feature,coproductions-essay,p. 1\n"
        "a,Bad Source,1990,feature,coproductions-esay,p. 1\n"
        "b,Bad Kind,1990,feture,coproductions-essay,p. 1\n"
        "c,Both Bad,abc,documentry,nowhere-at-all-xyz,p. 1\n"
    )
    page = dry_run(curator, URL, text)
    rows = dict(
        re.findall(
            r"<tr>\s*<td>(Line \d+)</td>\s*<td class=\"errors\">(.*?)</td>",
            page.content.decode(),
            re.S,
        )
    )
    assert sorted(rows) == ["Line 3", "Line 4", "Line 5"]
    assert "No source has the id, slug or title “coproductions-esay”" in rows["Line 3"]
    assert "The nearest is “North Korea’s Movie Co-Productions" in rows["Line 3"]
    assert "“feture” is not one of: feature" in rows["Line 4"]
    assert "Did you mean “feature”?" in rows["Line 4"]
    assert "year" in rows["Line 5"] and "“abc” is not a whole number" in rows["Line 5"]
    assert "Did you mean “documentary”?" in rows["Line 5"]
    assert "“nowhere-at-all-xyz”" in rows["Line 5"]
    assert not Film.objects.filter(slug__in=["ok", "a", "b", "c"]).exists()


def test_two_sources_with_one_title_are_named_by_slug(curator):
    f.SourceFactory(slug="twin-a", title="Twin Title")
    f.SourceFactory(slug="twin-b", title="Twin Title")
    page = dry_run(curator, URL, "slug,title,source,locator\nt,T,Twin Title,p. 1\n")
    assert "Several sources have the title “Twin Title”: name one by its slug (twin-a, twin-b)" in (
        text_of(page)
    )


def test_the_preview_shows_the_citations_each_row_will_create(curator):
    text = (
        "slug,title,year,kind,source,locator,quote\n"
        "new-film,A New Film,1989,feature,coproductions-essay,Conclusion,a short quote\n"
        "bird,Bird,1992,feature,,,\n"
    )
    page = text_of(dry_run(curator, URL, text))
    assert "Citations it will create" in page
    assert (
        "title, year, kind ← Schönherr, “North Korea’s Movie Co-Productions: a test essay” "
        "(2012), Conclusion — “a short quote”" in page
    )
    assert "none: the row has no source" in page


def test_after_an_error_the_file_is_checked_again_without_choosing_it_again(curator):
    text = "slug,title,year,kind,source,locator\nlater,Later,1990,feature,a-new-book,p. 4\n"
    page = dry_run(curator, URL, text)
    assert "No source has the id, slug or title “a-new-book”" in text_of(page)
    kept = dict(
        re.findall(
            r'name="(kept_file|original_file_name|format)" value="([^"]*)"', page.content.decode()
        )
    )
    assert kept["original_file_name"] == "import.csv"
    f.SourceFactory(slug="a-new-book", title="A New Book")  # the curator adds the source
    again = curator.post(page.request["PATH_INFO"], kept)
    assert "Confirm import" in again.content.decode()
    assert confirm(curator, URL, again).status_code == 302
    assert Film.objects.filter(slug="later").exists()


def test_check_again_reads_only_a_file_this_admin_kept(curator, tmp_path):
    import tempfile
    from pathlib import Path

    secret = Path(tempfile.gettempdir()) / "not-an-import.csv"
    secret.write_text("slug,title\nsecret,Secret\n")
    try:
        page = curator.post(
            reverse(URL),
            {"kept_file": secret.name, "original_file_name": "x.csv", "format": "0"},
        )
        assert "Secret" not in page.content.decode()
        assert "This field is required" in page.content.decode()  # asked to choose a file
    finally:
        secret.unlink()
