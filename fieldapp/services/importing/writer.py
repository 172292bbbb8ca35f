"""Writing parsed rows: doors matched by address key, people by voter id or name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core.ids import id_stream
from fieldapp.core.models import Door, Person
from fieldapp.core.stamping import bulk_insert
from fieldapp.services.addresses import fold_name
from fieldapp.services.importing.parser import _Row
from fieldapp.services.importing.report import ImportReport

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
        """Set changed fields on ORM objects so the flush hook stamps each one."""
        changed = 0
        objs: list[Any] = []
        for chunk in _chunks(sorted(changes), 900):
            objs.extend(self.session.scalars(select(model).where(model.id.in_(chunk))))
        for obj in objs:
            dirty = False
            for key, value in changes[obj.id].items():
                if getattr(obj, key) != value:
                    setattr(obj, key, value)
                    dirty = True
            changed += dirty
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


