"""Drafts linked to a published film: what a visitor must never see, on any page or in the API."""

from catalog.models import Country, Festival, FestivalEdition, FestivalEntry, Film, Status
from coproductions.models import FilmStudio, Partner, Studio
from people.models import Credit, Person
from tests import factories

SECRETS = ("Secret Draftperson", "Secret Draft Studio", "Secret Draft Festival", "Secretland")


def drafts_on(film_slug, source, parent_slug="korean-film-studio"):
    """A draft person credited on the film, a draft studio (a unit of ``parent_slug``, from
    "Secretland") that co-produced it and partnered in it, and a draft festival that
    gave it an award; every row cited to ``source``."""
    film = Film.objects.get(slug=film_slug)
    person = Person.objects.create(slug="secret-draftperson", name=SECRETS[0])
    studio = Studio.objects.create(
        slug="secret-draft-studio",
        name=SECRETS[1],
        kind=Studio.Kind.PRODUCTION_COMPANY,
        parent=Studio.objects.get(slug=parent_slug),
        country=Country.objects.get_or_create(code="XS", defaults={"name": SECRETS[3]})[0],
    )
    festival = Festival.objects.create(slug="secret-draft-festival", name=SECRETS[2])
    edition = FestivalEdition.objects.create(festival=festival, year=1986)
    rows = [
        Credit.objects.create(film=film, person=person, role="actor"),
        FilmStudio.objects.create(film=film, studio=studio, role="co-producer"),
        Partner.objects.create(
            coproduction=film.coproduction, studio=studio, country=studio.country
        ),
        FestivalEntry.objects.create(edition=edition, film=film, award="Secret Fest Award"),
    ]
    for row in rows:
        factories.claim(row, source=source, locator="p. 99")
    assert {person.status, studio.status, festival.status} == {Status.DRAFT}
    return film


def draft_film_made_by(*studio_slugs, year=1955, people=()):
    """A draft film made by the given studios, with writing credits for ``people``."""
    film = factories.film("draft-film", title="A Draft Film", year=year, status=Status.DRAFT)
    for slug in studio_slugs:
        FilmStudio.objects.create(film=film, studio=Studio.objects.get(slug=slug), role="producer")
    for slug in people:
        Credit.objects.create(film=film, person=Person.objects.get(slug=slug), role="writer")
    return film


def unpublish(records):
    """Turn published records back into drafts as an editor does: by saving each, so that
    everything derived from them (the search index) follows."""
    for record in records:
        record.status = Status.DRAFT
        record.save()
