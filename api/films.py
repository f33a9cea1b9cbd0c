"""GET /api/v1/films/ (the parameters of /films/, with facets) and /api/v1/films/<slug>/."""

from django.http import Http404
from ninja import Router

from catalog.models import Film
from coproductions.models import CoProduction
from search.query import FilmQuery

from . import schemas
from .answers import (
    absolute,
    cited,
    country,
    envelope,
    film_summary,
    linked,
)
from .parameters import film_parameters

router = Router(tags=["films"])
ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}


@router.get(
    "films/",
    response={200: schemas.FilmList, **ERRORS},
    url_name="films",
    operation_id="list_films",
    summary="Search and filter films, with facets",
    openapi_extra={"parameters": film_parameters()},
)
def films(request):
    """The film search of /films/: the same parameters, the same results, and each facet's
    values with live counts. A value it cannot use is a 400 naming the parameter."""
    query = FilmQuery(request.GET)  # BadQuery: a 400 (api.v1)
    page = query.page()
    facets = query.facets()
    results = [film_summary(request, film) for film in page.object_list]
    return envelope(request, page, results, facets=facets)


def partner(request, row):
    return {
        "studio": linked(request, row.studio, "api:studio") if row.studio else None,
        "country": row.country.code if row.country else None,
        "country_name": row.country.name if row.country else None,
        "contributions": row.contributions,
        "notes": row.notes,
        **cited(request, row),
    }


def location(request, row):
    return {
        "place": row.place,
        "country": row.country.code if row.country else None,
        "country_name": row.country.name if row.country else None,
        "note": row.note,
        **cited(request, row),
    }


def image(request, row):
    return {
        "kind": row.kind,
        "url": absolute(request, row.image.url),
        "thumbnail_url": absolute(request, row.thumbnail.url) if row.thumbnail else "",
        "width": row.width,
        "height": row.height,
        "alt_text": row.alt_text,
        "caption": row.caption,
        "credit": row.credit,
    }


def coproduction_of(request, film):
    try:
        coproduction = film.coproduction
    except CoProduction.DoesNotExist:
        return None
    return {
        "partners": [partner(request, p) for p in coproduction.partners.all()],
        "locations": [loc.place for loc in film.locations.all()],
        "standing": coproduction.standing,
        "notes": coproduction.notes,
        **cited(request, coproduction),
    }


@router.get(
    "films/{slug}/",
    response={200: schemas.Film, **ERRORS},
    url_name="film",
    operation_id="get_film",
    summary="A film with every fact its page shows, each with its claims and citations",
)
def film(request, slug: str):
    """Everything the film's page shows: its facts with every value the sources give, its
    titles, credits, studios, co-production, locations and festivals, each row with its
    citations. Drafts, and rows that link a draft, are left out as on the page."""
    film = Film.objects.with_public_facts().filter(slug=slug).first()
    if film is None:
        raise Http404
    series = film.parent if film.parent is not None and film.parent.is_published else None
    genres = list(film.genres.all())
    return {
        **film_summary(request, film),
        "runtime": film.runtime,
        "colour": film.colour,
        "synopsis": film.synopsis,
        "genres": [g.slug for g in genres],
        "genre_names": [g.name for g in genres],
        "countries": [country(c) for c in film.countries.all()],
        "series": film_summary(request, series) if series else None,
        "part_number": film.part_number,
        "parts": [film_summary(request, part) for part in film.parts.all()],
        "images": [image(request, i) for i in film.images.all()],
        "titles": [
            {
                "title": t.title,
                "language": t.language,
                "script": t.script,
                "romanization": t.romanization,
                "kind": t.kind,
                **cited(request, t),
            }
            for t in film.titles.all()
        ],
        "credits": [
            {
                "person": linked(request, c.person, "api:person"),
                "role": c.role,
                "character": c.character,
                "credited_as": c.credited_as,
                "uncredited": c.uncredited,
                "order": c.order,
                **cited(request, c),
            }
            for c in film.credits.all()
        ],
        "studios": [
            {"studio": linked(request, s.studio, "api:studio"), "role": s.role, **cited(request, s)}
            for s in film.studio_roles.all()
        ],
        "coproduction": coproduction_of(request, film),
        "locations": [location(request, loc) for loc in film.locations.all()],
        "festivals": [
            {
                "festival": linked(request, e.edition.festival, "api:festival"),
                "year": e.edition.year,
                "section": e.section,
                "premiere": e.premiere,
                "award": e.award,
                "result": e.result,
                **cited(request, e),
            }
            for e in film.festival_entries.all()
        ],
        **cited(request, film),
    }
