"""The import itself: stream the file in batches inside one transaction."""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from fieldapp.core import gcpause, rollups
from fieldapp.core.db import Store
from fieldapp.core.fastinsert import Deferred, bulk_load
from fieldapp.core.loadjournal import sole_load
from fieldapp.core.models import Door, Person
from fieldapp.errors import InputError
from fieldapp.services.importing.layouts import get_layout
from fieldapp.services.importing.profiles import resolve_mapping
from fieldapp.services.importing.reader_process import in_reader_process, worth_a_worker
from fieldapp.services.importing.reading import ReadSpec, read_batches
from fieldapp.services.importing.report import ImportReport
from fieldapp.services.importing.sniffing import sniff
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
    spec = ReadSpec(path, fmt, resolved, (today or dt.date.today()).year,
                    found.statuses if found else None, strict, BATCH_ROWS)
    parser = spec.parser(report)  # (what the file gives; the rows are parsed in ``reading``)
    try:
        with sole_load(store.engine, ("doors", "people"), alone), \
                store.transaction() as session, _bulk_load(session) as deferred:
            importer = _Importer(session, report, person_given=parser.person_given,
                                 deferred=deferred)
            _load(spec, importer, progress)
            _refuse_if_nothing(path, report)
            if dry_run:
                raise _RollbackError
    except _RollbackError:
        pass
    log.info("import of %s: %s rows, %s doors, %s people created, %s rejected", path.name,
             report.rows_read, report.doors_created, report.people_created, report.rows_rejected)
    return report


def _load(spec: ReadSpec, importer: _Importer, progress: Progress) -> None:
    """Read the file a batch at a time (``reading``) and write each batch."""
    report = importer.report
    total = spec.path.stat().st_size
    progress.update(0, total, "Importing doors")
    if importer.deferred.empty and worth_a_worker(spec):
        batches = in_reader_process(spec)  # read and parsed on another core meanwhile
    else:  # (a store with voters: rows an earlier import recorded are passed over)
        batches = read_batches(spec, None if importer.deferred.empty else importer.pass_over)
    with contextlib.closing(batches), gcpause.paused():  # (millions of tuples, no cycles)
        for batch in batches:
            batch.add_to(report)
            importer.batch(batch.rows, batch.digests, batch.fresh_ids)
            progress.update(batch.position, total, "Importing doors")
            progress.check()
    importer.done()
    progress.update(total, total, "Importing doors")
    progress.check()


def _refuse_if_nothing(path: Path, report: ImportReport) -> None:
    """A file with no data rows, or none usable, is an error: nothing is written."""
    if report.rows_read == 0:
        raise InputError("the file has a header but no data rows", where=path.name)
    if report.rows_rejected == report.rows_read:
        first = next((p for p in report.problems if p.level == "rejected"), None)
        reason = f"; the first: {first.describe(path.name)}" if first else ""
        raise InputError(f"every row ({report.rows_read:,}) was rejected, nothing imported"
                         + reason, where=path.name)
