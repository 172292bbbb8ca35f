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

import codecs
import contextlib
import csv
import datetime as dt
import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from fieldapp import paths
from fieldapp.core.db import Store
from fieldapp.core.fastinsert import bulk_load
from fieldapp.core.ids import id_stream
from fieldapp.core.models import Door, Person
from fieldapp.core.stamping import bulk_insert, bulk_update
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services.addresses import (
    building_key,
    fold_name,
    house_number,
    normalize_unit,
    split_street_line,
)
from fieldapp.services.progress import Progress

log = logging.getLogger(__name__)

FIELDS: dict[str, str] = {
    "voter_id": "voter id from the file (matches re-imports)",
    "first_name": "first name",
    "last_name": "last name",
    "full_name": "whole name (\"Last, First\" or \"First Last\")",
    "street_number": "house number",
    "street_name": "street name",
    "address": "whole street line (\"1234 N 20th St Apt 3\")",
    "unit": "apartment or unit",
    "city": "city",
    "state": "state",
    "zip": "ZIP code",
    "phone": "phone",
    "email": "email",
    "party": "party",
    "birth_year": "year of birth",
    "birth_date": "date of birth (the year is kept)",
    "age": "age (turned into a birth year)",
    "lat": "latitude",
    "lon": "longitude",
    "language": "preferred language",
    "ignore": "not imported",
}
"""The fields a column can be mapped to, with a short description."""

_ALIASES: dict[str, tuple[str, ...]] = {
    "voter_id": (
        "voterid", "vanid", "voterregnumber", "voterregistrationnumber", "regnumber",
        "registrationnumber", "statevoterid", "voterfileid", "voterfilevanid", "sosid",
        "ncid", "id", "personid", "externalid", "voterkey", "lalvoterid", "voternumber",
    ),
    "first_name": ("firstname", "first", "fname", "givenname", "namefirst", "votersfirstname"),
    "last_name": ("lastname", "last", "lname", "surname", "familyname", "namelast", "voterslastname"),
    "full_name": ("name", "fullname", "votername", "personname"),
    "street_number": (
        "streetno", "streetnumber", "housenumber", "houseno", "addressnumber", "stno",
        "resstreetno", "residencehousenumber", "housenum", "resstreetnumber", "number",
    ),
    "street_name": (
        "streetname", "street", "stname", "residencestreetname", "resstreetname",
    ),
    "address": (
        "address", "address1", "addressline1", "streetaddress", "residentialaddress",
        "resaddress", "voteraddress", "residenceaddress", "addr", "residentialaddress1",
        "streetline", "vaddress",
    ),
    "unit": (
        "unit", "apt", "aptno", "apartment", "unitnumber", "aptnumber", "address2",
        "addressline2", "suite", "residenceunit", "resunit", "aptunit", "apartmentnumber",
        "unitno",
    ),
    "city": ("city", "residentialcity", "rescity", "residencecity", "town", "municipality", "vcity"),
    "state": ("state", "st", "residentialstate", "resstate", "stateabbr", "statecode", "vstate"),
    "zip": (
        "zip", "zip5", "zipcode", "postalcode", "postcode", "residentialzip", "reszip",
        "zip9", "residencezip", "vzip",
    ),
    "phone": (
        "phone", "phonenumber", "cellphone", "cell", "mobile", "homephone", "telephone",
        "preferredphone", "mobilephone", "cellphonenumber",
    ),
    "email": ("email", "emailaddress", "preferredemail"),
    "party": ("party", "partycode", "partyaffiliation", "registeredparty", "partyname"),
    "birth_year": ("birthyear", "yearofbirth", "yob", "byear"),
    "birth_date": ("dob", "dateofbirth", "birthdate", "birthday"),
    "age": ("age", "voterage"),
    "lat": ("lat", "latitude", "ycoord"),
    "lon": ("lon", "lng", "long", "longitude", "xcoord"),
    "language": ("language", "lang", "preferredlanguage", "primarylanguage", "spokenlanguage"),
}
_ALIAS_TO_FIELD: dict[str, str] = {
    alias: name for name, aliases in _ALIASES.items() for alias in aliases
}
_ALIAS_TO_FIELD.update({name.replace("_", ""): name for name in FIELDS})

BATCH_ROWS = 5000
MAX_PROBLEMS_KEPT = 1000
_LANGS = {"es": "es", "spa": "es", "spanish": "es", "espanol": "es", "español": "es",
          "en": "en", "eng": "en", "english": "en"}


# --------------------------------------------------------------------------- sniffing


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


