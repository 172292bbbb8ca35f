"""One file row to door and person fields, or a reason to reject it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

from fieldapp.services import consent
from fieldapp.services.addresses import (
    building_key,
    house_number,
    normalize_unit,
    split_street_line,
)
from fieldapp.services.importing.fields import _LANGS, FIELDS
from fieldapp.services.importing.report import ImportReport, Problem
from fieldapp.services.voterstatus import normalize_status

_BAD_BYTE = re.compile("[\udc80-\udcff]")


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
    consent: dict[str, str] | None = None  # explicit opt-outs from the file's flag columns


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
    """Turns a file row into door and person fields, or raises :class:`_RowError`."""

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
        self.report = report
        self.this_year = this_year
        self.statuses = statuses or {}
        self.damaged = damaged
        self.unknown_statuses: set[str] = set()
        self.districts = [(name, key) for name, key in _DISTRICTS.items() if name in self.names]

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

    def parse(self, line: int, cells: list[str]) -> _Row | None:
        if len(cells) < self.width:
            missing = self.header[len(cells)]
            raise _RowError(missing, f"the row has {len(cells)} fields, the header has "
                            f"{self.width} (column '{missing}' is missing)")
        if len(cells) > self.width and any(c.strip() for c in cells[self.width :]):
            raise _RowError("", f"the row has {len(cells)} fields, the header has {self.width}")
        v = dict(zip(self.names, map(str.strip, self.pick(cells)), strict=True))
        number, street, unit = self._street(v)
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
            person = self._person(line, v, first, last)
        opted = {ch: "opt_out" for ch in ("call", "text", "email")
                 if consent.is_opt_out_cell(v.get(f"do_not_{ch}", ""))}
        return _Row(line=line, akey=door["address_key"], door=door, person=person,
                    consent=opted if person is not None and opted else None)

    def _street(self, v: dict[str, str]) -> tuple[str, str, str]:
        number, street, unit = v.get("street_number", ""), v.get("street_name", ""), v.get("unit", "")
        if v.get("street_number_suffix"):
            number = f"{number} {v['street_number_suffix']}" if "/" in v["street_number_suffix"] \
                else number + v["street_number_suffix"]
        if street and (v.get("street_pre") or v.get("street_type") or v.get("street_post")):
            street = " ".join(p for p in (v.get("street_pre", ""), street, v.get("street_type", ""),
                                          v.get("street_post", "")) if p)
        if unit and v.get("unit_type"):
            unit = f"{v['unit_type']} {unit}"
        if v.get("address") and not street:
            n2, s2, u2 = split_street_line(v["address"])
            number = number or n2
            street = s2
            unit = unit or u2
        elif street and not number:
            n2, s2, u2 = split_street_line(street)
            if n2:
                number, street, unit = n2, s2, unit or u2
        addr_field = (self._col("address") if "address" in v and not v.get("street_name")
                      else self._col("street_name"))
        if not street:
            raise _RowError(addr_field, "no street address")
        if not number:
            raise _RowError(self._col("street_number") if "street_number" in v else addr_field,
                            f"no house number in {street!r}")
        return number, street, unit

    def _person(self, line: int, v: dict[str, str], first: str, last: str) -> dict[str, Any]:
        phone = v.get("phone", "")
        if phone and v.get("area_code"):
            phone = f"{v['area_code']}{phone}"
        person: dict[str, Any] = {
            "first_name": first,
            "last_name": last,
            "voter_id": v.get("voter_id", ""),
            "phone": phone,
            "email": v.get("email", "").lower(),
            "party": v.get("party", ""),
            "birth_year": self._birth_year(line, v),
        }
        language = v.get("language", "").strip().lower()
        if language:
            person["language"] = _LANGS.get(language, language[:10])
        if "status" in v:
            person["voter_status"] = self._status(line, v["status"])
        if "registration_date" in v:
            date = iso_date(v["registration_date"])
            if date is None:
                self.report.add(Problem(line, self._col("registration_date"),
                                        f"{v['registration_date']!r} is not a date; left empty",
                                        level="warning"))
            person["registration_date"] = date or ""
        for name in ("precinct", "ward"):
            if name in v:
                person[name] = v[name][:60]
        # always set: a missing JSON column costs a default call per row in the bulk insert
        person["districts"] = ({key: v[name] for name, key in self.districts if v[name]}
                               if self.districts else {})
        return person

    def _status(self, line: int, raw: str) -> str:
        status = normalize_status(raw, self.statuses)
        if status is None:
            code = raw.strip()[:20]
            if code not in self.unknown_statuses:
                self.unknown_statuses.add(code)
                self.report.add(Problem(line, self._col("status"),
                                        f"status {code!r} is not one Field App knows; kept as "
                                        "written (the voter stays on lists)", level="warning"))
            return code.lower()
        return status

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

