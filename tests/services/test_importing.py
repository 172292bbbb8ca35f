"""Voter-file import: encodings, delimiters, households, re-imports, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp.core.db import Store
from fieldapp.core.models import Door, Person
from fieldapp.errors import CancelledError, InputError, NotFoundError
from fieldapp.services import importing
from fieldapp.services.importing import (
    guess_mapping,
    import_doors,
    load_profile,
    preview,
    save_profile,
    sniff,
)
from fieldapp.services.importing.reader_process import READER_ENV
from fieldapp.services.inspect_store import write_dump
from fieldapp.services.progress import Progress

HEADER = ["VANID", "LastName", "FirstName", "Address", "City", "State", "Zip5", "Phone", "DOB"]
ROWS = [
    ["101", "García", "María", "2417 W Vliet St", "Milwaukee", "WI", "53205", "414-555-0101", "1980-02-03"],
    ["102", "García", "José", "2417 W Vliet St", "Milwaukee", "WI", "53205", "", "1978-05-06"],
    ["103", "Smith", "Ann", "2420 W Vliet St Apt 2", "Milwaukee", "WI", "53205", "", ""],
    ["104", "Smith", "Bob", "2420 W Vliet St #2", "Milwaukee", "WI", "53205", "", ""],
    ["105", "Lee", "Pa", "2420 W Vliet St Apt 3", "Milwaukee", "WI", "53205", "", ""],
    ["106", "Nowak", "Piotr", "2431 West Vliet Street", "Milwaukee", "WI", "53205", "", ""],
]



@pytest.fixture(autouse=True, params=["here", "process"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test twice: the file read in the importing process, and (into an empty
    store) in the second process that reads big files (``importing.reading``)."""
    monkeypatch.setenv(READER_ENV, request.param)
    return str(request.param)

def _csv(rows: list[list[str]], delimiter: str = ",", newline: str = "\n") -> str:
    def cell(c: str) -> str:
        if any(ch in c for ch in (delimiter, '"', "\n", "\r")):
            return '"' + c.replace('"', '""') + '"'
        return c

    return "".join(delimiter.join(cell(c) for c in row) + newline for row in rows)


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _count(store: Store, model: type[Door] | type[Person]) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _people(store: Store) -> dict[str, Person]:
    with store.session() as s:
        return {p.voter_id: p for p in s.scalars(select(Person))}


@pytest.mark.parametrize(
    ("encoding", "delimiter", "newline"),
    [
        ("utf-8", ",", "\n"),
        ("utf-8-sig", ",", "\r\n"),
        ("utf-16", "\t", "\r\n"),
        ("utf-16-le", ",", "\n"),
        ("cp1252", ";", "\r\n"),
        ("latin-1", "|", "\n"),
    ],
)
def test_encodings_and_delimiters_are_detected(
    store: Store, tmp_path: Path, encoding: str, delimiter: str, newline: str
) -> None:
    path = _write(tmp_path, "voters.csv", _csv([HEADER, *ROWS], delimiter, newline), encoding)
    report = import_doors(store, path)
    assert report.delimiter == delimiter
    assert report.rows_rejected == 0, report.lines()
    assert report.people_created == 6
    people = _people(store)
    assert people["101"].first_name == "María"  # accents survive every encoding
    assert people["101"].last_name == "García"
    assert people["101"].birth_year == 1980


def test_households_and_units(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "voters.csv", _csv([HEADER, *ROWS]))
    report = import_doors(store, path)
    # 2417 (two people), 2420 Apt 2 (Ann and Bob: "Apt 2" == "#2"), 2420 Apt 3, 2431
    assert report.doors_created == 4
    people = _people(store)
    assert people["101"].door_id == people["102"].door_id
    assert people["103"].door_id == people["104"].door_id
    assert people["103"].door_id != people["105"].door_id
    with store.session() as s:
        apt2 = s.get(Door, people["103"].door_id)
        apt3 = s.get(Door, people["105"].door_id)
        assert apt2 is not None and apt3 is not None
        assert apt2.building_key == apt3.building_key  # one building, two units
        assert (apt2.street_number, apt2.street_name, apt2.unit) == ("2420", "W Vliet St", "Apt 2")
        assert apt2.house_number == 2420


