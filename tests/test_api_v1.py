"""/api/v1/: every fact a record's page shows is in its answer, with its claims and citations,
as an outside script reads them; on the test world (``tests/world.py``)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Rank, ShootingLocation
from people.models import Credit
from tests import factories as f
from tests.drafts import SECRETS, drafts_on


def get(client, name, *args, **params):
    response = client.get(reverse(f"api:{name}", args=args), params)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_persons_years_biography_and_nationality_carry_their_claims(world, client):
    shin = world.shin
    shin.birth_year, shin.death_year, shin.bio = 1926, 2006, "A director in both Koreas."
    shin.save()
    for field in ("birth_year", "death_year", "bio"):
        f.cited(shin, field, source=world.book, locator="p. 12", quote="born 1926")
    f.cited(shin, "birth_year", source=world.listicle, value="1925", rank=Rank.DEPRECATED)

    data = get(client, "person", "shin-sang-ok")
    assert (data["birth_year"], data["death_year"]) == (1926, 2006)
    assert data["bio"] == "A director in both Koreas."
    assert data["nationality"] == {"code": "KR", "name": "South Korea"}
    assert data["hangul_name"] == "신상옥"
    born = data["claims"]["birth_year"]
    assert [(c["value"], c["rank"]) for c in born] == [
        ("1926", "preferred"),
        ("1925", "deprecated"),
    ]
    citation = born[0]["citations"][0]
    assert (citation["locator"], citation["quote"]) == ("p. 12", "born 1926")
    assert citation["source"]["id"] == world.book.pk
    assert citation["source"]["title"] == "Illusions on Screen"
    assert citation["source"]["authors"] == ["Kim, Suk-Young"]
    assert client.get(citation["source"]["api_url"]).json()["publisher"] == "McFarland"
    assert data["claims"]["nationality"][0]["value"] == "KR"
    assert data["citation_needed"] == []


def test_an_uncited_fact_is_listed_as_needing_a_citation(world, client):
    choi = world.choi
    choi.bio = "An actor."
    choi.save()
    assert get(client, "person", "choi-eun-hee")["citation_needed"] == ["bio"]


def test_a_studios_parent_years_city_and_kind_carry_their_claims(world, client):
    studio = world.chongryon_film_studio
    studio.city, studio.founded, studio.dissolved = "Tokyo", 1974, 2010
    studio.save()
    for field in ("city", "founded", "dissolved"):
        f.cited(studio, field, source=world.book)

    data = get(client, "studio", "chongryon-film-studio")
    assert data["parent"]["slug"] == "chongryon"
    assert client.get(data["parent"]["api_url"]).json()["name"] == "Chongryon"
    assert (data["city"], data["founded"], data["dissolved"]) == ("Tokyo", 1974, 2010)
    assert data["kind"] == "film-collective"
    assert (data["country"], data["country_name"]) == ("JP", "Japan")
    assert {"parent", "city", "founded", "dissolved", "kind"} <= set(data["claims"])
    assert data["claims"]["parent"][0]["value"] == "chongryon"
    units = get(client, "studio", "chongryon")["units"]
    assert {u["studio"]["slug"] for u in units} == {"chongryon-film-studio", "choson-sinbo"}
    assert all(u["claims"]["parent"][0]["citations"] for u in units)


def test_a_studios_names_films_and_partner_countries(world, client):
    data = get(client, "studio", "korean-film-studio")
    name = data["names"][0]
    assert (name["name"], name["end_year"]) == ("Korea Art Film Studio", 1980)
    assert name["citations"]
    assert {link["film"]["slug"] for link in data["films"]} >= {"thaw", "somi-the-taekwon-do-woman"}
    countries = {c["country"]["code"]: c["films"] for c in data["partner_countries"]}
    assert countries["SU"] == 2  # Eternal Comrades and From Spring, as its page counts


def test_a_films_locations_credits_titles_and_festivals_say_everything_their_page_does(
    world, client
):
    thaw = world.thaw
    location = ShootingLocation.objects.create(
        film=thaw, place="Tokyo", country=f.country("JP"), note="Real views of the city."
    )
    f.cited(location, source=world.essay, locator="¶ 4", note="The essay's own words.")
    credit = Credit.objects.get(film=thaw, role="actor")
    credit.uncredited, credit.credited_as = True, "Ko H."
    credit.save()
    claim = credit.claims.get()
    claim.rank, claim.note = Rank.DEPRECATED, "Only one source, and it is unsure."
    claim.save()
    entry = thaw.festival_entries.get()
    entry.section, entry.premiere = "competition", "european"
    entry.save()

    data = get(client, "film", "thaw")
    [place] = data["locations"]  # at the top, whether or not the film is a co-production
    assert (place["place"], place["country"], place["note"]) == ("Tokyo", "JP", location.note)
    assert place["row_claim"]["note"] == "The essay's own words."
    assert place["citations"][0]["locator"] == "¶ 4"
    actor = next(c for c in data["credits"] if c["role"] == "actor")
    assert (actor["uncredited"], actor["credited_as"]) == (True, "Ko H.")
    assert actor["row_claim"]["rank"] == "deprecated"  # not read as a plain credit
    assert actor["row_claim"]["note"] == "Only one source, and it is unsure."
    [festival] = data["festivals"]
    assert (festival["section"], festival["premiere"], festival["year"]) == (
        "competition",
        "european",
        1984,
    )
    assert festival["row_claim"]["citations"]
    title = get(client, "film", "meet-in-pyongyang")["titles"][0]
    assert {"script", "romanization", "row_claim"} <= set(title)
    titles = {t["title"]: t for t in get(client, "film", "meet-in-pyongyang")["titles"]}
    assert titles["Pingrang zhi yue"]["romanization"] == "pinyin"
    assert titles["Pingrang zhi yue"]["row_claim"]["rank"] == "normal"


def test_a_films_own_facts_and_disputes(world, client):
    data = get(client, "film", "an-emissary-unreturned")
    genres = data["claims"]["genres"]
    assert [(c["value"], c["rank"]) for c in genres] == [
        ("historical", "preferred"),
        ("spy", "deprecated"),
    ]
    assert genres[1]["note"] == "A misreading of the plot."
    assert data["genres"] == ["historical"] and data["genre_names"] == ["Historical"]
    assert data["countries"] == [{"code": "KP", "name": "North Korea"}]
    pulgasari = get(client, "film", "pulgasari")
    assert [c["value"] for c in pulgasari["claims"]["year"]] == ["1986", "1985"]  # preferred first


def test_a_coproductions_notes_and_its_partners_notes(world, client):
    coproduction = world.pulgasari.coproduction
    coproduction.notes = "Made with Toho's effects team."
    coproduction.save()
    partner = coproduction.partners.get()
    partner.notes, partner.contributions = "Fifteen technicians.", ["crew"]
    partner.save()

    data = get(client, "film", "pulgasari")["coproduction"]
    assert data["notes"] == "Made with Toho's effects team."
    [toho] = data["partners"]
    assert (toho["notes"], toho["contributions"], toho["country_name"]) == (
        "Fifteen technicians.",
        ["crew"],
        "Japan",
    )
    assert data["claims"]["standing"][0]["rank"] == "preferred"
    no_love = get(client, "film", "if-there-is-no-love")["coproduction"]["claims"]["standing"]
    assert [c["value"] for c in no_love] == ["announced", "unknown"]


def test_a_festivals_city_country_and_editions(world, client):
    data = get(client, "festival", "karlovy-vary")
    assert (data["city"], data["country"]) == (
        "Karlovy Vary",
        {"code": "CZ", "name": "Czech Republic"},
    )
    assert [e["year"] for e in data["editions"]] == [1984, None]  # an unknown year last
    assert all(e["citations"] for e in data["editions"])
    assert data["claims"]["city"][0]["citations"][0]["source"]["id"] == world.book.pk
    won = next(e for e in data["entries"] if e["film"]["slug"] == "the-flower-girl")
    assert (won["award"], won["result"]) == ("Special Prize", "won")


def test_a_source_gives_its_publication_details_and_each_claims_rank(world, client):
    book = world.book
    book.place, book.pages, book.container = "Jefferson", "196–210", "Film studies"
    book.save()
    data = get(client, "source", book.pk)
    assert (data["publisher"], data["place"], data["pages"]) == (
        "McFarland",
        "Jefferson",
        "196–210",
    )
    assert (data["year"], data["container"], data["slug"]) == (
        2010,
        "Film studies",
        "a-book-of-films",
    )
    assert client.get(data["page_url"]).status_code == 200
    essay = get(client, "source", world.listicle.pk)
    deprecated = next(c for c in essay["claims"] if c["field"] == "genres")
    assert (deprecated["value"], deprecated["rank"]) == ("spy", "deprecated")
    assert deprecated["note"] == "A misreading of the plot."


def test_lists_give_what_their_pages_list(world, client):
    person = get(client, "people", q="Shin Sang-ok")["results"][0]
    assert person["nationality"]["code"] == "KR" and person["hangul_name"] == "신상옥"
    studio = get(client, "studios", q="Mosfilm")["results"][0]
    assert (studio["kind"], studio["country"]["code"]) == ("state-studio", "SU")
    festival = get(client, "festivals")["results"][0]
    assert festival["city"] == "Karlovy Vary"
    source = get(client, "sources", q="Illusions")["results"][0]
    assert (source["kind"], source["date"], source["authors"]) == (
        "book",
        "2010",
        ["Kim, Suk-Young"],
    )
    film = get(client, "films", q="flower girl")["results"][0]
    assert film["original_title"] == "꽃파는 처녀"


def test_drafts_stay_out_of_every_v1_answer(world, client):
    drafts_on("thaw", world.essay)
    texts = [
        client.get(url).content.decode()
        for url in (
            reverse("api:film", args=["thaw"]),
            reverse("api:studio", args=["korean-film-studio"]),
            reverse("api:source", args=[world.essay.pk]),
            reverse("api:people") + "?q=secret",
            reverse("api:festivals"),
        )
    ]
    assert not [secret for text in texts for secret in SECRETS if secret in text]


def test_the_index_links_every_list_the_schema_and_the_docs(world, client):
    data = client.get("/api/v1/").json()
    for name in ("films", "people", "studios", "festivals", "sources", "openapi", "docs"):
        assert client.get(data[name]).status_code == 200, name


def test_an_answer_keeps_hangul_as_it_is(world, client):
    text = client.get(reverse("api:film", args=["the-flower-girl"])).content.decode()
    assert "꽃파는 처녀" in text


# -- a fixed number of queries, whatever the record's size --------------------------------


@f.at_once
def grow(world, start, stop):
    """More cited rows of every kind on Thaw, Rim, Korean Film Studio and Karlovy Vary, and
    more citations of the book: ``stop - start`` of each."""
    book = world.book
    thaw, rim, korean = world.thaw, world.rim, world.korean_film_studio
    for i in range(start, stop):
        person = f.PersonFactory(name=f"Extra Person {i}")
        f.cited(person, "name", source=book)
        credit = f.CreditFactory(film=thaw, person=person, role="actor", order=10 + i)
        f.cited(credit, source=book, locator=f"p. {i}")
        location = ShootingLocation.objects.create(film=thaw, place=f"Place {i}")
        f.cited(location, source=book, locator=f"p. {i}")
        title = f.FilmTitleFactory(film=thaw, title=f"Title {i}", kind="alternative")
        f.cited(title, source=book)
        film = f.FilmFactory(title=f"Extra Film {i}", year=1990)
        f.cited(f.CreditFactory(film=film, person=rim, role="writer"), source=book)
        f.cited(f.FilmStudioFactory(film=film, studio=korean, role="producer"), source=book)
        edition = f.FestivalEditionFactory(festival=world.karlovy_vary, year=1990 + i)
        f.cited(f.FestivalEntryFactory(edition=edition, film=film), source=book)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name, arg",
    [
        ("film", "thaw"),
        ("person", "rim-chang-bom"),
        ("studio", "korean-film-studio"),
        ("festival", "karlovy-vary"),
        ("source", "book"),
        ("films", None),
        ("people", None),
        ("sources", None),
    ],
)
def test_an_answer_costs_the_same_queries_whatever_the_records_size(
    world, client, django_assert_max_num_queries, settings, name, arg
):
    settings.NKFILMS_PAGE_CACHE_SECONDS = 0  # every answer made afresh
    if arg == "book":
        arg = world.book.pk
    url = reverse(f"api:{name}", args=[arg] if arg else [])
    grow(world, 0, 1)  # one row of each kind
    small = queries(client, url)
    grow(world, 1, 5)
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(30):
        client.get(url)


def test_a_merged_records_old_address_redirects_to_the_survivor(world, client):
    from django.contrib.contenttypes.models import ContentType

    from catalog.models import MergedSlug
    from people.models import Person

    MergedSlug.objects.create(
        content_type=ContentType.objects.get_for_model(Person),
        slug="sin-sang-ok",
        target_id=world.shin.pk,
    )
    response = client.get(reverse("api:person", args=["sin-sang-ok"]))
    assert response.status_code == 301
    assert response["Location"].endswith(reverse("api:person", args=["shin-sang-ok"]))
    assert client.get(reverse("api:studio", args=["sin-films"])).json() == {"error": "not found"}


# The keys of the answers before v1, at each level: v1 only adds.
BEFORE_V1 = {
    "film": {
        "": {"slug", "title", "year", "kind", "url", "api_url", "original_title", "genres"}
        | {"synopsis", "titles", "credits", "studios", "coproduction", "festivals", "claims"},
        "titles": {"title", "language", "kind", "citations"},
        "credits": {"person", "role", "character", "credited_as", "citations"},
        "studios": {"studio", "role", "citations"},
        "festivals": {"festival", "year", "award", "result", "citations"},
    },
    "person": {
        "": {"slug", "name", "names", "credits"},
        "names": {"name", "kind", "romanization", "citations"},
        "credits": {"film", "role", "character", "citations"},
    },
    "studio": {
        "": {"slug", "name", "names", "country", "films", "partners"},
        "names": {"name", "kind"},
        "films": {"film", "role", "citations"},
        "partners": {"studio", "films"},
    },
    "festival": {
        "": {"slug", "name", "entries"},
        "entries": {"film", "year", "award", "result", "citations"},
    },
    "source": {
        "": {"id", "title", "authors", "kind", "date", "url", "claims"},
        "claims": {"record", "row", "field", "value", "locator", "quote"},
    },
}


@pytest.mark.parametrize(
    "name, arg",
    [
        ("film", "pulgasari"),
        ("person", "rim-chang-bom"),
        ("studio", "korean-film-studio"),
        ("festival", "karlovy-vary"),
        ("source", "essay"),
    ],
)
def test_every_field_name_from_before_v1_is_still_there(world, client, name, arg):
    data = get(client, name, world.essay.pk if arg == "essay" else arg)
    for key, names in BEFORE_V1[name].items():
        for item in data[key] if key else [data]:
            assert names <= set(item), (key, names - set(item))
    if name == "film":
        coproduction = data["coproduction"]
        assert {"partners", "locations", "standing", "citations", "claims"} <= set(coproduction)
        assert {"studio", "country", "contributions", "citations"} <= set(
            coproduction["partners"][0]
        )
        citation = data["credits"][0]["citations"][0]
        assert {"source", "locator", "quote"} <= set(citation)
        assert {"id", "title", "authors", "url", "api_url"} <= set(citation["source"])
