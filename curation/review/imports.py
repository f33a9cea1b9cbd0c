"""A Curator's import that changes published records waits for review, as their admin saves
do; the rest of the file is imported at once (new records are drafts).

Confirming runs the whole import, then, if some of its lines changed a published record the
importer may not publish (a film's fields, a credit on a published film), rolls it all back:
the other lines are imported again on their own, and each published record's lines are
kept as one change for review, with the diff they made and a fingerprint of each record
as it was (``curation.import_guard``). Accepting the change imports those lines as their
author; a record someone changed meanwhile refuses it, naming the line. Editors' imports
publish at once.
"""

import copy

import tablib
from django.db import transaction
from django.utils.module_loading import import_string
from import_export.results import RowResult

from .. import import_guard
from .changes import hold, made_by_author, may_publish, record_behind
from .state import diff, record_state

IMPORT = "_import"  # the key of the held lines in a review's data
CHANGES = (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)


def held_lines(user, result):
    """``{record: [row index…]}``: the lines that changed a published record ``user`` may
    not publish, by record (a credit by its film)."""
    held = {}
    for index, row in enumerate(result.rows):  # every line, skipped ones too (report_skipped)
        if row.import_type not in CHANGES or row.instance is None:
            continue
        record = record_behind(row.instance)
        if record is None or not record.is_published or may_publish(user, type(record)):
            continue
        held.setdefault((record._meta.label, record.pk), (record, []))[1].append(index)
    return held.values()


def lines_of(dataset, indexes):
    return tablib.Dataset(*(dataset[i] for i in indexes), headers=dataset.headers)


def import_or_hold(request, resource_class, dataset, run, file_name):
    """Run the confirmed import (``run(dataset)``): what it changes of published records is
    held for review instead, when the importer may not publish them. Returns the result of
    what was imported (None if every line was held) and the reviews made."""
    with transaction.atomic():
        start = transaction.savepoint()
        result = run(dataset)
        if result.has_errors() or result.has_validation_errors():
            return result, []
        held = list(held_lines(request.user, result))
        if not held:
            return result, []
        after = {id(record): record_state(type(record), record.pk) for record, _ in held}
        transaction.savepoint_rollback(start)
        reviews, taken = [], set()
        for record, indexes in held:
            lines = diff(record_state(type(record), record.pk), after[id(record)])
            if not lines:
                continue  # nothing a reader would see: imported with the rest
            rows = lines_of(dataset, indexes)
            data = {IMPORT: spec(resource_class, rows, indexes, file_name)}
            model = resource_class._meta.model
            reviews.append(hold(request.user, record, model, None, data, lines))
            taken.update(indexes)
        rest = [i for i in range(len(dataset)) if i not in taken]
        result = run(lines_of(dataset, rest)) if rest else None
        if result is not None and (result.has_errors() or result.has_validation_errors()):
            transaction.set_rollback(True)  # all or nothing, as any import
            return result, []
        return result, reviews


def spec(resource_class, rows, indexes, file_name):
    """What a review keeps of the held lines: enough to import them again, and to refuse if
    their records changed meanwhile."""
    fingerprints = import_guard.current_fingerprints(resource_class(), rows)
    return {
        "resource": f"{resource_class.__module__}.{resource_class.__qualname__}",
        "file_name": file_name,
        "headers": list(rows.headers),
        "rows": [list(row) for row in rows],
        "lines": [index + 1 for index in indexes],  # the rows' numbers in the file
        "expected": [[list(key), value] for key, value in fingerprints.items()],
    }


def apply(request, review):
    """Import the held lines as their author (history names them, and the Editor as who
    accepted them). Returns the problems that refused it; none if it went through."""
    from ..importing import CitedResource  # the importing module's admin imports this one

    kept = review.data[IMPORT]
    resource_class = import_string(kept["resource"])
    if not issubclass(resource_class, CitedResource):
        return ["This change names no import this site knows."]
    model = resource_class._meta.model
    if not review.author.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}"):
        return [f"{review.author} may no longer import {model._meta.verbose_name_plural}."]
    rows = tablib.Dataset(*(tuple(row) for row in kept["rows"]), headers=kept["headers"])
    author = copy.copy(request)
    author.user = review.author
    with made_by_author(author, request.user):
        result = resource_class().import_data(
            rows,
            dry_run=False,
            raise_errors=False,
            use_transactions=True,
            file_name=kept["file_name"],
            user=review.author,
            expected={tuple(key): value for key, value in kept["expected"]},
            line_numbers=kept["lines"],
            since="the import was confirmed",
            advice="",
        )
    return problems_of(result, kept)


def problems_of(result, kept):
    """A refused import's reasons, each with the line of the file it is about."""
    from ..importing import line_name

    found = []
    for error in result.base_errors:
        found += getattr(error.error, "problems", None) or [str(error.error)]
    for number, errors in result.row_errors():
        where = line_name(kept["file_name"], kept["lines"][number - 1])
        found += [f"{where}: {error.error}" for error in errors]
    for row in result.invalid_rows:
        where = line_name(kept["file_name"], kept["lines"][row.number - 1])
        found += [f"{where}: {message}" for message in row.error.messages]
    return found
