"""Signups: seats, capacity and the waitlist (sign up, change status, promote)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from fieldapp.core.models import (
    SIGNUP_STATUSES,
    Person,
    Shift,
    Signup,
)
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services.events._rows import _event, _set
from fieldapp.services.events.labels import SEAT_STATUSES

log = logging.getLogger("fieldapp.services.events")  # the name the log had before the split


def _seat_filter(event_id: str, shift_id: str | None) -> ColumnElement[bool]:
    base = and_(
        Signup.event_id == event_id,
        Signup.deleted.is_(False),
        Signup.status.in_(SEAT_STATUSES),
    )
    if shift_id is not None:
        return and_(base, Signup.shift_id == shift_id)
    return base


def _capacity(session: Session, event_id: str, shift_id: str | None) -> int | None:
    if shift_id is not None:
        sh = session.get(Shift, shift_id)
        if sh is None or sh.deleted or sh.event_id != event_id:
            raise InputError("that shift is not part of this event", where="shift")
        return sh.capacity
    return _event(session, event_id).capacity


def seats_taken(session: Session, event_id: str, shift_id: str | None = None) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(Signup).where(
                _seat_filter(event_id, shift_id), Signup.waitlisted.is_(False)
            )
        )
        or 0
    )


def _full(session: Session, event_id: str, shift_id: str | None) -> bool:
    cap = _capacity(session, event_id, shift_id)
    if cap is None:
        return False
    return seats_taken(session, event_id, shift_id) >= cap


@dataclass(frozen=True)
class SignupResult:
    signup_id: str
    waitlisted: bool


def sign_up(
    session: Session,
    event_id: str,
    person_id: str,
    *,
    shift_id: str | None = None,
    status: str = "scheduled",
    organization_id: str | None = None,
    at: dt.datetime | None = None,
    walk_in: bool = False,
) -> SignupResult:
    """Sign someone up; they go on the waitlist when the shift or event is full."""
    ev = _event(session, event_id)
    if ev.status == "cancelled":
        raise InputError(f"{ev.title!r} is cancelled", where="event")
    if status not in SIGNUP_STATUSES:
        raise InputError(f"unknown signup status {status!r} (use one of: {', '.join(SIGNUP_STATUSES)})", where="status")
    person = session.get(Person, person_id)
    if person is None or person.deleted:
        raise NotFoundError(f"no person with id {person_id}")
    cond = [Signup.event_id == event_id, Signup.person_id == person_id, Signup.deleted.is_(False)]
    cond.append(Signup.shift_id.is_(None) if shift_id is None else Signup.shift_id == shift_id)
    existing = session.scalar(select(Signup).where(*cond))
    if existing is not None and existing.status != "declined":
        raise InputError(
            f"{person.first_name} {person.last_name} is already signed up ({existing.status})", where="signup"
        )
    waitlisted = status in SEAT_STATUSES and not walk_in and _full(session, event_id, shift_id)
    when = at or dt.datetime.now(dt.UTC)
    if existing is not None:  # signing up again after declining
        _set(existing, "status", status)
        _set(existing, "waitlisted", waitlisted)
        _set(existing, "signed_up_at", when)
        session.flush()
        return SignupResult(existing.id, waitlisted)
    row = Signup(
        event_id=event_id, shift_id=shift_id, person_id=person_id, status=status,
        waitlisted=waitlisted, walk_in=walk_in, organization_id=organization_id, signed_up_at=when,
    )
    session.add(row)
    session.flush()
    return SignupResult(row.id, waitlisted)


def set_signup_status(
    session: Session, signup_id: str, status: str, *, at: dt.datetime | None = None
) -> str | None:
    """Change a signup's status; return the id of a signup promoted off the waitlist.

    When someone holding a seat declines, the first person waitlisted for the
    same shift (earliest sign-up) gets the seat. Someone who takes a seat
    status (accepts an invitation, or signs up again) while the shift is full
    joins the end of the waitlist.
    """
    if status not in SIGNUP_STATUSES:
        raise InputError(f"unknown signup status {status!r} (use one of: {', '.join(SIGNUP_STATUSES)})", where="status")
    row = session.get(Signup, signup_id)
    if row is None or row.deleted:
        raise NotFoundError(f"no signup with id {signup_id}")
    held_seat = row.status in SEAT_STATUSES and not row.waitlisted
    wants_seat = status in SEAT_STATUSES and row.status not in SEAT_STATUSES
    if wants_seat and not row.walk_in and _full(session, row.event_id, row.shift_id):
        _set(row, "waitlisted", True)
        _set(row, "signed_up_at", at or dt.datetime.now(dt.UTC))  # the end of the queue
    _set(row, "status", status)
    if status not in SEAT_STATUSES:
        _set(row, "waitlisted", False)
    session.flush()
    if held_seat and status == "declined":
        return promote_waitlist(session, row.event_id, row.shift_id)
    return None


def promote_waitlist(session: Session, event_id: str, shift_id: str | None) -> str | None:
    """Give a free seat to the first person on the waitlist; return their signup id."""
    if _full(session, event_id, shift_id):
        return None
    cond = [_seat_filter(event_id, shift_id), Signup.waitlisted.is_(True)]
    if shift_id is None:
        cond.append(Signup.shift_id.is_(None))
    first = session.scalar(
        select(Signup).where(*cond).order_by(Signup.signed_up_at, Signup.born_hlc, Signup.id).limit(1)
    )
    if first is None:
        return None
    first.waitlisted = False
    session.flush()
    log.info("promoted signup %s off the waitlist", first.id)
    return first.id
