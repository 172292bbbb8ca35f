"""The signup roster: signups with their people, searched in SQL for the sign-in table."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from fieldapp.core.models import (
    CheckIn,
    Organization,
    Person,
    Shift,
    Signup,
)
from fieldapp.core.search import phone_digits
from fieldapp.services import rules
from fieldapp.services.events._rows import _event


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
    """The phone without its punctuation: the one rule the people search uses too."""
    return phone_digits(Person.phone)


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
