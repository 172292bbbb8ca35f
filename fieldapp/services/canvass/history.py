"""Contact history of a door or a person, hiding superseded attempts unless asked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from fieldapp.core.models import ContactAttempt, Person, Volunteer
from fieldapp.services import rules


@dataclass(frozen=True)
class HistoryEntry:
    """One attempt as the history list shows it (plain data)."""

    id: str
    door_id: str
    person_id: str | None
    person_name: str
    canvasser_id: str | None
    canvasser_name: str
    attempted_at: dt.datetime
    result_code: str
    support: int | None
    answers: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    channel: str = "door"
    supersedes_id: str | None = None
    superseded: bool = False


def _history(session: Session, where: Any, include_superseded: bool) -> list[HistoryEntry]:
    newer = aliased(ContactAttempt)
    knocked = aliased(Person)
    canvasser = aliased(Person)
    superseded_q = (
        select(newer.id).where(newer.supersedes_id == ContactAttempt.id).exists()
    )
    stmt = (
        select(
            ContactAttempt,
            knocked.first_name, knocked.last_name,
            canvasser.first_name, canvasser.last_name,
            superseded_q.label("superseded"),
        )
        .outerjoin(knocked, knocked.id == ContactAttempt.person_id)
        .outerjoin(Volunteer, Volunteer.id == ContactAttempt.canvasser_id)
        .outerjoin(canvasser, canvasser.id == Volunteer.person_id)
        .where(where)
        .order_by(ContactAttempt.attempted_at.desc(), ContactAttempt.hlc.desc())
    )
    if not include_superseded:
        stmt = stmt.where(~superseded_q)
    out: list[HistoryEntry] = []
    for att, kf, kl, cf, cl, sup in session.execute(stmt):
        out.append(
            HistoryEntry(
                id=att.id,
                door_id=att.door_id,
                person_id=att.person_id,
                person_name=f"{kf or ''} {kl or ''}".strip(),
                canvasser_id=att.canvasser_id,
                canvasser_name=f"{cf or ''} {cl or ''}".strip(),
                attempted_at=att.attempted_at,
                result_code=att.result_code,
                support=att.support,
                answers=dict(att.answers or {}),
                notes=att.notes,
                channel=att.channel,
                supersedes_id=att.supersedes_id,
                superseded=bool(sup),
            )
        )
    return out


def door_history(session: Session, door_id: str, *, include_superseded: bool = False) -> list[HistoryEntry]:
    """Every attempt at a door, newest first, with who knocked and when."""
    return _history(session, ContactAttempt.door_id == door_id, include_superseded)


def person_history(session: Session, person_id: str, *, include_superseded: bool = False) -> list[HistoryEntry]:
    """Every attempt that named this person, newest first."""
    return _history(session, ContactAttempt.person_id == person_id, include_superseded)


def live_attempts_clause() -> Any:
    """A WHERE clause keeping only attempts no other attempt supersedes (see rules)."""
    return rules.live_attempt()

