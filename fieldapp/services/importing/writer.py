"""Writing parsed rows: doors matched by address key, people by voter id or name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core.ids import id_stream
from fieldapp.core.models import Door, Person
from fieldapp.core.stamping import bulk_insert_tuples, bulk_update
from fieldapp.services import consent
from fieldapp.services.addresses import fold_name
from fieldapp.services.importing.parser import DOOR_FIELDS, PERSON_FIELDS, _Row
from fieldapp.services.importing.report import ImportReport, Problem

PENDING_KEPT = 200_000
"""Person keys kept to merge a repeated row into the pending write (beyond: a later
repeat updates the stored person instead, which adds up the same)."""

_DOOR_INSERT = ("id", *DOOR_FIELDS)
_DOOR_UPDATE = tuple((i, k) for i, k in enumerate(DOOR_FIELDS)
                     if k in ("zip", "lat", "lon", "geocode_source", "geocode_quality"))
_PERSON_INSERT = ("id", "door_id", *PERSON_FIELDS)
_LANGUAGE = _PERSON_INSERT.index("language")
_VOTER_ID, _FIRST, _LAST, _YEAR, _STATUS = (PERSON_FIELDS.index(k) for k in (
    "voter_id", "first_name", "last_name", "birth_year", "voter_status"))
_EMPTY: tuple[Any, ...] = (None, "", {})


class _Importer:
    def __init__(self, session: Session, report: ImportReport, *, language_given: bool = False,
                 status_given: bool = False) -> None:
        self.session = session
        self.report = report
        self.ids = id_stream()
        self.first_line: dict[str, int] = {}  # person key -> the line that brought it
        self.pending: dict[str, str] = {}  # person key -> id, for merging later rows
        # a file with no language column leaves stored languages alone
        self.person_fields = tuple((i, k) for i, k in enumerate(PERSON_FIELDS)
                                   if language_given or k != "language")
        self.status_given = status_given

    def batch(self, rows: list[_Row]) -> None:
        session = self.session
        # ---- doors: match by address key; new ones in bulk
        existing = _oldest_live_by(session, Door, Door.address_key, sorted({r[1] for r in rows}))
        new_doors: dict[str, tuple[Any, ...]] = {}  # address key -> insert values
        door_changes: dict[str, dict[str, Any]] = {}
        door_of: dict[str, str] = {}
        for _, akey, door, _, _ in rows:
            door_id = existing.get(akey)
            if door_id is not None:
                changes = {k: door[i] for i, k in _DOOR_UPDATE if door[i] not in _EMPTY}
                if changes:
                    door_changes.setdefault(door_id, {}).update(changes)
            elif (new := new_doors.get(akey)) is not None:
                door_id = new[0]
                if any(door[i] not in _EMPTY and door[i] != new[i + 1] for i, _ in _DOOR_UPDATE):
                    values = list(new)
                    for i, _ in _DOOR_UPDATE:
                        if door[i] not in _EMPTY:
                            values[i + 1] = door[i]
                    new_doors[akey] = tuple(values)
            else:
                door_id = next(self.ids)
                new_doors[akey] = (door_id, *door)
            door_of[akey] = door_id
        if new_doors:
            bulk_insert_tuples(session, Door, _DOOR_INSERT, list(new_doors.values()))
            self.report.doors_created += len(new_doors)
        self._people(rows, door_of, existing)
        if door_changes:
            self.report.doors_updated += bulk_update(session, Door, door_changes)

    def _values(self, person: tuple[Any, ...], door_id: str) -> dict[str, Any]:
        """The fields a row gives (empty ones left out), to update a stored person with."""
        values = {k: person[i] for i, k in self.person_fields if person[i] not in _EMPTY}
        values["door_id"] = door_id
        return values

    def _people(self, rows: list[_Row], door_of: dict[str, str], existing: dict[str, str]) -> None:
        """Match each row's person (voter id, else name + birth year at the door) and write."""
        session, report = self.session, self.report
        people_rows = [r for r in rows if r[3] is not None]
        report.rows_skipped += len(rows) - len(people_rows)
        voter_ids = sorted({r[3][_VOTER_ID] for r in people_rows if r[3] and r[3][_VOTER_ID]})
        by_voter = _live_people_by_voter_id(session, voter_ids)
        # by name only where the voter id found no one (a re-import finds nearly all by id)
        by_name = self._people_at(sorted({
            door_of[r[1]] for r in people_rows
            if r[1] in existing and r[3] and r[3][_VOTER_ID] not in by_voter
        }))
        new_people: dict[str, tuple[Any, ...]] = {}  # batch key -> insert values
        person_changes: dict[str, dict[str, Any]] = {}
        merged_changes: dict[str, dict[str, Any]] = {}
        opted: list[tuple[str, dict[str, str]]] = []  # person id, explicit opt-outs
        first_line, pending, statuses = self.first_line, self.pending, report.statuses
        for line, akey, _, p, choices in people_rows:
            assert p is not None
            door_id = door_of[akey]
            vid = p[_VOTER_ID]
            folded = "" if vid and not by_name else fold_name(p[_FIRST], p[_LAST])
            key = "v:" + vid if vid else f"n:{door_id}|{folded}|{p[_YEAR] or ''}"
            first = first_line.get(key)
            if first is not None:
                self._merge(key, line, first, bool(vid), self._values(p, door_id), new_people,
                            person_changes, merged_changes)
                target = pending.get(key)
                if choices and target is not None:
                    opted.append((target, choices))
                continue
            first_line[key] = line
            if self.status_given:
                statuses[p[_STATUS]] = statuses.get(p[_STATUS], 0) + 1
            pid, old_door = by_voter.get(vid, (None, None)) if vid else (None, None)
            if pid is None and by_name:
                pid = _same_person(by_name.get((door_id, folded), []), vid, p[_YEAR])
            if pid is not None:
                if old_door is not None and old_door != door_id:
                    report.people_moved += 1
                person_changes[pid] = self._values(p, door_id)
                pending[key] = pid
            else:
                pid = pending[key] = next(self.ids)
                row = (pid, door_id, *p)
                if not row[_LANGUAGE]:  # a blank cell of a language column
                    row = (*row[:_LANGUAGE], "en", *row[_LANGUAGE + 1 :])
                new_people[key] = row
            if choices:
                opted.append((pid, choices))
        self._write_people(new_people, person_changes, merged_changes, opted)

    def _merge(self, key: str, line: int, first: int, by_voter_id: bool, values: dict[str, Any],
               new_people: dict[str, tuple[Any, ...]], person_changes: dict[str, dict[str, Any]],
               merged_changes: dict[str, dict[str, Any]]) -> None:
        """A row of a person an earlier row brought: its values go to that one's write."""
        self.report.people_merged += 1
        self.report.add(Problem(line, "", f"the same {'voter id' if by_voter_id else 'person'} "
                                f"as line {first}: merged into one person", level="warning"))
        target = self.pending.get(key)
        if target in person_changes:
            person_changes[target].update(values)
        elif key in new_people:
            row = list(new_people[key])
            for k, value in values.items():
                row[_PERSON_INSERT.index(k)] = value
            new_people[key] = tuple(row)
        elif target is not None:  # written by an earlier batch
            merged_changes.setdefault(target, {}).update(values)

    def _write_people(self, new_people: dict[str, tuple[Any, ...]],
                      person_changes: dict[str, dict[str, Any]],
                      merged_changes: dict[str, dict[str, Any]],
                      opted: list[tuple[str, dict[str, str]]]) -> None:
        session, report = self.session, self.report
        if new_people:
            bulk_insert_tuples(session, Person, _PERSON_INSERT, list(new_people.values()),
                               same={"tags": []})
            report.people_created += len(new_people)
        if person_changes:
            changed = bulk_update(session, Person, person_changes)
            report.people_updated += changed
            report.people_unchanged += len(person_changes) - changed
        if merged_changes:
            bulk_update(session, Person, merged_changes)
        for pid, choices in opted:  # after the people exist: explicit opt-outs, recorded
            consent.record(session, pid, choices, source="import",
                           source_ref=Path(report.file).name)
        if len(self.pending) > PENDING_KEPT:
            self.pending.clear()

    def _people_at(self, doors: list[str]) -> dict[tuple[str, str], list[tuple[str, str, int | None]]]:
        """(door, folded name) -> [(person id, voter id, birth year)] for live people, oldest first."""
        found: dict[tuple[str, str], list[tuple[str, str, int | None]]] = {}
        for chunk in _chunks(doors, 900):
            for pid, door, first, last, vid, year in self.session.connection().execute(
                select(Person.id, Person.door_id, Person.first_name, Person.last_name,
                       Person.voter_id, Person.birth_year).where(
                    Person.door_id.in_(chunk), Person.deleted.is_(False),
                    Person.merged_into_id.is_(None),
                ).order_by(Person.born_hlc)
            ):
                found.setdefault((door or "", fold_name(first, last)), []).append((pid, vid, year))
        return found

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




def _same_person(candidates: list[tuple[str, str, int | None]], vid: str,
                 year: int | None) -> str | None:
    """The stored person a row without a match by voter id is, by name and birth year.

    Two voter ids are two people, whatever their names; a missing birth year on
    either side does not tell people apart.
    """
    for pid, found_vid, found_year in candidates:
        if vid and found_vid:
            continue
        if year is not None and found_year is not None and year != found_year:
            continue
        return pid
    return None


def _live_people_by_voter_id(session: Session, voter_ids: list[str]
                             ) -> dict[str, tuple[str, str | None]]:
    """Voter id -> (person id, door id) among live people; the oldest-born wins."""
    found: dict[str, tuple[str, str | None]] = {}
    for chunk in _chunks(voter_ids, 900):
        for pid, vid, door in session.connection().execute(
            select(Person.id, Person.voter_id, Person.door_id).where(
                Person.voter_id.in_(chunk), Person.deleted.is_(False),
                Person.merged_into_id.is_(None),
            ).order_by(Person.born_hlc)
        ):
            found.setdefault(vid, (pid, door))
    return found
