"""The curated dataset: complete, cited, consistent, and loaded and exported faithfully."""

import json
import re
import unicodedata
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from jsonschema import Draft202012Validator

from catalog.models import (
    ROW,
    Citation,
    Claim,
    Country,
    Festival,
    Film,
    Rank,
    Source,
    cited_models,
)
from coproductions.models import CoProduction, Studio
from curation.dataset import PUBLISHED_SCHEMA, DatasetError, dumps, export, load
from curation.dataset.schema import dataset_schema, schema_text
from curation.dataset.spec import all_specs
from people.models import Person

DATASET = settings.NKFILMS_DATASET


def committed():
    return json.loads(DATASET.read_text(encoding="utf-8"))


# -- the collection ---------------------------------------------------------------------


def test_collection_counts_so_an_accidental_loss_fails_the_build(curated):
    counts = {
        "films": Film.objects.count(),
        "people": Person.objects.count(),
        "studios": Studio.objects.count(),
        "festivals": Festival.objects.count(),
        "sources": Source.objects.count(),
        "claims": Claim.objects.count(),
        "citations": Citation.objects.count(),
        "disputed claims": Claim.objects.exclude(field=ROW).exclude(rank=Rank.PREFERRED).count(),
    }
    assert counts == {
        "films": 54,
        "people": 90,
        "studios": 45,
        "festivals": 11,
        "sources": 37,
        "claims": 1325,
        "citations": 2306,
        "disputed claims": 16,
    }


@pytest.mark.parametrize("model", cited_models(), ids=lambda m: m.__name__)
def test_every_published_fact_has_a_citation(curated, model):
    uncited = model.objects.citation_needed()
    if hasattr(model, "status"):
        uncited = uncited.filter(status="published")
    assert [str(obj) for obj in uncited] == []


def test_every_citation_has_a_locator_and_a_short_quote(curated):
    assert not Citation.objects.filter(locator="").exists()
    for citation in Citation.objects.exclude(quote=""):
        assert len(citation.quote.split()) <= 25, citation


def test_every_preferred_claim_agrees_with_its_field(curated):
    for claim in Claim.objects.preferred().exclude(field=ROW).select_related("content_type"):
        subject = claim.subject
        assert claim.value == subject.claim_value(claim.field), (subject, claim.field)


def test_every_disputed_field_has_exactly_one_preferred_value_and_no_repeats(curated):
    by_field = Counter()
    for claim in Claim.objects.exclude(field=ROW):
        by_field[(claim.content_type_id, claim.object_id, claim.field, claim.value)] += 1
    assert [key for key, n in by_field.items() if n > 1] == []


def normalised(name):
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", name)


@pytest.mark.parametrize("model", [Person, Studio], ids=["people", "studios"])
def test_no_two_records_share_a_normalised_name_unless_marked_distinct(curated, model):
    seen = {}
    for record in model.objects.prefetch_related("distinct_from"):
        key = normalised(record.name)
        if key in seen:
            other = seen[key]
            assert other in record.distinct_from.all(), f"{record.slug} duplicates {other.slug}"
        seen[key] = record


def test_the_two_shin_films_studios_are_marked_distinct(curated):
    seoul = Studio.objects.get(slug="shin-films-seoul")
    assert Studio.objects.get(slug="shin-films-pyongyang") in seoul.distinct_from.all()


def test_slugs_are_lowercase_ascii_and_unique_in_the_file():
    data = committed()
    for section in ("films", "people", "studios", "festivals", "sources", "genres"):
        slugs = [record["slug"] for record in data[section]]
        assert len(slugs) == len(set(slugs)), section
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs), section


def test_known_disputes_are_kept_side_by_side(curated):
    pulgasari = Film.objects.with_citations().get(slug="pulgasari")
    assert [(c.value, c.rank) for c in pulgasari.claims_for("year")] == [
        ("1986", "preferred"),
        ("1985", "normal"),
    ]
    sea_of_blood = Film.objects.with_citations().get(slug="sea-of-blood")
    assert {c.value for c in sea_of_blood.claims_for("year")} == {"1968", "1969"}
    emissary = Film.objects.with_citations().get(slug="an-emissary-unreturned")
    assert [(c.value, c.rank) for c in emissary.claims_for("genres")] == [
        ("historical", "preferred"),
        ("spy", "deprecated"),
    ]
    announced = CoProduction.objects.prefetch_related("claims").get(
        film__slug="if-there-is-no-love"
    )
    assert [(c.value, c.rank) for c in announced.claims_for("standing")] == [
        ("announced", "preferred"),
        ("unknown", "normal"),
    ]


def test_every_film_with_genres_cites_them(curated):
    films = Film.objects.filter(genres__isnull=False).distinct().with_claims()
    assert films.count() == 27
    for film in films:
        assert film.citations_for("genres"), film.slug
        assert film.preferred_claim("genres").value == film.claim_value("genres")


