"""Figures for the dashboard and ``fieldapp report``: canvassing and events.

Definitions (the same everywhere, so the dashboard and the CSV agree):

* an attempt counts only when no correction supersedes it, and only door
  knocks (``channel == "door"``) count for canvassing;
* **doors knocked**: distinct (door, day) visits: a door knocked on Monday and
  again on Thursday is two knocks, a household entered person by person is one;
* **contacts made**: those visits with a conversation (``CONTACT_RESULTS``);
* **contact rate**: contacts / doors knocked;
* **supporters identified**: distinct people (or doors, for a door-level
  attempt) rated 1 or 2 on the support scale;
* events: **RSVPs** are signups that said yes (scheduled, confirmed,
  completed, no-show; not walk-ins, not waitlisted), **attended** is everyone
  checked in (walk-ins included), **no-shows** are RSVPs who did not check in,
  counted only once the event has ended.

Days are calendar days in the time zone asked for (default UTC).

CSV cells that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import IO, Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from fieldapp.core.models import (
    CONTACT_RESULTS,
    CheckIn,
    ContactAttempt,
    Event,
    EventHost,
    Organization,
    Person,
    Signup,
    Turf,
    Volunteer,
)
from fieldapp.errors import InputError
from fieldapp.services import rules

log = logging.getLogger(__name__)

GROUPINGS: tuple[str, ...] = ("day", "turf", "canvasser", "organization")
RSVP_STATUSES = ("scheduled", "confirmed", "completed", "no_show")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula.

    Text starting with ``= + - @``, tab or carriage return gets a leading
    ``'``. Numbers are left alone (a negative number is data, not a formula).
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# --------------------------------------------------------------------------- canvassing


@dataclass(frozen=True)
class AttemptRow:
    """One live door attempt with the names the reports group by."""

    door_id: str
    person_id: str | None
    attempted_at: dt.datetime
    result_code: str
    support: int | None
    turf_id: str | None
    turf_name: str
    canvasser_id: str | None
    canvasser_name: str
    organization_id: str | None
    organization_name: str


def attempt_rows(session: Session) -> list[AttemptRow]:
    """Every live (not superseded) door attempt, with turf, canvasser and org names."""
    knocker = aliased(Person)
    stmt = (
        select(
            ContactAttempt.door_id, ContactAttempt.person_id, ContactAttempt.attempted_at,
            ContactAttempt.result_code, ContactAttempt.support, ContactAttempt.turf_id, Turf.name,
            ContactAttempt.canvasser_id, knocker.first_name, knocker.last_name,
            ContactAttempt.organization_id, Organization.name,
        )
        .outerjoin(Turf, Turf.id == ContactAttempt.turf_id)
        .outerjoin(Volunteer, Volunteer.id == ContactAttempt.canvasser_id)
        .outerjoin(knocker, knocker.id == Volunteer.person_id)
        .outerjoin(Organization, Organization.id == ContactAttempt.organization_id)
        .where(rules.live_door_attempt())
    )
    return [
        AttemptRow(
            door_id=d, person_id=p, attempted_at=at, result_code=rc, support=s, turf_id=t,
            turf_name=tn or "", canvasser_id=c, canvasser_name=f"{cf or ''} {cl or ''}".strip(),
            organization_id=o, organization_name=on or "",
        )
        for d, p, at, rc, s, t, tn, c, cf, cl, o, on in session.execute(stmt)
    ]


@dataclass
class CanvassFigures:
    key: str
    label: str
    doors_knocked: int = 0
    contacts: int = 0
    supporters: int = 0
    attempts: int = 0

    @property
    def contact_rate(self) -> float:
        return self.contacts / self.doors_knocked if self.doors_knocked else 0.0


def campaign_zone(session: Session) -> str:
    """The campaign's time zone, in which reports and the Dashboard count days.

    The zone most of its live events are in (ties: the first by name), else UTC.
    """
    zone = session.scalar(
        select(Event.timezone).where(Event.deleted.is_(False))
        .group_by(Event.timezone).order_by(func.count().desc(), Event.timezone).limit(1))
    return zone or "UTC"


def _tz(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except Exception as exc:
        raise InputError(f"unknown time zone {name!r}", where="--tz") from exc


def canvass_figures(
    session: Session,
    by: str,
    *,
    tz: str = "UTC",
    since: dt.date | None = None,
    until: dt.date | None = None,
    rows: Iterable[AttemptRow] | None = None,
) -> list[CanvassFigures]:
    """Canvass figures grouped ``by`` day, turf, canvasser or organization.

    Days come in date order; the other groupings by doors knocked, most first.
    ``since``/``until`` (inclusive, local days) limit the attempts counted.
    """
    if by not in GROUPINGS:
        raise InputError(f"cannot group by {by!r} (use one of: {', '.join(GROUPINGS)})", where="by")
    zone = _tz(tz)
    visits: dict[str, set[tuple[str, dt.date]]] = {}
    contacts: dict[str, set[tuple[str, dt.date]]] = {}
    supporters: dict[str, set[str]] = {}
    attempts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for r in rows if rows is not None else attempt_rows(session):
        day = r.attempted_at.astimezone(zone).date()
        if (since and day < since) or (until and day > until):
            continue
        if by == "day":
            key, label = day.isoformat(), day.isoformat()
        elif by == "turf":
            key, label = r.turf_id or "", r.turf_name or "(no turf)"
        elif by == "canvasser":
            key, label = r.canvasser_id or "", r.canvasser_name or "(unknown canvasser)"
        else:
            key, label = r.organization_id or "", r.organization_name or "(no organization)"
        labels[key] = label
        attempts[key] = attempts.get(key, 0) + 1
        visits.setdefault(key, set()).add((r.door_id, day))
        if r.result_code in CONTACT_RESULTS:
            contacts.setdefault(key, set()).add((r.door_id, day))
        if r.support is not None and r.support <= 2:
            supporters.setdefault(key, set()).add(r.person_id or "door:" + r.door_id)
    out = [
        CanvassFigures(
            key=k, label=labels[k], doors_knocked=len(visits.get(k, ())), contacts=len(contacts.get(k, ())),
            supporters=len(supporters.get(k, ())), attempts=attempts[k],
        )
        for k in labels
    ]
    if by == "day":
        out.sort(key=lambda f: f.key)
    else:
        out.sort(key=lambda f: (-f.doors_knocked, f.label))
    return out


def canvass_totals(session: Session, *, tz: str = "UTC", rows: Iterable[AttemptRow] | None = None) -> CanvassFigures:
    """The whole campaign in one line (same definitions as the groupings)."""
    zone = _tz(tz)
    total = CanvassFigures(key="", label="All")
    visits: set[tuple[str, dt.date]] = set()
    contacts: set[tuple[str, dt.date]] = set()
    supporters: set[str] = set()
    for r in rows if rows is not None else attempt_rows(session):
        day = r.attempted_at.astimezone(zone).date()
        total.attempts += 1
        visits.add((r.door_id, day))
        if r.result_code in CONTACT_RESULTS:
            contacts.add((r.door_id, day))
        if r.support is not None and r.support <= 2:
            supporters.add(r.person_id or "door:" + r.door_id)
    total.doors_knocked, total.contacts, total.supporters = len(visits), len(contacts), len(supporters)
    return total


# --------------------------------------------------------------------------- events


@dataclass
class EventFigures:
    event_id: str
    title: str
    kind: str
    starts_at: dt.datetime
    status: str
    rsvps: int = 0
    attended: int = 0
    walk_ins: int = 0
    no_shows: int | None = None
    capacity: int | None = None
    hosts: list[str] = field(default_factory=list)

    @property
    def no_show_rate(self) -> float | None:
        if self.no_shows is None or not self.rsvps:
            return None
        return self.no_shows / self.rsvps


def _live_checkin_people(session: Session) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for eid, pid in session.execute(
        select(CheckIn.event_id, CheckIn.person_id).where(rules.live_check_in())
    ):
        out.setdefault(eid, set()).add(pid)
    return out


def event_figures(session: Session, *, now: dt.datetime | None = None) -> list[EventFigures]:
    """RSVPs, attendance and no-shows for every live event, by start time."""
    now = now or dt.datetime.now(dt.UTC)
    events = list(session.scalars(select(Event).where(Event.deleted.is_(False)).order_by(Event.starts_at, Event.title)))
    hosts: dict[str, list[str]] = {}
    for eid, code in session.execute(
        select(EventHost.event_id, Organization.short_code)
        .join(Organization, Organization.id == EventHost.organization_id)
        .where(EventHost.deleted.is_(False))
        .order_by(Organization.short_code)
    ):
        hosts.setdefault(eid, []).append(code)
    rsvp: dict[str, set[str]] = {}
    marked_no_show: dict[str, set[str]] = {}
    walk: dict[str, set[str]] = {}
    for eid, pid, status, walk_in, waitlisted in session.execute(
        select(Signup.event_id, Signup.person_id, Signup.status, Signup.walk_in, Signup.waitlisted).where(
            Signup.deleted.is_(False)
        )
    ):
        if walk_in:
            walk.setdefault(eid, set()).add(pid)
        elif not waitlisted and status in RSVP_STATUSES:
            rsvp.setdefault(eid, set()).add(pid)
            if status == "no_show":
                marked_no_show.setdefault(eid, set()).add(pid)
    came = _live_checkin_people(session)
    out = []
    for ev in events:
        said_yes = rsvp.get(ev.id, set())
        arrived = came.get(ev.id, set())
        ended = ev.ends_at <= now and ev.status != "cancelled"
        no_shows: int | None
        if ended:
            no_shows = len(said_yes - arrived)
        elif marked_no_show.get(ev.id):
            no_shows = len(marked_no_show[ev.id] - arrived)
        else:
            no_shows = None
        out.append(
            EventFigures(
                event_id=ev.id, title=ev.title, kind=ev.kind, starts_at=ev.starts_at, status=ev.status,
                rsvps=len(said_yes), attended=len(arrived), walk_ins=len(walk.get(ev.id, set()) & arrived),
                no_shows=no_shows, capacity=ev.capacity, hosts=hosts.get(ev.id, []),
            )
        )
    return out


# --------------------------------------------------------------------------- tables for output


@dataclass
class ReportTable:
    """A report as columns and rows of plain values (for text, CSV and JSON)."""

    name: str
    columns: list[tuple[str, str]]  # (key, header)
    rows: list[dict[str, Any]]

    def as_json(self) -> str:
        return json.dumps({"report": self.name, "rows": self.rows}, indent=2, ensure_ascii=False, default=str)

    def write_csv(self, fh: IO[str]) -> None:
        writer = csv.writer(fh)
        writer.writerow([key for key, _ in self.columns])
        for row in self.rows:
            writer.writerow([safe_cell(_plain(row.get(key))) for key, _ in self.columns])

    def as_text(self) -> str:
        headers = [h for _, h in self.columns]
        body = [[_fmt(row.get(k)) for k, _ in self.columns] for row in self.rows]
        widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(headers)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
        lines.append("  ".join("-" * w for w in widths))
        for r in body:
            lines.append("  ".join(
                c.rjust(w) if _numeric(c) else c.ljust(w) for c, w in zip(r, widths, strict=True)
            ))
        return "\n".join(line.rstrip() for line in lines)


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return value


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value * 100:.1f}%"
    return str(value)


def _numeric(text: str) -> bool:
    return text.replace("%", "").replace(".", "").replace(",", "").isdigit()


CANVASS_COLUMNS = [
    ("doors_knocked", "Doors knocked"),
    ("contacts", "Contacts"),
    ("contact_rate", "Contact rate"),
    ("supporters", "Supporters (1-2)"),
]


def canvass_table(session: Session, by: str, *, tz: str = "UTC", since: dt.date | None = None,
                  until: dt.date | None = None) -> ReportTable:
    figures = canvass_figures(session, by, tz=tz, since=since, until=until)
    header = {"day": "Day", "turf": "Turf", "canvasser": "Canvasser", "organization": "Organization"}[by]
    rows = [
        {by: f.label, "id": f.key, "doors_knocked": f.doors_knocked, "contacts": f.contacts,
         "contact_rate": round(f.contact_rate, 4), "supporters": f.supporters}
        for f in figures
    ]
    return ReportTable(name=by + "s" if by != "day" else "days", columns=[(by, header), *CANVASS_COLUMNS], rows=rows)


def events_table(session: Session, *, now: dt.datetime | None = None) -> ReportTable:
    rows = []
    for f in event_figures(session, now=now):
        rate = f.no_show_rate
        rows.append({
            "event": f.title, "id": f.event_id, "kind": f.kind, "starts_at": f.starts_at.isoformat(),
            "status": f.status, "hosts": " ".join(f.hosts), "capacity": f.capacity, "rsvps": f.rsvps,
            "attended": f.attended, "walk_ins": f.walk_ins, "no_shows": f.no_shows,
            "no_show_rate": None if rate is None else round(rate, 4),
        })
    return ReportTable(
        name="events",
        columns=[("event", "Event"), ("starts_at", "Starts (UTC)"), ("status", "Status"), ("hosts", "Hosts"),
                 ("rsvps", "RSVPs"), ("attended", "Attended"), ("walk_ins", "Walk-ins"),
                 ("no_shows", "No-shows"), ("no_show_rate", "No-show rate")],
        rows=rows,
    )


def organizations_table(session: Session, *, tz: str = "UTC", now: dt.datetime | None = None) -> ReportTable:
    """Per coalition organization: its canvassing, and the events it hosted."""
    canv = {f.key: f for f in canvass_figures(session, "organization", tz=tz)}
    events = event_figures(session, now=now)
    by_code: dict[str, list[EventFigures]] = {}
    for ev in events:
        for code in ev.hosts:
            by_code.setdefault(code, []).append(ev)
    rows = []
    for org in session.scalars(select(Organization).where(Organization.deleted.is_(False)).order_by(Organization.name)):
        f = canv.get(org.id, CanvassFigures(key=org.id, label=org.name))
        hosted = by_code.get(org.short_code, [])
        rows.append({
            "organization": org.name, "id": org.id, "code": org.short_code,
            "doors_knocked": f.doors_knocked, "contacts": f.contacts, "contact_rate": round(f.contact_rate, 4),
            "supporters": f.supporters, "events_hosted": len(hosted),
            "rsvps": sum(e.rsvps for e in hosted), "attended": sum(e.attended for e in hosted),
        })
    return ReportTable(
        name="organizations",
        columns=[("organization", "Organization"), ("code", "Code"), *CANVASS_COLUMNS,
                 ("events_hosted", "Events hosted"), ("rsvps", "RSVPs"), ("attended", "Attended")],
        rows=rows,
    )


REPORTS: tuple[str, ...] = ("turfs", "canvassers", "organizations", "events", "days")


def report_table(session: Session, name: str, *, tz: str = "UTC", now: dt.datetime | None = None) -> ReportTable:
    """The report ``fieldapp report NAME`` prints."""
    if name == "turfs":
        return canvass_table(session, "turf", tz=tz)
    if name == "canvassers":
        return canvass_table(session, "canvasser", tz=tz)
    if name == "days":
        return canvass_table(session, "day", tz=tz)
    if name == "organizations":
        return organizations_table(session, tz=tz, now=now)
    if name == "events":
        return events_table(session, now=now)
    raise InputError(f"no report {name!r} (use one of: {', '.join(REPORTS)})", where="report")


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard page draws, computed in one pass (plain data)."""

    totals: CanvassFigures
    by_day: list[CanvassFigures]
    by_turf: list[CanvassFigures]
    by_canvasser: list[CanvassFigures]
    by_organization: list[CanvassFigures]
    events: list[EventFigures]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def dashboard(session: Session, *, tz: str = "UTC", now: dt.datetime | None = None) -> Dashboard:
    rows = attempt_rows(session)
    return Dashboard(
        totals=canvass_totals(session, tz=tz, rows=rows),
        by_day=canvass_figures(session, "day", tz=tz, rows=rows),
        by_turf=canvass_figures(session, "turf", tz=tz, rows=rows),
        by_canvasser=canvass_figures(session, "canvasser", tz=tz, rows=rows),
        by_organization=canvass_figures(session, "organization", tz=tz, rows=rows),
        events=event_figures(session, now=now),
    )