def _norm_header(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


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


# --------------------------------------------------------------------------- profiles


def _profiles_dir() -> Path:
    return paths.dirs().config / "import_profiles"


def _profile_path(name: str) -> Path:
    if not re.fullmatch(r"[\w .-]{1,60}", name) or name.strip(". ") != name.strip():
        raise InputError(
            f"invalid profile name {name!r}: use letters, digits, spaces, '.', '-' or '_'"
        )
    return _profiles_dir() / f"{name.strip()}.json"


def save_profile(name: str, mapping: dict[str, str]) -> Path:
    """Save a column mapping under a name, in the config folder."""
    validate_mapping(mapping)
    path = _profile_path(name)
    paths.ensure(path.parent)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"name": name, "mapping": mapping}, indent=2, sort_keys=True),
                   encoding="utf-8")
    tmp.replace(path)
    return path


def load_profile(name: str) -> dict[str, str]:
    path = _profile_path(name)
    if not path.exists():
        known = ", ".join(list_profiles()) or "none saved yet"
        raise NotFoundError(f"no mapping profile named {name!r} (profiles: {known})")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        mapping = {str(k): str(v) for k, v in data["mapping"].items()}
    except (OSError, ValueError, KeyError, AttributeError) as exc:
        raise InputError(f"unreadable mapping profile: {exc}", where=str(path)) from exc
    validate_mapping(mapping)
    return mapping


def list_profiles() -> list[str]:
    folder = _profiles_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.json"))


def validate_mapping(mapping: dict[str, str], where: str | None = None) -> None:
    """Every target must be a known field, and no field may get two columns."""
    seen: dict[str, str] = {}
    for column, name in mapping.items():
        if name not in FIELDS:
            raise InputError(
                f"column {column!r} is mapped to unknown field {name!r}; fields are: "
                + ", ".join(FIELDS),
                where=where,
            )
        if name != "ignore" and name in seen:
            raise InputError(
                f"columns {seen[name]!r} and {column!r} are both mapped to {name!r}",
                where=where,
            )
        seen[name] = column


def parse_map_options(options: list[str]) -> dict[str, str]:
    """``["COLUMN=FIELD", ...]`` from the command line."""
    mapping: dict[str, str] = {}
    for option in options:
        column, sep, name = option.rpartition("=")
        if not sep or not column:
            raise InputError(f"--map {option!r}: write it as COLUMN=FIELD")
        mapping[column.strip()] = name.strip()
    return mapping


def resolve_mapping(
    path: Path, header: list[str], overrides: dict[str, str] | None
) -> dict[str, str]:
    """The guessed mapping with the caller's changes; checks it can make doors."""
    mapping = guess_mapping(header)
    if overrides:
        lookup = {h.strip().lower(): h for h in header}
        for column, name in overrides.items():
            real = lookup.get(column.strip().lower())
            if real is None:
                raise InputError(
                    f"--map names column {column!r}, which is not in the header "
                    f"(columns: {', '.join(header)})",
                    where=f"{path.name}:1",
                )
            mapping[real] = name
        # a column the caller mapped takes the field from a guessed one
        chosen = {lookup[c.strip().lower()] for c in overrides}
        claimed = {mapping[c] for c in chosen} - {"ignore"}
        for column in header:
            if column not in chosen and mapping.get(column) in claimed:
                mapping[column] = "ignore"
    validate_mapping(mapping, where=f"{path.name}:1")
    targets = set(mapping.values())
    if "address" not in targets and not {"street_number", "street_name"} <= targets:
        raise InputError(
            "no address columns: map a column to 'address' (the whole street line), "
            "or to 'street_number' and 'street_name' (columns found: "
            + ", ".join(header) + ")",
            where=f"{path.name}:1",
        )
    return mapping


# --------------------------------------------------------------------------- the import


@dataclass
class Problem:
    line: int
    field: str
    reason: str
    level: str = "rejected"  # or "warning"

    def describe(self, file_name: str) -> str:
        where = f"{file_name}:{self.line}" + (f" field '{self.field}'" if self.field else "")
        return f"{where}: {self.reason}"


