"""One rule for every public page and the API: a row that links a draft stays hidden (on the
test world, ``tests/world.py``)."""

from catalog.models import Film, public_q, public_rows_prefetches
from coproductions.models import FilmStudio, Partner
from people.models import Credit
from tests.drafts import SECRETS, drafts_on, unpublish


def test_rows_that_link_a_draft_person_studio_or_festival_are_not_public(world):
    thaw = drafts_on("thaw", world.essay)
    assert not Credit.objects.public().filter(film=thaw, person__name=SECRETS[0]).exists()
    assert not FilmStudio.objects.public().filter(film=thaw, studio__name=SECRETS[1]).exists()
    assert not Partner.objects.public().filter(studio__name=SECRETS[1]).exists()
    assert Credit.objects.public().filter(film=thaw).count() == thaw.credits.count() - 1


def test_a_partner_known_only_by_its_country_stays_public(world):
    partner = Partner.objects.filter(coproduction__film__slug="bird").get()
    assert partner.studio is None
    assert Partner.objects.filter(public_q(Partner)).filter(pk=partner.pk).exists()


def test_rows_on_a_draft_film_are_not_public(world):
    unpublish(Film.objects.filter(slug="thaw"))
    assert Credit.objects.filter(film__slug="thaw").exists()
    assert not Credit.objects.public().filter(film__slug="thaw").exists()
    assert not Partner.objects.public().filter(coproduction__film__slug="thaw").exists()


def test_a_published_films_public_rows_leave_out_every_draft(world, django_assert_num_queries):
    """What the film page and the film API should prefetch (see public_rows_prefetches)."""
    drafts_on("thaw", world.essay)
    film = Film.objects.prefetch_related(*public_rows_prefetches(Film)).get(slug="thaw")
    with django_assert_num_queries(0):
        shown = [
            *(str(c.person) for c in film.credits.all()),
            *(str(s.studio) for s in film.studio_roles.all()),
            *(str(p) for p in film.coproduction.partners.all()),
            *(str(e.edition.festival) for e in film.festival_entries.all()),
        ]
    assert shown == [
        "Rim Chang-bom",
        "Ko Hak-rim",
        "Korean Film Studio",
        "Chongryon Film Studio / Japan",
        "Karlovy Vary International Film Festival",
    ]  # and no secret
