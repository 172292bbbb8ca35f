"""One file row to door and person fields, or a reason to reject it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from operator import itemgetter
from typing import Any, TypeAlias

from fieldapp.services.addresses import (
    building_key,
    house_number,
    normalize_unit,
    split_street_line,
)
from fieldapp.services.importing.fields import _LANGS, FIELDS, is_opt_out_cell
from fieldapp.services.importing.report import ImportReport, Problem
from fieldapp.services.voterstatus import normalize_status

_BAD_BYTE = re.compile("[\udc80-\udcff]")
_house_number = lru_cache(maxsize=65536)(house_number)  # a file repeats its house numbers


class _RowError(Exception):
    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field_name
        self.reason = reason


DOOR_FIELDS = ("street_number", "house_number", "street_name", "unit", "city", "state", "zip",
               "address_key", "building_key", "lat", "lon", "geocode_source", "geocode_quality")
"""The door values of a parsed row, in this order (``lat`` and ``lon`` None without
coordinates)."""

PERSON_FIELDS = ("first_name", "last_name", "voter_id", "phone", "email", "party", "birth_year",
                 "language", "voter_status", "registration_date", "precinct", "ward", "districts")
"""The person values of a parsed row, in this order. A field the file does not give
is empty ("" or None or {}), as the column's default, except ``language``: "en"
when the file has no language column, "" for a blank cell of one."""

PERSON_ABSENT: dict[str, Any] = {k: "" for k in PERSON_FIELDS} | {
    "birth_year": None, "language": "en", "districts": {}}
"""The value a parsed row has for each person field its file does not give."""

# A parsed row: (line, address key, door values, person values or None, explicit
# opt-outs or None). Plain tuples: no dict per row, none copied again per batch.
_Row: TypeAlias = tuple[int, str, tuple[Any, ...], tuple[Any, ...] | None, dict[str, str] | None]

# The file fields a row is read by, in the order ``_Parser.ix`` gives their cell positions.
_READ = ("voter_id", "first_name", "last_name", "full_name", "street_number", "street_name",
         "unit", "city", "state", "zip", "phone", "email", "party", "language", "status",
         "registration_date", "precinct", "ward", "lat", "lon")
# Fields that make the street line more than number + name + unit.
_STREET_PARTS = ("street_number_suffix", "street_pre", "street_type", "street_post", "address",
                 "unit_type")


_DISTRICTS = {"congressional_district": "congressional", "senate_district": "state_senate",
              "house_district": "state_house"}
_DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%Y%m%d", "%m/%d/%y", "%Y/%m/%d", "%m-%d-%Y")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})$")


@lru_cache(maxsize=65536)
def iso_date(text: str) -> str | None:
    """A registration date as YYYY-MM-DD ("" for none), or None if unreadable."""
    text = text.strip().split(" ")[0].split("T")[0]
    if not text:
        return ""
    match = _US_DATE.match(text)
    if match:
        month, day, year = (int(g) for g in match.groups())
    elif (match := _ISO_DATE.match(text)) is not None:
        year, month, day = (int(g) for g in match.groups())
    else:
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date().isoformat()
            except ValueError:
                continue
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


class _Parser:
    """Turns a file row into door and person values, or raises :class:`_RowError`.

    A row's mapped cells are stripped into one list with an empty string after
    them; a field the file does not have reads that empty string (its position
    is -1), so the common path asks no question per field.
    """

    def __init__(self, header: list[str], mapping: dict[str, str], report: ImportReport,
                 this_year: int, *, statuses: dict[str, str] | None = None,
                 damaged: bool = False) -> None:
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
        # a field's position among the picked cells (the last one, as a dict of them
        # kept), or -1: the empty string added after them
        self.at: dict[str, int] = {name: i for i, name in enumerate(self.names)}
        self.ix = tuple(self.at.get(name, -1) for name in _READ)
        self.report = report
        self.this_year = this_year
        self.statuses = statuses or {}
        self.damaged = damaged
        self.unknown_statuses: set[str] = set()
        self.unknown_rows = 0  # rows with a status not known (warned of once per code)
        self.districts = [(key, self.at[name]) for name, key in _DISTRICTS.items()
                          if name in self.at]
        self.opt_outs = [(ch, self.at[f"do_not_{ch}"]) for ch in ("call", "text", "email")
                         if f"do_not_{ch}" in self.at]
        self.plain_street = not any(name in self.at for name in _STREET_PARTS)
        self.language_given = "language" in self.at
        self.no_language = "" if self.language_given else "en"
        self.ages = any(name in self.at for name in ("birth_year", "birth_date", "age"))
        self.birth_year_at = self.at.get("birth_year", -1)
        # the voter id's cell in a file row (-1: none)
        self.voter_id_cell = self.columns[self.at["voter_id"]][0] if "voter_id" in self.at else -1
        self.area_code_at = self.at.get("area_code")
        given = {*self.at, "voter_id"}  # (a row's voter id is "" without the column)
        if "full_name" in given:
            given |= {"first_name", "last_name"}
        if self.ages:
            given.add("birth_year")
        if "status" in given:
            given.add("voter_status")
        if self.districts:
            given.add("districts")
        if "area_code" in given:
            given.add("phone")
        self.person_given = tuple(k for k in PERSON_FIELDS if k in given)
        """The person fields this file can give a value for (the others stay empty)."""

    def check_cells(self, line: int, cells: list[str], joined: str) -> None:
        """NUL bytes and (in a damaged UTF-8 file) invalid bytes reject the row."""
        if "\x00" in joined:
            raise _RowError(self._field_with(cells, "\x00"), "a NUL byte in the field")
        if self.damaged and _BAD_BYTE.search(joined):
            index = self._index_with(cells, _BAD_BYTE)
            bad = _BAD_BYTE.search(cells[index]) if index >= 0 else None
            byte = f" 0x{ord(bad.group()) - 0xDC00:02X}" if bad else ""
            raise _RowError(self.header[index] if 0 <= index < self.width else "",
                            f"an invalid UTF-8 byte{byte}: the row is left out so that no "
                            "name is stored garbled")

    def _index_with(self, cells: list[str], pattern: re.Pattern[str]) -> int:
        return next((i for i, c in enumerate(cells) if pattern.search(c)), -1)

    def _field_with(self, cells: list[str], char: str) -> str:
        index = next((i for i, c in enumerate(cells) if char in c), -1)
        return self.header[index] if 0 <= index < self.width else ""

    def _check_width(self, cells: list[str]) -> None:
        if len(cells) < self.width:
            missing = self.header[len(cells)]
            raise _RowError(missing, f"the row has {len(cells)} fields, the header has "
                            f"{self.width} (column '{missing}' is missing)")
        if len(cells) > self.width and any(c.strip() for c in cells[self.width :]):
            raise _RowError("", f"the row has {len(cells)} fields, the header has {self.width}")

    def parse(self, line: int, cells: list[str]) -> _Row:
        if len(cells) != self.width:
            self._check_width(cells)
        v = [*map(str.strip, self.pick(cells)), ""]
        (i_vid, i_first, i_last, i_full, i_number, i_street, i_unit, i_city, i_state, i_zip,
         i_phone, i_email, i_party, i_lang, i_status, i_date, i_precinct, i_ward, i_lat,
         i_lon) = self.ix
        if self.plain_street:
            number, street, unit = v[i_number], v[i_street], v[i_unit]
            if not (street and number):
                number, street, unit = self._street_line(number, street, unit, v)
        else:
            number, street, unit = self._street(v)
        city, state = v[i_city], v[i_state].upper()
        bkey = building_key(number, street, city, state)
        akey = bkey + "|" + normalize_unit(unit)  # as address_key() makes it
        door: tuple[Any, ...]
        if v[i_lat] or v[i_lon]:
            try:
                lat, lon = float(v[i_lat]), float(v[i_lon])
            except ValueError:
                lat, lon = self._coords(v[i_lat], v[i_lon])  # (the reason, or a decimal comma)
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                lat, lon = self._coords(v[i_lat], v[i_lon])  # (out of range: the reason)
            door = (number, _house_number(number), street, unit, city, state, v[i_zip], akey,
                    bkey, lat, lon, "file", "file")
        else:
            door = (number, _house_number(number), street, unit, city, state, v[i_zip], akey,
                    bkey, None, None, "", "")
        first, last, vid = v[i_first], v[i_last], v[i_vid]
        if not (first or last) and v[i_full]:
            first, last = _split_name(v[i_full])
        if not (first or last or vid):
            return line, akey, door, None, None
        phone = v[i_phone]
        if phone and self.area_code_at is not None and v[self.area_code_at]:
            phone = v[self.area_code_at] + phone
        language = v[i_lang]
        if language:
            language = language.lower()
            language = _LANGS.get(language, language[:10])
        # (warnings in this order: birth year, status, registration date)
        year = None
        if self.ages:
            text = v[self.birth_year_at]
            if len(text) == 4 and text.isdecimal() and 1880 <= (year := int(text)) <= self.this_year:
                pass  # the usual case, asked first
            else:
                year = self._birth_year(line, v)
        status = self._status(line, v[i_status]) if i_status >= 0 else ""
        registration = self._registration(line, v[i_date]) if i_date >= 0 else ""
        person = (
            first, last, vid, phone, v[i_email].lower(), v[i_party], year,
            language or self.no_language, status, registration, v[i_precinct][:60],
            v[i_ward][:60],
            {key: v[i] for key, i in self.districts if v[i]} if self.districts else {},
        )
        opted = None
        if self.opt_outs:
            opted = {ch: "opt_out" for ch, i in self.opt_outs if is_opt_out_cell(v[i])}
        return line, akey, door, person, opted or None

    def _street_line(self, number: str, street: str, unit: str, v: list[str]
                     ) -> tuple[str, str, str]:
        """Number + name + unit when one of number and name is missing."""
        if street and not number:
            n2, s2, u2 = split_street_line(street)
            if n2:
                number, street, unit = n2, s2, unit or u2
        return self._require(number, street, unit, v)

    def _street(self, v: list[str]) -> tuple[str, str, str]:
        """The street line from a file that splits it further (suffix, direction, type...)."""
        def get(name: str) -> str:
            return v[self.at.get(name, -1)]

        number, street, unit = get("street_number"), get("street_name"), get("unit")
        suffix = get("street_number_suffix")
        if suffix:
            number = f"{number} {suffix}" if "/" in suffix else number + suffix
        if street and (get("street_pre") or get("street_type") or get("street_post")):
            street = " ".join(p for p in (get("street_pre"), street, get("street_type"),
                                          get("street_post")) if p)
        if unit and get("unit_type"):
            unit = f"{get('unit_type')} {unit}"
        if get("address") and not street:
            n2, s2, u2 = split_street_line(get("address"))
            number = number or n2
            street = s2
            unit = unit or u2
        elif street and not number:
            n2, s2, u2 = split_street_line(street)
            if n2:
                number, street, unit = n2, s2, unit or u2
        return self._require(number, street, unit, v)

    def _require(self, number: str, street: str, unit: str, v: list[str]
                 ) -> tuple[str, str, str]:
        """(number, street, unit), or the row's rejection naming the field that lacks one."""
        if street and number:
            return number, street, unit
        addr_field = (self._col("address") if "address" in self.at
                      and not v[self.at.get("street_name", -1)] else self._col("street_name"))
        if not street:
            raise _RowError(addr_field, "no street address")
        raise _RowError(self._col("street_number") if "street_number" in self.at else addr_field,
                        f"no house number in {street!r}")

    def _status(self, line: int, raw: str) -> str:
        status = normalize_status(raw, self.statuses)
        if status is None:
            code = raw.strip()[:20]
            self.unknown_rows += 1
            if code not in self.unknown_statuses:
                self.unknown_statuses.add(code)
                self.report.add(Problem(line, self._col("status"),
                                        f"status {code!r} is not one Field App knows; kept as "
                                        "written (the voter stays on lists)", level="warning"))
            return code.lower()
        return status

    def _col(self, name: str) -> str:
        return self.column_of.get(name, name)

    def _coords(self, lat_text: str, lon_text: str) -> tuple[float, float]:
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
            return float(text)
        except ValueError:
            pass
        try:
            return float(text.replace(",", "."))  # a decimal comma
        except ValueError:
            raise _RowError(self._col(name), f"{text!r} is not a number") from None

    def _registration(self, line: int, text: str) -> str:
        date = iso_date(text)
        if date is None:
            self.report.add(Problem(line, self._col("registration_date"),
                                    f"{text!r} is not a date; left empty", level="warning"))
        return date or ""

    def _birth_year(self, line: int, v: list[str]) -> int | None:
        at = self.at
        year: int | None = None
        source = ""
        if (text := v[at.get("birth_year", -1)]):
            source = "birth_year"
            year = _int_or_none(text)
        elif (text := v[at.get("birth_date", -1)]):
            source = "birth_date"
            match = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
            year = int(match.group(1)) if match else None
        elif (text := v[at.get("age", -1)]):
            source = "age"
            age = _int_or_none(text)
            year = self.this_year - age if age is not None else None
        if source and (year is None or not 1880 <= year <= self.this_year):
            self.report.add(Problem(line, self._col(source),
                                    f"{text!r} is not a usable {FIELDS[source]}; left empty",
                                    level="warning"))
            return None
        return year


def _int_or_none(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        pass
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


def _records(text: io.TextIOWrapper, delimiter: str,
             has_header: bool = True) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) for each record after the header (if any)."""
    reader = csv.reader(text, delimiter=delimiter, strict=False)
    if has_header:
        next(reader, None)
    line = reader.line_num + 1
    for cells in reader:
        yield line, cells
        line = reader.line_num + 1

