"""Events: scheduling, shifts, signups with a waitlist, check-in and printouts.

Times: the organizer types a local wall-clock time and picks the event's IANA
time zone ("America/Chicago"); the store keeps UTC and the zone name, so a
summit in another city shows its own local time everywhere.

Seats: a signup holds a seat when it is not waitlisted and its status is one
of :data:`SEAT_STATUSES` (scheduled, confirmed, completed; an invitation holds
none until accepted). When the shift (or the event, without shifts) is full, a
new signup goes on the waitlist; when someone declines, the first person on
the waitlist (by sign-up time) is promoted.

Check-in writes a :class:`CheckIn` fact (append-only, merged by union across
laptops) and marks the signup completed. The search runs in SQL with a limit,
so it stays instant with thousands of signups at a summit.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, and_, func, not_, or_, select
from sqlalchemy.orm import Session, aliased

from fieldapp.core import files
from fieldapp.core.models import (
    EVENT_KINDS,
    LANGUAGES,
    SIGNUP_STATUSES,
    CheckIn,
    Event,
    EventHost,
    Organization,
    Person,
    PersonOrganization,
    Shift,
    Signup,
)
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services import consent, rules
from fieldapp.services.reports import safe_cell

log = logging.getLogger(__name__)

KIND_LABELS: dict[str, str] = {
    "canvass_launch": "Canvass launch",
    "house_party": "House party",
    "phone_bank": "Phone bank",
    "rally": "Rally",
    "training": "Training",
    "summit": "Summit",
}
STATUS_LABELS: dict[str, str] = {
    "invited": "Invited",
    "scheduled": "Scheduled",
    "confirmed": "Confirmed",
    "completed": "Completed",
    "no_show": "No-show",
    "declined": "Declined",
}
SEAT_STATUSES: frozenset[str] = frozenset({"scheduled", "confirmed", "completed"})
"""Statuses that hold a seat (unless waitlisted). An invitation holds none until accepted."""
RSVP_STATUSES: frozenset[str] = frozenset({"scheduled", "confirmed", "completed", "no_show"})
"""Statuses that mean the person said they would come."""
REMIND_STATUSES: tuple[str, ...] = ("invited", "scheduled", "confirmed")


# --------------------------------------------------------------------------- time


def zone(name: str) -> ZoneInfo:
    """The IANA time zone, or a clear error naming the bad zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(
            f"unknown time zone {name!r} (use an IANA name like America/Chicago)", where="time zone"
        ) from exc


def to_utc(local: dt.datetime, tz: str) -> dt.datetime:
    """A wall-clock time in ``tz`` (naive, or aware: converted) as aware UTC."""
    if local.tzinfo is None:
        local = local.replace(tzinfo=zone(tz))
    return local.astimezone(dt.UTC)


def to_local(utc: dt.datetime, tz: str) -> dt.datetime:
    """An aware UTC time as an aware local time in ``tz``."""
    return utc.astimezone(zone(tz))


# --------------------------------------------------------------------------- events


@dataclass
class EventInput:
    """What the event form holds; start/end are local wall-clock times in ``timezone``."""

    kind: str
    title: str
    starts_local: dt.datetime
    ends_local: dt.datetime
    timezone: str = "UTC"
    description: str = ""
    place_name: str = ""
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    capacity: int | None = None
    host_organization_ids: list[str] = field(default_factory=list)
    campaign_id: str | None = None


