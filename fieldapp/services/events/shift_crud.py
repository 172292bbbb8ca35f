"""Shifts: the roles and times within an event, with their seat counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.core.models import (
    Event,
    Shift,
    Signup,
)
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services.events._rows import _event, _set
from fieldapp.services.events.labels import SEAT_STATUSES
from fieldapp.services.events.times import _LocalTimes, to_utc


@dataclass(frozen=True)
class ShiftInfo(_LocalTimes):
    id: str
    event_id: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str
    role: str
    capacity: int | None
    taken: int = 0
    waitlisted: int = 0


def add_shift(
    session: Session, event_id: str, *, starts_local: dt.datetime, ends_local: dt.datetime,
    role: str = "volunteer", capacity: int | None = None,
) -> str:
    """Add a shift; times are wall-clock in the event's time zone."""
    ev = _event(session, event_id)
    start, end = _shift_times(ev, starts_local, ends_local, role, capacity)
    row = Shift(event_id=event_id, starts_at=start, ends_at=end, role=role.strip(), capacity=capacity)
    session.add(row)
    session.flush()
    return row.id


def _shift_times(
    ev: Event, starts_local: dt.datetime, ends_local: dt.datetime, role: str, capacity: int | None
) -> tuple[dt.datetime, dt.datetime]:
    if not role.strip():
        raise InputError("a shift needs a role (canvasser, caller, greeter...)", where="role")
    if capacity is not None and capacity < 0:
        raise InputError("capacity cannot be negative", where="capacity")
    start = to_utc(starts_local, ev.timezone)
    end = to_utc(ends_local, ev.timezone)
    if end <= start:
        raise InputError("the shift must end after it starts", where="shift end")
    return start, end


def update_shift(
    session: Session, shift_id: str, *, starts_local: dt.datetime, ends_local: dt.datetime,
    role: str, capacity: int | None,
) -> None:
    row = session.get(Shift, shift_id)
    if row is None or row.deleted:
        raise NotFoundError(f"no shift with id {shift_id}")
    start, end = _shift_times(_event(session, row.event_id), starts_local, ends_local, role, capacity)
    for name, value in (("starts_at", start), ("ends_at", end), ("role", role.strip()), ("capacity", capacity)):
        _set(row, name, value)
    session.flush()


def remove_shift(session: Session, shift_id: str) -> None:
    """Tombstone a shift; refused while people are signed up for it."""
    row = session.get(Shift, shift_id)
    if row is None or row.deleted:
        raise NotFoundError(f"no shift with id {shift_id}")
    taken = session.scalar(
        select(func.count()).select_from(Signup).where(
            Signup.shift_id == shift_id, Signup.deleted.is_(False), Signup.status != "declined"
        )
    )
    if taken:
        raise InputError(f"{taken} people are signed up for this shift; move or decline them first", where="shift")
    row.deleted = True
    session.flush()


def shifts(session: Session, event_id: str) -> list[ShiftInfo]:
    ev = _event(session, event_id)
    counts: dict[str | None, tuple[int, int]] = {}
    for sid, waitlisted, n in session.execute(
        select(Signup.shift_id, Signup.waitlisted, func.count())
        .where(Signup.event_id == event_id, Signup.deleted.is_(False), Signup.status.in_(SEAT_STATUSES))
        .group_by(Signup.shift_id, Signup.waitlisted)
    ):
        taken, wait = counts.get(sid, (0, 0))
        counts[sid] = (taken, wait + n) if waitlisted else (taken + n, wait)
    return [
        ShiftInfo(
            id=s.id, event_id=event_id, starts_at=s.starts_at, ends_at=s.ends_at, timezone=ev.timezone,
            role=s.role, capacity=s.capacity, taken=counts.get(s.id, (0, 0))[0],
            waitlisted=counts.get(s.id, (0, 0))[1],
        )
        for s in session.scalars(
            select(Shift).where(Shift.event_id == event_id, Shift.deleted.is_(False)).order_by(Shift.starts_at, Shift.role)
        )
    ]


# --------------------------------------------------------------------------- signups
