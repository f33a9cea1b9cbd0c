"""Every model is registered in the admin and its pages work for a curator; on the test world
(``tests/world.py``)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from catalog.models import Film, cited_models
from tests import factories as f


def admin_urls():
    for model in admin.site._registry:
        meta = model._meta
        yield f"admin:{meta.app_label}_{meta.model_name}_changelist"


def test_every_model_of_the_three_apps_is_registered():
    from django.apps import apps

    for label in ("catalog", "people", "coproductions"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue  # shown on each record's History page
            if model.__name__ == "DataVersion":
                continue  # kept by the site itself: every change draws a new one
            assert model in admin.site._registry, f"{model.__name__} is not in the admin"


@pytest.mark.parametrize("url_name", sorted(admin_urls()))
def test_changelists_open(world, admin_client, url_name):
    assert admin_client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:catalog_film_add",
        "admin:catalog_source_add",
        "admin:people_person_add",
        "admin:coproductions_studio_add",
        "admin:catalog_festival_add",
    ],
)
def test_add_pages_open(db, admin_client, url_name):
    assert admin_client.get(reverse(url_name)).status_code == 200


def test_film_change_page_shows_claims_credits_and_partners_inline(world, admin_client):
    film = world.pulgasari
    page = admin_client.get(reverse("admin:catalog_film_change", args=[film.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    for heading in ("Claims and citations", "Film titles", "Credits", "Co-production", "Partners"):
        assert heading in text, heading
    assert "Kenpachiro Satsuma" in text  # a credit, with its citations nested below it


def test_admin_search_finds_a_film_by_an_alternative_title(world, admin_client):
    page = admin_client.get(reverse("admin:catalog_film_changelist"), {"q": "Hero Noreturn"})
    assert "An Emissary Unreturned" in page.content.decode()
    assert "Pulgasari" not in page.content.decode()


def test_citation_needed_filter_lists_only_uncited_films(world, admin_client):
    Film.objects.create(slug="new-draft", title="A New Uncited Draft", year=1990)
    page = admin_client.get(reverse("admin:catalog_film_changelist"), {"citations": "needed"})
    text = page.content.decode()
    assert "A New Uncited Draft" in text
    assert "Pulgasari" not in text


def test_the_film_page_is_composed_once_with_the_rows_of_all_three_apps():
    from curation.admin.coproductions import CoProductionInline, FilmStudioInline
    from curation.admin.films import FilmAdmin
    from curation.admin.people import CreditInline

    registered = admin.site.get_model_admin(Film)
    assert type(registered) is FilmAdmin
    assert {CreditInline, FilmStudioInline, CoProductionInline} <= set(registered.inlines)


# Claims and citations name the record each is about: one query per kind of record on the
# page (films, credits, partners…), however many rows of that kind it lists.
PER_KIND = 7 + len(cited_models())


@pytest.mark.parametrize(
    "url_name, most",
    [
        ("admin:catalog_claim_changelist", PER_KIND),
        ("admin:catalog_citation_changelist", PER_KIND),
        ("admin:people_person_changelist", 10),
        ("admin:people_credit_changelist", 10),
        ("admin:coproductions_partner_changelist", 10),
    ],
)
def test_changelists_take_a_few_queries_whatever_the_rows(
    world, admin_client, django_assert_max_num_queries, url_name, most
):
    """Every list holds more than a dozen rows (claims and citations, a page of 100): one
    query per row would show."""
    source, bird = world.essay, world.bird
    with f.many():
        for _ in range(12):  # a dozen more people, credits, partners, claims and citations
            f.cited(f.CreditFactory(film=bird), source=source)
            partner = f.PartnerFactory(coproduction=bird.coproduction, studio=f.StudioFactory())
            f.cited(partner, source=source)
    admin_client.get(reverse(url_name))  # content types are cached after the first page
    with django_assert_max_num_queries(most):
        assert admin_client.get(reverse(url_name)).status_code == 200


def test_the_index_counts_the_facts_that_need_a_source_in_a_few_queries(
    world, admin_client, django_assert_max_num_queries
):
    from curation.sites import uncited_fact_count, uncited_facts

    # Each with its title, year, kind, scope, runtime and a title row uncited.
    f.FilmTitleFactory.create_batch(12, film__year=1999, film__runtime=80)
    assert uncited_fact_count() == len(uncited_facts()) == 12 * 6
    with django_assert_max_num_queries(25):
        page = admin_client.get(reverse("admin:index"))
    assert f"<strong>{len(uncited_facts())}</strong>" in page.content.decode()
