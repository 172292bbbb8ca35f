"""The rules about attempts and check-ins, stated once and used everywhere.

Services, maps, reports and the UI's table models all call these; none of
them re-derives a rule.

* A **live attempt** is a contact attempt that no other attempt supersedes
  (a correction is a new attempt pointing at the one it replaces).
* A **door attempt** is a live attempt made at the door (``channel = 'door'``);
  calls and texts do not make a door knocked.
* A door's (or a person's) **latest result** is its live door attempt with the
  greatest (``attempted_at``, ``hlc``, ``id``): the last knock wins, ties are
  broken the same way on every store. Which turf the attempt was recorded in
  does not matter: a door keeps its results when a turf is re-cut.
* A **live check-in** is a check-in that no other supersedes and that is not
  itself an undo marker (an undo supersedes a check-in and carries no signup).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from fieldapp.core.models import CheckIn, ContactAttempt, Door, Person
from fieldapp.core.plainsql import plain_rows

DOOR_CHANNEL = "door"


def live_attempt() -> Any:
    """WHERE clause: the attempt is not superseded by another."""
    newer = aliased(ContactAttempt)
    return ~select(newer.id).where(newer.supersedes_id == ContactAttempt.id).exists()


def live_door_attempt() -> Any:
    """WHERE clause: a live attempt made at the door."""
    return and_(ContactAttempt.channel == DOOR_CHANNEL, live_attempt())


def live_check_in() -> Any:
    """WHERE clause: the check-in counts (not superseded, not an undo marker)."""
    newer = aliased(CheckIn)
    return and_(
        ~select(newer.id).where(newer.supersedes_id == CheckIn.id).exists(),
        or_(CheckIn.supersedes_id.is_(None), CheckIn.signup_id.is_not(None)),
    )


_LATEST_ORDER = (ContactAttempt.attempted_at.desc(), ContactAttempt.hlc.desc(),
                 ContactAttempt.id.desc())


def door_latest_result_sql() -> Any:
    """A scalar subquery (correlated to ``Door``): the door's latest result code."""
    return (select(ContactAttempt.result_code)
            .where(ContactAttempt.door_id == Door.id, live_door_attempt())
            .order_by(*_LATEST_ORDER).limit(1).correlate(Door).scalar_subquery())


def person_latest_result_sql() -> Any:
    """A scalar subquery (correlated to ``Person``): the person's latest result code."""
    return (select(ContactAttempt.result_code)
            .where(ContactAttempt.person_id == Person.id, live_door_attempt())
            .order_by(*_LATEST_ORDER).limit(1).correlate(Person).scalar_subquery())


def turf_knocked_doors_sql() -> Any:
    """A scalar subquery (correlated to ``Turf``): its live doors with a door attempt.

    Counted by the doors the turf holds now, not by the turf an attempt was
    recorded in, so re-cutting a turf moves its progress with its doors.
    """
    from fieldapp.core.models import Turf

    knocked = select(ContactAttempt.id).where(ContactAttempt.door_id == Door.id,
                                              live_door_attempt()).exists()
    return (select(func.count(Door.id))
            .where(Door.turf_id == Turf.id, Door.deleted.is_(False),
                   Door.merged_into_id.is_(None), knocked)
            .correlate(Turf).scalar_subquery())


@dataclass(frozen=True)
class LatestResult:
    result_code: str
    support: int | None
    attempted_at: dt.datetime


def _latest(bind: Session | Connection, key: Any, keys: Iterable[str] | None
            ) -> dict[str, LatestResult]:
    cols = (key, ContactAttempt.result_code, ContactAttempt.support,
            ContactAttempt.attempted_at, ContactAttempt.hlc, ContactAttempt.id)
    wanted = None if keys is None else sorted(set(keys))
    chunks: list[list[str] | None] = [None] if wanted is None else [
        wanted[i : i + 900] for i in range(0, len(wanted), 900)]
    best: dict[str, tuple[Any, ...]] = {}
    for chunk in chunks:
        stmt = select(*cols).where(live_door_attempt(), key.is_not(None))
        if chunk is not None:
            stmt = stmt.where(key.in_(chunk))
        for k, code, support, at, hlc, rid in bind.execute(stmt):
            order = (at, hlc, rid)
            if k not in best or order > best[k][0]:
                best[k] = (order, code, support, at)
    return {k: LatestResult(code, support, at) for k, (_, code, support, at) in best.items()}


def latest_door_results(bind: Session | Connection, door_ids: Iterable[str] | None = None
                        ) -> dict[str, LatestResult]:
    """The latest result of each door (of the given doors, or of all)."""
    return _latest(bind, ContactAttempt.door_id, door_ids)


def latest_person_results(bind: Session | Connection, person_ids: Iterable[str] | None = None
                          ) -> dict[str, LatestResult]:
    """The latest result of each person (of the given people, or of all)."""
    return _latest(bind, ContactAttempt.person_id, person_ids)


def latest_door_codes(conn: Connection) -> dict[str, tuple[str, int | None]]:
    """(result code, support) of the latest result of every door that has one.

    The same rule as :func:`latest_door_results`, for a reader that needs all
    doors fast (the map): the attempts come through the driver's own cursor
    and are compared as stored (naive UTC; fixed-width ISO text on SQLite,
    which sorts as the times do, as the rollup triggers compare them), with no
    row object or datetime made per attempt.
    """
    rows = plain_rows(
        conn,
        "SELECT a.door_id, a.attempted_at, a.hlc, a.id, a.result_code, a.support "
        "FROM contact_attempts a WHERE a.channel = ? AND a.door_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM contact_attempts n WHERE n.supersedes_id = a.id)",
        (DOOR_CHANNEL,),
    )
    best: dict[str, tuple[Any, ...]] = {}
    for row in rows:
        held = best.get(row[0])
        if held is None or row[1:4] > held[1:4]:
            best[row[0]] = row
    return {door: (row[4], row[5]) for door, row in best.items()}
