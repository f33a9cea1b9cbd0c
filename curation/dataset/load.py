"""Load a dataset into the database as the specs describe it.

Records are matched by their natural keys, and rows by theirs among their record's rows:
a match is updated in place (and saved only if a value changed), a new one is created, and a
row, claim or citation the file no longer has is deleted. Top-level records are never
deleted. Everything happens in one transaction.
"""

from collections import Counter, defaultdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import ROW, Citation, Claim, Rank

from . import merged
from .errors import DatasetError
from .schema import check
from .spec import CITATION, FORMAT, SECTIONS


def load(data):
    """Load a parsed dataset into the database in one transaction; return change counts."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DatasetError("file", f'expected an object with "format": "{FORMAT}"')
    check(data)
    loader = Loader()
    try:
        with transaction.atomic():
            loader.load(data)
    except IntegrityError as error:
        raise DatasetError("file", f"the database refused the data: {error}") from None
    return loader.stats


def claim_text(value):
    """A field value as a claim stores it: '' for empty, codes joined for lists."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(sorted(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parents_first(spec, places):
    """(item, where) pairs ordered so that each record comes after the record of its own
    kind that it names (a studio's parent organisation, an episode's series): the claim
    about it is checked against a record that already exists."""
    links = [f for f in spec.fields if not f.many and getattr(f, "related_model", None)]
    links = [field.name for field in links if field.related_model is spec.model]
    if not links:
        return places
    by_key = {spec.item_key(item): (item, where) for item, where in places}
    ordered, placed = [], set()

    def place(item, where, chain):
        key = spec.item_key(item)
        if key in placed:
            return
        if key in chain:
            raise DatasetError(f"{where}.{links[0]}", "the parent chain loops back to itself")
        for name in links:
            parent = by_key.get((item.get(name),))
            if parent is not None:
                place(*parent, chain | {key})
        placed.add(key)
        ordered.append((item, where))

    for item, where in places:
        place(item, where, frozenset())
    return ordered


def described(spec, key):
    return ", ".join(f"{name} “{value}”" for name, value in zip(spec.key, key, strict=True))