def test_rows_with_and_without_coordinates_in_one_file_keep_theirs(store: Store, tmp_path: Path) -> None:
    """A voter file where only some rows carry coordinates (the rest to geocode later)."""
    header = ["VANID", "FirstName", "LastName", "Address", "City", "State", "Latitude", "Longitude"]
    rows = [["1", "Ana", "Ruiz", "12 Oak Ave", "Madison", "WI", "", ""],
            ["2", "Bo", "Lee", "14 Oak Ave", "Madison", "WI", "43.07", "-89.40"],
            ["3", "Cy", "Kay", "16 Oak Ave", "Madison", "WI", "", ""]]
    report = import_doors(store, _write(tmp_path, "mixed.csv", _csv([header, *rows])))
    assert report.doors_created == 3 and report.rows_rejected == 0
    with store.session() as s:
        doors = {d.street_number: d for d in s.scalars(select(Door))}
    assert (doors["14"].lat, doors["14"].lon, doors["14"].geocode_source) == (43.07, -89.40, "file")
    assert (doors["12"].lat, doors["16"].lat) == (None, None)
    assert doors["12"].geocode_source == "" and doors["12"].do_not_knock is False


def test_reimport_updates_instead_of_duplicating(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "voters.csv", _csv([HEADER, *ROWS]))
    import_doors(store, path)
    again = import_doors(store, path)
    assert (again.doors_created, again.people_created) == (0, 0)
    assert again.people_unchanged == 6
    assert _count(store, Person) == 6 and _count(store, Door) == 4

    newer = [list(r) for r in ROWS]
    newer[0][7] = "414-555-9999"  # new phone
    newer[4][3] = "2431 W Vliet St"  # Pa Lee moved in with the Nowaks
    path2 = _write(tmp_path, "voters-v2.csv", _csv([HEADER, *newer]))
    report = import_doors(store, path2)
    assert report.people_created == 0
    assert report.people_updated == 2
    people = _people(store)
    assert people["101"].phone == "414-555-9999"
    assert people["105"].door_id == people["106"].door_id
    # the changed field carries its own clock, so a sync merge keeps the newest phone
    assert "phone" in people["101"].clocks
    assert "first_name" not in people["101"].clocks


def test_reimport_without_voter_ids_matches_name_and_address(store: Store, tmp_path: Path) -> None:
    header = ["First Name", "Last Name", "House Number", "Street Name", "Apt", "City", "State", "Phone"]
    rows = [["Ann", "Smith", "12", "Oak Ave", "", "Madison", "WI", ""],
            ["Bob", "Smith", "12", "Oak Ave", "", "Madison", "WI", ""]]
    import_doors(store, _write(tmp_path, "a.csv", _csv([header, *rows])))
    rows[0][7] = "608-555-0000"
    rows[0][1] = "SMITH"  # case differs: still the same person
    rows[0][3] = "Oak Avenue"
    report = import_doors(store, _write(tmp_path, "b.csv", _csv([header, *rows])))
    assert report.people_created == 0 and report.doors_created == 0
    assert _count(store, Person) == 2


def test_quoted_fields_with_embedded_newlines_keep_line_numbers(store: Store, tmp_path: Path) -> None:
    header = ["voter_id", "first_name", "last_name", "address", "city", "state", "notes"]
    text = _csv([
        header,
        ["1", "Ann", "Lee", "10 Elm St", "Madison", "WI", "line one\nline two\nline three"],
        ["2", "Bo", "Lee", "", "Madison", "WI", ""],
    ], newline="\r\n")
    report = import_doors(store, _write(tmp_path, "n.csv", text))
    assert report.people_created == 1
    assert [(p.line, p.field) for p in report.problems] == [(5, "address")]


def test_dry_run_reports_and_writes_nothing(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "voters.csv", _csv([HEADER, *ROWS]))
    report = import_doors(store, path, dry_run=True)
    assert report.people_created == 6 and report.doors_created == 4
    assert "Dry run" in report.lines()[0]
    assert _count(store, Person) == 0 and _count(store, Door) == 0


