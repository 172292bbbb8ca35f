"""A re-import passes over the file rows an earlier import recorded, unchanged.

Each case runs the same imports twice: with the row digests, and with them
switched off (every row read). The stores and the reports must come out the
same; the digests only save the reading of rows that change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from fieldapp.core.db import Store, open_store
from fieldapp.core.models import Door, ImportRow, Person
from fieldapp.core.stamping import bulk_insert
from fieldapp.services.importing import digests, import_doors
from fieldapp.services.importing.parser import _Parser

HEADER = ["VANID", "LastName", "FirstName", "Address", "City", "State", "Zip5", "Phone", "Status"]
ROWS = [
    ["101", "García", "María", "2417 W Vliet St", "Milwaukee", "WI", "53205", "414-555-0101", "A"],
    ["102", "García", "José", "2417 W Vliet St", "Milwaukee", "WI", "53205", "", "A"],
    ["103", "Smith", "Ann", "2420 W Vliet St Apt 2", "Milwaukee", "WI", "53205", "", "I"],
    ["104", "Smith", "Bob", "2420 W Vliet St #2", "Milwaukee", "WI", "53205", "", "A"],
    ["105", "Lee", "Pa", "2420 W Vliet St Apt 3", "Milwaukee", "WI", "53205", "", "A"],
    ["106", "Nowak", "Piotr", "2431 West Vliet Street", "Milwaukee", "WI", "53205", "", "A"],
]


def _file(tmp_path: Path, name: str, rows: list[list[str]]) -> Path:
    path = tmp_path / name
    path.write_text("".join(",".join(r) + "\n" for r in [HEADER, *rows]), encoding="utf-8")
    return path


def _state(store: Store) -> list[tuple[Any, ...]]:
    """Every live person with their door, without ids or clocks."""
    with store.session() as s:
        return sorted(
            (p.voter_id, p.first_name, p.last_name, p.phone, p.voter_status, p.deleted,
             d.address_key, d.zip, d.lat, d.lon)
            for p, d in s.execute(select(Person, Door).join(Door, Door.id == Person.door_id)))


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The lines the parser reads."""
    lines: list[int] = []
    parse = _Parser.parse

    def counting(self: _Parser, line: int, cells: list[str]) -> Any:
        lines.append(line)
        return parse(self, line, cells)

    monkeypatch.setattr(_Parser, "parse", counting)
    return lines


def _both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[int],
          steps: Callable[[Store], list[Any]]) -> tuple[list[Any], list[int]]:
    """Run ``steps`` on a store with the digests and on one without: the same results.
    Gives the results and the lines the last import read with the digests."""
    with_digests = steps(open_store(tmp_path / "with.sqlite"))
    read = sorted(parsed)
    with monkeypatch.context() as m:
        m.setattr(digests, "recorded", lambda *a, **k: {})
        without = steps(open_store(tmp_path / "without.sqlite"))
    assert with_digests == without
    return with_digests, read


def test_an_unchanged_file_is_not_read_again(tmp_path: Path, parsed: list[int]) -> None:
    store = open_store(tmp_path / "s.sqlite")
    path = _file(tmp_path, "v.csv", ROWS)
    import_doors(store, path)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(ImportRow)) == 6
    before = _state(store)
    parsed.clear()
    again = import_doors(store, path)
    assert parsed == []
    assert (again.rows_read, again.people_unchanged, again.people_created,
            again.people_updated) == (6, 6, 0, 0)
    assert again.statuses == {"active": 5, "inactive": 1}
    assert _state(store) == before


