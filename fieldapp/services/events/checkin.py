"""Check-in at the door: check in a signup, walk-ins, undo, and the arrival counts."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from fieldapp.core.models import (
    LANGUAGES,
    CheckIn,
    Organization,
    Person,
    PersonOrganization,
    Signup,
)
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services import consent
from fieldapp.services.events._rows import _event, _set
from fieldapp.services.events.labels import RSVP_STATUSES, SEAT_STATUSES
from fieldapp.services.events.roster import _digits, _live_checkins, _phone_digits_sql
from fieldapp.services.events.signups import _capacity


@dataclass(frozen=True)
class CheckInResult:
    check_in_id: str
    signup_id: str
    person_id: str
    already: bool


def check_in(
    session: Session,
    signup_id: str,
    *,
    at: dt.datetime | None = None,
    by_volunteer_id: str | None = None,
) -> CheckInResult:
    """Check in the person of a signup: a CheckIn fact and status "completed".

    Checking in someone already checked in writes nothing and says so.
    """
    su = session.get(Signup, signup_id)
    if su is None or su.deleted:
        raise NotFoundError(f"no signup with id {signup_id}")
    existing = session.scalar(
        select(CheckIn.id).where(_live_checkins(su.event_id), CheckIn.person_id == su.person_id).limit(1)
    )
    if existing is not None:
        return CheckInResult(existing, su.id, su.person_id, already=True)
    row = CheckIn(
        event_id=su.event_id, shift_id=su.shift_id, person_id=su.person_id, signup_id=su.id,
        checked_in_at=at or dt.datetime.now(dt.UTC), walk_in=su.walk_in, by_volunteer_id=by_volunteer_id,
    )
    session.add(row)
    _set(su, "status", "completed")
    _set(su, "waitlisted", False)
    session.flush()
    return CheckInResult(row.id, su.id, su.person_id, already=False)


@dataclass
class WalkInInput:
    first_name: str
    last_name: str
    phone: str = ""
    email: str = ""
    language: str = "en"
    do_not_call: bool = False
    do_not_text: bool = False
    do_not_email: bool = False
    organization_id: str | None = None
    shift_id: str | None = None


_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def walk_in(
    session: Session, event_id: str, data: WalkInInput, *, at: dt.datetime | None = None,
    by_volunteer_id: str | None = None,
) -> CheckInResult:
    """Someone who did not sign up walks in: person, affiliation, signup, check-in.

    A person with the same email (or the same phone and last name) is reused
    rather than duplicated. A ticked "do not ..." box records an opt-out (who,
    when, this event); an unticked box changes nothing (see
    :mod:`fieldapp.services.consent`).
    """
    ev = _event(session, event_id)
    first, last = data.first_name.strip(), data.last_name.strip()
    if not first and not last:
        raise InputError("a walk-in needs a name", where="name")
    email = data.email.strip()
    if email and not _EMAIL_RE.match(email):
        raise InputError(f"{email!r} does not look like an email address", where="email")
    phone = data.phone.strip()
    if phone and len(_digits(phone)) < 7:
        raise InputError(f"{phone!r} does not look like a phone number", where="phone")
    if data.language not in LANGUAGES:
        raise InputError(f"unknown language {data.language!r}", where="language")
    if data.organization_id is not None:
        org = session.get(Organization, data.organization_id)
        if org is None or org.deleted:
            raise InputError(f"no organization with id {data.organization_id}", where="organization")
    if data.shift_id is not None:
        _capacity(session, event_id, data.shift_id)
    person = None
    live = and_(Person.deleted.is_(False), Person.merged_into_id.is_(None))
    if email:
        person = session.scalar(select(Person).where(live, func.lower(Person.email) == email.lower()).limit(1))
    if person is None and phone and last:
        person = session.scalar(
            select(Person).where(
                live, _phone_digits_sql() == _digits(phone), func.lower(Person.last_name) == last.lower()
            ).limit(1)
        )
    if person is None:
        person = Person(first_name=first, last_name=last, phone=phone, email=email,
                        language=data.language)
        session.add(person)
        session.flush()
    elif phone and not person.phone:
        person.phone = phone
    # A ticked box is an opt-out said at the table; an unticked one is no answer.
    choices = consent.opt_outs(call=data.do_not_call, text=data.do_not_text, email=data.do_not_email)
    if choices:
        consent.record(session, person.id, choices, source="walk_in", source_ref=f"event {ev.id}",
                       by_volunteer_id=by_volunteer_id, at=at)
    if data.organization_id is not None:
        has = session.scalar(
            select(PersonOrganization.id).where(
                PersonOrganization.person_id == person.id,
                PersonOrganization.organization_id == data.organization_id,
                PersonOrganization.deleted.is_(False),
            )
        )
        if has is None:
            session.add(PersonOrganization(person_id=person.id, organization_id=data.organization_id))
    su = session.scalar(
        select(Signup).where(
            Signup.event_id == ev.id, Signup.person_id == person.id, Signup.deleted.is_(False)
        ).limit(1)
    )
    if su is None:
        su = Signup(
            event_id=ev.id, shift_id=data.shift_id, person_id=person.id, status="completed",
            waitlisted=False, walk_in=True, organization_id=data.organization_id,
            signed_up_at=at or dt.datetime.now(dt.UTC),
        )
        session.add(su)
        session.flush()
    return check_in(session, su.id, at=at, by_volunteer_id=by_volunteer_id)


def undo_check_in(session: Session, check_in_id: str) -> None:
    """Take back a mistaken check-in.

    Check-ins are facts, so the undo is a new CheckIn that supersedes the old
    one with ``walk_in`` mirrored and a marker time; both drop out of the
    live set (a superseding row whose ``signup_id`` is empty counts as an
    undo). The signup goes back to "confirmed".
    """
    old = session.get(CheckIn, check_in_id)
    if old is None:
        raise NotFoundError(f"no check-in with id {check_in_id}")
    undo = CheckIn(
        event_id=old.event_id, shift_id=old.shift_id, person_id=old.person_id, signup_id=None,
        checked_in_at=dt.datetime.now(dt.UTC), walk_in=old.walk_in, supersedes_id=old.id,
    )
    session.add(undo)
    if old.signup_id:
        su = session.get(Signup, old.signup_id)
        if su is not None and su.status == "completed":
            su.status = "confirmed"
    session.flush()


@dataclass(frozen=True)
class ArrivalCounts:
    """Live figures for the sign-in table."""

    rsvps: int
    arrived: int
    arrived_from_rsvps: int
    walk_ins: int
    waitlisted: int
    capacity: int | None


def arrival_counts(session: Session, event_id: str) -> ArrivalCounts:
    """RSVPs (said they would come) against arrivals (checked in), from SQL counts."""
    ev = _event(session, event_id)
    live = and_(Signup.event_id == event_id, Signup.deleted.is_(False))
    rsvp_cond = and_(live, Signup.walk_in.is_(False), Signup.waitlisted.is_(False), Signup.status.in_(RSVP_STATUSES))
    rsvps = session.scalar(select(func.count(func.distinct(Signup.person_id))).where(rsvp_cond)) or 0
    arrived_people = select(CheckIn.person_id).where(_live_checkins(event_id), CheckIn.signup_id.is_not(None))
    arrived = session.scalar(select(func.count(func.distinct(CheckIn.person_id))).where(
        _live_checkins(event_id), CheckIn.signup_id.is_not(None))) or 0
    from_rsvps = session.scalar(
        select(func.count(func.distinct(Signup.person_id))).where(rsvp_cond, Signup.person_id.in_(arrived_people))
    ) or 0
    walk_ins = session.scalar(
        select(func.count(func.distinct(Signup.person_id))).where(live, Signup.walk_in.is_(True))
    ) or 0
    waitlisted = session.scalar(
        select(func.count()).select_from(Signup).where(live, Signup.waitlisted.is_(True), Signup.status.in_(SEAT_STATUSES))
    ) or 0
    return ArrivalCounts(int(rsvps), int(arrived), int(from_rsvps), int(walk_ins), int(waitlisted), ev.capacity)


# --------------------------------------------------------------------------- exports