@dataclass
class ImportReport:
    """What an import did (or would do, for a dry run)."""

    file: str
    encoding: str = ""
    delimiter: str = ","
    mapping: dict[str, str] = field(default_factory=dict)
    dry_run: bool = False
    rows_read: int = 0
    doors_created: int = 0
    doors_updated: int = 0
    people_created: int = 0
    people_updated: int = 0
    people_unchanged: int = 0
    rows_skipped: int = 0
    rows_rejected: int = 0
    warnings: int = 0
    problems: list[Problem] = field(default_factory=list)
    problems_dropped: int = 0

    def add(self, problem: Problem) -> None:
        if problem.level == "rejected":
            self.rows_rejected += 1
        else:
            self.warnings += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)
        else:
            self.problems_dropped += 1

    def lines(self) -> list[str]:
        """The report as lines of text (the CLI prints them; the wizard shows them)."""
        name = Path(self.file).name
        head = "Dry run (nothing written)" if self.dry_run else "Imported"
        out = [
            f"{head}: {name} ({self.encoding}, "
            f"{'tab' if self.delimiter == chr(9) else repr(self.delimiter)}-separated)",
            f"  rows read         {self.rows_read:>10,}",
            f"  doors created     {self.doors_created:>10,}",
            f"  doors updated     {self.doors_updated:>10,}",
            f"  people created    {self.people_created:>10,}",
            f"  people updated    {self.people_updated:>10,}",
            f"  people unchanged  {self.people_unchanged:>10,}",
            f"  rows skipped      {self.rows_skipped:>10,}  (blank)",
            f"  rows rejected     {self.rows_rejected:>10,}",
        ]
        if self.warnings:
            out.append(f"  warnings          {self.warnings:>10,}")
        for problem in self.problems:
            label = "rejected" if problem.level == "rejected" else "warning"
            out.append(f"  {label}: {problem.describe(name)}")
        if self.problems_dropped:
            out.append(f"  ... and {self.problems_dropped:,} more problems not listed")
        return out


class _RowError(Exception):
    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field_name
        self.reason = reason


@dataclass
class _Row:
    line: int
    akey: str
    door: dict[str, Any]
    person: dict[str, Any] | None


class _Parser:
    """Turns a file row into door and person fields, or raises :class:`_RowError`."""

    def __init__(self, header: list[str], mapping: dict[str, str], report: ImportReport,
                 this_year: int) -> None:
        self.width = len(header)
        self.header = header
        self.columns: list[tuple[int, str]] = [
            (i, mapping.get(col, "ignore")) for i, col in enumerate(header)
            if mapping.get(col, "ignore") != "ignore"
        ]
        self.column_of = {name: header[i] for i, name in self.columns}
        self.names = [name for _, name in self.columns]
        indexes = [i for i, _ in self.columns]
        self.pick: Callable[[list[str]], tuple[str, ...]] = (
            itemgetter(*indexes) if len(indexes) > 1 else lambda cells: (cells[indexes[0]],)
        )
        self.report = report
        self.this_year = this_year

    def parse(self, line: int, cells: list[str]) -> _Row | None:
        if len(cells) < self.width:
            missing = self.header[len(cells)]
            raise _RowError(missing, f"the row has {len(cells)} fields, the header has "
                            f"{self.width} (column '{missing}' is missing)")
        if len(cells) > self.width and any(c.strip() for c in cells[self.width :]):
            raise _RowError("", f"the row has {len(cells)} fields, the header has {self.width}")
        v = dict(zip(self.names, map(str.strip, self.pick(cells)), strict=True))
        number, street, unit = v.get("street_number", ""), v.get("street_name", ""), v.get("unit", "")
        if v.get("address") and not street:
            n2, s2, u2 = split_street_line(v["address"])
            number = number or n2
            street = s2
            unit = unit or u2
        elif street and not number:
            n2, s2, u2 = split_street_line(street)
            if n2:
                number, street, unit = n2, s2, unit or u2
        addr_field = self._col("address") if "address" in v and not v.get("street_name") else self._col("street_name")
        if not street:
            raise _RowError(addr_field, "no street address")
        if not number:
            raise _RowError(self._col("street_number") if "street_number" in v else addr_field,
                            f"no house number in {street!r}")
        city, state, zip_code = v.get("city", ""), v.get("state", "").upper(), v.get("zip", "")
        lat, lon = self._coords(v)
        bkey = building_key(number, street, city, state)
        door: dict[str, Any] = {
            "street_number": number,
            "house_number": house_number(number),
            "street_name": street,
            "unit": unit,
            "city": city,
            "state": state,
            "zip": zip_code,
            "address_key": bkey + "|" + normalize_unit(unit),  # as address_key() makes it
            "building_key": bkey,
        }
        if lat is not None and lon is not None:
            door.update(lat=lat, lon=lon, geocode_source="file", geocode_quality="file")
        first, last = v.get("first_name", ""), v.get("last_name", "")
        if not (first or last) and v.get("full_name"):
            first, last = _split_name(v["full_name"])
        person: dict[str, Any] | None = None
        if first or last or v.get("voter_id"):
            person = {
                "first_name": first,
                "last_name": last,
                "voter_id": v.get("voter_id", ""),
                "phone": v.get("phone", ""),
                "email": v.get("email", "").lower(),
                "party": v.get("party", ""),
                "birth_year": self._birth_year(line, v),
            }
            language = v.get("language", "").strip().lower()
            if language:
                person["language"] = _LANGS.get(language, language[:10])
        return _Row(line=line, akey=door["address_key"], door=door, person=person)

    def _col(self, name: str) -> str:
        return self.column_of.get(name, name)

    def _coords(self, v: dict[str, str]) -> tuple[float | None, float | None]:
        lat_text, lon_text = v.get("lat", ""), v.get("lon", "")
        if not lat_text and not lon_text:
            return None, None
        if not lat_text or not lon_text:
            missing = "lat" if not lat_text else "lon"
            raise _RowError(self._col(missing), "latitude and longitude must both be given")
        lat = self._float("lat", lat_text)
        lon = self._float("lon", lon_text)
        if not -90 <= lat <= 90:
            raise _RowError(self._col("lat"), f"latitude {lat_text} is out of range (-90 to 90)")
        if not -180 <= lon <= 180:
            raise _RowError(self._col("lon"), f"longitude {lon_text} is out of range (-180 to 180)")
        return lat, lon

    def _float(self, name: str, text: str) -> float:
        try:
            return float(text.replace(",", "."))
        except ValueError:
            raise _RowError(self._col(name), f"{text!r} is not a number") from None

    def _birth_year(self, line: int, v: dict[str, str]) -> int | None:
        year: int | None = None
        source = ""
        if v.get("birth_year"):
            source = "birth_year"
            year = _int_or_none(v["birth_year"])
        elif v.get("birth_date"):
            source = "birth_date"
            match = re.search(r"\b(1[89]\d\d|20\d\d)\b", v["birth_date"])
            year = int(match.group(1)) if match else None
        elif v.get("age"):
            source = "age"
            age = _int_or_none(v["age"])
            year = self.this_year - age if age is not None else None
        if source and (year is None or not 1880 <= year <= self.this_year):
            self.report.add(Problem(line, self._col(source),
                                    f"{v[source]!r} is not a usable {FIELDS[source]}; left empty",
                                    level="warning"))
            return None
        return year