def test_a_changed_row_is_read_and_the_others_passed_over(
        tmp_path: Path, parsed: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    newer = [list(r) for r in ROWS]
    newer[0][7] = "414-555-9999"  # a new phone
    newer[4][3] = "2431 W Vliet St"  # Pa Lee moved in with the Nowaks

    def steps(store: Store) -> list[Any]:
        import_doors(store, _file(tmp_path, "v.csv", ROWS))
        parsed.clear()
        report = import_doors(store, _file(tmp_path, "v2.csv", newer))
        return [report.lines(), _state(store)]

    (lines, state), read = _both(tmp_path, monkeypatch, parsed, steps)
    assert read == [2, 6]  # only the two changed rows
    assert "414-555-9999" in {r[3] for r in state}
    assert any("people updated" in line and line.split()[2] == "2" for line in lines)


def test_local_edits_retire_the_digest_and_the_file_wins_as_before(
        tmp_path: Path, parsed: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """A person or door written since the import (by hand, by a sync) is read again:
    a re-import sets the file's values back, as it always did."""
    def steps(store: Store) -> list[Any]:
        path = _file(tmp_path, "v.csv", ROWS)
        import_doors(store, path)
        with store.transaction() as s:  # (ORM writes, stamped like every edit)
            person = s.scalars(select(Person).where(Person.voter_id == "101")).one()
            person.phone = "1"
            door = s.get(Door, s.scalar(select(Person.door_id).where(Person.voter_id == "103")))
            assert door is not None
            door.zip = "99999"
        parsed.clear()
        report = import_doors(store, path)
        return [report.lines(), _state(store)]

    (_lines, state), read = _both(tmp_path, monkeypatch, parsed, steps)
    assert read == [2, 4, 5]  # the edited person; the two at the edited door (Apt 2 = #2)
    assert ("101", "María", "García", "414-555-0101") in [r[:4] for r in state]
    assert {r[7] for r in state} == {"53205"}


def test_namesakes_and_repeats_are_read(tmp_path: Path, parsed: list[int],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Another person with the voter id (a synced duplicate) and a repeat of a voter id
    in the file are read, so the full path decides (and warns) as before."""
    rows = [*ROWS, ROWS[1]]  # voter 102 twice

    def steps(store: Store) -> list[Any]:
        path = _file(tmp_path, "v.csv", rows)
        first = import_doors(store, path)
        with store.transaction() as s:
            door = s.scalar(select(Person.door_id).where(Person.voter_id == "104"))
            bulk_insert(s, Person, [{"door_id": door, "voter_id": "104", "first_name": "Bob",
                                     "last_name": "Smith"}])
        parsed.clear()
        again = import_doors(store, path)
        return [first.lines(), again.lines(), _state(store)]

    (_first, again, _), read = _both(tmp_path, monkeypatch, parsed, steps)
    assert any("the same voter id as line 3" in line for line in again)
    # 102 twice (its person was made of two rows: no digest), 104 (a namesake)
    assert read == [3, 5, 8]


def test_another_reading_of_the_file_reads_every_row(tmp_path: Path, parsed: list[int]) -> None:
    """The same cells under another mapping (or year, layout, version) are read again."""
    store = open_store(tmp_path / "s.sqlite")
    path = _file(tmp_path, "v.csv", ROWS)
    import_doors(store, path)
    parsed.clear()
    import_doors(store, path, mapping={"Phone": "ignore"})
    assert sorted(parsed) == list(range(2, 8))


def test_rows_with_a_warning_or_an_opt_out_are_read_every_time(
        tmp_path: Path, parsed: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """Their warnings are in every report, their opt-outs recorded on every import."""
    header = [*HEADER, "DoNotCall"]
    rows = [[*r, ""] for r in ROWS]
    rows[2][8] = "Q"  # a status Field App does not know: a warning
    rows[3][9] = "Y"  # an explicit opt-out
    rows[5][8] = "Q"  # (warned of once a file: when line 4 goes, this line warns)

    def steps(store: Store) -> list[Any]:
        path = tmp_path / "v.csv"
        path.write_text("".join(",".join(r) + "\n" for r in [header, *rows]), encoding="utf-8")
        import_doors(store, path)
        parsed.clear()
        again = import_doors(store, path)
        return [again.lines()]

    (lines,), read = _both(tmp_path, monkeypatch, parsed, steps)
    assert any("'Q'" in line for line in lines)
    assert read == [4, 5, 7]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_any_update_of_a_person_or_door_retires_their_digests(
        tmp_path: Path, request: pytest.FixtureRequest, kind: str) -> None:
    """Whatever writes (a purge's plain UPDATE keeps the row clock; a sync merge may
    too), the database's triggers delete the digests in the same transaction."""
    store = (open_store(tmp_path / "s.sqlite") if kind == "sqlite"
             else open_store(request.getfixturevalue("pg_url")))
    import_doors(store, _file(tmp_path, "v.csv", ROWS))
    with store.transaction() as s:
        s.execute(update(Person).where(Person.voter_id == "101").values(phone=""))
        door = s.scalar(select(Person.door_id).where(Person.voter_id == "103"))
        s.execute(update(Door).where(Door.id == door).values(notes="dog"))
    with store.session() as s:
        left = set(s.scalars(select(Person.voter_id).join(ImportRow,
                                                          ImportRow.person_id == Person.id)))
    assert left == {"102", "105", "106"}  # 101 written; 103 and 104 live at the door
    again = import_doors(store, _file(tmp_path, "v.csv", ROWS))
    assert again.people_updated == 1 and _people_phone(store, "101") == "414-555-0101"
    store.close()


def _people_phone(store: Store, voter_id: str) -> str:
    with store.session() as s:
        return str(s.scalar(select(Person.phone).where(Person.voter_id == voter_id)))
