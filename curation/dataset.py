"""Read and write the curated dataset file (see docs/dataset-format.md).

The file is the source of truth curators review in pull requests. Loading is idempotent
(records and rows are matched by natural keys and only changed values are written) and
all-or-nothing; exporting writes a canonical file, so export → load → export is byte-identical.
This module lives in the project package because the file spans all three apps.
"""

import json
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import (
    ROW,
    Citation,
    Claim,
    Country,
    Festival,
    FestivalEdition,
    FestivalEntry,
    Film,
    FilmTitle,
    Genre,
    Rank,
    ShootingLocation,
    Source,
)
from coproductions.models import CoProduction, FilmStudio, Partner, Studio, StudioName
from people.models import Credit, Person, PersonName

FORMAT = "nkfilms-dataset/1"
RANK_ORDER = {Rank.PREFERRED: 0, Rank.NORMAL: 1, Rank.DEPRECATED: 2}


class DatasetError(Exception):
    """A problem in the dataset file, naming the record and field at fault."""

    def __init__(self, where, message):
        super().__init__(f"{where}: {message}")
        self.where = where


def dumps(data):
    """The canonical text of a dataset: sorted keys, two-space indent, UTF-8, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------


def load(data):
    """Load a parsed dataset into the database in one transaction; return change counts."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DatasetError("file", f'expected an object with "format": "{FORMAT}"')
    loader = _Loader()
    try:
        with transaction.atomic():
            loader.load(data)
    except IntegrityError as error:
        raise DatasetError("file", f"the database refused the data: {error}") from None
    return loader.stats


def parents_first(studios):
    """Studios ordered so that each comes after its parent: a parent claim is checked
    against a parent that already exists."""
    by_slug = {item.get("slug"): item for item in studios if isinstance(item, dict)}
    ordered, placed = [], set()

    def place(item, chain):
        slug = item.get("slug")
        if slug in placed:
            return
        if slug in chain:
            raise DatasetError(f"studios[{slug}].parent", "the parent chain loops back to itself")
        parent = by_slug.get(item.get("parent"))
        if parent is not None:
            place(parent, chain | {slug})
        placed.add(slug)
        ordered.append(item)

    for item in studios:
        if not isinstance(item, dict):
            raise DatasetError("studios", "every studio must be an object")
        place(item, frozenset())
    return ordered


def _required(record, key, where):
    if key not in record or record[key] in (None, ""):
        raise DatasetError(where, f"“{key}” is required")
    return record[key]


def _list(record, key, where):
    value = record.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise DatasetError(where, f"“{key}” must be a list")
    return value


