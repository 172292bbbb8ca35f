"""What an export holds: the scope (everything, what changed, turfs, a packet) and its record ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.core.ids import is_uuid
from fieldapp.core.models import (
    SYNCED_MODELS,
    ContactAttempt,
    Door,
    EventHost,
    Organization,
    Person,
    PersonOrganization,
    Shift,
    Signup,
    SurveyQuestion,
    Synced,
    Turf,
    TurfAssignment,
    Volunteer,
)
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services.sync.common import chunks
from fieldapp.services.sync.format import FOREIGN_KEYS


@dataclass
class Scope:
    """What an export holds: everything, what changed, or some turfs."""

    kind: str = "full"  # full, since-last, turf, packet
    turfs: list[str] = field(default_factory=list)
    for_person: str | None = None
    since_hlc: int | None = None

    def as_json(self, turf_ids: list[str] | None = None) -> dict[str, Any]:
        doc: dict[str, Any] = {"kind": self.kind}
        if self.turfs:
            doc["turfs"] = self.turfs
            doc["turf_ids"] = turf_ids or []
        if self.for_person:
            doc["for_person"] = self.for_person
        if self.since_hlc is not None:
            doc["since_hlc"] = f"{self.since_hlc:016x}"
        return doc


def _ids_where(session: Session, model: type[Synced], *conds: Any) -> set[str]:
    t = model.__table__
    return set(session.execute(select(t.c.id).where(*conds)).scalars())


def _ids_in(session: Session, model: type[Synced], column: str, values: set[str]) -> set[str]:
    t = model.__table__
    out: set[str] = set()
    for chunk in chunks(sorted(values)):
        out.update(session.execute(select(t.c.id).where(t.c[column].in_(chunk))).scalars())
    return out


def close_over_parents(session: Session, ids: dict[str, set[str]]) -> None:
    """Add every parent the selected rows point at, so the bundle merges on its own."""
    changed = True
    seen: dict[str, set[str]] = {t: set() for t in ids}
    while changed:
        changed = False
        for model in reversed(SYNCED_MODELS):
            table = model.__tablename__
            fresh = ids[table] - seen[table]
            if not fresh or not FOREIGN_KEYS[table]:
                seen[table] |= fresh
                continue
            seen[table] |= fresh
            t = model.__table__
            cols = [t.c[c] for c, _ in FOREIGN_KEYS[table]]
            for chunk in chunks(sorted(fresh)):
                for row in session.execute(select(*cols).where(t.c.id.in_(chunk))):
                    for (_, target), value in zip(FOREIGN_KEYS[table], row, strict=True):
                        if value is not None and value not in ids[target]:
                            ids[target].add(value)
                            changed = True


def _resolve_turfs(session: Session, names: list[str]) -> list[str]:
    out = []
    for name in names:
        rows = list(session.execute(
            select(Turf.id).where(func.lower(Turf.name) == name.strip().lower(), Turf.deleted.is_(False))
        ).scalars())
        if not rows and is_uuid(name):
            rows = [name] if session.get(Turf, name) is not None else []
        if not rows:
            raise NotFoundError(f"no turf called {name!r}")
        if len(rows) > 1:
            raise InputError(f"{len(rows)} turfs are called {name!r}: give the turf id instead")
        out.append(rows[0])
    return out


def resolve_person(session: Session, text: str) -> str:
    """A person by id, email or full name (case-insensitive)."""
    wanted = text.strip()
    if is_uuid(wanted) and session.get(Person, wanted) is not None:
        return wanted
    live = Person.deleted.is_(False)
    rows = list(session.execute(select(Person.id).where(func.lower(Person.email) == wanted.lower(), live)).scalars())
    if not rows:
        full = func.lower(Person.first_name + " " + Person.last_name)
        rows = list(session.execute(select(Person.id).where(full == wanted.lower(), live)).scalars())
    if not rows:
        raise NotFoundError(f"no person called {text!r} (give a name, an email or an id)")
    if len(rows) > 1:
        raise InputError(f"{len(rows)} people match {text!r}: give an email or an id")
    return rows[0]


def select_ids(session: Session, scope: Scope) -> tuple[dict[str, set[str]] | None, list[str]]:
    """The record ids an export holds (``None``: every row), and the turf ids."""
    if scope.kind == "full":
        return None, []
    ids: dict[str, set[str]] = {m.__tablename__: set() for m in SYNCED_MODELS}
    turf_ids: list[str] = []
    if scope.kind == "since-last":
        assert scope.since_hlc is not None
        for model in SYNCED_MODELS:
            ids[model.__tablename__] = _ids_where(session, model, model.__table__.c.hlc >= scope.since_hlc)
    else:
        turf_ids = _resolve_turfs(session, scope.turfs)
        tset = set(turf_ids)
        ids["turfs"] = tset
        ids["doors"] = _ids_in(session, Door, "turf_id", tset)
        ids["people"] = _ids_in(session, Person, "door_id", ids["doors"])
        ids["person_organizations"] = _ids_in(session, PersonOrganization, "person_id", ids["people"])
        ids["turf_assignments"] = _ids_in(session, TurfAssignment, "turf_id", tset)
        ids["contact_attempts"] = _ids_in(session, ContactAttempt, "door_id", ids["doors"])
        if scope.kind == "packet":
            assert scope.for_person is not None
            ids["organizations"] = _ids_where(session, Organization)
            campaigns = {c for c in session.execute(
                select(Turf.campaign_id).where(Turf.id.in_(tset))).scalars() if c}
            ids["campaigns"] = campaigns
            ids["survey_questions"] = _ids_in(session, SurveyQuestion, "campaign_id", campaigns)
            person = scope.for_person
            ids["volunteers"] = _ids_where(session, Volunteer, Volunteer.person_id == person)
            signups = _ids_where(session, Signup, Signup.person_id == person)
            events = set(session.execute(select(Signup.event_id).where(Signup.id.in_(signups))).scalars())
            ids["signups"] = signups
            ids["events"] = events
            ids["shifts"] = _ids_in(session, Shift, "event_id", events)
            ids["event_hosts"] = _ids_in(session, EventHost, "event_id", events)
            ids["people"].add(person)
    close_over_parents(session, ids)
    return ids, turf_ids
