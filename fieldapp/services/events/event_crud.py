"""Events: create, edit, duplicate, cancel, look up and list; the host organizations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.core.models import (
    EVENT_KINDS,
    Event,
    EventHost,
    Organization,
)
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services.events._rows import _event, _set
from fieldapp.services.events.shift_crud import add_shift, shifts
from fieldapp.services.events.times import _LocalTimes, to_utc, zone


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




def organizations(session: Session) -> list[tuple[str, str, str]]:
    """(id, name, short code) of the live coalition organizations."""
    return [
        (o.id, o.name, o.short_code)
        for o in session.scalars(select(Organization).where(Organization.deleted.is_(False)).order_by(Organization.name))
    ]
