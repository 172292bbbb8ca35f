"""Small, fast reads for the pages: counts, door and person details, events.

The GUI makes these on its own thread (each well under 50 ms); anything slower
belongs in a service run through the task runner. Contact history and counts
leave out attempts that a correction superseded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from fieldapp.core.db import Store
from fieldapp.core.models import (
    CONTACT_RESULTS,
    Campaign,
    ContactAttempt,
    Door,
    Event,
    Organization,
    Person,
    PersonOrganization,
    Signup,
    Turf,
    TurfAssignment,
    Volunteer,
)
from fieldapp.services import rules
from fieldapp.services.canvass import live_attempts_clause


def campaign_name(store: Store) -> str:
    """The name of the store's first campaign ("" when there is none)."""
    with store.session() as session:
        name = session.scalar(
            select(Campaign.name).where(Campaign.deleted.is_(False))
            .order_by(Campaign.born_hlc, Campaign.id).limit(1)
        )
    return name or ""


def store_is_empty(store: Store) -> bool:
    """No campaign and no door: the welcome screen's cue."""
    with store.session() as session:
        has_campaign = session.scalar(select(Campaign.id).limit(1)) is not None
        has_door = session.scalar(select(Door.id).limit(1)) is not None
    return not (has_campaign or has_door)


@dataclass(frozen=True)
class SetupState:
    """How far a campaign is set up: the pages' first-step hints follow it."""

    has_doors: bool
    has_turfs: bool


def setup_state(store: Store) -> SetupState:
    """Whether the store has any live door and any live turf (two one-row reads)."""
    with store.session() as session:
        door = session.scalar(select(Door.id).where(Door.deleted.is_(False)).limit(1))
        turf = session.scalar(select(Turf.id).where(Turf.deleted.is_(False)).limit(1))
    return SetupState(has_doors=door is not None, has_turfs=turf is not None)


@dataclass
class Counts:
    doors: int
    people: int
    turfs: int
    attempts: int
    contacts: int
    doors_knocked: int
    upcoming_events: int
    organizations: int


def counts(store: Store, now: dt.datetime | None = None) -> Counts:
    """The dashboard's figures (live records only)."""
    now = now or dt.datetime.now(dt.UTC)
    live = rules.live_door_attempt()  # the same attempts `fieldapp report` counts
    with store.session() as session:
        def count(q: object) -> int:
            return int(session.scalar(q) or 0)  # type: ignore[call-overload]

        return Counts(
            doors=count(select(func.count()).select_from(Door).where(Door.deleted.is_(False))),
            people=count(select(func.count()).select_from(Person)
                         .where(Person.deleted.is_(False))),
            turfs=count(select(func.count()).select_from(Turf).where(Turf.deleted.is_(False))),
            attempts=count(select(func.count()).select_from(ContactAttempt).where(live)),
            contacts=count(select(func.count()).select_from(ContactAttempt)
                           .where(live, ContactAttempt.result_code.in_(CONTACT_RESULTS))),
            doors_knocked=count(
                select(func.count(func.distinct(ContactAttempt.door_id))).where(live)
            ),
            upcoming_events=count(
                select(func.count()).select_from(Event)
                .where(Event.deleted.is_(False), Event.status == "scheduled",
                       Event.ends_at >= now)
            ),
            organizations=count(select(func.count()).select_from(Organization)
                                .where(Organization.deleted.is_(False))),
        )


@dataclass
class PersonLine:
    id: str
    name: str
    phone: str
    email: str
    language: str
    flags: list[str]
    voter_status: str = ""
    party: str = ""


@dataclass
class AttemptLine:
    at: dt.datetime
    result: str
    support: int | None
    canvasser: str
    person: str
    notes: str
    organization: str


@dataclass
class DoorDetail:
    id: str
    address: str
    unit: str
    city_line: str
    turf: str
    do_not_knock: bool
    do_not_knock_reason: str
    notes: str
    lat: float | None
    lon: float | None
    people: list[PersonLine]
    attempts: list[AttemptLine]
    building_units: int


def _person_name(first: str | None, last: str | None) -> str:
    return f"{first or ''} {last or ''}".strip()


