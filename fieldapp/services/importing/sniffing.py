"""Working out how a file is written: encoding, delimiter, header; and the first rows."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from fieldapp.errors import InputError
from fieldapp.services.importing.fields import _ALIAS_TO_FIELD
from fieldapp.services.importing.fields import norm_header as _norm_header


@dataclass
class FileFormat:
    """How a file is written: what :func:`sniff` found."""

    encoding: str
    delimiter: str
    header: list[str]


@dataclass
class Preview:
    """The first rows of a file and the guessed mapping (for the import wizard)."""

    format: FileFormat
    rows: list[list[str]]
    mapping: dict[str, str]


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM or not) or cp1252.

    UTF-8 is checked over the whole file (an incremental decoder, fast) so
    that a stray Latin-1 byte on line 900,000 does not fail halfway through.
    Raises :class:`InputError` for files that are not text.
    """
    with path.open("rb") as fh:
        head = fh.read(4096)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
            return "utf-16-le"
        if len(head) >= 4 and head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
            return "utf-16-be"
        if b"\x00" in head:
            raise InputError(
                "cannot tell the encoding: this does not look like a text (CSV) file; "
                "save it as CSV (UTF-8) or pass --encoding",
                where=str(path),
            )
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
        fh.seek(0)
        data = fh.read(1 << 20)
    # cp1252 leaves five bytes undefined; a file using them is Latin-1.
    if any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")):
        return "latin-1"
    return "cp1252"


def _check_encoding(name: str, path: Path) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError as exc:
        raise InputError(f"unknown encoding {name!r}", where=str(path)) from exc


def open_text(path: Path, encoding: str) -> tuple[IO[bytes], io.TextIOWrapper]:
    raw = path.open("rb")
    text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
    return raw, text


def _sniff_delimiter(sample: str) -> str:
    lines = [ln for ln in sample.splitlines() if ln.strip()][:20]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",\t;|").delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in ",\t;|"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def sniff(path: str | Path, *, encoding: str | None = None) -> FileFormat:
    """Encoding, delimiter and header of a delimited text file."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", where=str(path))
    enc = _check_encoding(encoding, path) if encoding else detect_encoding(path)
    raw, text = open_text(path, enc)
    try:
        sample = text.read(64 * 1024)
    except UnicodeDecodeError as exc:
        raise InputError(f"the file is not {enc}: {exc.reason}", where=str(path)) from exc
    finally:
        text.close()
        raw.close()
    if not sample.strip():
        raise InputError("the file is empty", where=str(path))
    delimiter = _sniff_delimiter(sample)
    reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
    header = next(reader, [])
    header = [h.strip() for h in header]
    _check_header(path, header)
    return FileFormat(encoding=enc, delimiter=delimiter, header=header)


def _looks_like_data(cell: str) -> bool:
    return bool(re.search(r"\d", cell)) or "@" in cell


def _check_header(path: Path, header: list[str]) -> None:
    known = [h for h in header if _norm_header(h) in _ALIAS_TO_FIELD]
    if known:
        return
    data_like = sum(1 for h in header if _looks_like_data(h))
    if not any(header) or data_like * 2 >= len(header):
        raise InputError(
            "no header line: the first line looks like data; add a line of column "
            "names (for example: voter_id,first_name,last_name,address,city,state,zip)",
            where=f"{path.name}:1",
        )



def guess_mapping(header: list[str]) -> dict[str, str]:
    """Column name -> field, for the columns whose names are recognised.

    When two columns look like the same field, the first one wins and the
    other is ignored (a voter file with "Phone" and "CellPhone" keeps "Phone").
    """
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column in header:
        name = _ALIAS_TO_FIELD.get(_norm_header(column), "ignore")
        if name != "ignore" and name in taken:
            name = "ignore"
        taken.add(name)
        mapping[column] = name
    return mapping


def preview(path: str | Path, *, rows: int = 20, encoding: str | None = None) -> Preview:
    """The format, the first ``rows`` data rows and the guessed mapping."""
    path = Path(path)
    fmt = sniff(path, encoding=encoding)
    raw, text = open_text(path, fmt.encoding)
    with raw, text:
        reader = csv.reader(text, delimiter=fmt.delimiter)
        next(reader, None)
        first: list[list[str]] = []
        for row in reader:
            if len(first) >= rows:
                break
            first.append(row)
    return Preview(format=fmt, rows=first, mapping=guess_mapping(fmt.header))

