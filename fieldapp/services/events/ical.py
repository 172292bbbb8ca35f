"""iCalendar export (RFC 5545) of events for calendar apps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from fieldapp.core import files
from fieldapp.services.events.event_crud import event_info, list_events
from fieldapp.services.events.labels import KIND_LABELS


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