def _attempts(session: Session, where: Any) -> list[AttemptLine]:
    knocker = aliased(Person)
    subject = aliased(Person)
    rows = session.execute(
        select(ContactAttempt.attempted_at, ContactAttempt.result_code, ContactAttempt.support,
               knocker.first_name, knocker.last_name, subject.first_name, subject.last_name,
               ContactAttempt.notes, Organization.short_code)
        .outerjoin(Volunteer, Volunteer.id == ContactAttempt.canvasser_id)
        .outerjoin(knocker, knocker.id == Volunteer.person_id)
        .outerjoin(subject, subject.id == ContactAttempt.person_id)
        .outerjoin(Organization, Organization.id == ContactAttempt.organization_id)
        .where(where, live_attempts_clause())
        .order_by(ContactAttempt.attempted_at.desc())
        .limit(200)
    )
    return [
        AttemptLine(at=r[0], result=r[1], support=r[2], canvasser=_person_name(r[3], r[4]),
                    person=_person_name(r[5], r[6]), notes=r[7] or "", organization=r[8] or "")
        for r in rows
    ]


def _flags(p: Person) -> list[str]:
    return [name for name, on in (("DNC", p.do_not_call), ("DNT", p.do_not_text),
                                  ("DNE", p.do_not_email)) if on]


def door_detail(store: Store, door_id: str) -> DoorDetail | None:
    """A door with its household and contact history (newest first)."""
    with store.session() as session:
        door = session.get(Door, door_id)
        if door is None:
            return None
        turf = session.get(Turf, door.turf_id) if door.turf_id else None
        people = session.scalars(
            select(Person).where(Person.door_id == door_id, Person.deleted.is_(False))
            .order_by(Person.last_name, Person.first_name)
        ).all()
        units = int(session.scalar(
            select(func.count()).select_from(Door)
            .where(Door.building_key == door.building_key, Door.deleted.is_(False))
        ) or 0) if door.building_key else 1
        return DoorDetail(
            id=door.id,
            address=f"{door.street_number} {door.street_name}".strip(),
            unit=door.unit,
            city_line=f"{door.city}, {door.state} {door.zip}".strip(" ,"),
            turf=turf.name if turf else "",
            do_not_knock=door.do_not_knock,
            do_not_knock_reason=door.do_not_knock_reason,
            notes=door.notes,
            lat=door.lat,
            lon=door.lon,
            people=[PersonLine(p.id, _person_name(p.first_name, p.last_name), p.phone, p.email,
                               p.language, _flags(p), p.voter_status, p.party) for p in people],
            attempts=_attempts(session, ContactAttempt.door_id == door_id),
            building_units=units,
        )


@dataclass
class SignupLine:
    event: str
    starts_at: dt.datetime
    timezone: str
    status: str


@dataclass
class PersonDetail:
    id: str
    name: str
    phone: str
    email: str
    language: str
    flags: list[str]
    tags: list[str]
    birth_year: int | None
    party: str
    voter_id: str
    notes: str
    door_id: str | None
    address: str
    organizations: list[str]
    roles: list[str]
    attempts: list[AttemptLine]
    signups: list[SignupLine]
    voter_status: str = ""
    registration_date: str = ""
    precinct: str = ""
    ward: str = ""
    districts: dict[str, str] = field(default_factory=dict)