def test_every_coproduction_cites_its_standing(curated):
    for coproduction in CoProduction.objects.prefetch_related("claims__citations"):
        assert coproduction.citations_for("standing"), coproduction
        assert coproduction.citations_for(), coproduction  # the arrangement itself


def test_a_new_standing_loads_with_its_claims_first(curated):
    """A co-production's standing changes in place, its old preferred claim becoming a
    competing value: the row is checked against the claims it is about to have."""
    data = committed()
    film = next(f for f in data["films"] if f["slug"] == "ten-zan-the-ultimate-mission")
    coproduction = film["coproduction"]
    old = coproduction["claims"]["standing"][0]
    coproduction["standing"] = "unreleased"
    coproduction["claims"]["standing"] = [
        {
            "rank": "preferred",
            "note": "",
            "citations": [{"source": "schonherr-coproductions", "locator": "test"}],
        },
        {**old, "rank": "normal", "value": "unknown"},
    ]
    load(data)
    row = CoProduction.objects.get(film__slug="ten-zan-the-ultimate-mission")
    assert row.standing == "unreleased"
    assert [(c.value, c.rank) for c in row.claims_for("standing")] == [
        ("unreleased", "preferred"),
        ("unknown", "normal"),
    ]
    exported = next(f for f in export()["films"] if f["slug"] == film["slug"])
    assert [c.get("value") for c in exported["coproduction"]["claims"]["standing"]] == [
        None,
        "unknown",
    ]


# -- the format and its schema ----------------------------------------------------------


def test_the_published_schema_is_the_one_the_specs_generate(tmp_path):
    assert PUBLISHED_SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "Write it again: python manage.py export_dataset --schema"
    )
    call_command("export_dataset", str(tmp_path / "schema.json"), schema=True)
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == schema_text()


def test_the_schema_is_a_valid_json_schema_that_the_committed_file_fits():
    Draft202012Validator.check_schema(dataset_schema())
    assert list(Draft202012Validator(dataset_schema()).iter_errors(committed())) == []


BOOKKEEPING = {
    "version",
    "created",
    "updated",
    "published_at",
    "search_key",
}  # not facts: never in the file


def test_every_cited_model_and_each_of_its_fields_has_a_place_in_the_format():
    specs = {spec.model: spec for spec in all_specs()}
    assert set(cited_models()) <= set(specs)
    for model, spec in specs.items():
        declared = {field.name for field in spec.fields} | {getattr(spec, "owner_field", None)}
        fields = {
            f.name
            for f in model._meta.get_fields()
            if (f.concrete or f.many_to_many) and not f.auto_created
        }
        assert fields - declared - BOOKKEEPING == set(), model


def pulgasari(change):
    def changed(data):
        change(next(film for film in data["films"] if film["slug"] == "pulgasari"))

    return changed


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda f: f["credits"][2].pop("person"),
            "films[pulgasari].credits[2]: “person” is required",
        ),
        (lambda f: f["credits"][2].update(person=""), "films[pulgasari].credits[2]: “person” is"),
        (
            lambda f: f.update(synopis="A typo."),
            "films[pulgasari]: unknown key “synopis” (did you mean “synopsis”?)",
        ),
        (
            lambda f: f.update(year="1986"),
            'films[pulgasari]: “year” must be a whole number or null, not "1986"',
        ),
        (lambda f: f.update(kind="epic"), 'films[pulgasari]: “kind” must be one of "feature", '),
        (
            lambda f: f["claims"].update(parent=[]),
            "films[pulgasari].claims: “parent” cannot hold claims; use one of title, ",
        ),
        (
            lambda f: f["claims"]["year"][1].pop("value"),
            "films[pulgasari].claims.year[1]: a normal claim about year needs a “value”",
        ),
        (
            lambda f: f["claims"]["year"][0].update(rank="best"),
            'films[pulgasari].claims.year[0]: “rank” must be one of "preferred", "normal", '
            '"deprecated"; not "best"',
        ),
        (
            lambda f: f["claims"]["year"].pop(0),
            "films[pulgasari].claims.year: needs exactly one preferred claim (has 0)",
        ),
        (
            lambda f: f["coproduction"]["partners"].append({"studio": None, "citations": []}),
            "films[pulgasari].coproduction.partners[2]: needs “studio”, “country”, or both",
        ),
        (
            lambda f: f.update(coproduction=[]),
            "films[pulgasari]: “coproduction” must be an object or null, not []",
        ),
        (
            lambda f: f["titles"][0]["citations"].append({"source": "schonherr-coproductions"}),
            "films[pulgasari].titles[0].citations[3]: “locator” is required",
        ),
    ],
)
def test_the_schema_names_the_record_and_field_at_fault(change, message):
    """Refused before the database is touched (the test has no database)."""
    with pytest.raises(DatasetError) as error:
        load(bad(committed(), pulgasari(change)))
    assert message in str(error.value)


