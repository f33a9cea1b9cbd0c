"""Keeping the search index current.

Two kinds of derived data serve the search: every Searchable record's ``search_key`` (its
names, computed when it is saved and when one of its name rows changes), and every published
film's search document and facet rows (``search.models``), rebuilt whenever something they
read changes: the film, its titles, credits, studios, co-production and partners, festival
entries, genres and countries, the people, studios and festivals they link (their names and
whether they are published), and the claims and citations that decide its evidence.

A change rebuilds the films it affects at once; inside ``deferred()`` (a bulk load, an admin
save of many rows) the films are collected and rebuilt once at the end. Data written without
signals (COPY, a restore) is brought up to date by ``manage.py rebuild_search_keys``.
"""

import contextlib
import contextvars
from itertools import islice

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from catalog.models import (
    Citation,
    CitedModel,
    Claim,
    Country,
    Festival,
    FestivalEntry,
    Film,
    Genre,
    Scope,
    cited_models,
    name_row_models,
    public_q,
    searchable_models,
)
from coproductions.models import CoProduction, FilmStudio, Partner, Studio
from people.models import Credit, Person, Role

from .facets import COPRODUCTION, EVIDENCE, credit_facet, decade_of
from .keys import key_words, search_key
from .models import FilmDocument, FilmFacet, FilmWord

BATCH = 2000  # films rebuilt per round of queries

# -- search keys ---------------------------------------------------------------------------


def record_key(record):
    return search_key(record.search_names())


def refresh(record):
    """Store the record's key without touching anything else; True if it was out of date."""
    key = record_key(record)
    if key == record.search_key:
        return False
    record.search_key = key
    type(record)._base_manager.filter(pk=record.pk).update(search_key=key)
    return True


# -- film documents and facet rows ----------------------------------------------------------


def chunks(items, size=BATCH):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def film_index_rows(ids):
    """The documents, words and facet rows of the published films among ``ids``: a fixed
    number of queries, whatever the number of films."""
    films = Film.objects.published().filter(pk__in=ids).order_by()
    facets = {}  # film id → {(facet, value): label}
    keys = {}

    def add(film_id, facet, value, label):
        if film_id in facets and value not in (None, ""):
            facets[film_id].setdefault((facet, str(value)), label)

    kinds, scopes = dict(Film.Kind.choices), dict(Scope.choices)
    for pk, year, kind, scope, key in films.values_list(
        "pk", "year", "kind", "scope", "search_key"
    ):
        facets[pk], keys[pk] = {}, [key]
        add(pk, "scope", scope, scopes.get(scope, scope))
        add(pk, "decade", decade_of(year), f"{decade_of(year)}s")
        add(pk, "kind", kind, kinds[kind])
    found = list(facets)
    genres = Film.genres.through.objects.filter(film__in=found).order_by()
    for pk, slug, name in genres.values_list("film_id", "genre__slug", "genre__name"):
        add(pk, "genre", slug, name)
    countries = Film.countries.through.objects.filter(film__in=found).order_by()
    for pk, code, name in countries.values_list("film_id", "country__code", "country__name"):
        add(pk, "country", code, name)
    partners = Partner.objects.public().filter(coproduction__film__in=found).order_by()
    for pk, code, country, slug, name, key in partners.values_list(
        "coproduction__film", "country__code", "country__name", "studio__slug", "studio__name",
        "studio__search_key",
    ):  # fmt: skip
        add(pk, "country", code, country)
        add(pk, "studio", slug, name)
        keys[pk].append(key or "")
    links = FilmStudio.objects.public().filter(film__in=found).order_by()
    for pk, slug, name, key in links.values_list(
        "film", "studio__slug", "studio__name", "studio__search_key"
    ):
        add(pk, "studio", slug, name)
        keys[pk].append(key)
    roles = dict(Role.choices)
    credits = Credit.objects.public().filter(film__in=found).order_by()
    for pk, role, slug, name, key in credits.values_list(
        "film", "role", "person__slug", "person__name", "person__search_key"
    ):
        add(pk, "person", slug, name)
        add(pk, "role", role, roles.get(role, role))
        add(pk, credit_facet(role), slug, name)
        keys[pk].append(key)
    entries = FestivalEntry.objects.filter(public_q(FestivalEntry), film__in=found).order_by()
    for pk, slug, name in entries.values_list(
        "film", "edition__festival__slug", "edition__festival__name"
    ):
        add(pk, "festival", slug, name)
    labels = dict(COPRODUCTION)
    coproduced = set(
        CoProduction.objects.filter(film__in=found).order_by().values_list("film", flat=True)
    )
    for pk in found:
        value = "yes" if pk in coproduced else "no"
        add(pk, "coproduction", value, labels[value])
    labels = dict(EVIDENCE)
    in_ids = Film.objects.filter(pk__in=found).order_by()
    for pk in in_ids.disputed().values_list("pk", flat=True):
        add(pk, "evidence", "disputed", labels["disputed"])
    for pk in in_ids.citation_needed(rows_q=public_q).values_list("pk", flat=True):
        add(pk, "evidence", "citation-needed", labels["citation-needed"])
    documents = [
        FilmDocument(film_id=pk, key="".join(dict.fromkeys(k for k in parts if k)))
        for pk, parts in keys.items()
    ]
    rows = [
        FilmFacet(film_id=pk, facet=facet, value=value, label=label[:300])
        for pk, values in facets.items()
        for (facet, value), label in values.items()
    ]
    film_words = [
        FilmWord(film_id=document.film_id, word=word)
        for document in documents
        for word in key_words(document.key)
    ]
    return documents, film_words, rows


