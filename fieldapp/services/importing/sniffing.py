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
from fieldapp.services.importing.layouts import get_layout, match_header, match_rows


@dataclass
class FileFormat:
    """How a file is written: what :func:`sniff` found.

    ``damaged`` is set for a UTF-8 file with a few invalid bytes: it is read as
    UTF-8 and the rows with a bad byte are rejected (never re-read as cp1252).
    ``layout`` names the built-in layout the file matched ("" for none); a file
    without a header row gets the layout's column names as ``header``.
    """

    encoding: str
    delimiter: str
    header: list[str]
    has_header: bool = True
    layout: str = ""
    damaged: bool = False


@dataclass
class Preview:
    """The first rows of a file and the guessed mapping (for the import wizard)."""

    format: FileFormat
    rows: list[list[str]]
    mapping: dict[str, str]


_BAD_BYTE = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _utf8_verdict(fh: IO[bytes]) -> tuple[bool, bool]:
    """(is UTF-8, has invalid bytes), judged over the whole file.

    A file whose non-ASCII text is mostly valid UTF-8 is UTF-8 even with a few
    stray bytes; one with no valid multi-byte sequence at all is not.
    """
    fh.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := fh.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return True, False
    except UnicodeDecodeError:
        pass
    fh.seek(0)
    loose = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    good = bad = 0
    while chunk := fh.read(1 << 20):
        text = loose.decode(chunk)
        bad += len(_BAD_BYTE.findall(text))
        good += len(_NON_ASCII.findall(text))
    return (good > 0 and good >= bad), True


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM or not) or cp1252.

    The whole file decides (an incremental decoder, fast): a UTF-8 file with a
    stray byte on line 900,000 stays UTF-8 (see :func:`detect`). Raises
    :class:`InputError` for files that are not text.
    """
    return detect(path)[0]


def detect(path: Path) -> tuple[str, bool]:
    """The encoding, and whether a UTF-8 file has invalid bytes."""
    with path.open("rb") as fh:
        head = fh.read(4096)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16", False
        if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
            return "utf-16-le", False
        if len(head) >= 4 and head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
            return "utf-16-be", False
        if head.count(0) > max(8, len(head) // 100):
            raise InputError(
                "cannot tell the encoding: this does not look like a text (CSV) file; "
                "save it as CSV (UTF-8) or pass --encoding",
                where=str(path),
            )
        is_utf8, damaged = _utf8_verdict(fh)
        if is_utf8:
            return ("utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"), damaged
        fh.seek(0)
        data = fh.read(1 << 20)
    # cp1252 leaves five bytes undefined; a file using them is Latin-1.
    if any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")):
        return "latin-1", False
    return "cp1252", False


def _check_encoding(name: str, path: Path) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError as exc:
        raise InputError(f"unknown encoding {name!r}", where=str(path)) from exc


def open_text(path: Path, encoding: str, *, damaged: bool = False
              ) -> tuple[IO[bytes], io.TextIOWrapper]:
    """The file as text; a damaged UTF-8 file keeps its bad bytes as surrogates."""
    raw = path.open("rb")
    errors = "surrogateescape" if damaged else "strict"
    text = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="")
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


def sniff(path: str | Path, *, encoding: str | None = None,
          layout: str | None = None, kind: str = "voters") -> FileFormat:
    """Encoding, delimiter, header and layout of a delimited text file.

    ``layout`` forces a built-in layout; otherwise a header is matched against
    the layouts' headers, and a file with no header row against their column
    counts and patterns.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", where=str(path))
    forced = get_layout(layout, kind) if layout else None
    if encoding:
        enc, damaged = _check_encoding(encoding, path), False
    else:
        enc, damaged = detect(path)
    raw, text = open_text(path, enc, damaged=damaged)
    try:
        sample = text.read(64 * 1024)
    except UnicodeDecodeError as exc:
        raise InputError(f"the file is not {enc}: {exc.reason}; pass --encoding",
                         where=str(path)) from exc
    finally:
        text.close()
        raw.close()
    if not sample.strip():
        raise InputError("the file is empty", where=str(path))
    delimiter = (forced.delimiter if forced and forced.delimiter else _sniff_delimiter(sample))
    if len(sample) == 64 * 1024:  # the last line may be cut short
        sample = sample[: sample.rfind("\n") + 1] or sample
    rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))[:21]
    header = [h.strip() for h in rows[0]] if rows else []
    fmt = FileFormat(encoding=enc, delimiter=delimiter, header=header, damaged=damaged)
    if forced is not None:
        fmt.layout = forced.name
        if not forced.header:
            fmt.header, fmt.has_header = list(forced.columns), False
        return fmt
    found = match_header(header, kind)
    if found is not None:
        fmt.layout = found.name
        return fmt
    if not _known_header(header):
        headerless = match_rows(rows[:20], kind)
        if headerless is not None:
            fmt.header, fmt.has_header, fmt.layout = list(headerless.columns), False, headerless.name
            return fmt
    _check_header(path, header)
    return fmt


def _looks_like_data(cell: str) -> bool:
    return bool(re.search(r"\d", cell)) or "@" in cell


def _known_header(header: list[str]) -> bool:
    return any(_norm_header(h) in _ALIAS_TO_FIELD for h in header)


def _check_header(path: Path, header: list[str]) -> None:
    if _known_header(header):
        return
    data_like = sum(1 for h in header if _looks_like_data(h))
    if not any(header) or data_like * 2 >= len(header):
        raise InputError(
            "no header line: the first line looks like data and matches no known layout "
            "(see: fieldapp import layouts); add a line of column names (for example: "
            "voter_id,first_name,last_name,address,city,state,zip) or pass --layout",
            where=f"{path.name}:1",
        )


def guess_mapping(header: list[str], layout: str | None = None) -> dict[str, str]:
    """Column name -> field, for the columns whose names are recognised.

    With ``layout``, the layout's own mapping; otherwise the generic synonyms.

    When two columns look like the same field, the first one wins and the
    other is ignored (a voter file with "Phone" and "CellPhone" keeps "Phone").
    """
    if layout:
        return get_layout(layout, None).mapping_for(header)
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column in header:
        name = _ALIAS_TO_FIELD.get(_norm_header(column), "ignore")
        if name != "ignore" and name in taken:
            name = "ignore"
        taken.add(name)
        mapping[column] = name
    return mapping


def preview(path: str | Path, *, rows: int = 20, encoding: str | None = None,
            layout: str | None = None) -> Preview:
    """The format, the first ``rows`` data rows and the guessed mapping."""
    path = Path(path)
    fmt = sniff(path, encoding=encoding, layout=layout)
    raw, text = open_text(path, fmt.encoding, damaged=fmt.damaged)
    with raw, text:
        reader = csv.reader(text, delimiter=fmt.delimiter)
        if fmt.has_header:
            next(reader, None)
        first: list[list[str]] = []
        for row in reader:
            if len(first) >= rows:
                break
            first.append(row)
    return Preview(format=fmt, rows=first, mapping=guess_mapping(fmt.header, fmt.layout or None))

