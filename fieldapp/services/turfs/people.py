"""People on turfs: assigning captains and canvassers, and the turf list with its counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.core.db import Store
from fieldapp.core.models import Door, Person, Turf, TurfAssignment, Volunteer
from fieldapp.errors import InputError
from fieldapp.services.turfs.finding import find_turf, find_volunteer


def assign_volunteer(store: Store, turf: str, volunteer: str, role: str = "canvasser") -> str:
    """Assign a volunteer (name or id) to a turf (name or id) as captain or canvasser.

    Assigning the same person in the same role twice is a no-op. Returns a
    sentence saying what happened.
    """
    if role not in ("captain", "canvasser"):
        raise InputError(f"role must be captain or canvasser, not {role!r}")
    with store.transaction() as session:
        t = find_turf(session, turf)
        v = find_volunteer(session, volunteer)
        person = session.get(Person, v.person_id)
        who = f"{person.first_name} {person.last_name}".strip() if person else v.id
        already = session.scalar(
            select(TurfAssignment).where(
                TurfAssignment.turf_id == t.id, TurfAssignment.volunteer_id == v.id,
                TurfAssignment.role == role, TurfAssignment.deleted.is_(False),
            )
        )
        if already is not None:
            return f"{who} is already {role} of {t.name}"
        if role == "captain":
            for old in session.scalars(
                select(TurfAssignment).where(
                    TurfAssignment.turf_id == t.id, TurfAssignment.role == "captain",
                    TurfAssignment.deleted.is_(False),
                )
            ):
                old.deleted = True  # one captain per turf
        session.add(TurfAssignment(turf_id=t.id, volunteer_id=v.id, role=role))
        if t.status == "open":
            t.status = "assigned"
        return f"{who} is now {role} of {t.name}"


def unassign_volunteer(store: Store, turf: str, volunteer: str) -> str:
    with store.transaction() as session:
        t = find_turf(session, turf)
        v = find_volunteer(session, volunteer)
        rows = list(session.scalars(
            select(TurfAssignment).where(
                TurfAssignment.turf_id == t.id, TurfAssignment.volunteer_id == v.id,
                TurfAssignment.deleted.is_(False),
            )
        ))
        for row in rows:
            row.deleted = True
        return f"removed {len(rows)} assignment(s) from {t.name}"


@dataclass
class TurfSummary:
    id: str
    name: str
    status: str
    doors: int
    captain: str
    canvassers: list[str]


def list_turfs(session: Session) -> list[TurfSummary]:
    """Every live turf with its door count and the people assigned."""
    counts: dict[str, int] = {}
    for counted_turf, n in session.execute(
        select(Door.turf_id, func.count())
        .where(Door.deleted.is_(False), Door.merged_into_id.is_(None), Door.turf_id.is_not(None))
        .group_by(Door.turf_id)
    ):
        counts[str(counted_turf)] = int(n)
    people: dict[str, tuple[str, list[str]]] = {}
    for turf_id, role, first, last in session.execute(
        select(TurfAssignment.turf_id, TurfAssignment.role, Person.first_name, Person.last_name)
        .join(Volunteer, Volunteer.id == TurfAssignment.volunteer_id)
        .join(Person, Person.id == Volunteer.person_id)
        .where(TurfAssignment.deleted.is_(False))
        .order_by(Person.last_name, Person.first_name)
    ):
        captain, crew = people.setdefault(turf_id, ("", []))
        name = f"{first} {last}".strip()
        if role == "captain":
            people[turf_id] = (name, crew)
        else:
            crew.append(name)
    out = []
    for t in session.scalars(select(Turf).where(Turf.deleted.is_(False)).order_by(Turf.name)):
        captain, crew = people.get(t.id, ("", []))
        out.append(TurfSummary(t.id, t.name, t.status, int(counts.get(t.id, 0)), captain, crew))
    return out
