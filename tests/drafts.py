"""Drafts linked to a published film: what a visitor must never see, on any page or in the API."""

from catalog.models import Film, Status
from coproductions.models import Studio
from people.models import Person
from tests import factories as f

SECRETS = ("Secret Draftperson", "Secret Draft Studio", "Secret Draft Festival", "Secretland")


def drafts_on(film_slug, source, parent_slug="korean-film-studio"):
    """A draft person credited on the film, a draft studio (a unit of ``parent_slug``, from
    "Secretland") that co-produced it and partnered in it, and a draft festival that
    gave it an award; every row cited to ``source``. The film is a co-production."""
    film = Film.objects.get(slug=film_slug)
    draft = {"status": Status.DRAFT}
    person = f.PersonFactory(name=SECRETS[0], **draft)
    studio = f.StudioFactory(
        name=SECRETS[1],
        parent=Studio.objects.get(slug=parent_slug),
        country=f.CountryFactory(code="XS", name=SECRETS[3]),
        **draft,
    )
    festival = f.FestivalFactory(name=SECRETS[2], **draft)
    rows = [
        f.CreditFactory(film=film, person=person, role="actor"),
        f.FilmStudioFactory(film=film, studio=studio, role="co-producer"),
        f.PartnerFactory(
            coproduction=f.CoProductionFactory(film=film), studio=studio, country=studio.country
        ),
        f.FestivalEntryFactory(edition__festival=festival, film=film, award="Secret Fest Award"),
    ]
    for row in rows:
        f.cited(row, source=source, locator="p. 99")
    return film


def draft_film_made_by(*studio_slugs, year=1955, people=()):
    """A draft film made by the given studios, with writing credits for ``people``."""
    film = f.FilmFactory(slug="draft-film", title="A Draft Film", year=year, status=Status.DRAFT)
    for slug in studio_slugs:
        f.FilmStudioFactory(film=film, studio=Studio.objects.get(slug=slug), role="producer")
    for slug in people:
        f.CreditFactory(film=film, person=Person.objects.get(slug=slug), role="writer")
    return film


def unpublish(records):
    """Turn published records back into drafts as an editor does: by saving each, so that
    everything derived from them (the search index) follows."""
    for record in records:
        record.status = Status.DRAFT
        record.save()
