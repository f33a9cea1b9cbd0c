"""Small builders for test data: a source, a film, a person, and cited claims about them."""

from catalog.models import Citation, Claim, Country, Film, Source, Status
from people.models import Person


def source(slug="test-source", **fields):
    fields.setdefault("kind", Source.Kind.ARTICLE)
    fields.setdefault("title", f"A test article ({slug})")
    fields.setdefault("authors", ["Tester, Ada"])
    return Source.objects.create(slug=slug, **fields)


def country(code="KP", name="North Korea", **fields):
    return Country.objects.get_or_create(code=code, defaults={"name": name, **fields})[0]


def film(slug="test-film", **fields):
    fields.setdefault("title", slug.replace("-", " ").title())
    fields.setdefault("status", Status.PUBLISHED)
    return Film.objects.create(slug=slug, **fields)


def person(slug="test-person", **fields):
    fields.setdefault("name", slug.replace("-", " ").title())
    fields.setdefault("status", Status.PUBLISHED)
    return Person.objects.create(slug=slug, **fields)


def claim(subject, field="", *, source, value=None, rank=None, locator="p. 1", quote="", note=""):
    """A claim about ``subject.field`` (or the row) with one citation to ``source``."""
    if rank is None:
        rank = Claim._meta.get_field("rank").default if field == "" else "preferred"
    if value is None:
        value = "" if field == "" else subject.claim_value(field)
    made = Claim.objects.create(subject=subject, field=field, value=value, rank=rank, note=note)
    Citation.objects.create(claim=made, source=source, locator=locator, quote=quote)
    return made
