"""Voter-file import: doors (households) and people from CSV or TSV files.

Voter files come in many shapes: UTF-8 with or without a BOM, UTF-16 from
spreadsheet exports, cp1252 from older county systems, commas or tabs or
semicolons, quoted fields with newlines inside, VAN-style headers
("VANID", "StreetNo", "AptNo", "Zip5"...). :func:`sniff` works out the encoding,
delimiter and header; :func:`guess_mapping` maps the columns to Field App
fields so that most files need no mapping at all; a mapping can be saved as a
named profile in the config folder.

:func:`import_doors` streams the file in batches, so a million rows import
with steady memory: new rows go in with :func:`~fieldapp.core.stamping.bulk_insert`,
changes to existing rows go through ORM objects so the flush hook stamps each
changed field. People at the same normalized address and unit share one door;
a re-import matches people by the file's voter id, else by normalized name at
the same address, and updates them instead of duplicating. Everything happens
in one transaction: a cancel (or ``dry_run``) leaves the store as it was.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from fieldapp.services.importing.fields import FIELDS, MAX_PROBLEMS_KEPT
from fieldapp.services.importing.layouts import Layout, get_layout, layouts
from fieldapp.services.importing.profiles import (
    list_profiles,
    load_profile,
    parse_map_options,
    resolve_mapping,
    save_profile,
    validate_mapping,
)
from fieldapp.services.importing.report import (
    ImportReport,
    MappingWarning,
    Problem,
    mapping_lines,
    mapping_warnings,
)
from fieldapp.services.importing.sniffing import (
    FileFormat,
    Preview,
    detect_encoding,
    guess_mapping,
    open_text,
    preview,
    sniff,
)

if TYPE_CHECKING:
    from fieldapp.services.importing.run import BATCH_ROWS, import_doors


def __getattr__(name: str) -> Any:
    """The import itself (``run``: SQLAlchemy, the models) is loaded when first asked
    for, so that the reader process (``reading``) starts without it."""
    if name in ("BATCH_ROWS", "import_doors", "run"):
        run = importlib.import_module(f"{__name__}.run")
        return run if name == "run" else getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BATCH_ROWS",
    "FIELDS",
    "MAX_PROBLEMS_KEPT",
    "FileFormat",
    "ImportReport",
    "Layout",
    "MappingWarning",
    "Preview",
    "Problem",
    "detect_encoding",
    "get_layout",
    "guess_mapping",
    "import_doors",
    "layouts",
    "list_profiles",
    "load_profile",
    "mapping_lines",
    "mapping_warnings",
    "open_text",
    "parse_map_options",
    "preview",
    "resolve_mapping",
    "save_profile",
    "sniff",
    "validate_mapping",
]
