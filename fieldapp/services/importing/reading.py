"""Reading a voter file into batches of parsed rows.

The import reads a batch of file rows (csv), checks and parses each (addresses,
names, dates...), digests it (``digests``), and hands the batch to the writer
(``writer``), which finds doors and people and inserts. Reading and parsing are
about a third of a first import's time and need nothing from the store, so a
big file going into an empty store is read in a second process
(``reader_process``) that runs this same :func:`read_batches`, while the
importing process writes, on a second core. This module and what it imports
stay clear of SQLAlchemy and the models, so that process starts small.

A batch carries the parser's problems (rejected rows, warnings) for the report;
with ``strict`` the first rejected row stops the import with its line and field,
from either process.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.errors import InputError
from fieldapp.services.importing.digests import Digester
from fieldapp.services.importing.parser import _Parser, _records, _Row, _RowError
from fieldapp.services.importing.report import ImportReport, Problem
from fieldapp.services.importing.sniffing import FileFormat, open_text

PassOver = Callable[[list[tuple[int, str, int]]], set[int]]
"""(line, voter id, digest) of rows -> the lines to pass over (``writer.pass_over``)."""


@dataclass
class Batch:
    """Parsed rows of the file, and what reading them adds to the report."""

    rows: list[_Row]
    digests: dict[int, int]  # line -> digest, of the rows a re-import may pass over
    position: int  # bytes of the file read so far
    rows_read: int = 0
    blank_lines: int = 0
    rejected: int = 0
    warnings: int = 0
    problems: list[Problem] = field(default_factory=list)
    dropped: int = 0
    fresh_ids: list[str] | None = None  # for its new doors and people (reader process)

    def add_to(self, report: ImportReport) -> None:
        """Count this batch's rows and problems in ``report``."""
        report.rows_read += self.rows_read
        report.blank_lines += self.blank_lines
        report.take(self.rejected, self.warnings, self.problems, self.dropped)


@dataclass(frozen=True)
class ReadSpec:
    """How to read one file: all a second process needs to read it the same way."""

    path: Path
    fmt: FileFormat
    mapping: dict[str, str]
    this_year: int
    statuses: dict[str, str] | None
    strict: bool
    batch_rows: int

    def parser(self, report: ImportReport) -> _Parser:
        return _Parser(self.fmt.header, self.mapping, report, self.this_year,
                       statuses=self.statuses, damaged=self.fmt.damaged)

    def digester(self, parser: _Parser) -> Digester | None:
        """The row digests of this file (none without a voter id column)."""
        if parser.voter_id_cell < 0:
            return None
        return Digester(self.fmt.header, self.mapping, self.fmt.layout or "", parser.this_year,
                        parser.voter_id_cell)


def read_batches(spec: ReadSpec, pass_over: PassOver | None = None) -> Generator[Batch, None, None]:
    """The file's rows, parsed, a batch at a time. ``pass_over`` (a store that holds
    voters): the rows it names are left out, unparsed (counted by the writer)."""
    fmt = spec.fmt
    scratch = ImportReport(file=str(spec.path))  # the parser's problems, handed on per batch
    parser = spec.parser(scratch)
    digester = spec.digester(parser)
    raw, text = open_text(spec.path, fmt.encoding, damaged=fmt.damaged)
    records: list[tuple[int, list[str]]] = []
    suspect: dict[int, str] = {}  # line -> its text, for the rows to check for bad bytes
    blank = 0
    with raw, text:
        try:
            for line, cells in _records(text, fmt.delimiter, fmt.has_header):
                joined = "".join(cells)
                if not joined or joined.isspace():  # a blank line, or only separators
                    blank += 1
                    continue
                if fmt.damaged or "\x00" in joined:
                    suspect[line] = joined
                records.append((line, cells))
                if len(records) >= spec.batch_rows:
                    batch = _parse(spec, records, suspect, parser, digester, pass_over)
                    batch.blank_lines, blank = blank, 0
                    batch.position = raw.tell()
                    records, suspect = [], {}
                    yield batch
        except UnicodeDecodeError as exc:
            raise InputError(
                f"the file is not valid {fmt.encoding} ({exc.reason}); pass --encoding",
                where=str(spec.path),
            ) from exc
        except csv.Error as exc:
            raise InputError(f"unreadable CSV: {exc}", where=str(spec.path)) from exc
        position = raw.tell()
    if records or blank:
        batch = _parse(spec, records, suspect, parser, digester, pass_over)
        batch.blank_lines, batch.position = blank, position
        yield batch


def _parse(spec: ReadSpec, records: list[tuple[int, list[str]]], suspect: dict[int, str],
           parser: _Parser, digester: Digester | None, pass_over: PassOver | None) -> Batch:
    """Parse a batch of file rows (those in ``suspect`` checked for NUL and invalid
    bytes first); with a ``digester``, the digests of the rows a later import may
    pass over, and with ``pass_over`` too, leave out those an earlier import
    recorded as they are."""
    report = parser.report
    report.problems, report.rows_rejected, report.warnings = [], 0, 0
    report.problems_dropped = 0
    digest_of: dict[int, int] = {}
    skipped: set[int] = set()
    if digester is not None:
        digest = digester.digest
        digest_of = {line: digest(cells) for line, cells in records}
        if pass_over is not None:
            voter_id = digester.voter_id
            skipped = pass_over([(line, vid, digest_of[line]) for line, cells in records
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
            _reject(spec, report, line, exc)
            continue
        rows.append(row)
        if digest_of and (report.warnings + parser.unknown_rows != warned
                          or row[4] is not None):
            del digest_of[line]  # (a warning, maybe one given once a file, or an opt-out)
    return Batch(rows, digest_of, 0, rows_read=len(records), rejected=report.rows_rejected,
                 warnings=report.warnings, problems=report.problems,
                 dropped=report.problems_dropped)


def _reject(spec: ReadSpec, report: ImportReport, line: int, exc: _RowError) -> None:
    """A row that cannot be imported: the import's error when strict, else reported."""
    if spec.strict:
        raise InputError(exc.reason, where=where(spec.path, line, exc.field)) from None
    report.add(Problem(line, exc.field, exc.reason))


def where(path: Path, line: int, field_name: str) -> str:
    return f"{path.name}:{line}" + (f" field '{field_name}'" if field_name else "")
