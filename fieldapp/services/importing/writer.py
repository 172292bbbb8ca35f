"""Writing parsed rows: doors matched by address key, people by voter id or name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core.ids import id_stream
from fieldapp.core.models import Door, Person
from fieldapp.core.stamping import bulk_insert
from fieldapp.services import consent
from fieldapp.services.addresses import fold_name
from fieldapp.services.importing.parser import _Row
from fieldapp.services.importing.report import ImportReport, Problem

PENDING_KEPT = 200_000
"""Person keys kept to merge a repeated row into the pending write (beyond: a later
repeat updates the stored person instead, which adds up the same)."""

_PERSON_FIELDS = ("first_name", "last_name", "voter_id", "phone", "email", "party",
                  "birth_year", "language")
_DOOR_UPDATE_FIELDS = ("zip", "lat", "lon", "geocode_source", "geocode_quality")


class _Importer:
    def __init__(self, session: Session, report: ImportReport) -> None:
        self.session = session
        self.report = report
        self.ids = id_stream()
        self.first_line: dict[str, int] = {}  # person key -> the line that brought it
        self.pending: dict[str, str] = {}  # person key -> id, for merging later rows

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
        if new_doors:
            bulk_insert(session, Door, list(new_doors.values()))
            self.report.doors_created += len(new_doors)
        self._people(rows, door_of, existing)
        if door_changes:
            self.report.doors_updated += len(self._apply(Door, door_changes))

    def _people(self, rows: list[_Row], door_of: dict[str, str], existing: dict[str, str]) -> None:
        """Match each row's person (voter id, else name + birth year at the door) and write."""
        session, report = self.session, self.report
        people_rows = [r for r in rows if r.person is not None]
        report.rows_skipped += len(rows) - len(people_rows)
        voter_ids = sorted({r.person["voter_id"] for r in people_rows if r.person and r.person["voter_id"]})
        by_voter = _live_people_by_voter_id(session, voter_ids)
        by_name = self._people_at(sorted({door_of[r.akey] for r in people_rows if r.akey in existing}))
        new_people: dict[str, dict[str, Any]] = {}  # batch key -> row
        person_changes: dict[str, dict[str, Any]] = {}
        merged_changes: dict[str, dict[str, Any]] = {}
        opted: list[tuple[str, dict[str, str]]] = []  # person id, explicit opt-outs
        for r in people_rows:
            p = r.person  # the row's own dict: no copy
            assert p is not None
            door_id = p["door_id"] = door_of[r.akey]
            vid = p["voter_id"]
            folded = "" if vid and not by_name else fold_name(p["first_name"], p["last_name"])
            key = "v:" + vid if vid else f"n:{door_id}|{folded}|{p['birth_year'] or ''}"
            first = self.first_line.get(key)
            if first is not None:
                report.people_merged += 1
                report.add(Problem(r.line, "", f"the same {'voter id' if vid else 'person'} as "
                                   f"line {first}: merged into one person", level="warning"))
                values = {k: v for k, v in p.items() if v not in (None, "", {})}
                target = self.pending.get(key)
                if target in person_changes:
                    person_changes[target].update(values)
                elif key in new_people:
                    new_people[key].update(values)
                elif target is not None:  # written by an earlier batch
                    merged_changes.setdefault(target, {}).update(values)
                if r.consent and target is not None:
                    opted.append((target, r.consent))
                continue
            self.first_line[key] = r.line
            status = p.get("voter_status")
            if status is not None:
                report.statuses[status] = report.statuses.get(status, 0) + 1
            pid, old_door = by_voter.get(vid, (None, None)) if vid else (None, None)
            if pid is None and by_name:
                pid = _same_person(by_name.get((door_id, folded), []), vid, p["birth_year"])
            if pid is not None:
                if old_door is not None and old_door != door_id:
                    report.people_moved += 1
                person_changes[pid] = {k: v for k, v in p.items() if v not in (None, "", {})}
                self.pending[key] = pid
            else:
                new_people[key] = {"id": next(self.ids), "tags": [], "language": "en", **p}
                self.pending[key] = new_people[key]["id"]
            if r.consent:
                opted.append((self.pending[key], r.consent))
        if new_people:
            bulk_insert(session, Person, list(new_people.values()))
            report.people_created += len(new_people)
        if person_changes:
            changed = self._apply(Person, person_changes)
            report.people_updated += len(changed)
            report.people_unchanged += len(person_changes) - len(changed)
        if merged_changes:
            self._apply(Person, merged_changes)
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

    def _apply(self, model: type[Door] | type[Person], changes: dict[str, dict[str, Any]]
               ) -> set[str]:
        """Set changed fields on ORM objects so the flush hook stamps each one."""
        changed: set[str] = set()
        objs: list[Any] = []
        for chunk in _chunks(sorted(changes), 900):
            objs.extend(self.session.scalars(select(model).where(model.id.in_(chunk))))
        for obj in objs:
            dirty = False
            for key, value in changes[obj.id].items():
                if getattr(obj, key) != value:
                    setattr(obj, key, value)
                    dirty = True
            if dirty:
                changed.add(obj.id)
        self.session.flush()
        for obj in objs:
            self.session.expunge(obj)
        return changed


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