def test_cancel_leaves_the_store_as_before(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    import_doors(store, _write(tmp_path, "first.csv", _csv([HEADER, *ROWS])))
    before = io.StringIO()
    write_dump(store, before)
    monkeypatch.setattr(importing.run, "BATCH_ROWS", 10)
    rows = [[str(1000 + i), "Last", f"First{i}", f"{i + 1} Maple St", "Madison", "WI", "", "", ""]
            for i in range(100)]
    rows[0] = [*ROWS[0][:7], "414-555-1111", ""]  # an update to an existing person

    class CancelAfterTwo(Progress):
        calls = 0

        def check(self) -> None:
            self.calls += 1
            if self.calls > 2:
                self.cancel()
            super().check()

    with pytest.raises(CancelledError):
        import_doors(store, _write(tmp_path, "big.csv", _csv([HEADER, *rows])),
                     progress=CancelAfterTwo())
    after = io.StringIO()
    write_dump(store, after)
    assert after.getvalue() == before.getvalue()


def test_mapping_profiles_and_map_overrides(store: Store, tmp_path: Path) -> None:
    header = ["Col A", "Col B", "Col C", "Col D"]
    rows = [["Ann", "Lee", "12 Oak Ave", "Madison"]]
    path = _write(tmp_path, "odd.csv", _csv([header, *rows]))
    mapping = {"Col A": "first_name", "Col B": "last_name", "Col C": "address", "Col D": "city"}
    save_profile("county export", mapping)
    assert load_profile("county export") == mapping
    report = import_doors(store, path, mapping=load_profile("county export"))
    assert report.people_created == 1
    with pytest.raises(NotFoundError, match="no mapping profile named 'nope'"):
        load_profile("nope")


def test_guessed_mapping_knows_van_and_state_headers() -> None:
    mapping = guess_mapping(["VANID", "StreetNo", "StreetName", "AptNo", "Zip5", "CellPhone",
                             "YearOfBirth", "Party", "Latitude", "Longitude", "Phone", "Mystery"])
    assert mapping == {
        "VANID": "voter_id", "StreetNo": "street_number", "StreetName": "street_name",
        "AptNo": "unit", "Zip5": "zip", "CellPhone": "phone", "YearOfBirth": "birth_year",
        "Party": "party", "Latitude": "lat", "Longitude": "lon", "Phone": "ignore",
        "Mystery": "ignore",
    }


def test_preview_shows_first_rows(tmp_path: Path) -> None:
    path = _write(tmp_path, "voters.tsv", _csv([HEADER, *ROWS], "\t"), "utf-16")
    pv = preview(path, rows=3)
    assert pv.format.header == HEADER
    assert len(pv.rows) == 3 and pv.rows[0][1] == "García"
    assert pv.mapping["Address"] == "address"


# ---- bad input: a clear message with file, line and field; nothing half-imported


def test_not_a_text_file(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "voters.xlsx"
    path.write_bytes(b"PK\x03\x04\x00\x00\x08\x00binary\x00\x00stuff" * 20)
    with pytest.raises(InputError, match=r"voters.xlsx: cannot tell the encoding"):
        import_doors(store, path)


def test_unknown_encoding_name(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "v.csv", _csv([HEADER, *ROWS]))
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        import_doors(store, path, encoding="klingon")


def test_wrong_encoding_forced(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "v.csv", _csv([HEADER, *ROWS]), "cp1252")
    with pytest.raises(InputError, match=r"v.csv: the file is not utf-8"):
        import_doors(store, path, encoding="utf-8")
    assert _count(store, Person) == 0


def test_no_header(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "v.csv", _csv(ROWS))
    with pytest.raises(InputError, match=r"v.csv:1: no header line"):
        import_doors(store, path)


def test_no_address_columns(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "v.csv", _csv([["first_name", "last_name", "phone"], ["A", "B", "1"]]))
    with pytest.raises(InputError, match=r"v.csv:1: no address columns"):
        import_doors(store, path)


def test_mapping_to_unknown_field(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "v.csv", _csv([HEADER, *ROWS]))
    with pytest.raises(InputError, match=r"v.csv:1: column 'Phone' is mapped to unknown field 'fax'"):
        import_doors(store, path, mapping={"Phone": "fax"})
    with pytest.raises(InputError, match=r"column 'Nope', which is not in the header"):
        import_doors(store, path, mapping={"Nope": "phone"})


def test_short_row_and_bad_coordinates_are_rejected_with_line_and_field(
    store: Store, tmp_path: Path
) -> None:
    header = ["voter_id", "first_name", "last_name", "address", "city", "lat", "lon"]
    rows = [
        ["1", "Ann", "Lee", "10 Elm St", "Madison", "43.07", "-89.4"],
        ["2", "Bo", "Lee", "12 Elm St"],
        ["3", "Cy", "Lee", "14 Elm St", "Madison", "123.4", "-89.4"],
        ["4", "Di", "Lee", "16 Elm St", "Madison", "43.07", "-189.4"],
        ["5", "Ed", "Lee", "Elm St", "Madison", "", ""],
    ]
    path = _write(tmp_path, "v.csv", _csv([header, *rows]))
    report = import_doors(store, path)
    described = [p.describe("v.csv") for p in report.problems]
    assert described == [
        "v.csv:3 field 'city': the row has 4 fields, the header has 7 (column 'city' is missing)",
        "v.csv:4 field 'lat': latitude 123.4 is out of range (-90 to 90)",
        "v.csv:5 field 'lon': longitude -189.4 is out of range (-180 to 180)",
        "v.csv:6 field 'address': no house number in 'Elm St'",
    ]
    assert report.people_created == 1 and _count(store, Door) == 1
    with store.session() as s:
        door = s.scalars(select(Door)).one()
        assert (door.lat, door.lon, door.geocode_source) == (43.07, -89.4, "file")
    # strict: the first bad row stops everything and nothing is written
    with pytest.raises(InputError, match=r"v2.csv:3 field 'city': the row has 4 fields"):
        import_doors(store, _write(tmp_path, "v2.csv", _csv([header, *rows]).replace("Ann", "Anna")),
                     strict=True)
    assert _people(store)["1"].first_name == "Ann"


def test_empty_file(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="the file is empty"):
        import_doors(store, _write(tmp_path, "v.csv", ""))


def test_sniff_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        sniff(tmp_path / "missing.csv")


def test_into_an_empty_store_a_voter_id_row_still_finds_an_earlier_batch_person_by_name(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Into an empty store the people-by-door index waits until a row needs it; a row
    with a voter id still matches, by name and birth year at its door, the person an
    earlier batch made without one, and never one who has another voter id."""
    monkeypatch.setattr(importing.run, "BATCH_ROWS", 2)
    rows = [
        ["", "Smith", "Ann", "10 Main St", "Madison", "WI", "53703", "", "1980-01-01"],
        ["301", "Jones", "Al", "12 Main St", "Madison", "WI", "53703", "", "1970-01-01"],
        ["302", "Lee", "Pa", "14 Main St", "Madison", "WI", "53703", "", ""],
        ["201", "Smith", "Ann", "10 Main St", "Madison", "WI", "53703", "608-555-0100", "1980-01-01"],
        ["303", "Jones", "Al", "12 Main St", "Madison", "WI", "53703", "", "1970-01-01"],
    ]
    report = import_doors(store, _write(tmp_path, "v.csv", _csv([HEADER, *rows])))
    people = _people(store)
    assert sorted(people) == ["201", "301", "302", "303"]  # Ann once, Al twice
    assert people["201"].phone == "608-555-0100" and people["201"].first_name == "Ann"
    assert report.people_created == 4 and report.people_updated == 1
    with store.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM people WHERE door_id = 'd'"))
    assert "ix_people_door_id" in plan  # built during the load, kept


def _households(store: Store) -> list[tuple[str, ...]]:
    with store.session() as s:
        return sorted((d.address_key, p.voter_id, p.first_name, p.last_name, p.phone)
                      for p, d in s.execute(select(Person, Door).join(Door, Door.id == Person.door_id)))


@pytest.mark.parametrize("limit", ["merged into the sorted arrays", "every key one hash",
                                   "few doors kept"])
def test_into_an_empty_store_doors_are_found_when_the_door_map_lets_go(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str) -> None:
    """The doors an import into an empty store made are found in memory, also once
    merged into its sorted arrays; past its limit, or when two address keys share a
    hash, the store's index takes over mid-import. The rows land on the same doors
    either way."""
    from fieldapp.core.db import open_store
    from fieldapp.services.importing import doormap

    monkeypatch.setattr(importing.run, "BATCH_ROWS", 3)
    rows = [[str(500 + i), "Last", f"First{i}", f"{10 + 2 * (i % 5)} Oak St", "Madison", "WI",
             "53703", "", ""] for i in range(17)]
    path = _write(tmp_path, "v.csv", _csv([HEADER, *rows]))
    with_map = open_store(tmp_path / "map.sqlite")
    report = import_doors(with_map, path)
    assert report.doors_created == 5 and report.people_created == 17
    if limit == "merged into the sorted arrays":
        monkeypatch.setattr(doormap, "RECENT", 2)
    elif limit == "few doors kept":
        monkeypatch.setattr(doormap, "KEPT", 2)
    else:
        monkeypatch.setattr(doormap, "hash", lambda key: 7, raising=False)
    other = open_store(tmp_path / "other.sqlite")
    report = import_doors(other, path)
    assert report.doors_created == 5 and report.people_created == 17
    assert _households(other) == _households(with_map)
    with other.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM doors WHERE address_key = 'k'"))
    assert "ix_doors_address_key" in plan


@pytest.mark.parametrize("limit", ["merged into the sorted array", "every voter id one hash",
                                   "few voter ids kept", "pending keys let go"])
def test_into_an_empty_store_repeated_voter_ids_merge_when_the_voter_set_lets_go(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str) -> None:
    """Into an empty store the voter ids given are kept as hashes, not in the store's
    index: a voter id repeated many batches later, one first given to a person found
    by name, and hashes that collide still find the person this import made, and the
    rows land as they do when the store answers (a store that was not empty)."""
    from fieldapp.core.db import open_store
    from fieldapp.services.importing import voterset, writer

    monkeypatch.setattr(importing.run, "BATCH_ROWS", 3)
    rows = [[str(700 + i), f"Last{i}", "Al", f"{10 + 2 * i} Oak St", "Madison", "WI", "53703",
             "", ""] for i in range(12)]
    rows.insert(1, ["", "Kim", "Lee", "90 Elm St", "Madison", "WI", "53703", "", "1960-01-01"])
    rows += [["799", "Kim", "Lee", "90 Elm St", "Madison", "WI", "53703", "608-555-0199", ""],
             ["702", "Last2", "Al", "14 Oak St", "Madison", "WI", "53703", "608-555-0102", ""],
             ["799", "Kim", "Lee", "90 Elm St", "Madison", "WI", "53703", "", "1960-01-01"],
             *rows[3:6]]
    path = _write(tmp_path, "v.csv", _csv([HEADER, *rows]))
    answered = open_store(tmp_path / "answered.sqlite")
    with answered.transaction() as session:  # not empty: the store answers every question
        session.add(Door(street_number="1", street_name="Far Rd", city="X", state="WI",
                         address_key="far", building_key="far"))
    expected = import_doors(answered, path)
    assert expected.people_created == 13 and expected.people_merged == 5
    if limit == "merged into the sorted array":
        monkeypatch.setattr(voterset, "RECENT", 2)
    elif limit == "every voter id one hash":
        monkeypatch.setattr(voterset, "hash", lambda key: 7, raising=False)
    elif limit == "few voter ids kept":
        monkeypatch.setattr(voterset, "KEPT", 4)
    else:
        monkeypatch.setattr(writer, "PENDING_KEPT", 2)
    empty = open_store(tmp_path / "empty.sqlite")
    report = import_doors(empty, path)
    assert (report.people_created, report.people_merged, report.people_updated) == (
        expected.people_created, expected.people_merged, expected.people_updated)
    assert _households(empty) == [h for h in _households(answered) if h[0] != "far"]
    with empty.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM people WHERE voter_id = 'v'"))
    assert "ix_people_voter_id" in plan


def test_fields_a_file_lacks_are_stored_as_the_parser_leaves_them(store: Store,
                                                                    tmp_path: Path) -> None:
    """A person's fields the file has no column for are the same for every row (written
    once into the insert): stored as a parsed row has them, which are the columns'
    empty values."""
    from fieldapp.services.importing.parser import PERSON_ABSENT, PERSON_FIELDS, _Parser
    from fieldapp.services.importing.report import ImportReport

    header = ["VANID", "FirstName", "LastName", "Address", "City", "State", "Zip5"]
    row = ["9", "Ann", "Lee", "12 Oak St", "Madison", "WI", "53703"]
    import_doors(store, _write(tmp_path, "v.csv", _csv([header, row])))
    stored = _people(store)["9"]
    parser = _Parser(header, importing.guess_mapping(header), ImportReport(file="v.csv"), 2026)
    parsed = parser.parse(2, row)[3]
    assert parsed is not None
    absent = [k for k in PERSON_FIELDS if k not in parser.person_given]
    assert set(absent) == {"phone", "email", "party", "birth_year", "language", "voter_status",
                           "registration_date", "precinct", "ward", "districts"}
    for k in absent:
        assert getattr(stored, k) == parsed[PERSON_FIELDS.index(k)] == PERSON_ABSENT[k], k
    assert (stored.first_name, stored.last_name, stored.tags) == ("Ann", "Lee", [])


def test_the_garbage_collector_is_paused_while_batches_are_written(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from fieldapp.core import gcpause

    monkeypatch.setattr(importing.run, "BATCH_ROWS", 2)
    seen: list[bool] = []

    class Watch(Progress):
        def check(self) -> None:
            seen.append(gcpause.is_paused() and not gc.isenabled())
            super().check()

    gc.enable()
    import_doors(store, _write(tmp_path, "v.csv", _csv([HEADER, *ROWS])), progress=Watch())
    assert len(seen) >= 3 and all(seen[:-1])  # every batch; not the check after the load
    assert gc.isenabled() and not gcpause.is_paused()

    class CancelAtOnce(Progress):
        def check(self) -> None:
            self.cancel()
            super().check()

    with pytest.raises(CancelledError):
        import_doors(store, _write(tmp_path, "w.csv", _csv([HEADER, *ROWS])),
                     progress=CancelAtOnce())
    assert gc.isenabled() and not gcpause.is_paused()
