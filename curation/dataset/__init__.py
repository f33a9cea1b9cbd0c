"""Read and write the curated dataset file (see docs/dataset-format.md).

The file is the source of truth curators review in pull requests. Its format is declared
once, in ``spec.py``: one spec per model, which the loader (``load.py``), the exporter
(``export.py``) and the file's JSON Schema (``schema.py``) all follow. Loading is idempotent
(records and rows are matched by natural keys and only changed values are written) and
all-or-nothing; exporting writes a canonical file, so export → load → export is
byte-identical.
"""

from .errors import DatasetError
from .export import dumps, export
from .load import load
from .schema import PUBLISHED_SCHEMA, dataset_schema, schema_text
from .spec import FORMAT

__all__ = [
    "FORMAT",
    "PUBLISHED_SCHEMA",
    "DatasetError",
    "dataset_schema",
    "dumps",
    "export",
    "load",
    "schema_text",
]
