"""GET /api/films/ (the parameters of /films/, with facets) and /api/films/<slug>/."""

from catalog.models import Film
from coproductions.models import CoProduction
from search.query import BadQuery, FilmQuery

from .answers import envelope, field_claims, film_summary, json_answer, linked, row_citations
from .decorators import error


def films(request):
    """GET /api/films/: the same parameters as /films/, with facets."""
    try:
        query = FilmQuery(request.GET)
        page = query.page()
        facets = query.facets()
    except BadQuery as bad:
        return error(bad.message)
    results = [film_summary(request, film) for film in page.object_list]
    return json_answer(envelope(request, page, results, facets=facets))


def film_detail(request, slug):
    """GET /api/films/<slug>/: the film with every fact and its citations."""
    film = Film.objects.with_public_facts().filter(slug=slug).first()
    if film is None:
        return error("not found", status=404)
    try:
        coproduction = film.coproduction
    except CoProduction.DoesNotExist:
        coproduction = None
    data = {
        **film_summary(request, film),
        "original_title": film.original_title,
        "genres": [g.slug for g in film.genres.all()],
        "synopsis": film.synopsis,
        "titles": [
            {
                "title": t.title,
                "language": t.language,
                "kind": t.kind,
                "citations": row_citations(request, t),
            }
            for t in film.titles.all()
        ],
        "credits": [
            {
                "person": linked(request, c.person, "api:person"),
                "role": c.role,
                "character": c.character,
                "credited_as": c.credited_as,
                "citations": row_citations(request, c),
            }
            for c in film.credits.all()
        ],
        "studios": [
            {
                "studio": linked(request, s.studio, "api:studio"),
                "role": s.role,
                "citations": row_citations(request, s),
            }
            for s in film.studio_roles.all()
        ],
        "coproduction": None
        if coproduction is None
        else {
            "partners": [
                {
                    "studio": linked(request, p.studio, "api:studio") if p.studio else None,
                    "country": p.country.code if p.country else None,
                    "contributions": p.contributions,
                    "citations": row_citations(request, p),
                }
                for p in coproduction.partners.all()
            ],
            "locations": [loc.place for loc in film.locations.all()],
            "standing": coproduction.standing,
            "citations": row_citations(request, coproduction),
            "claims": field_claims(request, coproduction),
        },
        "festivals": [
            {
                "festival": linked(request, e.edition.festival, "api:festival"),
                "year": e.edition.year,
                "award": e.award,
                "result": e.result,
                "citations": row_citations(request, e),
            }
            for e in film.festival_entries.all()
        ],
        "claims": field_claims(request, film),
    }
    return json_answer(data)