def person_detail(store: Store, person_id: str) -> PersonDetail | None:
    """A person with address, affiliations, contact history and event signups."""
    with store.session() as session:
        p = session.get(Person, person_id)
        if p is None:
            return None
        door = session.get(Door, p.door_id) if p.door_id else None
        address = ""
        if door is not None:
            address = " ".join(x for x in (door.street_number, door.street_name, door.unit) if x)
        orgs = session.scalars(
            select(Organization.name).join(PersonOrganization,
                                           PersonOrganization.organization_id == Organization.id)
            .where(PersonOrganization.person_id == person_id,
                   PersonOrganization.deleted.is_(False))
        ).all()
        roles = session.scalars(
            select(Volunteer.role).where(Volunteer.person_id == person_id,
                                         Volunteer.deleted.is_(False))
        ).all()
        signups = session.execute(
            select(Event.title, Event.starts_at, Event.timezone, Signup.status)
            .join(Signup, Signup.event_id == Event.id)
            .where(Signup.person_id == person_id, Signup.deleted.is_(False))
            .order_by(Event.starts_at)
        ).all()
        return PersonDetail(
            id=p.id, name=_person_name(p.first_name, p.last_name), phone=p.phone,
            email=p.email, language=p.language, flags=_flags(p),
            tags=[str(t) for t in (p.tags or [])], birth_year=p.birth_year, party=p.party,
            voter_id=p.voter_id, notes=p.notes, door_id=p.door_id, address=address,
            organizations=list(orgs), roles=list(roles),
            attempts=_attempts(session, ContactAttempt.person_id == person_id),
            signups=[SignupLine(r[0], r[1], r[2], r[3]) for r in signups],
            voter_status=p.voter_status, registration_date=p.registration_date,
            precinct=p.precinct, ward=p.ward,
            districts={str(k): str(v) for k, v in (p.districts or {}).items()},
        )


@dataclass
class EventLine:
    id: str
    title: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str
    place: str
    signups: int
    capacity: int | None


def upcoming_events(store: Store, limit: int = 5, now: dt.datetime | None = None) -> list[EventLine]:
    """The next scheduled events, soonest first, with their live signup counts."""
    now = now or dt.datetime.now(dt.UTC)
    signups = (select(func.count()).where(Signup.event_id == Event.id, Signup.deleted.is_(False),
                                          Signup.status.not_in(("declined", "no_show")))
               .correlate(Event).scalar_subquery())
    with store.session() as session:
        rows = session.execute(
            select(Event.id, Event.title, Event.kind, Event.starts_at, Event.ends_at,
                   Event.timezone, Event.place_name, signups, Event.capacity)
            .where(Event.deleted.is_(False), Event.status == "scheduled", Event.ends_at >= now)
            .order_by(Event.starts_at).limit(limit)
        ).all()
    return [EventLine(*r) for r in rows]


def result_counts(store: Store) -> dict[str, int]:
    """How many attempts ended with each result code (superseded ones left out)."""
    with store.session() as session:
        rows = session.execute(
            select(ContactAttempt.result_code, func.count())
            .where(rules.live_door_attempt())
            .group_by(ContactAttempt.result_code)
        ).all()
    return {code: int(n) for code, n in rows}


# --------------------------------------------------------------------------- pick lists


@dataclass(frozen=True)
class VolunteerChoice:
    id: str
    role: str
    first_name: str
    last_name: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def turf_choices(session: Session) -> list[tuple[str, str]]:
    """(id, name) of every live turf, by name: the turf pickers."""
    return [(tid, name) for tid, name in session.execute(
        select(Turf.id, Turf.name).where(Turf.deleted.is_(False)).order_by(Turf.name))]


def active_volunteers(session: Session, *, by_last_name: bool = False) -> list[VolunteerChoice]:
    """Live, active volunteers with their names: the canvasser and captain pickers."""
    order = ((Person.last_name, Person.first_name) if by_last_name
             else (Person.first_name, Person.last_name))
    return [VolunteerChoice(vid, role, first or "", last or "") for vid, role, first, last in
            session.execute(
                select(Volunteer.id, Volunteer.role, Person.first_name, Person.last_name)
                .join(Person, Person.id == Volunteer.person_id)
                .where(Volunteer.deleted.is_(False), Volunteer.active.is_(True))
                .order_by(*order))]


def turf_canvasser_ids(session: Session, turf_id: str) -> set[str]:
    """The volunteers assigned to a turf as canvassers."""
    return set(session.scalars(select(TurfAssignment.volunteer_id).where(
        TurfAssignment.turf_id == turf_id, TurfAssignment.deleted.is_(False),
        TurfAssignment.role == "canvasser")))


def door_address_parts(session: Session, turf_id: str) -> dict[str, tuple[str, str, str]]:
    """(number, street, unit) of each door of a turf, by door id."""
    return {door_id: (number, street, unit) for door_id, number, street, unit in session.execute(
        select(Door.id, Door.street_number, Door.street_name, Door.unit)
        .where(Door.turf_id == turf_id))}