def _int_or_none(text: str) -> int | None:
    try:
        return int(float(text))
    except ValueError:
        return None


def _split_name(full: str) -> tuple[str, str]:
    if "," in full:
        last, _, first = full.partition(",")
        return first.strip(), last.strip()
    parts = full.split()
    if len(parts) == 1:
        return "", parts[0]
    return " ".join(parts[:-1]), parts[-1]


def _records(text: io.TextIOWrapper, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) for each record after the header."""
    reader = csv.reader(text, delimiter=delimiter, strict=False)
    next(reader, None)
    line = reader.line_num + 1
    for cells in reader:
        yield line, cells
        line = reader.line_num + 1


_PERSON_FIELDS = ("first_name", "last_name", "voter_id", "phone", "email", "party",
                  "birth_year", "language")
_DOOR_UPDATE_FIELDS = ("zip", "lat", "lon", "geocode_source", "geocode_quality")


class _Importer:
    def __init__(self, session: Session, report: ImportReport) -> None:
        self.session = session
        self.report = report
        self.ids = id_stream()

    def batch(self, rows: list[_Row]) -> None:
        session = self.session
        # ---- doors: match by address key; new ones in bulk
        keys = {r.akey for r in rows}
        existing = _oldest_live_by(session, Door, Door.address_key, sorted(keys))
        new_doors: dict[str, dict[str, Any]] = {}
        door_changes: dict[str, dict[str, Any]] = {}
        door_of: dict[str, str] = {}
        for r in rows:
            if r.akey in existing:
                door_id = existing[r.akey]
                changes = {k: r.door[k] for k in _DOOR_UPDATE_FIELDS if r.door.get(k) not in (None, "")}
                if changes:
                    door_changes.setdefault(door_id, {}).update(changes)
            elif r.akey in new_doors:
                door_id = new_doors[r.akey]["id"]
                new_doors[r.akey].update(
                    {k: r.door[k] for k in _DOOR_UPDATE_FIELDS if r.door.get(k) not in (None, "")}
                )
            else:
                door_id = next(self.ids)
                new_doors[r.akey] = {"id": door_id, "turf_id": None, **r.door}
            door_of[r.akey] = door_id
        # ---- people: match by voter id, else by folded name at the same door
        people_rows = [r for r in rows if r.person is not None]
        voter_ids = sorted({r.person["voter_id"] for r in people_rows if r.person and r.person["voter_id"]})
        by_voter = _oldest_live_by(session, Person, Person.voter_id, voter_ids)
        old_doors = sorted({door_of[r.akey] for r in people_rows if r.akey in existing})
        by_name: dict[tuple[str, str], tuple[str, str]] = {}
        for chunk in _chunks(old_doors, 900):
            for found_pid, found_door, first, last, found_vid in session.connection().execute(
                select(Person.id, Person.door_id, Person.first_name, Person.last_name,
                       Person.voter_id).where(
                    Person.door_id.in_(chunk), Person.deleted.is_(False),
                    Person.merged_into_id.is_(None),
                ).order_by(Person.born_hlc)
            ):
                by_name.setdefault((found_door or "", fold_name(first, last)), (found_pid, found_vid))
        new_people: dict[str, dict[str, Any]] = {}  # batch key -> row
        person_changes: dict[str, dict[str, Any]] = {}
        for r in people_rows:
            assert r.person is not None
            p = dict(r.person)
            door_id = door_of[r.akey]
            p["door_id"] = door_id
            vid = p["voter_id"]
            name_key = (door_id, fold_name(p["first_name"], p["last_name"]))
            pid = by_voter.get(vid) if vid else None
            if pid is None:
                named = by_name.get(name_key)
                if named is not None and (not vid or not named[1]):
                    pid = named[0]
            batch_key = f"v:{vid}" if vid else f"n:{name_key[0]}|{name_key[1]}"
            if pid is not None:
                changes = {k: v for k, v in p.items() if v not in (None, "")}
                person_changes.setdefault(pid, {}).update(changes)
            elif batch_key in new_people:
                new_people[batch_key].update({k: v for k, v in p.items() if v not in (None, "")})
            else:
                row = {"id": next(self.ids), "tags": [], "language": "en", **p}
                new_people[batch_key] = row
        # ---- write: bulk inserts for new rows, ORM updates for the rest
        if new_doors:
            bulk_insert(session, Door, list(new_doors.values()))
            self.report.doors_created += len(new_doors)
        if new_people:
            bulk_insert(session, Person, list(new_people.values()))
            self.report.people_created += len(new_people)
        if door_changes:
            self.report.doors_updated += self._apply(Door, door_changes)
        if person_changes:
            changed = self._apply(Person, person_changes)
            self.report.people_updated += changed
            self.report.people_unchanged += len(person_changes) - changed

    def _apply(self, model: type[Door] | type[Person], changes: dict[str, dict[str, Any]]) -> int:
        """Set the fields that differ, stamped per field; rows already equal are left alone.

        Plain column reads and one executemany UPDATE (``bulk_update``): loading an
        ORM object per row made a re-import of an unchanged file slower than the first.
        """
        return bulk_update(self.session, model, changes)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _oldest_live_by(session: Session, model: Any, key: Any, keys: list[str]) -> dict[str, str]:
    """Each key's record id among live, unmerged ``model`` rows; the oldest-born wins.

    The import matches a row to what the store already has this way (doors by
    address key, people by voter id), in chunks that stay under SQLite's
    bound-parameter limit.
    """
    found: dict[str, str] = {}
    for chunk in _chunks(keys, 900):
        # Core rows through the connection: the ORM's result machinery cost more
        # than the query (the importer's ORM changes are flushed by then).
        for record_id, value in session.connection().execute(
            select(model.id, key).where(
                key.in_(chunk), model.deleted.is_(False), model.merged_into_id.is_(None),
            ).order_by(model.born_hlc)
        ):
            found.setdefault(value, record_id)
    return found


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
        with raw, text, store.transaction() as session, _bulk_load(session):
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


def _bulk_load(session: Session) -> contextlib.AbstractContextManager[None]:
    """The store side of the load: roomy cache; on an empty store, indexes built after."""
    doors, people = cast(Table, Door.__table__), cast(Table, Person.__table__)
    return bulk_load(session.connection(), [doors, people],
                     lookups=[doors.c.address_key, people.c.voter_id, people.c.door_id])


def _where(path: Path, line: int, field_name: str) -> str:
    return f"{path.name}:{line}" + (f" field '{field_name}'" if field_name else "")