def claim_text(value):
    """A field value as a claim stores it: '' for empty, codes joined for lists."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(sorted(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _Loader:
    def __init__(self):
        self.stats = Counter()
        self.countries = {}
        self.genres = {}
        self.sources = {}
        self.festivals = {}
        self.studios = {}
        self.people = {}
        self.films = {}

    # -- generic machinery ------------------------------------------------------------

    def save(self, obj, where, exclude=()):
        # References were resolved by this loader (with its own errors), so the per-field
        # existence queries of full_clean() are skipped; claims' uniqueness follows from their
        # natural keys here and stays enforced by the database.
        related = [f.name for f in obj._meta.concrete_fields if f.is_relation]
        try:
            obj.full_clean(
                exclude=[*exclude, *related],
                validate_constraints=not isinstance(obj, Claim | Citation),
            )
        except ValidationError as error:
            details = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            raise DatasetError(where, details) from None
        created = obj.pk is None
        obj.save()
        self.stats[f"{obj._meta.label} {'created' if created else 'updated'}"] += 1

    def upsert(self, obj, model, values, where, lookup=None, exclude=()):
        """Create ``obj`` (None) or update it with ``values``; save only if something changed."""
        if obj is None:
            obj = model(**(lookup or {}), **values)
            self.save(obj, where, exclude)
            return obj
        changed = False
        for name, value in values.items():
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
        if changed:
            self.save(obj, where, exclude)
        return obj

    def ref(self, table, key, where, kind):
        if key in (None, ""):
            return None
        try:
            return table[key]
        except KeyError:
            raise DatasetError(where, f"unknown {kind} “{key}”") from None

    def set_m2m(self, obj, name, targets):
        manager = getattr(obj, name)
        if {t.pk for t in manager.all()} != {t.pk for t in targets}:
            manager.set(targets)
            self.stats[f"{obj._meta.label}.{name} updated"] += 1

    def sync_rows(self, where, existing, items, key_of_item, key_of_obj, apply):
        """Match rows by natural key: update matches, create the new, delete the missing."""
        current = {key_of_obj(obj): obj for obj in existing}
        seen = set()
        for index, item in enumerate(items):
            at = f"{where}[{index}]"
            if not isinstance(item, dict | tuple):
                raise DatasetError(at, "must be an object")
            key = key_of_item(item, at)
            if key in seen:
                raise DatasetError(at, f"duplicate row {key}")
            seen.add(key)
            apply(current.get(key), item, at)
        for key, obj in current.items():
            if key not in seen:
                self.stats[f"{obj._meta.label} deleted"] += 1
                obj.delete()

    # -- claims and citations ---------------------------------------------------------

    def sync_claims(self, obj, record, where, fields_values):
        """Sync a record's field claims and its row claim with the file.

        ``fields_values`` maps each cited field to its value as the file gives it, so that
        preferred claims take the value the record is about to have.
        """
        claims = record.get("claims") or {}
        if not isinstance(claims, dict):
            raise DatasetError(where, "“claims” must be an object of field: [claims]")
        items = []
        for field, field_claims in sorted(claims.items()):
            if field not in obj.cited_fields:
                raise DatasetError(
                    f"{where}.claims",
                    f"“{field}” cannot hold claims; use one of {', '.join(obj.cited_fields)}",
                )
            preferred = [c for c in field_claims if c.get("rank") == Rank.PREFERRED]
            if len(preferred) != 1:
                raise DatasetError(
                    f"{where}.claims.{field}",
                    f"needs exactly one preferred claim (has {len(preferred)})",
                )
            for claim in field_claims:
                items.append((field, claim))
        if record.get("citations") or obj.is_row and ("rank" in record or record.get("note")):
            items.append((ROW, {"rank": record.get("rank") or Rank.NORMAL, **record}))
        existing = Claim.objects.about(obj).prefetch_related("citations__source")

        def key_of_item(pair, at):
            field, claim = pair
            rank = claim.get("rank")
            if rank not in RANK_ORDER:
                raise DatasetError(
                    at, f"rank must be preferred, normal or deprecated, not {rank!r}"
                )
            if field == ROW or rank == Rank.PREFERRED:
                return (field, rank == Rank.PREFERRED, "")
            if "value" not in claim:
                raise DatasetError(at, f"a {rank} claim about {field} needs a “value”")
            return (field, False, claim_text(claim["value"]))

        def key_of_obj(claim):
            if claim.field == ROW or claim.rank == Rank.PREFERRED:
                return (claim.field, claim.rank == Rank.PREFERRED, "")
            return (claim.field, False, claim.value)

        def apply(claim, pair, at):
            field, item = pair
            at = f"{where}.claims.{field}" if field else f"{where}.citations"
            if field == ROW:
                value = ""
            elif item["rank"] == Rank.PREFERRED:
                if "value" in item and claim_text(item["value"]) != claim_text(
                    fields_values.get(field)
                ):
                    raise DatasetError(
                        at,
                        f"the preferred value {item['value']!r} contradicts the record's "
                        f"{field} {fields_values.get(field)!r}",
                    )
                value = claim_text(fields_values.get(field))
            else:
                value = claim_text(item["value"])
            values = {"rank": item["rank"], "value": value, "note": item.get("note") or ""}
            lookup = {"subject": obj, "field": field}
            if claim is not None:
                claim.subject = obj  # validate against the record as it is about to be
            claim = self.upsert(claim, Claim, values, at, lookup=lookup)
            self.sync_citations(claim, _list(item, "citations", at), at)

        self.sync_rows(where, existing, items, key_of_item, key_of_obj, apply)

    def sync_citations(self, claim, items, where):
        def key_of_item(item, at):
            source = _required(item, "source", at)
            return (source, _required(item, "locator", at), item.get("quote") or "")

        def apply(citation, item, at):
            values = {
                "source": self.ref(self.sources, item["source"], at, "source"),
                "quote": item.get("quote") or "",
                "note": item.get("note") or "",
            }
            self.upsert(
                citation, Citation, values, at, lookup={"claim": claim, "locator": item["locator"]}
            )

        existing = claim.citations.all() if claim.pk else []
        self.sync_rows(
            f"{where}.citations",
            existing,
            items,
            key_of_item,
            lambda c: (c.source.slug, c.locator, c.quote),
            apply,
        )

    def with_claims(self, obj, model, values, where, lookup, item, exclude=()):
        """Create or update a record or row and sync its claims; claims first on update."""
        fields_values = {name: item.get(name) for name in model.cited_fields}
        if obj is None:
            obj = self.upsert(None, model, values, where, lookup=lookup, exclude=exclude)
            self.sync_claims(obj, item, where, fields_values)
            return obj
        # New values first (in memory), so claims are checked against what the record is
        # about to be; then the record is saved only if something changed.
        changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
        for name, value in changed.items():
            setattr(obj, name, value)
        self.sync_claims(obj, item, where, fields_values)
        if changed:
            self.save(obj, where, exclude)
        return obj

    def record(self, model, table, record, where, values, exclude=()):
        """Upsert a top-level record by slug and sync its claims."""
        slug = _required(record, "slug", where)
        obj = model.objects.filter(slug=slug).first()
        obj = self.with_claims(obj, model, values, where, {"slug": slug}, record, exclude)
        table[slug] = obj
        return obj

    def cited_row(self, obj, model, values, where, lookup, item):
        """Upsert a row with its row claim (and field claims: a co-production's standing)."""
        return self.with_claims(obj, model, values, where, lookup, item)

    # -- the sections, in dependency order ---------------------------------------------

    def load(self, data):
        for index, item in enumerate(_list(data, "countries", "file")):
            where = f"countries[{index}]"
            code = _required(item, "code", where)
            obj = Country.objects.filter(code=code).first()
            values = {
                "name": _required(item, "name", where),
                "historical": bool(item.get("historical")),
            }
            self.countries[code] = self.upsert(obj, Country, values, where, lookup={"code": code})
        for index, item in enumerate(_list(data, "genres", "file")):
            where = f"genres[{index}]"
            slug = _required(item, "slug", where)
            obj = Genre.objects.filter(slug=slug).first()
            values = {"name": _required(item, "name", where)}
            self.genres[slug] = self.upsert(obj, Genre, values, where, lookup={"slug": slug})
        for item in _list(data, "sources", "file"):
            self.load_source(item)
        for item in _list(data, "festivals", "file"):
            self.load_festival(item)
        studios = _list(data, "studios", "file")
        for item in parents_first(studios):
            self.load_studio(item)
        for item in studios:
            self.link_studio(item)
        people = _list(data, "people", "file")
        for item in people:
            self.load_person(item)
        for item in people:
            where = f"people[{item['slug']}]"
            targets = [
                self.ref(self.people, s, where, "person") for s in item.get("distinct_from", [])
            ]
            self.set_m2m(self.people[item["slug"]], "distinct_from", targets)
        films = _list(data, "films", "file")
        for item in films:
            self.load_film(item)
        for item in films:
            self.load_film_rows(item)

    def load_source(self, item):
        where = f"sources[{item.get('slug')}]"
        slug = _required(item, "slug", where)
        values = {
            name: item.get(name) or ""
            for name in (
                "kind",
                "title",
                "container",
                "publisher",
                "place",
                "date",
                "url",
                "pages",
                "isbn",
                "language",
                "notes",
            )
        }
        values["authors"] = item.get("authors") or []
        obj = Source.objects.filter(slug=slug).first()
        self.sources[slug] = self.upsert(obj, Source, values, where, lookup={"slug": slug})

    def load_festival(self, item):
        where = f"festivals[{item.get('slug')}]"
        values = {
            "name": _required(item, "name", where),
            "city": item.get("city") or "",
            "country": self.ref(self.countries, item.get("country"), where, "country"),
            "founded": item.get("founded"),
            "status": item.get("status") or "published",
        }
        festival = self.record(Festival, self.festivals, item, where, values)

        def apply(edition, row, at):
            self.cited_row(
                edition,
                FestivalEdition,
                {},
                at,
                {"festival": festival, "year": row.get("year")},
                row,
            )

        self.sync_rows(
            f"{where}.editions",
            festival.editions.all(),
            _list(item, "editions", where),
            lambda row, at: row.get("year"),
            lambda edition: edition.year,
            apply,
        )

    def load_studio(self, item):
        where = f"studios[{item.get('slug')}]"
        values = {
            "name": _required(item, "name", where),
            "kind": _required(item, "kind", where),
            "country": self.ref(self.countries, item.get("country"), where, "country"),
            "city": item.get("city") or "",
            "founded": item.get("founded"),
            "dissolved": item.get("dissolved"),
            "parent": self.ref(self.studios, item.get("parent"), where, "studio"),
            "notes": item.get("notes") or "",
            "status": item.get("status") or "published",
        }
        studio = self.record(Studio, self.studios, item, where, values)

        def apply(name, row, at):
            values = {
                "kind": _required(row, "kind", at),
                "language": row.get("language") or "",
                "start_year": row.get("start_year"),
                "end_year": row.get("end_year"),
            }
            self.cited_row(
                name, StudioName, values, at, {"studio": studio, "name": row["name"]}, row
            )

        self.sync_rows(
            f"{where}.names",
            studio.names.all(),
            _list(item, "names", where),
            lambda row, at: _required(row, "name", at),
            lambda name: name.name,
            apply,
        )

    def link_studio(self, item):
        where = f"studios[{item['slug']}]"
        studio = self.studios[item["slug"]]
        targets = [
            self.ref(self.studios, s, where, "studio") for s in item.get("distinct_from", [])
        ]
        self.set_m2m(studio, "distinct_from", targets)

    def load_person(self, item):
        where = f"people[{item.get('slug')}]"
        values = {
            "name": _required(item, "name", where),
            "hangul_name": item.get("hangul_name") or "",
            "birth_year": item.get("birth_year"),
            "death_year": item.get("death_year"),
            "nationality": self.ref(self.countries, item.get("nationality"), where, "country"),
            "bio": item.get("bio") or "",
            "status": item.get("status") or "published",
        }
        person = self.record(Person, self.people, item, where, values)

        def apply(name, row, at):
            values = {
                "kind": _required(row, "kind", at),
                "language": row.get("language") or "",
                "romanization": row.get("romanization") or "",
            }
            self.cited_row(
                name, PersonName, values, at, {"person": person, "name": row["name"]}, row
            )

        self.sync_rows(
            f"{where}.names",
            person.names.all(),
            _list(item, "names", where),
            lambda row, at: _required(row, "name", at),
            lambda name: name.name,
            apply,
        )

    def load_film(self, item):
        where = f"films[{item.get('slug')}]"
        values = {
            "title": _required(item, "title", where),
            "original_title": item.get("original_title") or "",
            "year": item.get("year"),
            "end_year": item.get("end_year"),
            "kind": _required(item, "kind", where),
            "runtime": item.get("runtime"),
            "colour": item.get("colour") or "",
            "synopsis": item.get("synopsis") or "",
            "status": item.get("status") or "published",
        }
        # The series link is set once every film exists (load_film_rows).
        self.record(Film, self.films, item, where, values, exclude=["parent", "part_number"])

    def load_film_rows(self, item):
        where = f"films[{item['slug']}]"
        film = self.films[item["slug"]]
        parent = self.ref(self.films, item.get("parent"), where, "film")
        self.upsert(film, Film, {"parent": parent, "part_number": item.get("part_number")}, where)
        self.set_m2m(
            film,
            "genres",
            [self.ref(self.genres, g, where, "genre") for g in item.get("genres", [])],
        )
        countries = [
            self.ref(self.countries, c, where, "country") for c in item.get("countries", [])
        ]
        self.set_m2m(film, "countries", countries)

        def title_key(row, at):
            return (_required(row, "title", at), _required(row, "language", at), row.get("kind"))

        def apply_title(title, row, at):
            values = {
                "script": row.get("script") or "",
                "romanization": row.get("romanization") or "",
            }
            lookup = {
                "film": film,
                "title": row["title"],
                "language": row["language"],
                "kind": row.get("kind"),
            }
            self.cited_row(title, FilmTitle, values, at, lookup, row)

        self.sync_rows(
            f"{where}.titles",
            film.titles.all(),
            _list(item, "titles", where),
            title_key,
            lambda t: (t.title, t.language, t.kind),
            apply_title,
        )

        def apply_location(location, row, at):
            values = {
                "country": self.ref(self.countries, row.get("country"), at, "country"),
                "note": row.get("note") or "",
            }
            self.cited_row(
                location, ShootingLocation, values, at, {"film": film, "place": row["place"]}, row
            )

        self.sync_rows(
            f"{where}.locations",
            film.locations.all(),
            _list(item, "locations", where),
            lambda row, at: _required(row, "place", at),
            lambda loc: loc.place,
            apply_location,
        )

        def credit_key(row, at):
            return (
                _required(row, "person", at),
                _required(row, "role", at),
                row.get("character") or "",
            )

        def apply_credit(credit, row, at):
            lookup = {
                "film": film,
                "person": self.ref(self.people, row["person"], at, "person"),
                "role": row["role"],
                "character": row.get("character") or "",
            }
            values = {
                "credited_as": row.get("credited_as") or "",
                "uncredited": bool(row.get("uncredited")),
                "order": row.get("order") or 0,
            }
            self.cited_row(credit, Credit, values, at, lookup, row)

        self.sync_rows(
            f"{where}.credits",
            film.credits.select_related("person"),
            _list(item, "credits", where),
            credit_key,
            lambda c: (c.person.slug, c.role, c.character),
            apply_credit,
        )

        def apply_studio(link, row, at):
            lookup = {
                "film": film,
                "studio": self.ref(self.studios, row["studio"], at, "studio"),
                "role": row["role"],
            }
            self.cited_row(link, FilmStudio, {}, at, lookup, row)

        self.sync_rows(
            f"{where}.studios",
            film.studio_roles.select_related("studio"),
            _list(item, "studios", where),
            lambda row, at: (_required(row, "studio", at), _required(row, "role", at)),
            lambda link: (link.studio.slug, link.role),
            apply_studio,
        )

        def entry_key(row, at):
            return (_required(row, "festival", at), row.get("year"), row.get("award") or "")

        def apply_entry(entry, row, at):
            festival = self.ref(self.festivals, row["festival"], at, "festival")
            year = row.get("year")
            edition = festival.editions.filter(
                **({"year": year} if year is not None else {"year__isnull": True})
            ).first()
            if edition is None:
                raise DatasetError(
                    at, f"festival “{row['festival']}” has no edition {year}; add it there"
                )
            values = {
                "section": row.get("section") or "",
                "premiere": row.get("premiere") or "",
                "result": row.get("result") or FestivalEntry.Result.SCREENED,
            }
            lookup = {"film": film, "edition": edition, "award": row.get("award") or ""}
            self.cited_row(entry, FestivalEntry, values, at, lookup, row)

        self.sync_rows(
            f"{where}.festivals",
            film.festival_entries.select_related("edition__festival"),
            _list(item, "festivals", where),
            entry_key,
            lambda e: (e.edition.festival.slug, e.edition.year, e.award),
            apply_entry,
        )
        self.load_coproduction(film, item.get("coproduction"), f"{where}.coproduction")

    def load_coproduction(self, film, item, where):
        existing = CoProduction.objects.filter(film=film).first()
        if item is None:
            if existing is not None:
                self.stats["coproductions.CoProduction deleted"] += 1
                existing.delete()
            return
        values = {"standing": _required(item, "standing", where), "notes": item.get("notes") or ""}
        coproduction = self.cited_row(existing, CoProduction, values, where, {"film": film}, item)

        def partner_key(row, at):
            if not (row.get("studio") or row.get("country")):
                raise DatasetError(at, "a partner needs a studio, a country, or both")
            return (row.get("studio") or "", row.get("country") or "")

        def apply_partner(partner, row, at):
            lookup = {
                "coproduction": coproduction,
                "studio": self.ref(self.studios, row.get("studio"), at, "studio"),
                "country": self.ref(self.countries, row.get("country"), at, "country"),
            }
            values = {
                "contributions": _list(row, "contributions", at),
                "notes": row.get("notes") or "",
            }
            self.cited_row(partner, Partner, values, at, lookup, row)

        self.sync_rows(
            f"{where}.partners",
            coproduction.partners.select_related("studio", "country"),
            _list(item, "partners", where),
            partner_key,
            lambda p: (p.studio.slug if p.studio else "", p.country.code if p.country else ""),
            apply_partner,
        )


# --------------------------------------------------------------------------------------
# Exporting
# --------------------------------------------------------------------------------------


def _typed(model, field, text):
    """A claim's stored text back to the JSON type of its field."""
    model_field = model._meta.get_field(field)
    if model_field.get_internal_type() in ("PositiveSmallIntegerField", "IntegerField"):
        try:
            return int(text)
        except ValueError:
            return text
    return text


def _citations(claim):
    rows = [
        {"source": c.source.slug, "locator": c.locator, "quote": c.quote, "note": c.note}
        for c in claim.citations.all()
    ]
    return sorted(rows, key=lambda c: (c["source"], c["locator"], c["quote"]))


def _claims(obj):
    """The record's field claims and row claim as the file writes them."""
    fields = {}
    for claim in obj.claims.all():
        if claim.field == ROW:
            continue
        entry = {"rank": claim.rank, "note": claim.note, "citations": _citations(claim)}
        if claim.rank != Rank.PREFERRED:
            entry["value"] = _typed(type(obj), claim.field, claim.value)
        fields.setdefault(claim.field, []).append(entry)
    for entries in fields.values():
        entries.sort(key=lambda c: (RANK_ORDER[c["rank"]], str(c.get("value", ""))))
    return fields


def _row(obj, **values):
    """A row (or record) with its row claim's rank, note and citations."""
    claim = next((c for c in obj.claims.all() if c.field == ROW), None)
    values["citations"] = _citations(claim) if claim else []
    values["rank"] = claim.rank if claim else Rank.NORMAL
    values["note"] = claim.note if claim else ""
    return values


def _record(obj, **values):
    values["claims"] = _claims(obj)
    claim = next((c for c in obj.claims.all() if c.field == ROW), None)
    values["citations"] = _citations(claim) if claim else []
    return values


def _code(country):
    return country.code if country else None


def export():
    """The whole database as a dataset, every list in canonical order."""
    cited = "claims__citations__source"
    data = {"format": FORMAT}
    data["countries"] = [
        {"code": c.code, "name": c.name, "historical": c.historical}
        for c in Country.objects.order_by("code")
    ]
    data["genres"] = [{"slug": g.slug, "name": g.name} for g in Genre.objects.order_by("slug")]
    data["sources"] = [
        {
            "slug": s.slug,
            "kind": s.kind,
            "authors": s.authors,
            "title": s.title,
            "container": s.container,
            "publisher": s.publisher,
            "place": s.place,
            "date": s.date,
            "url": s.url,
            "pages": s.pages,
            "isbn": s.isbn,
            "language": s.language,
            "notes": s.notes,
        }
        for s in Source.objects.order_by("slug")
    ]
    festivals = (
        Festival.objects.order_by("slug")
        .select_related("country")
        .prefetch_related(cited, f"editions__{cited}")
    )
    data["festivals"] = [
        _record(
            f,
            slug=f.slug,
            name=f.name,
            city=f.city,
            country=_code(f.country),
            founded=f.founded,
            status=f.status,
            editions=sorted(
                (_row(e, year=e.year) for e in f.editions.all()), key=lambda e: e["year"] or 0
            ),
        )
        for f in festivals
    ]
    studios = (
        Studio.objects.order_by("slug")
        .select_related("country", "parent")
        .prefetch_related(cited, f"names__{cited}", "distinct_from")
    )
    data["studios"] = [
        _record(
            s,
            slug=s.slug,
            name=s.name,
            kind=s.kind,
            country=_code(s.country),
            city=s.city,
            founded=s.founded,
            dissolved=s.dissolved,
            notes=s.notes,
            status=s.status,
            parent=s.parent.slug if s.parent else None,
            distinct_from=sorted(d.slug for d in s.distinct_from.all()),
            names=sorted(
                (
                    _row(
                        n,
                        name=n.name,
                        kind=n.kind,
                        language=n.language,
                        start_year=n.start_year,
                        end_year=n.end_year,
                    )
                    for n in s.names.all()
                ),
                key=lambda n: n["name"],
            ),
        )
        for s in studios
    ]
    people = (
        Person.objects.order_by("slug")
        .select_related("nationality")
        .prefetch_related(cited, f"names__{cited}", "distinct_from")
    )
    data["people"] = [
        _record(
            p,
            slug=p.slug,
            name=p.name,
            hangul_name=p.hangul_name,
            birth_year=p.birth_year,
            death_year=p.death_year,
            nationality=_code(p.nationality),
            bio=p.bio,
            status=p.status,
            distinct_from=sorted(d.slug for d in p.distinct_from.all()),
            names=sorted(
                (
                    _row(
                        n,
                        name=n.name,
                        kind=n.kind,
                        language=n.language,
                        romanization=n.romanization,
                    )
                    for n in p.names.all()
                ),
                key=lambda n: n["name"],
            ),
        )
        for p in people
    ]
    films = (
        Film.objects.order_by("slug")
        .select_related("parent")
        .prefetch_related(
            cited,
            "genres",
            "countries",
            f"titles__{cited}",
            f"locations__{cited}",
            "locations__country",
            f"credits__{cited}",
            "credits__person",
            f"studio_roles__{cited}",
            "studio_roles__studio",
            f"festival_entries__{cited}",
            "festival_entries__edition__festival",
            f"coproduction__{cited}",
            f"coproduction__partners__{cited}",
            "coproduction__partners__studio",
            "coproduction__partners__country",
        )
    )
    data["films"] = [_film(f) for f in films]
    return data


def _film(f):
    try:
        coproduction = f.coproduction
    except CoProduction.DoesNotExist:
        coproduction = None
    return _record(
        f,
        slug=f.slug,
        title=f.title,
        original_title=f.original_title,
        year=f.year,
        end_year=f.end_year,
        kind=f.kind,
        runtime=f.runtime,
        colour=f.colour,
        synopsis=f.synopsis,
        status=f.status,
        parent=f.parent.slug if f.parent else None,
        part_number=f.part_number,
        genres=sorted(g.slug for g in f.genres.all()),
        countries=sorted(c.code for c in f.countries.all()),
        titles=sorted(
            (
                _row(
                    t,
                    title=t.title,
                    language=t.language,
                    script=t.script,
                    romanization=t.romanization,
                    kind=t.kind,
                )
                for t in f.titles.all()
            ),
            key=lambda t: (t["kind"], t["language"], t["title"]),
        ),
        locations=sorted(
            (
                _row(loc, place=loc.place, country=_code(loc.country), note=loc.note)
                for loc in f.locations.all()
            ),
            key=lambda loc: loc["place"],
        ),
        credits=sorted(
            (
                _row(
                    c,
                    person=c.person.slug,
                    role=c.role,
                    character=c.character,
                    credited_as=c.credited_as,
                    uncredited=c.uncredited,
                    order=c.order,
                )
                for c in f.credits.all()
            ),
            key=lambda c: (c["order"], c["role"], c["person"], c["character"]),
        ),
        studios=sorted(
            (_row(s, studio=s.studio.slug, role=s.role) for s in f.studio_roles.all()),
            key=lambda s: (s["role"], s["studio"]),
        ),
        festivals=sorted(
            (
                _row(
                    e,
                    festival=e.edition.festival.slug,
                    year=e.edition.year,
                    section=e.section,
                    premiere=e.premiere,
                    award=e.award,
                    result=e.result,
                )
                for e in f.festival_entries.all()
            ),
            key=lambda e: (e["year"] or 0, e["festival"], e["award"]),
        ),
        coproduction=None
        if coproduction is None
        else _row(
            coproduction,
            claims=_claims(coproduction),
            standing=coproduction.standing,
            notes=coproduction.notes,
            partners=sorted(
                (
                    _row(
                        p,
                        studio=p.studio.slug if p.studio else None,
                        country=_code(p.country),
                        contributions=p.contributions,
                        notes=p.notes,
                    )
                    for p in coproduction.partners.all()
                ),
                key=lambda p: (p["country"] or "", p["studio"] or ""),
            ),
        ),
    )