class _LocalTimes:
    """Start and end as local times in the record's own time zone."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str

    @property
    def starts_local(self) -> dt.datetime:
        return to_local(self.starts_at, self.timezone)

    @property
    def ends_local(self) -> dt.datetime:
        return to_local(self.ends_at, self.timezone)


@dataclass(frozen=True)
class EventInfo(_LocalTimes):
    """An event as plain data (safe to hand to the GUI thread)."""

    id: str
    kind: str
    title: str
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str
    place_name: str
    address: str
    lat: float | None
    lon: float | None
    capacity: int | None
    status: str
    campaign_id: str | None
    host_organization_ids: tuple[str, ...]
    host_names: tuple[str, ...]

    def as_input(self) -> EventInput:
        return EventInput(
            kind=self.kind, title=self.title,
            starts_local=self.starts_local.replace(tzinfo=None),
            ends_local=self.ends_local.replace(tzinfo=None),
            timezone=self.timezone, description=self.description, place_name=self.place_name,
            address=self.address, lat=self.lat, lon=self.lon, capacity=self.capacity,
            host_organization_ids=list(self.host_organization_ids), campaign_id=self.campaign_id,
        )


def _validate(session: Session, data: EventInput) -> tuple[dt.datetime, dt.datetime]:
    if data.kind not in EVENT_KINDS:
        raise InputError(f"unknown event kind {data.kind!r} (use one of: {', '.join(EVENT_KINDS)})", where="kind")
    if not data.title.strip():
        raise InputError("an event needs a title", where="title")
    zone(data.timezone)
    start = to_utc(data.starts_local, data.timezone)
    end = to_utc(data.ends_local, data.timezone)
    if end <= start:
        raise InputError("the event must end after it starts", where="end")
    if data.capacity is not None and data.capacity < 0:
        raise InputError("capacity cannot be negative", where="capacity")
    if (data.lat is None) != (data.lon is None):
        raise InputError("give both latitude and longitude, or neither", where="place")
    if data.lat is not None and not -90 <= data.lat <= 90:
        raise InputError(f"latitude {data.lat} is outside -90..90", where="latitude")
    if data.lon is not None and not -180 <= data.lon <= 180:
        raise InputError(f"longitude {data.lon} is outside -180..180", where="longitude")
    for org_id in data.host_organization_ids:
        org = session.get(Organization, org_id)
        if org is None or org.deleted:
            raise InputError(f"no organization with id {org_id}", where="hosts")
    return start, end


def _event(session: Session, event_id: str) -> Event:
    row = session.get(Event, event_id)
    if row is None or row.deleted:
        raise NotFoundError(f"no event with id {event_id}")
    return row


def find_event(session: Session, ref: str) -> Event:
    """An event by id, id prefix (6+ characters) or exact title (case-insensitive)."""
    row = session.get(Event, ref)
    if row is not None and not row.deleted:
        return row
    live = Event.deleted.is_(False)
    matches = list(session.scalars(select(Event).where(live, func.lower(Event.title) == ref.strip().lower())))
    if not matches and len(ref) >= 6:
        matches = list(session.scalars(select(Event).where(live, Event.id.like(ref + "%"))))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"no event {ref!r} (give its id or its exact title; `fieldapp events list` shows them)")
    raise InputError(f"{len(matches)} events match {ref!r}; give the event id", where="event")


def _set(row: Any, name: str, value: Any) -> None:
    """Write a field only when it changes, so only real changes get a clock."""
    if getattr(row, name) != value:
        setattr(row, name, value)


def _set_hosts(session: Session, event_id: str, org_ids: Sequence[str]) -> None:
    current = {
        h.organization_id: h
        for h in session.scalars(select(EventHost).where(EventHost.event_id == event_id))
    }
    wanted = list(dict.fromkeys(org_ids))
    for org_id, host in current.items():
        _set(host, "deleted", org_id not in wanted)
    for org_id in wanted:
        if org_id not in current:
            session.add(EventHost(event_id=event_id, organization_id=org_id))


def create_event(session: Session, data: EventInput) -> str:
    """Create an event with its host organizations; return its id."""
    start, end = _validate(session, data)
    row = Event(
        campaign_id=data.campaign_id, kind=data.kind, title=data.title.strip(),
        description=data.description.strip(), starts_at=start, ends_at=end, timezone=data.timezone,
        place_name=data.place_name.strip(), address=data.address.strip(), lat=data.lat, lon=data.lon,
        capacity=data.capacity, status="scheduled",
    )
    session.add(row)
    session.flush()
    _set_hosts(session, row.id, data.host_organization_ids)
    session.flush()
    return row.id


def update_event(session: Session, event_id: str, data: EventInput) -> None:
    """Write the form back; only changed fields are stamped."""
    row = _event(session, event_id)
    start, end = _validate(session, data)
    for name, value in (
        ("campaign_id", data.campaign_id if data.campaign_id is not None else row.campaign_id),
        ("kind", data.kind), ("title", data.title.strip()), ("description", data.description.strip()),
        ("starts_at", start), ("ends_at", end), ("timezone", data.timezone),
        ("place_name", data.place_name.strip()), ("address", data.address.strip()),
        ("lat", data.lat), ("lon", data.lon), ("capacity", data.capacity),
    ):
        _set(row, name, value)
    _set_hosts(session, event_id, data.host_organization_ids)
    session.flush()


def duplicate_event(
    session: Session, event_id: str, *, starts_local: dt.datetime | None = None, title: str | None = None
) -> str:
    """Copy an event with its hosts and shifts (not its signups) to a new start.

    Without ``starts_local`` the copy is one week later. Shifts keep their
    offsets from the start.
    """
    info = event_info(session, event_id)
    data = info.as_input()
    length = data.ends_local - data.starts_local
    new_start = starts_local or data.starts_local + dt.timedelta(days=7)
    # Wall-clock offsets in the event's zone, so a copy across a DST change keeps its hours.
    delta = new_start - data.starts_local
    data = replace(data, starts_local=new_start, ends_local=new_start + length, title=title or info.title)
    new_id = create_event(session, data)
    for s in shifts(session, event_id):
        add_shift(
            session, new_id,
            starts_local=s.starts_local.replace(tzinfo=None) + delta,
            ends_local=s.ends_local.replace(tzinfo=None) + delta,
            role=s.role, capacity=s.capacity,
        )
    return new_id


def cancel_event(session: Session, event_id: str, *, cancelled: bool = True) -> None:
    """Cancel (or reinstate) an event; signups are kept so people can be told."""
    _set(_event(session, event_id), "status", "cancelled" if cancelled else "scheduled")
    session.flush()


def _hosts(session: Session, event_ids: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    ids = list(event_ids)
    out: dict[str, list[tuple[str, str]]] = {}
    if not ids:
        return out
    for eid, oid, name in session.execute(
        select(EventHost.event_id, Organization.id, Organization.name)
        .join(Organization, Organization.id == EventHost.organization_id)
        .where(EventHost.event_id.in_(ids), EventHost.deleted.is_(False))
        .order_by(Organization.name)
    ):
        out.setdefault(eid, []).append((oid, name))
    return out


def _info(row: Event, hosts: list[tuple[str, str]]) -> EventInfo:
    return EventInfo(
        id=row.id, kind=row.kind, title=row.title, description=row.description,
        starts_at=row.starts_at, ends_at=row.ends_at, timezone=row.timezone,
        place_name=row.place_name, address=row.address, lat=row.lat, lon=row.lon,
        capacity=row.capacity, status=row.status, campaign_id=row.campaign_id,
        host_organization_ids=tuple(h[0] for h in hosts), host_names=tuple(h[1] for h in hosts),
    )


def event_info(session: Session, event_id: str) -> EventInfo:
    row = _event(session, event_id)
    return _info(row, _hosts(session, [event_id]).get(event_id, []))


def list_events(
    session: Session, *, include_cancelled: bool = True, since: dt.datetime | None = None
) -> list[EventInfo]:
    """Live events by start time."""
    stmt = select(Event).where(Event.deleted.is_(False)).order_by(Event.starts_at, Event.title)
    if not include_cancelled:
        stmt = stmt.where(Event.status != "cancelled")
    if since is not None:
        stmt = stmt.where(Event.ends_at >= since)
    rows = list(session.scalars(stmt))
    hosts = _hosts(session, [r.id for r in rows])
    return [_info(r, hosts.get(r.id, [])) for r in rows]


# --------------------------------------------------------------------------- shifts


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


@dataclass(frozen=True)
class SignupRow:
    """A signup as the sign-in table and lists show it (plain data)."""

    signup_id: str
    person_id: str
    first_name: str
    last_name: str
    phone: str
    email: str
    status: str
    waitlisted: bool
    walk_in: bool
    shift_id: str | None
    shift_role: str
    organization: str
    checked_in: bool
    do_not_call: bool
    language: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _phone_digits_sql() -> Any:
    expr: Any = Person.phone
    for ch in ("-", " ", "(", ")", ".", "+"):
        expr = func.replace(expr, ch, "")
    return expr


def _live_checkins(event_id: str) -> Any:
    """Check-ins that count: not superseded, and not an undo marker."""
    return and_(CheckIn.event_id == event_id, rules.live_check_in())


def signup_rows(
    session: Session,
    event_id: str,
    query: str = "",
    *,
    limit: int | None = None,
    offset: int = 0,
    statuses: Iterable[str] | None = None,
    include_declined: bool = True,
) -> list[SignupRow]:
    """Signups of an event with their person, filtered by a search in SQL.

    ``query`` matches the start of the first or last name, the full name, the
    email, or the digits of the phone number, case-insensitively. Sorted by
    last name, first name.
    """
    _event(session, event_id)
    checked = (
        select(CheckIn.person_id).where(_live_checkins(event_id)).scalar_subquery()
    )
    org = aliased(Organization)
    stmt = (
        select(
            Signup.id, Person.id, Person.first_name, Person.last_name, Person.phone, Person.email,
            Signup.status, Signup.waitlisted, Signup.walk_in, Signup.shift_id,
            func.coalesce(Shift.role, ""), func.coalesce(org.short_code, ""),
            Person.id.in_(checked), Person.do_not_call, Person.language,
        )
        .join(Person, Person.id == Signup.person_id)
        .outerjoin(Shift, Shift.id == Signup.shift_id)
        .outerjoin(org, org.id == Signup.organization_id)
        .where(Signup.event_id == event_id, Signup.deleted.is_(False))
        .order_by(func.lower(Person.last_name), func.lower(Person.first_name), Signup.id)
    )
    if statuses is not None:
        stmt = stmt.where(Signup.status.in_(list(statuses)))
    elif not include_declined:
        stmt = stmt.where(Signup.status != "declined")
    stmt = stmt.where(search_clause(query))
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return [SignupRow(*r) for r in session.execute(stmt)]  # type: ignore[call-arg]


def search_clause(query: str) -> Any:
    q = query.strip().lower()
    if not q:
        return and_(True)
    like = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    first, last = func.lower(Person.first_name), func.lower(Person.last_name)
    parts = [
        first.like(like + "%", escape="\\"),
        last.like(like + "%", escape="\\"),
        (first + " " + last).like(like + "%", escape="\\"),
        func.lower(Person.email).like(like + "%", escape="\\"),
    ]
    digits = _digits(q)
    if len(digits) >= 3 and len(digits) >= len(q.replace(" ", "").replace("-", "")) - 2:
        parts.append(_phone_digits_sql().like("%" + digits + "%"))
    return or_(*parts)


def count_signups(session: Session, event_id: str, query: str = "") -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Signup)
            .join(Person, Person.id == Signup.person_id)
            .where(Signup.event_id == event_id, Signup.deleted.is_(False), search_clause(query))
        )
        or 0
    )


# --------------------------------------------------------------------------- check-in


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


def ics_bytes(session: Session, event_ids: Sequence[str] | None = None) -> bytes:
    """The events as an iCalendar file (RFC 5545) that calendar apps import.

    Times carry their IANA zone (with VTIMEZONE blocks); cancelled events are
    kept with ``STATUS:CANCELLED`` so calendars that imported them update.
    """
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//Field App//Events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Field App events")
    events = list_events(session) if event_ids is None else [event_info(session, i) for i in event_ids]
    stamp = dt.datetime.now(dt.UTC)
    for ev in events:
        item = icalendar.Event()
        item.add("uid", f"{ev.id}@fieldapp")
        item.add("dtstamp", stamp)
        item.add("summary", ev.title)
        item.add("dtstart", ev.starts_local)
        item.add("dtend", ev.ends_local)
        desc = ev.description
        if ev.host_names:
            desc = (desc + "\n\n" if desc else "") + "Hosted by " + ", ".join(ev.host_names)
        if desc:
            item.add("description", desc)
        where = ", ".join(p for p in (ev.place_name, ev.address) if p)
        if where:
            item.add("location", where)
        if ev.lat is not None and ev.lon is not None:
            item.add("geo", (ev.lat, ev.lon))
        item.add("categories", [KIND_LABELS.get(ev.kind, ev.kind)])
        item.add("status", "CANCELLED" if ev.status == "cancelled" else "CONFIRMED")
        cal.add_component(item)
    cal.add_missing_timezones()  # icalendar >= 6.1: a VTIMEZONE for each zone used
    return bytes(cal.to_ical())


def write_ics(session: Session, path: Path, event_ids: Sequence[str] | None = None) -> int:
    data = ics_bytes(session, event_ids)
    _atomic_write(path, data)
    return data.count(b"BEGIN:VEVENT")


def _atomic_write(path: Path, data: bytes) -> None:
    files.write_bytes(path, data)


def call_list(session: Session, event_id: str, statuses: Iterable[str] = REMIND_STATUSES) -> tuple[list[SignupRow], int]:
    """People to call with a reminder, and how many were left out (no phone, do not call,
    or a voter file that says removed, cancelled or deceased)."""
    from fieldapp.services.voterstatus import listable

    rows = signup_rows(session, event_id, statuses=list(statuses))
    ids = sorted({r.person_id for r in rows})
    off: set[str] = set()
    for start in range(0, len(ids), 900):
        off.update(session.scalars(select(Person.id).where(
            Person.id.in_(ids[start:start + 900]), not_(listable(Person)))))
    keep = [r for r in rows if r.phone and not r.do_not_call and not r.waitlisted
            and r.person_id not in off]
    return keep, len(rows) - len(keep)


CALL_LIST_HEADER = ["first_name", "last_name", "phone", "language", "status", "shift", "organization"]


def write_call_list(session: Session, event_id: str, fh: IO[str]) -> tuple[int, int]:
    """Write the reminder call list as CSV (formula-safe); return (written, left out)."""
    rows, left_out = call_list(session, event_id)
    writer = csv.writer(fh)
    writer.writerow(CALL_LIST_HEADER)
    for r in rows:
        writer.writerow([safe_cell(v) for v in (r.first_name, r.last_name, r.phone, r.language,
                                                r.status, r.shift_role, r.organization)])
    return len(rows), left_out


def write_signin_pdf(session: Session, event_id: str, path: Path, *, blank_rows: int = 15) -> int:
    """A printable sign-in sheet: the RSVPs by last name, then blank rows for walk-ins.

    Returns the number of RSVP rows printed. Declined and waitlisted signups
    are left off; a check box column marks who arrived.
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import inch
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    ev = event_info(session, event_id)
    rows = [
        r for r in signup_rows(session, event_id, statuses=list(RSVP_STATUSES | {"invited"}))
        if not r.waitlisted
    ]
    styles = getSampleStyleSheet()
    start = ev.starts_local
    when = f"{start:%A %B} {start.day}, {start:%Y} · {start:%I:%M %p}".replace(" 0", " ")
    when += f" – {ev.ends_local:%I:%M %p}".replace(" 0", " ") + f" ({ev.timezone})"
    story: list[Any] = [
        Paragraph(_esc(ev.title) + (" (CANCELLED)" if ev.status == "cancelled" else ""), styles["Title"]),
        Paragraph(_esc(when), styles["Normal"]),
        Paragraph(_esc(", ".join(p for p in (ev.place_name, ev.address) if p)), styles["Normal"]),
    ]
    if ev.host_names:
        story.append(Paragraph(_esc("Hosted by " + ", ".join(ev.host_names)), styles["Normal"]))
    # The note goes above the table so a full sheet never spills a lone line onto a new page.
    story.append(Paragraph(
        _esc(f"{len(rows)} RSVPs. Walk-ins: please print your name, phone and email, and write "
             "\"no calls\" or \"no texts\" beside your number if you do not want us to contact you "
             "that way."), styles["Italic"]))
    story.append(Spacer(1, 0.12 * inch))
    header = ["In", "Name", "Phone", "Email", "Org", "Shift"]
    data: list[list[Any]] = [header]
    for r in rows:
        data.append(["", f"{r.last_name}, {r.first_name}", r.phone, r.email, r.organization, r.shift_role])
    data.append(["", "Walk-ins (please print)", "", "", "", ""])
    walk_row = len(data) - 1
    for _ in range(blank_rows):
        data.append(["", "", "", "", "", ""])
    widths = [0.4 * inch, 1.9 * inch, 1.2 * inch, 2.2 * inch, 0.7 * inch, 0.9 * inch]
    table = Table(data, colWidths=widths, repeatRows=1, rowHeights=[0.24 * inch] + [0.27 * inch] * (len(data) - 1))
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("SPAN", (1, walk_row), (-1, walk_row)),
                ("BACKGROUND", (0, walk_row), (-1, walk_row), colors.HexColor("#eeeeee")),
                ("FONT", (0, walk_row), (-1, walk_row), "Helvetica-Bold", 9),
            ]
        )
    )
    story.append(table)

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(0.6 * inch, 0.45 * inch, f"{ev.title} · sign-in sheet")
        canvas.drawRightString(letter[0] - 0.6 * inch, 0.45 * inch, f"Page {doc.page}")
        canvas.restoreState()

    with files.atomic_path(path) as tmp:
        doc = SimpleDocTemplate(
            str(tmp), pagesize=letter, leftMargin=0.6 * inch, rightMargin=0.6 * inch,
            topMargin=0.6 * inch, bottomMargin=0.7 * inch, title=f"Sign-in: {ev.title}",
            author="Field App",
        )
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return len(rows)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def organizations(session: Session) -> list[tuple[str, str, str]]:
    """(id, name, short code) of the live coalition organizations."""
    return [
        (o.id, o.name, o.short_code)
        for o in session.scalars(select(Organization).where(Organization.deleted.is_(False)).order_by(Organization.name))
    ]
