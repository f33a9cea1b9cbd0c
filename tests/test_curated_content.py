"""What the curated collection (``data/nkfilms.json``) says, as visitors and curators meet it.

Only these tests, ``test_dataset.py`` and the browser tests read the curated data: a
curator's correction can fail them, and no test of a mechanism. Each one checks something
the collection itself must hold: researchers' searches find the films they look for, the
co-productions page footnotes the periods to the essay that draws them, and the largest
film still fits the admin's form.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from catalog.models import Film
from tests.admin_forms import form_data
from tests.test_film_page import change_url, fields_posted, film_state

# What researchers type, and what the curated collection must answer, on every database.
QUERIES = [
    # query, films it must find, films it must not find
    ("Bulgasari", {"pulgasari"}, set()),
    ("sin sang ok", {"pulgasari", "salt", "runaway"}, {"thaw", "a-flourishing-village"}),
    ("Shin", {"pulgasari", "salt", "an-emissary-unreturned"},
     {"a-flourishing-village", "crossing-the-line", "eternal-comrades-in-arms", "thaw",
      "x-men", "public-access"}),
    ("Ch'oe Un-hui", {"an-emissary-unreturned"}, set()),
    ("Choi Eun Hee", {"an-emissary-unreturned"}, {"pulgasari"}),
    ("Seo Gyeong-seop", {"thaw"}, {"pulgasari"}),
    ("Lee", set(), {"rim-kkok-jong", "a-flourishing-village", "crossing-the-line"}),
    ("Lim", {"rim-kkok-jong"}, set()),
    ("the", {"the-flower-girl", "crossing-the-line"}, {"dear-pyongyang", "defilada"}),
    ("hero noreturn", {"an-emissary-unreturned"}, set()),
    ("PROMISE IN P'YONGYANG", {"meet-in-pyongyang"}, set()),
    ("Mosfilm", {"eternal-comrades-in-arms"}, {"pulgasari"}),
    ("Snow Melts in Spring", {"thaw"}, set()),
    ("Taekwon-do", {"somi-the-taekwon-do-woman"}, set()),
    ("Kkot Paneun", {"the-flower-girl"}, set()),
]  # fmt: skip


@pytest.mark.parametrize("query, found, not_found", QUERIES, ids=[q[0] for q in QUERIES])
def test_the_curated_collection_answers_researchers_queries(
    curated, client, query, found, not_found
):
    response = client.get(reverse("api:films"), {"q": query})
    assert response.status_code == 200
    films = {film["slug"] for film in response.json()["results"]}
    assert found <= films
    assert not films & not_found


def section(html, start, end):
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def test_the_eras_hold_the_essays_films_and_footnote_its_conclusion(curated, client):
    html = client.get(reverse("front:coproductions")).content.decode()
    eras = section(html, 'id="eras-heading"', "</table>")
    for slug, era in (("moranbong", "era-early"), ("thaw", "era-1984"), ("bird", "era-1988")):
        assert reverse("front:film_detail", args=[slug]) in section(eras, f'id="{era}"', "</tr>")
    footnotes = section(html, 'id="sources-heading"', "</section>")
    conclusion = "Conclusion (the unheaded closing section)"  # as the dataset names it
    # the essay's paragraphs, as a reader reads a locator ("¶" is the curators' shorthand)
    openings = ("From 1988 on, North Korea pursued", "Two periods can be clearly distinguished")
    for opening in openings:
        assert f"{conclusion}, paragraph beginning “{opening}”" in footnotes


LARGEST = "ten-zan-the-ultimate-mission"


def test_the_largest_curated_film_saves_unchanged_as_a_browser_posts_it(curated, editor):
    film = Film.objects.get(slug=LARGEST)
    data = form_data(editor.get(change_url(film)).content.decode(), "film_form")
    assert fields_posted(data) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    before, version = film_state(film), film.version

    response = editor.post(change_url(film), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    film.refresh_from_db()
    assert film_state(film) == before
    assert film.version == version + 1
