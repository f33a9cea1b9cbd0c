"""The claims export: one row per citation behind every fact of the films of a result.

A film's facts are its own fields and the rows its page shows (titles, credits, studios,
locations, festival entries, its co-production and the partners in it), found from the
models as ``cited_models`` knows them. Rows that link a draft are left out, as on the page.
Each chunk of films costs one query per kind of row and one for all their claims with their
citations and sources, whatever the number of films.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse

from catalog.models import RANK_ORDER, ROW, Claim, Film, cited_models, public_rows

from .answers import absolute
from .film_rows import chunked

CHUNK = 500  # films per round of queries (their rows' ids are sent in one query)
CLAIM_COLUMNS = (
    "content_type_id", "object_id", "field", "value", "rank", "note", "citations__id",
    "citations__source_id", "citations__source__title", "citations__locator",
    "citations__quote",
)  # fmt: skip
FIELDS = [
    "record", "record_title", "record_url", "subject", "subject_id", "subject_label", "field",
    "value", "rank", "note", "source_id", "source_title", "source_url", "locator", "quote",
]  # fmt: skip


def record_model(model):
    """The model of the record whose page shows a row (a partner → its co-production's film)."""
    for part in model.record_path.split("."):
        model = model._meta.get_field(part).related_model
    return model


def film_row_models():
    """The cited rows a film's page shows, in a stable order."""
    return [m for m in cited_models() if m.is_row and record_model(m) is Film]


def subjects_of(films):
    """(model, [row, …]) for the films and each kind of public row about them."""
    found = [(Film, films)]
    for model in film_row_models():
        path = model.record_path.replace(".", "__")
        ids = [film.pk for film in films]
        found.append((model, list(public_rows(model).filter(**{f"{path}__in_ids": ids}))))
    return found


def cited_claims(subjects):
    """{(content type id, object id): [claim values, …]} for the subjects' claims, each
    repeated once per citation (once, with empty citation values, if it has none); in
    the order pages list them (field, preferred first, value), then by citation."""
    condition = Q(pk__in=[])
    for model, rows in subjects:
        if rows:
            ct = ContentType.objects.get_for_model(model)
            condition |= Q(content_type=ct, object_id__in_ids=[row.pk for row in rows])
    rows = Claim.objects.filter(condition).order_by().values_list(*CLAIM_COLUMNS)
    found = {}
    for row in sorted(rows, key=lambda r: (r[2], RANK_ORDER[r[4]], r[3], r[6] or 0)):
        found.setdefault((row[0], row[1]), []).append(row)
    return found


def claim_rows(request, films):
    """One dict per citation of every fact of ``films`` (a film query's queryset), the films
    in the query's order; a claim no source supports yet gives one row without a source."""
    source_url = absolute(request, reverse("front:source_detail", args=[0]))
    films = films.only("pk", "slug", "title")
    for chunk in chunked(films.iterator(chunk_size=CHUNK), CHUNK):
        subjects = subjects_of(chunk)
        claims = cited_claims(subjects)
        by_film = {film.pk: [] for film in chunk}
        for model, rows in subjects:
            ct = ContentType.objects.get_for_model(model)
            for row in rows:
                film = row.record()
                for claim in claims.get((ct.pk, row.pk), []):
                    by_film[film.pk].append((model, row, claim))
        for film in chunk:
            url = absolute(request, film.get_absolute_url())
            for model, row, claim in by_film[film.pk]:
                *_, field, value, rank, note, _citation, source, title, locator, quote = claim
                yield {
                    "record": film.slug,
                    "record_title": film.title,
                    "record_url": url,
                    "subject": model._meta.verbose_name,
                    "subject_id": row.pk,
                    "subject_label": row.label_under_record(),
                    "field": field if field != ROW else "",
                    "value": value,
                    "rank": rank,
                    "note": note,
                    "source_id": source,
                    "source_title": title or "",
                    "source_url": source_url.replace("/0/", f"/{source}/") if source else "",
                    "locator": locator or "",
                    "quote": quote or "",
                }