def save_index_rows(documents, film_words, rows):
    FilmDocument.objects.bulk_create(documents, batch_size=1000)
    FilmWord.objects.bulk_create(film_words, batch_size=5000)
    FilmFacet.objects.bulk_create(rows, batch_size=2000)


def rebuild_films(ids):
    """Rebuild the documents and facet rows of the films ``ids`` (a film no longer published
    loses them)."""
    if not ids:
        return
    with transaction.atomic():
        for batch in chunks(sorted(set(ids))):
            index_rows = film_index_rows(batch)
            for model in (FilmDocument, FilmWord, FilmFacet):
                model.objects.filter(film_id__in=batch).delete()
            save_index_rows(*index_rows)


def rebuild_all():
    """Every published film's document, words and facet rows, from scratch; returns how
    many films."""
    with transaction.atomic():
        for model in (FilmDocument, FilmWord, FilmFacet):
            model.objects.all().delete()
        ids = Film.objects.published().order_by("pk").values_list("pk", flat=True)
        count = 0
        for batch in chunks(ids.iterator(chunk_size=BATCH)):
            index_rows = film_index_rows(batch)
            save_index_rows(*index_rows)
            count += len(index_rows[0])
    return count


# -- what a change affects -------------------------------------------------------------------

_pending = contextvars.ContextVar("search_index_pending", default=None)


@contextlib.contextmanager
def deferred():
    """Collect the films that changes inside affect; rebuild them once on the way out."""
    if _pending.get() is not None:
        yield  # already deferred by an outer block
        return
    pending = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    rebuild_films(pending)


def films_changed(ids):
    pending = _pending.get()
    if pending is not None:
        pending.update(ids)
    elif ids:
        rebuild_films(ids)


def films_of(record):
    """The ids of the films whose index reads ``record``."""
    if isinstance(record, Film):
        return {record.pk}
    if isinstance(record, Person):
        return set(Credit.objects.filter(person=record.pk).values_list("film", flat=True))
    if isinstance(record, Studio):
        links = FilmStudio.objects.filter(studio=record.pk).values_list("film", flat=True)
        partners = Partner.objects.filter(studio=record.pk)
        return set(links) | set(partners.values_list("coproduction__film", flat=True))
    if isinstance(record, Festival):
        entries = FestivalEntry.objects.filter(edition__festival=record.pk)
        return set(entries.values_list("film", flat=True))
    if isinstance(record, Genre):
        tagged = Film.genres.through.objects.filter(genre=record.pk)
        return set(tagged.values_list("film", flat=True))
    if isinstance(record, Country):
        produced = Film.countries.through.objects.filter(country=record.pk)
        partners = Partner.objects.filter(country=record.pk)
        return set(produced.values_list("film", flat=True)) | set(
            partners.values_list("coproduction__film", flat=True)
        )
    if isinstance(record, CitedModel) and record.is_row:
        try:
            return films_of(record.record())
        except ObjectDoesNotExist:
            return set()  # its record is being deleted
    return set()


def films_of_claim(claim):
    """A claim decides its film's evidence: a film's own claims, and its rows' claims."""
    if claim is None:
        return set()
    subject = claim.subject
    if isinstance(subject, Film):
        return {subject.pk}
    if isinstance(subject, CitedModel) and subject.is_row:
        try:
            record = subject.record()
        except ObjectDoesNotExist:
            return set()
        return {record.pk} if isinstance(record, Film) else set()
    return set()


def record_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if isinstance(instance, Citation):
        films_changed(films_of_claim(Claim.objects.filter(pk=instance.claim_id).first()))
    elif isinstance(instance, Claim):
        films_changed(films_of_claim(instance))
    else:
        films_changed(films_of(instance))


def lists_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A film's genres or countries (or a genre's or country's films) changed."""
    if action in ("post_add", "post_remove", "post_clear"):
        films_changed(set(pk_set or ()) if reverse else {instance.pk})


def key_before_save(sender, instance, raw=False, **kwargs):
    if not raw:
        instance.search_key = record_key(instance)


def name_row_changed(sender, instance, raw=False, **kwargs):
    """A name row changes its record's key (a film's title: the film's; a person's variant:
    the person's)."""
    if raw:
        return
    field = instance._meta.get_field(instance.search_parent)
    parent = field.related_model._base_manager.filter(pk=getattr(instance, field.attname)).first()
    if parent is not None:  # None: the record itself is being deleted
        refresh(parent)  # the films that read it are rebuilt by record_changed, next


def connect():
    for model in searchable_models():
        uid = f"search-key-{model._meta.label}"
        pre_save.connect(key_before_save, sender=model, dispatch_uid=uid)
    for model in name_row_models():  # before the films: they read the refreshed key
        uid = f"search-name-{model._meta.label}"
        post_save.connect(name_row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(name_row_changed, sender=model, dispatch_uid=uid)
    for model in [*cited_models(), Genre, Country, Claim, Citation]:
        uid = f"search-index-{model._meta.label}"
        post_save.connect(record_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(record_changed, sender=model, dispatch_uid=uid)
    for field in (Film.genres.field, Film.countries.field):
        m2m_changed.connect(
            lists_changed, sender=field.remote_field.through, dispatch_uid=f"search-{field.name}"
        )