class Loader:
    def __init__(self):
        self.stats = Counter()
        self.tables = defaultdict(dict)  # model → {natural key: record or row}

    def ref(self, model, key, where):
        """The record of ``model`` the file names by ``key``, loaded earlier in the file."""
        if key in (None, ""):
            return None
        try:
            return self.tables[model][(key,)]
        except KeyError:
            raise DatasetError(where, f"unknown {model._meta.verbose_name} “{key}”") from None

    def load(self, data):
        for spec in SECTIONS:
            items = data.get(spec.name, [])
            places = [(item, spec.where(item, index)) for index, item in enumerate(items)]
            existing = {spec.obj_key(obj): obj for obj in spec.queryset()}
            seen = {}
            for item, where in parents_first(spec, places):
                key = spec.item_key(item)
                if key in seen:
                    raise DatasetError(where, f"{described(spec, key)} is in the file twice")
                seen[key] = where
                obj = self.sync(spec, existing.get(key), item, where, path=key)
                self.tables[spec.model][key] = obj
            for item, where in places:
                self.link(spec, self.tables[spec.model][spec.item_key(item)], item, where)
        merged.load(self, data.get(merged.NAME))

    # -- one record or row -------------------------------------------------------------

    def sync(self, spec, obj, item, where, owner=None, path=None):
        """Create ``obj`` (None) or update it to match ``item``, with its claims, its links
        to other kinds of records, and its rows. ``owner``: {field: record} for a row;
        ``path``: its natural key within the file, to find its rows by theirs."""
        values = {
            field.attr: field.read(self, item, where) for field in spec.fields if not field.many
        }
        created = obj is None
        if created:
            obj = spec.model(**(owner or {}), **values)
            self.save(obj, where)
            if spec.cited:
                self.sync_claims(spec, obj, item, where, created)
        else:
            # New values first (in memory), so claims are checked against what the record
            # is about to be; then the record is saved only if something changed.
            changed = self.assign(obj, values)
            if spec.cited:
                self.sync_claims(spec, obj, item, where, created)
            if changed:
                self.save(obj, where)
        for field in spec.fields:
            if field.many and field.related_model is not spec.model:
                self.set_many(obj, field, field.read(self, item, where), created)
        for rows in spec.rows:
            at = f"{where}.{rows.name}"
            self.sync_rows(rows, obj, item.get(rows.name), at, created, path)
        return obj

    def link(self, spec, obj, item, where):
        """Links between records of one kind (people known to be distinct), once all exist."""
        for field in spec.fields:
            if field.many and field.related_model is spec.model:
                self.set_many(obj, field, field.read(self, item, where), created=False)

    def assign(self, obj, values):
        """Set the values that differ; whether any did. Links compare by key, not by
        fetching the record they point at."""
        changed = False
        for name, value in values.items():
            model_field = obj._meta.get_field(name)
            if model_field.is_relation:
                current = getattr(obj, model_field.attname)
                differs = current != (value.pk if value is not None else None)
            else:
                differs = getattr(obj, name) != value
            if differs:
                setattr(obj, name, value)
                changed = True
        return changed

    def save(self, obj, where):
        # References were resolved by this loader (with its own errors), so the per-field
        # existence queries of full_clean() are skipped; claims' uniqueness follows from their
        # natural keys here and stays enforced by the database.
        related = [f.name for f in obj._meta.concrete_fields if f.is_relation]
        try:
            obj.full_clean(
                exclude=related, validate_constraints=not isinstance(obj, Claim | Citation)
            )
        except ValidationError as error:
            details = "; ".join(
                " ".join(messages) if field == "__all__" else f"{field}: {' '.join(messages)}"
                for field, messages in error.message_dict.items()
            )
            raise DatasetError(where, details) from None
        created = obj.pk is None
        obj.save()
        self.stats[f"{obj._meta.label} {'created' if created else 'updated'}"] += 1

    def set_many(self, obj, field, targets, created):
        manager = getattr(obj, field.name)
        current = set() if created else {t.pk for t in manager.all()}
        if current != {t.pk for t in targets}:
            manager.set(targets)
            self.stats[f"{obj._meta.label}.{field.name} updated"] += 1

    def delete(self, obj):
        self.stats[f"{obj._meta.label} deleted"] += 1
        obj.delete()

    # -- rows --------------------------------------------------------------------------

    def sync_rows(self, spec, owner, items, where, owner_created, path=None):
        """Match a record's rows by natural key: update matches, create the new, delete
        those the file no longer has. With the record's ``path``, each row can then be
        found by its own (a festival's edition by the festival's slug and the year)."""
        link = {spec.owner_field: owner}
        if spec.one:
            current = None if owner_created else getattr(owner, spec.accessor, None)
            if items is not None:
                self.sync(spec, current, items, where, link, path)
            elif current is not None:
                self.delete(current)
            return
        existing = [] if owner_created else getattr(owner, spec.accessor).all()
        current = {spec.obj_key(obj): obj for obj in existing}
        seen = {}
        for index, item in enumerate(items or []):
            at = f"{where}[{index}]"
            key = spec.item_key(item)
            if key in seen:
                raise DatasetError(
                    at, f"duplicate row: {described(spec, key)}, as in {where}[{seen[key]}]"
                )
            seen[key] = index
            row = self.sync(spec, current.get(key), item, at, link, path and (*path, *key))
            if path:
                self.tables[spec.model][(*path, *key)] = row
        for key, obj in current.items():
            if key not in seen:
                self.delete(obj)

    # -- claims and citations ----------------------------------------------------------

    def sync_claims(self, spec, obj, item, where, created):
        """Sync a record's field claims and its row claim with the file.

        Preferred claims take the value the record is about to have, as the file gives it.
        """
        wanted = {}  # claim key → (field, claim as the file gives it, where)
        for field, claims in sorted((item.get("claims") or {}).items()):
            for index, claim in enumerate(claims):
                at = f"{where}.claims.{field}[{index}]"
                preferred = claim["rank"] == Rank.PREFERRED
                key = (field, preferred, "" if preferred else claim_text(claim["value"]))
                if key in wanted:
                    raise DatasetError(at, f"duplicate claim: {field} {claim.get('value')!r} again")
                wanted[key] = (field, claim, at)
        if item.get("citations") or spec.is_row and ("rank" in item or item.get("note")):
            row = {"rank": item.get("rank") or Rank.NORMAL, **item}
            wanted[(ROW, False, "")] = (ROW, row, where)
        current = {}
        for claim in [] if created else obj.claims.all():
            preferred = claim.field != ROW and claim.rank == Rank.PREFERRED
            current[(claim.field, preferred, "" if preferred else claim.value)] = claim
        for key, (field, claim, at) in wanted.items():
            self.sync_claim(obj, current.get(key), field, claim, at, item)
        for key, claim in current.items():
            if key not in wanted:
                self.delete(claim)

    def sync_claim(self, obj, claim, field, item, where, record):
        if field == ROW:
            value = ""
        elif item["rank"] == Rank.PREFERRED:
            value = claim_text(record.get(field))
            if "value" in item and claim_text(item["value"]) != value:
                raise DatasetError(
                    where,
                    f"the preferred value {item['value']!r} contradicts the record's "
                    f"{field} {record.get(field)!r}",
                )
        else:
            value = claim_text(item["value"])
        values = {"rank": item["rank"], "value": value, "note": item.get("note") or ""}
        created = claim is None
        if created:
            claim = Claim(subject=obj, field=field, **values)
            self.save(claim, where)
        else:
            claim.subject = obj  # validate against the record as it is about to be
            if self.assign(claim, values):
                self.save(claim, where)
        self.sync_rows(CITATIONS, claim, item.get("citations"), f"{where}.citations", created)


CITATIONS = CITATION.nest_in(Claim)
