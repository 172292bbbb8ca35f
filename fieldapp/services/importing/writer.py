"""Writing parsed rows: doors matched by address key, people by voter id or name."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from fieldapp.core.fastinsert import Deferred
from fieldapp.core.ids import id_stream
from fieldapp.core.models import Door, Person
from fieldapp.core.stamping import bulk_insert_tuples, bulk_update, reserve_stamps
from fieldapp.services import consent
from fieldapp.services.addresses import fold_name
from fieldapp.services.importing import digests as digest_rows
from fieldapp.services.importing.doormap import DoorMap
from fieldapp.services.importing.lookup import DOOR_COMPARED, live_doors, live_people, people_at
from fieldapp.services.importing.parser import DOOR_FIELDS, PERSON_ABSENT, PERSON_FIELDS, _Row
from fieldapp.services.importing.report import ImportReport, Problem
from fieldapp.services.importing.voterset import VoterSet

NAMELESS_KEPT = 50_000
"""Doors kept where this import, into an empty store, made a person without a voter
id (beyond this many: every door is looked at). Only those can hold someone a row
with a voter id matches by name (two voter ids are two people)."""

PENDING_KEPT = 100_000
"""Person keys kept to merge a repeated row into the pending write and name its first
line (beyond: a later repeat of a voter id is found born in this import and merged
into the stored person; one without a voter id updates the person its name finds).
Two dicts of this many keys are about 20 MB, which an import of 1,000,000 voters with a
re-import in the same process needed to stay under 300 MB."""

_DOOR_INSERT = ("id", *DOOR_FIELDS)
# (position in a row's door values, field) of what a row can change on a stored door,
# in the order live_doors() gives the stored values after the id
_DOOR_UPDATE = tuple((DOOR_FIELDS.index(k), k) for k in DOOR_COMPARED)
_door_update = itemgetter(*(i for i, _ in _DOOR_UPDATE))  # a row's values of them
_new_door_update = itemgetter(*(i + 1 for i, _ in _DOOR_UPDATE))  # ... in insert values
_VOTER_ID, _FIRST, _LAST, _YEAR, _STATUS, _DISTRICTS = (PERSON_FIELDS.index(k) for k in (
    "voter_id", "first_name", "last_name", "birth_year", "voter_status", "districts"))
_EMPTY: tuple[Any, ...] = (None, "", {})
_PEOPLE_BY_DOOR = cast(Table, Person.__table__).c.door_id
_PEOPLE_BY_VOTER = cast(Table, Person.__table__).c.voter_id
_DOORS_BY_KEY = cast(Table, Door.__table__).c.address_key


class _Importer:
    def __init__(self, session: Session, report: ImportReport, *,
                 person_given: tuple[str, ...] = PERSON_FIELDS,
                 deferred: Deferred | None = None) -> None:
        self.session = session
        self.report = report
        # the store side of the load: an empty store's people-by-door index is
        # built when first needed; till then every person stored is this import's
        self.deferred = deferred or Deferred()
        self.nameless: set[str] | None = set() if self.deferred.empty else None
        self.door_map: DoorMap | None = DoorMap() if self.deferred.empty else None
        self.voters: VoterSet | None = VoterSet() if self.deferred.empty else None
        self.made_here = self.ids = id_stream()
        self.first_line: dict[str, int] = {}  # person key -> the line that brought it
        # every record this import makes is born at or after this stamp: a voter id
        # found born since is an earlier row of the file that first_line let go
        self.since = reserve_stamps(session, session.info["store"], 0)
        self.pending: dict[str, str] = {}  # person key -> id, for merging later rows
        # the person fields the file can give (what it lacks leaves stored values alone)
        self.person_fields = tuple((i, k) for i, k in enumerate(PERSON_FIELDS)
                                   if k in person_given or k == "voter_id")
        self.given_names = tuple(k for _, k in self.person_fields)
        given_at = [i for i, _ in self.person_fields]
        self.given_values: Callable[[tuple[Any, ...]], tuple[Any, ...]] = (
            itemgetter(*given_at) if len(given_at) > 1 else lambda p: (p[given_at[0]],))
        self.status_given = "voter_status" in person_given
        # a new person's row: id, door, the fields the file gives; the others are the
        # same for every row, written once into the statement (``core.fastinsert``)
        self.insert_keys = ("id", "door_id", *self.given_names)
        self.insert_same = {"tags": [], **{k: v for k, v in PERSON_ABSENT.items()
                                           if k not in self.given_names}}
        self.language_at = (self.insert_keys.index("language") if "language" in self.given_names
                            else None)

    def batch(self, rows: list[_Row], digests: dict[int, int] | None = None,
              fresh_ids: list[str] | None = None) -> None:
        """Write a batch of parsed rows; ``digests``: line -> digest of the rows whose
        person may be passed over next time (``digests``); ``fresh_ids``: ids made for
        this batch's new doors and people (two a row, by the reader process), else
        they are made here."""
        ids = self.ids = iter(fresh_ids) if fresh_ids else self.made_here
        session = self.session
        # ---- doors: match by address key; new ones in bulk
        keys = sorted({r[1] for r in rows})
        existing = self._stored_doors(keys)
        stamps = self._stamps(len(keys) - len(existing))  # one for each new door
        new_doors: dict[str, tuple[Any, ...]] = {}  # address key -> insert values, stamps
        door_changes: dict[str, dict[str, Any]] = {}
        door_of: dict[str, str] = {}
        for _, akey, door, _, _ in rows:
            stored = existing.get(akey)
            if stored is not None:
                door_id = door_of[akey] = stored[0]
                if door_id not in door_changes and _door_update(door) == stored[1:]:
                    continue  # as stored
                changes = {k: door[i] for i, k in _DOOR_UPDATE if door[i] not in _EMPTY}
                if door_id in door_changes:
                    door_changes[door_id].update(changes)
                elif any(door[i] != stored[n] for n, (i, _) in enumerate(_DOOR_UPDATE, 1)
                         if door[i] not in _EMPTY):
                    door_changes[door_id] = changes
            elif (new := new_doors.get(akey)) is not None:
                door_id = new[0]
                if _door_update(door) != _new_door_update(new) and any(
                        door[i] not in _EMPTY and door[i] != new[i + 1] for i, _ in _DOOR_UPDATE):
                    values = list(new)
                    for i, _ in _DOOR_UPDATE:
                        if door[i] not in _EMPTY:
                            values[i + 1] = door[i]
                    new_doors[akey] = tuple(values)
            else:
                door_id = next(ids)
                stamp = next(stamps)
                new_doors[akey] = (door_id, *door, stamp, stamp)
            door_of[akey] = door_id
        if new_doors:
            bulk_insert_tuples(session, Door, _DOOR_INSERT, list(new_doors.values()),
                               converted=True, stamped=True)  # (coordinates parsed as floats)
            self.report.doors_created += len(new_doors)
            if self.door_map is not None and not self.door_map.add(new_doors):
                self._forget_doors()
        self._people(rows, door_of, existing, digests or {})
        if door_changes:
            self.report.doors_updated += bulk_update(session, Door, door_changes)

    def pass_over(self, keyed: list[tuple[int, str, int]]) -> set[int]:
        """The lines of rows (line, voter id, digest) that are as an earlier import
        recorded them (``digests``): counted unchanged, not to be read again."""
        if not keyed:
            return set()
        found = digest_rows.recorded(self.session, sorted({vid for _, vid, _ in keyed}),
                                     self.since)
        skipped: set[int] = set()
        first_line, pending, statuses = self.first_line, self.pending, self.report.statuses
        for line, vid, digest in keyed:
            hit = found.get(vid)
            if hit is None or hit[0] != digest or "v:" + vid in first_line:
                continue  # (a repeat of a voter id is read: merged, with its warning)
            first_line["v:" + vid] = line
            pending["v:" + vid] = hit[1]
            if self.status_given:
                statuses[hit[2]] = statuses.get(hit[2], 0) + 1
            skipped.add(line)
        self.report.people_unchanged += len(skipped)
        return skipped

    def _stamps(self, n: int) -> Iterator[int]:
        """``n`` clock stamps for new records (hlc = born_hlc), reserved in one go."""
        if n <= 0:
            return iter(())
        first = reserve_stamps(self.session, self.session.info["store"], n)
        return iter(range(first, first + n))

    def _stored_doors(self, keys: list[str]) -> dict[str, tuple[Any, ...]]:
        """Address key -> (door id, *DOOR_COMPARED) of the stored doors of ``keys``."""
        if self.door_map is not None:
            found = self.door_map.find(self.session, keys)
            if found is not None:
                return found
            self._forget_doors()
        return live_doors(self.session, keys)

    def _forget_doors(self) -> None:
        """From here on the store finds doors by address key (its index built now)."""
        self.door_map = None
        self.deferred.require(_DOORS_BY_KEY)

    def _stored_people(self, voter_ids: list[str]) -> dict[str, tuple[Any, ...]]:
        """As :func:`live_people` for ``voter_ids``: into an empty store, none unless
        the voter set may hold one that is not a pending key of this import."""
        voters = self.voters
        if voters is not None:
            first_line = self.first_line
            if not any("v:" + vid not in first_line for vid in voters.maybe_stored(voter_ids)):
                return {}  # (those it holds are merged by their pending keys)
            self._forget_voters()
        return live_people(self.session, voter_ids, self.given_names)

    def _forget_voters(self) -> None:
        """From here on the store finds people by voter id (its index built now)."""
        self.voters = None
        self.deferred.require(_PEOPLE_BY_VOTER)

    def done(self) -> None:
        """The load is over: the in-memory maps go back before the indexes are built."""
        self.door_map = None
        self.voters = None

    def _values(self, person: tuple[Any, ...], door_id: str) -> dict[str, Any]:
        """The fields a row gives (empty ones left out), to update a stored person with."""
        values = {k: person[i] for i, k in self.person_fields if person[i] not in _EMPTY}
        values["door_id"] = door_id
        return values

    def _as_stored(self, person: tuple[Any, ...], door_id: str, stored: tuple[Any, ...]) -> bool:
        """Whether a row would change nothing on the stored person (``live_people``'s values)."""
        if stored[2] != door_id:
            return False
        if self.given_values(person) == stored[3:]:
            return True  # every field the file gives, as stored (a re-import: nearly all)
        for n, (i, _) in enumerate(self.person_fields, 3):  # stored: given fields from 3 on
            value = person[i]
            if value in _EMPTY or value == stored[n]:
                continue
            if i == _DISTRICTS and isinstance(stored[n], str) and json.loads(stored[n]) == value:
                continue
            return False
        return True

    def _people(self, rows: list[_Row], door_of: dict[str, str],
                existing: dict[str, tuple[Any, ...]], digests: dict[int, int]) -> None:
        """Match each row's person (voter id, else name + birth year at the door) and write."""
        report = self.report
        people_rows = [r for r in rows if r[3] is not None]
        report.rows_skipped += len(rows) - len(people_rows)
        voter_ids, by_voter, by_name = self._stored_of(people_rows, door_of, existing)
        # (at most one new person for each row whose voter id found no one)
        stamps = self._stamps(len(people_rows) - len(by_voter))
        new_people: dict[str, tuple[Any, ...]] = {}  # batch key -> insert values, stamps
        # person id -> values to set; None: the row matches what is stored
        person_changes: dict[str, dict[str, Any] | None] = {}
        merged_changes: dict[str, dict[str, Any]] = {}
        opted: list[tuple[str, dict[str, str]]] = []  # person id, explicit opt-outs
        first_line, pending, statuses = self.first_line, self.pending, report.statuses
        since, status_given, as_stored = self.since, self.status_given, self._as_stored
        # person id -> (person id, digest) to record (an update of the person or of the
        # door, below or later, deletes it: migration 0010's triggers)
        recorded: dict[str, tuple[str, int]] = {}
        for line, akey, _, p, choices in people_rows:
            assert p is not None
            door_id = door_of[akey]
            vid = p[_VOTER_ID]
            if vid:
                folded = fold_name(p[_FIRST], p[_LAST]) if by_name else ""
                key = "v:" + vid
                stored = by_voter.get(vid)
            else:
                folded = fold_name(p[_FIRST], p[_LAST])
                key = f"n:{door_id}|{folded}|{p[_YEAR] or ''}"
                stored = None
            first = first_line.get(key)
            if first is not None or (stored is not None and stored[0] >= since):
                # an earlier row of this file (beyond first_line's reach: born in this import)
                target = pending.get(key) if first is not None else stored[1]  # type: ignore[index]
                self._merge(key, line, first, target, bool(vid), self._values(p, door_id),
                            new_people, person_changes, merged_changes)
                if target is not None:
                    recorded.pop(target, None)  # (made of two rows)
                if choices and target is not None:
                    opted.append((target, choices))
                continue
            first_line[key] = line
            if status_given:
                statuses[p[_STATUS]] = statuses.get(p[_STATUS], 0) + 1
            if stored is not None:
                pid = stored[1]
                if stored[2] is not None and stored[2] != door_id:
                    report.people_moved += 1
                if as_stored(p, door_id, stored):
                    person_changes[pid] = None
                    if line in digests:
                        recorded[pid] = (pid, digests[line])
                else:
                    person_changes[pid] = self._values(p, door_id)
                pending[key] = pid
            elif by_name and (pid := _same_person(by_name.get((door_id, folded), []), vid,
                                                  p[_YEAR])) is not None:
                person_changes[pid] = self._values(p, door_id)
                pending[key] = pid
            else:
                pid = pending[key] = next(self.ids)
                if not vid and self.nameless is not None:
                    self.nameless.add(door_id)
                stamp = next(stamps)
                row = (pid, door_id, *self.given_values(p), stamp, stamp)
                if line in digests:
                    recorded[pid] = (pid, digests[line])
                if (at := self.language_at) is not None and not row[at]:  # a blank cell
                    row = (*row[:at], "en", *row[at + 1 :])
                new_people[key] = row
            if choices:
                opted.append((pid, choices))
        self._write_people(new_people, person_changes, merged_changes, opted)
        if recorded:
            digest_rows.record(self.session, list(recorded.values()))
        if self.voters is not None and not self.voters.add(voter_ids):
            self._forget_voters()  # (every voter id a row gave is now on a person)

    def _stored_of(self, people_rows: list[_Row], door_of: dict[str, str],
                   existing: dict[str, tuple[Any, ...]]) -> tuple[
                       list[str], dict[str, tuple[Any, ...]],
                       dict[tuple[str, str], list[tuple[str, str, int | None]]]]:
        """The rows' voter ids, the stored people they find, and by (door, folded name)
        the stored people at the doors of rows their voter id found no one for (a
        re-import finds nearly all by voter id)."""
        voter_ids = sorted({r[3][_VOTER_ID] for r in people_rows if r[3] and r[3][_VOTER_ID]})
        by_voter = self._stored_people(voter_ids)
        by_name = self._people_at(sorted({
            door_of[r[1]] for r in people_rows
            if r[1] in existing and r[3] and r[3][_VOTER_ID] not in by_voter
            and self._may_match_by_name(r[3][_VOTER_ID], door_of[r[1]])
        }))
        return voter_ids, by_voter, by_name

    def _merge(self, key: str, line: int, first: int | None, target: str | None,
               by_voter_id: bool, values: dict[str, Any],
               new_people: dict[str, tuple[Any, ...]],
               person_changes: dict[str, dict[str, Any] | None], merged_changes: dict[str, dict[str, Any]]) -> None:
        """A row of a person an earlier row brought: its values go to that one's write."""
        self.report.people_merged += 1
        earlier = f"line {first}" if first is not None else "an earlier line"
        self.report.add(Problem(line, "", f"the same {'voter id' if by_voter_id else 'person'} "
                                f"as {earlier}: merged into one person", level="warning"))
        if target in person_changes:
            current = person_changes[target]
            if current is None:  # the first row matched what is stored
                person_changes[target] = values
            else:
                current.update(values)
        elif key in new_people:
            row = list(new_people[key])
            for k, value in values.items():
                row[self.insert_keys.index(k)] = value
            new_people[key] = tuple(row)
        elif target is not None:  # written by an earlier batch
            merged_changes.setdefault(target, {}).update(values)

    def _write_people(self, new_people: dict[str, tuple[Any, ...]],
                      person_changes: dict[str, dict[str, Any] | None],
                      merged_changes: dict[str, dict[str, Any]],
                      opted: list[tuple[str, dict[str, str]]]) -> None:
        session, report = self.session, self.report
        if new_people:
            bulk_insert_tuples(session, Person, self.insert_keys, list(new_people.values()),
                               same=self.insert_same, stamped=True)
            report.people_created += len(new_people)
        if person_changes or merged_changes:  # (its triggers count people by door)
            self.deferred.require(_PEOPLE_BY_DOOR)
        if person_changes:
            changed = bulk_update(session, Person, {pid: values for pid, values
                                                    in person_changes.items() if values})
            report.people_updated += changed
            report.people_unchanged += len(person_changes) - changed
        if merged_changes:
            bulk_update(session, Person, merged_changes)
        for pid, choices in opted:  # after the people exist: explicit opt-outs, recorded
            consent.record(session, pid, choices, source="import",
                           source_ref=Path(report.file).name)
        if len(self.pending) > PENDING_KEPT:  # memory stays flat on a state file
            self.pending.clear()
            self.first_line.clear()

    def _may_match_by_name(self, vid: str, door_id: str) -> bool:
        """Whether a row can be someone stored at its door that its voter id did not find.
        Into an empty store, a row with a voter id only where this import made a
        person without one."""
        nameless = self.nameless
        if nameless is not None and len(nameless) > NAMELESS_KEPT:
            nameless = self.nameless = None
        return nameless is None or not vid or door_id in nameless

    def _people_at(self, doors: list[str]) -> dict[tuple[str, str], list[tuple[str, str, int | None]]]:
        """(door, folded name) -> [(person id, voter id, birth year)] for live people, oldest first."""
        found: dict[tuple[str, str], list[tuple[str, str, int | None]]] = {}
        if not doors:
            return found
        self.deferred.require(_PEOPLE_BY_DOOR)
        for pid, door, first, last, vid, year in people_at(self.session, doors):
            found.setdefault((door or "", fold_name(first, last)), []).append((pid, vid, year))
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
