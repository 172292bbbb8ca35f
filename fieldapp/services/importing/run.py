"""The import itself: stream the file in batches inside one transaction."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from fieldapp.core import rollups
from fieldapp.core.db import Store
from fieldapp.core.fastinsert import Deferred, bulk_load
from fieldapp.core.loadjournal import sole_load
from fieldapp.core.models import Door, Person
from fieldapp.errors import InputError
from fieldapp.services.importing.digests import Digester
from fieldapp.services.importing.layouts import get_layout
from fieldapp.services.importing.parser import _Parser, _records, _Row, _RowError
from fieldapp.services.importing.profiles import resolve_mapping
from fieldapp.services.importing.report import ImportReport, Problem
from fieldapp.services.importing.sniffing import FileFormat, open_text, sniff
from fieldapp.services.importing.writer import _Importer
from fieldapp.services.progress import Progress

log = logging.getLogger(__name__)

BATCH_ROWS = 5000

@contextlib.contextmanager
def _bulk_load(session: Session) -> Iterator[Deferred]:
    """The store side of the load: a roomy cache; on an empty store, the indexes the
    import does not look rows up by are built after the load (``core.fastinsert``),
    and those of doors by address, people by voter id and people by door when the
    writer first needs them (into an empty store it remembers the doors it made,
    ``doormap``, and the voter ids it gave, ``voterset``, and looks people up by
    door only for people without a voter id); the tables' sort values of the new
    rows computed in one pass at the end (``core.rollups``) rather than by a trigger
    per row."""
    doors, people = cast(Table, Door.__table__), cast(Table, Person.__table__)
    connection = session.connection()
    with rollups.deferred(connection), bulk_load(
            connection, [doors, people],
            on_demand=[doors.c.address_key, people.c.door_id, people.c.voter_id]) as deferred:
        yield deferred


class _RollbackError(Exception):
    """Raised to leave the transaction of a dry run without writing."""


def import_doors(
    store: Store,
    path: str | Path,
    *,
    mapping: dict[str, str] | None = None,
    encoding: str | None = None,
    layout: str | None = None,
    dry_run: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    today: dt.date | None = None,
    alone: bool = False,
) -> ImportReport:
    """Import doors and people from a CSV/TSV voter file, in one transaction.

    The file's layout is recognised (``layout`` forces one); ``mapping``
    changes the column mapping ({column: field}). Rows that cannot be imported
    are reported with line, field and reason and left out; with ``strict`` the
    first such row stops the import and nothing is written. A file with no data
    row, or whose every row is rejected, raises :class:`InputError` and writes
    nothing. A cancel through ``progress`` raises :class:`CancelledError` and
    writes nothing. ``alone``: nothing else in this process opens the store while
    the import runs (the command line), so a first import into an empty store may
    take the store to itself and write each page once (``core.loadjournal``).
    """
    path = Path(path)
    progress = progress or Progress()
    fmt = sniff(path, encoding=encoding, layout=layout)
    if encoding and codecs.lookup(fmt.encoding).name == "utf-8":
        fmt.damaged = True  # a forced UTF-8: bad bytes reject their row, with its line
    resolved = resolve_mapping(path, fmt.header, mapping, fmt.layout or None)
    found = get_layout(fmt.layout) if fmt.layout else None
    report = ImportReport(file=str(path), encoding=fmt.encoding, delimiter=fmt.delimiter,
                          mapping=resolved, header=list(fmt.header),
                          layout=f"{found.name} ({found.title})" if found else "",
                          dry_run=dry_run)
    parser = _Parser(fmt.header, resolved, report, (today or dt.date.today()).year,
                     statuses=found.statuses if found else None, damaged=fmt.damaged)
    try:
        with sole_load(store.engine, ("doors", "people"), alone), \
                store.transaction() as session, _bulk_load(session) as deferred:
            importer = _Importer(session, report, person_given=parser.person_given,
                                 deferred=deferred)
            digester = (Digester(fmt.header, resolved, fmt.layout or "", parser.this_year,
                                 parser.voter_id_cell) if parser.voter_id_cell >= 0 else None)
            _read_rows(path, fmt, parser, importer, strict, progress, digester)
            _refuse_if_nothing(path, report)
            if dry_run:
                raise _RollbackError
    except _RollbackError:
        pass
    log.info("import of %s: %s rows, %s doors, %s people created, %s rejected", path.name,
             report.rows_read, report.doors_created, report.people_created, report.rows_rejected)
    return report


def _read_rows(path: Path, fmt: FileFormat, parser: _Parser, importer: _Importer,
               strict: bool, progress: Progress, digester: Digester | None) -> None:
    report = importer.report
    total = path.stat().st_size
    progress.update(0, total, "Importing doors")
    raw, text = open_text(path, fmt.encoding, damaged=fmt.damaged)
    records: list[tuple[int, list[str]]] = []
    suspect: dict[int, str] = {}  # line -> its text, for the rows to check for bad bytes
    damaged = fmt.damaged
    with raw, text:
        try:
            for line, cells in _records(text, fmt.delimiter, fmt.has_header):
                joined = "".join(cells)
                if not joined or joined.isspace():  # a blank line, or only separators
                    report.blank_lines += 1
                    continue
                report.rows_read += 1
                if damaged or "\x00" in joined:
                    suspect[line] = joined
                records.append((line, cells))
                if len(records) >= BATCH_ROWS:
                    _write(path, records, suspect, parser, importer, strict, digester)
                    records = []
                    suspect = {}
                    progress.update(raw.tell(), total, "Importing doors")
                    progress.check()
        except UnicodeDecodeError as exc:
            raise InputError(
                f"the file is not valid {fmt.encoding} ({exc.reason}); pass --encoding",
                where=str(path),
            ) from exc
        except csv.Error as exc:
            raise InputError(f"unreadable CSV: {exc}", where=str(path)) from exc
    if records:
        _write(path, records, suspect, parser, importer, strict, digester)
    importer.done()
    progress.update(total, total, "Importing doors")
    progress.check()


def _write(path: Path, records: list[tuple[int, list[str]]], suspect: dict[int, str],
           parser: _Parser, importer: _Importer, strict: bool, digester: Digester | None
           ) -> None:
    """Parse a batch of file rows (those in ``suspect`` checked for NUL and invalid
    bytes first) and write them; with a ``digester``, pass over the rows an earlier
    import recorded as they are (``digests``), and give the others' digests to the
    writer."""
    report = importer.report
    digest_of: dict[int, int] = {}
    skipped: set[int] = set()
    if digester is not None:
        digest = digester.digest
        digest_of = {line: digest(cells) for line, cells in records}
        if not importer.deferred.empty:  # (into an empty store: nothing to pass over)
            voter_id = digester.voter_id
            skipped = importer.pass_over([(line, vid, digest_of[line]) for line, cells in records
                                          if (vid := voter_id(cells))])
    rows: list[_Row] = []
    for line, cells in records:
        if line in skipped:
            continue
        warned = report.warnings + parser.unknown_rows
        try:
            if line in suspect:
                parser.check_cells(line, cells, suspect[line])
            row = parser.parse(line, cells)
        except _RowError as exc:
            _reject(path, report, line, exc, strict)
            continue
        rows.append(row)
        if digest_of and (report.warnings + parser.unknown_rows != warned
                          or row[4] is not None):
            del digest_of[line]  # (a warning, maybe one given once a file, or an opt-out)
    importer.batch(rows, digest_of)


def _reject(path: Path, report: ImportReport, line: int, exc: _RowError, strict: bool) -> None:
    """A row that cannot be imported: the import's error when strict, else reported."""
    if strict:
        raise InputError(exc.reason, where=_where(path, line, exc.field)) from None
    report.add(Problem(line, exc.field, exc.reason))


def _refuse_if_nothing(path: Path, report: ImportReport) -> None:
    """A file with no data rows, or none usable, is an error: nothing is written."""
    if report.rows_read == 0:
        raise InputError("the file has a header but no data rows", where=path.name)
    if report.rows_rejected == report.rows_read:
        first = next((p for p in report.problems if p.level == "rejected"), None)
        reason = f"; the first: {first.describe(path.name)}" if first else ""
        raise InputError(f"every row ({report.rows_read:,}) was rejected, nothing imported"
                         + reason, where=path.name)


def _where(path: Path, line: int, field_name: str) -> str:
    return f"{path.name}:{line}" + (f" field '{field_name}'" if field_name else "")