# -- loading and exporting --------------------------------------------------------------


def test_loading_the_dataset_twice_changes_nothing(curated):
    assert load(committed()) == Counter()


def test_the_committed_file_is_in_canonical_form(curated):
    assert dumps(export()) == DATASET.read_text(encoding="utf-8")


def test_round_trip_into_an_empty_database_is_byte_identical(curated, empty_catalogue):
    load(committed())
    first = dumps(export())
    for model in (Claim, Film, Person, Festival, Source):
        model.objects.all().delete()
    Studio.objects.update(parent=None)
    Studio.objects.all().delete()
    Country.objects.all().delete()
    load(json.loads(first))
    assert dumps(export()) == first


def test_an_update_changes_a_record_in_place_by_its_slug(curated):
    data = committed()
    film = next(f for f in data["films"] if f["slug"] == "bird")
    film["synopsis"] = "A shorter synopsis for the test."
    before = Film.objects.get(slug="bird").pk
    stats = load(data)
    assert Film.objects.get(slug="bird").pk == before
    assert Film.objects.get(slug="bird").synopsis == "A shorter synopsis for the test."
    assert stats["catalog.Film updated"] == 1
    assert stats["catalog.Claim updated"] == 1  # the preferred synopsis claim follows


def bad(data, change):
    change(data)
    return data


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda d: d["films"][0]["credits"].append(
                {"person": "nobody-at-all", "role": "director", "citations": []}
            ),
            "unknown person “nobody-at-all”",
        ),
        (lambda d: d.update(format="something-else"), '"format": "nkfilms-dataset/1"'),
        (lambda d: d["films"][0].update(year=1800), "is not a plausible year"),
        (lambda d: d["films"][0].pop("title"), "“title” is required"),
        (
            lambda d: d["films"][0]["claims"]["title"].append(
                {"rank": "preferred", "citations": []}
            ),
            "needs exactly one preferred claim (has 2)",
        ),
        (
            lambda d: d["films"][0]["titles"].append(dict(d["films"][0]["titles"][0])),
            "duplicate row",
        ),
        (
            lambda d: d["films"][0]["claims"]["title"][0]["citations"].append(
                {"source": "no-such-source", "locator": "p. 1"}
            ),
            "unknown source “no-such-source”",
        ),
        (lambda d: d["films"][0].update(genres=["no-such-genre"]), "unknown genre “no-such"),
        (
            lambda d: d["films"][0]["festivals"].append({"festival": "karlovy-vary", "year": 1901}),
            "festival “karlovy-vary” has no edition 1901; add it there",
        ),
        (
            lambda d: d["films"][0]["claims"].update(
                genres=[
                    {"rank": "preferred", "citations": []},
                    {"rank": "normal", "value": "no-such-genre", "citations": []},
                ]
            ),
            "No genre with the code “no-such-genre”",
        ),
    ],
)
def test_a_bad_file_is_refused_with_the_record_named_and_nothing_written(curated, change, message):
    data = committed()
    first = data["films"][0]["slug"]
    before = (Film.objects.count(), Claim.objects.count(), Citation.objects.count())
    Film.objects.filter(slug=first).update(synopsis="unchanged")
    with pytest.raises(DatasetError) as error:
        load(bad(data, change))
    assert message in str(error.value)
    if message.startswith("unknown") or "preferred" in message or "duplicate" in message:
        assert f"films[{first}]" in str(error.value)
    assert (Film.objects.count(), Claim.objects.count(), Citation.objects.count()) == before
    assert Film.objects.get(slug=first).synopsis == "unchanged"


def test_a_studio_whose_parent_chain_loops_is_refused(curated):
    data = committed()
    studios = {s["slug"]: s for s in data["studios"]}
    studios["chongryon"]["parent"] = "chongryon-film-studio"  # whose parent is chongryon
    with pytest.raises(DatasetError, match="parent chain loops"):
        load(data)
    assert Studio.objects.get(slug="chongryon").parent is None


def test_a_studio_parent_is_cited_like_any_other_fact(curated):
    studio = Studio.objects.with_claims().get(slug="tokuma-daiei")
    assert studio.parent.slug == "tokuma-shoten"
    assert studio.citations_for("parent")[0].quote.startswith("Tokuma Daeie")


def test_the_command_explains_a_file_that_is_not_json(tmp_path, db):
    path = tmp_path / "broken.json"
    path.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(CommandError, match="is not valid JSON"):
        call_command("load_dataset", str(path))


def test_the_command_explains_a_file_that_is_not_utf8(tmp_path, db):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"format": "Schönherr"}'.encode("latin-1"))
    with pytest.raises(CommandError, match="is not UTF-8"):
        call_command("load_dataset", str(path))


def test_make_run_loads_only_into_an_empty_database(curated, capsys):
    call_command("load_dataset", "--if-empty")
    assert "already holds films" in capsys.readouterr().out
