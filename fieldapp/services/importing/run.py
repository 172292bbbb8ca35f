"""The import itself: stream the file in batches inside one transaction."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from fieldapp.core.db import Store
from fieldapp.errors import InputError
from fieldapp.services.importing.parser import _Parser, _records, _Row, _RowError
from fieldapp.services.importing.profiles import resolve_mapping
from fieldapp.services.importing.report import ImportReport, Problem
from fieldapp.services.importing.sniffing import open_text, sniff
from fieldapp.services.importing.writer import _Importer
from fieldapp.services.progress import Progress

log = logging.getLogger(__name__)

BATCH_ROWS = 5000

IMPORT_CACHE_KIB = 64 * 1024


@contextlib.contextmanager
def _roomy_sqlite_cache(session: Session) -> Iterator[None]:
    """A 64 MB SQLite page cache for the import's connection, as before afterwards.

    A big import inserts into a dozen indexes at random places (ids, phones,
    address keys); with SQLite's default 2 MB cache most of those inserts read
    pages back from disk once the store passes a few hundred thousand rows
    (a million-row import ran about 15% faster with this).
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")


class _RollbackError(Exception):
    """Raised to leave the transaction of a dry run without writing."""


def import_doors(
    store: Store,
    path: str | Path,
    *,
    mapping: dict[str, str] | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> ImportReport:
    """Import doors and people from a CSV/TSV voter file, in one transaction.

    ``mapping`` changes the guessed column mapping ({column: field}). Rows that
    cannot be imported are reported with line, field and reason and left out;
    with ``strict`` the first such row stops the import and nothing is written.
    A cancel through ``progress`` raises :class:`CancelledError` and writes
    nothing.
    """
    path = Path(path)
    progress = progress or Progress()
    fmt = sniff(path, encoding=encoding)
    resolved = resolve_mapping(path, fmt.header, mapping)
    report = ImportReport(file=str(path), encoding=fmt.encoding, delimiter=fmt.delimiter,
                          mapping=resolved, dry_run=dry_run)
    parser = _Parser(fmt.header, resolved, report, (today or dt.date.today()).year)
    total = path.stat().st_size
    progress.update(0, total, "Importing doors")
    raw, text = open_text(path, fmt.encoding)
    try:
        with raw, text, store.transaction() as session, _roomy_sqlite_cache(session):
            importer = _Importer(session, report)
            batch: list[_Row] = []
            try:
                for line, cells in _records(text, fmt.delimiter):
                    if not "".join(cells).strip():  # a blank line, or only separators
                        report.rows_skipped += 1
                        continue
                    report.rows_read += 1
                    try:
                        row = parser.parse(line, cells)
                    except _RowError as exc:
                        if strict:
                            raise InputError(exc.reason, where=_where(path, line, exc.field)) from None
                        report.add(Problem(line, exc.field, exc.reason))
                        continue
                    if row is not None:
                        batch.append(row)
                    if len(batch) >= BATCH_ROWS:
                        importer.batch(batch)
                        batch = []
                        progress.update(raw.tell(), total, "Importing doors")
                        progress.check()
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"the file is not valid {fmt.encoding} ({exc.reason}); pass --encoding",
                    where=str(path),
                ) from exc
            except csv.Error as exc:
                raise InputError(f"unreadable CSV: {exc}", where=str(path)) from exc
            if batch:
                importer.batch(batch)
            progress.update(total, total, "Importing doors")
            progress.check()
            if dry_run:
                raise _RollbackError
    except _RollbackError:
        pass
    log.info("import of %s: %s rows, %s doors, %s people created", path, report.rows_read,
             report.doors_created, report.people_created)
    return report


def _where(path: Path, line: int, field_name: str) -> str:
    return f"{path.name}:{line}" + (f" field '{field_name}'" if field_name else "")
