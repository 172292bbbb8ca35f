"""Row sources for the lazy tables: doors, people, turfs, events.

Each :class:`~fieldapp.ui.tablemodel.RowSource` here filters and orders in SQL
(searches become ``LIKE`` conditions on indexed, normalized columns where there
are some; the doors and people searches first take their candidates from a
trigram index when it finds few, :class:`~fieldapp.ui.indexed_search.IndexedSearch`)
and fetches one page of rows with one query. Pages owned by other
helpers reuse them (``TurfSource`` for the turf page, ``EventSource`` for the
events page) or subclass them to add columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from fieldapp.core import search as text_search
from fieldapp.core.models import (
    Door,
    DoorRollup,
    Event,
    Person,
    PersonRollup,
    Signup,
    Turf,
    TurfAssignment,
    Volunteer,
)
from fieldapp.services import rules
from fieldapp.services.addresses import normalize_street
from fieldapp.ui import labels, theme
from fieldapp.ui.indexed_search import IndexedSearch
from fieldapp.ui.tablemodel import CENTER, RIGHT, Column, RowSource


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_tokens(text: str) -> list[str]:
    """Words of a search, normalized like addresses ("West" -> "w")."""
    return [t for t in normalize_street(text).split() if t]


# --------------------------------------------------------------------------- doors

def door_people_count() -> Any:
    return (select(func.count()).where(Person.door_id == Door.id, Person.deleted.is_(False))
            .correlate(Door).scalar_subquery())


def door_last_result() -> Any:
    return rules.door_latest_result_sql()


def door_turf_name() -> Any:
    return select(Turf.name).where(Turf.id == Door.turf_id).correlate(Door).scalar_subquery()


_DOOR_ROLLUP: dict[str, Any] = {"join": (DoorRollup, DoorRollup.door_id == Door.id),
                                 "tiebreak": [DoorRollup.door_id]}
_PERSON_ROLLUP: dict[str, Any] = {"join": (PersonRollup, PersonRollup.person_id == Person.id),
                                  "tiebreak": [PersonRollup.person_id]}


class DoorSource(IndexedSearch, RowSource):
    """Every live door; search matches the address (number, street, unit, zip).

    ``turf_id`` limits the table to one turf (the turf page's door list).
    """

    def __init__(self, turf_id: str | None = None) -> None:
        self.turf_id = turf_id

    def columns(self) -> list[Column]:
        return [
            Column("address", QCoreApplication.translate("Tables", "Address"),
                   sort=[Door.street_name, Door.house_number, Door.street_number, Door.unit]),
            Column("unit", QCoreApplication.translate("Tables", "Unit"), sort=[Door.unit]),
            Column("zip", QCoreApplication.translate("Tables", "ZIP"), sort=[Door.zip]),
            # Values from other tables sort by the door's rollup row (kept by triggers).
            Column("turf", QCoreApplication.translate("Tables", "Turf"), sort=[DoorRollup.turf_name],
                   **_DOOR_ROLLUP),
            Column("people", QCoreApplication.translate("Tables", "People"), sort=[DoorRollup.people_count],
                   align=RIGHT, **_DOOR_ROLLUP),
            Column("last_result", QCoreApplication.translate("Tables", "Last result"),
                   sort=[DoorRollup.last_result], **_DOOR_ROLLUP,
                   fmt=lambda code: labels.label(labels.result_labels(), code)),
        ]

    def id_query(self, search: str) -> Select[Any]:
        query = select(Door.id).where(Door.deleted.is_(False))
        if self.turf_id is not None:
            query = query.where(Door.turf_id == self.turf_id)
        for token in search_tokens(search):
            query = query.where(or_(Door.address_key.like(_like(token), escape="\\"),
                                    Door.zip.like(_like(token), escape="\\")))
        return self.narrow(query, Door.id, search)

    base = "doors"

    def search_words(self, search: str) -> list[list[tuple[list[str], str]]]:
        return [[(["address_key", "zip"], token)] for token in search_tokens(search)]

    def tiebreak(self) -> list[Any]:
        return [Door.id]

    def fetch(self, session: Session, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        rows = session.execute(
            select(Door.id, Door.street_number, Door.street_name, Door.unit, Door.zip,
                   door_turf_name(), door_people_count(), door_last_result(),
                   Door.do_not_knock).where(Door.id.in_(ids))
        )
        return {
            r[0]: (f"{r[1]} {r[2]}".strip(), r[3], r[4], r[5], r[6], r[7], r[8])
            for r in rows
        }

    def role_data(self, role: int, column: int, values: tuple[Any, ...]) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and len(values) > 6 and values[6]:
            return QColor(theme.BAD)  # do not knock
        return None


# --------------------------------------------------------------------------- people

def person_address() -> Any:
    return (select(func.trim(Door.street_number + " " + Door.street_name + " " + Door.unit))
            .where(Door.id == Person.door_id).correlate(Person).scalar_subquery())


class PersonSource(IndexedSearch, RowSource):
    """Every live person; search matches name, phone and email words."""

    def columns(self) -> list[Column]:
        return [
            Column("name", QCoreApplication.translate("Tables", "Name"), sort=[Person.last_name, Person.first_name]),
            Column("phone", QCoreApplication.translate("Tables", "Phone"), sort=[Person.phone]),
            Column("email", QCoreApplication.translate("Tables", "Email"), sort=[Person.email]),
            Column("language", QCoreApplication.translate("Tables", "Language"), sort=[Person.language],
                   fmt=lambda code: labels.label(labels.language_labels(), code)),
            Column("door", QCoreApplication.translate("Tables", "Address"), sort=[PersonRollup.door_sort],
                   **_PERSON_ROLLUP),
            Column("flags", QCoreApplication.translate("Tables", "Flags"),
                   fmt=lambda codes: " ".join(labels.label(labels.flag_labels(), c) for c in codes.split()),
                   tooltip=QCoreApplication.translate("Tables", "DNC: do not call · DNT: do not text · DNE: do not email")),
        ]

    def id_query(self, search: str) -> Select[Any]:
        query = select(Person.id).where(Person.deleted.is_(False))
        for token in search.split():
            pattern = _like(token)
            digits = "".join(ch for ch in token if ch.isdigit())
            conditions = [
                Person.first_name.like(pattern, escape="\\"),
                Person.last_name.like(pattern, escape="\\"),
                Person.email.like(pattern, escape="\\"),
            ]
            if len(digits) >= 3:  # a phone's digits, whatever its punctuation
                conditions.append(text_search.phone_digits(Person.phone).like(f"%{digits}%"))
            query = query.where(or_(*conditions))
        return self.narrow(query, Person.id, search)

    base = "people"

    def search_words(self, search: str) -> list[list[tuple[list[str], str]]]:
        words = []
        for token in search.split():
            alternatives = [(["first_name", "last_name", "email"], token)]
            digits = "".join(ch for ch in token if ch.isdigit())
            if len(digits) >= 3:
                alternatives.append((["phone"], digits))
            words.append(alternatives)
        return words

    def tiebreak(self) -> list[Any]:
        return [Person.id]

    def fetch(self, session: Session, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        rows = session.execute(
            select(Person.id, Person.first_name, Person.last_name, Person.phone, Person.email,
                   Person.language, person_address(), Person.do_not_call, Person.do_not_text,
                   Person.do_not_email).where(Person.id.in_(ids))
        )
        result = {}
        for r in rows:
            flags = [name for name, on in (("DNC", r[7]), ("DNT", r[8]), ("DNE", r[9])) if on]
            name = f"{r[2]}, {r[1]}" if r[2] and r[1] else (r[2] or r[1])
            result[r[0]] = (name, r[3], r[4], r[5], r[6], " ".join(flags))
        return result


# --------------------------------------------------------------------------- turfs

def turf_door_count() -> Any:
    return (select(func.count()).where(Door.turf_id == Turf.id, Door.deleted.is_(False))
            .correlate(Turf).scalar_subquery())


def turf_knocked_count() -> Any:
    return rules.turf_knocked_doors_sql()


class TurfSource(RowSource):
    """Every live turf with its door count, knocked share, status and people."""

    def columns(self) -> list[Column]:
        return [
            Column("name", QCoreApplication.translate("Tables", "Name"), sort=[Turf.name]),
            Column("doors", QCoreApplication.translate("Tables", "Doors"), sort=[turf_door_count()], align=RIGHT),
            Column("knocked", QCoreApplication.translate("Tables", "Knocked"),
                   sort=[case((turf_door_count() == 0, 0.0),
                              else_=turf_knocked_count() * 1.0 / turf_door_count())],
                   align=RIGHT, fmt=lambda v: f"{v:.0%}",
                   tooltip=QCoreApplication.translate("Tables", "Share of the turf's doors knocked at least once")),
            Column("status", QCoreApplication.translate("Tables", "Status"), sort=[Turf.status],
                   fmt=lambda code: labels.label(labels.turf_status_labels(), code)),
            Column("assigned", QCoreApplication.translate("Tables", "Assigned")),
        ]

    def id_query(self, search: str) -> Select[Any]:
        query = select(Turf.id).where(Turf.deleted.is_(False))
        for token in search.split():
            query = query.where(Turf.name.like(_like(token), escape="\\"))
        return query

    def tiebreak(self) -> list[Any]:
        return [Turf.id]

    def fetch(self, session: Session, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        people: dict[str, list[str]] = {}
        role_names = labels.role_labels()
        for turf_id, role, first, last in session.execute(
            select(TurfAssignment.turf_id, TurfAssignment.role, Person.first_name,
                   Person.last_name)
            .join(Volunteer, Volunteer.id == TurfAssignment.volunteer_id)
            .join(Person, Person.id == Volunteer.person_id)
            .where(TurfAssignment.turf_id.in_(ids), TurfAssignment.deleted.is_(False))
            .order_by(TurfAssignment.role, Person.last_name)
        ):
            people.setdefault(turf_id, []).append(
                f"{first} {last} ({labels.label(role_names, role).lower()})")
        rows = session.execute(
            select(Turf.id, Turf.name, turf_door_count(), turf_knocked_count(), Turf.status)
            .where(Turf.id.in_(ids))
        )
        return {
            r[0]: (r[1], r[2], (r[3] / r[2]) if r[2] else 0.0, r[4],
                   ", ".join(people.get(r[0], [])))
            for r in rows
        }


# --------------------------------------------------------------------------- events

def event_signup_count() -> Any:
    return (select(func.count())
            .where(Signup.event_id == Event.id, Signup.deleted.is_(False),
                   Signup.status.not_in(("declined", "no_show")))
            .correlate(Event).scalar_subquery())


class EventSource(RowSource):
    """Events from now on (or all, with ``include_past``), soonest first."""

    def __init__(self, include_past: bool = False, now: dt.datetime | None = None) -> None:
        self.include_past = include_past
        self.now = now

    def columns(self) -> list[Column]:
        return [
            Column("when", QCoreApplication.translate("Tables", "When"), sort=[Event.starts_at],
                   fmt=lambda v: labels.event_when(*v)),
            Column("kind", QCoreApplication.translate("Tables", "Kind"), sort=[Event.kind],
                   fmt=lambda code: labels.label(labels.event_kind_labels(), code)),
            Column("title", QCoreApplication.translate("Tables", "Title"), sort=[Event.title]),
            Column("place", QCoreApplication.translate("Tables", "Place"), sort=[Event.place_name]),
            Column("signups", QCoreApplication.translate("Tables", "Signups"), sort=[event_signup_count()], align=CENTER,
                   fmt=lambda v: f"{v[0]} / {v[1]}" if v[1] else str(v[0]),
                   tooltip=QCoreApplication.translate("Tables", "People signed up (not declined) / capacity")),
        ]

    def id_query(self, search: str) -> Select[Any]:
        query = select(Event.id).where(Event.deleted.is_(False))
        if not self.include_past:
            query = query.where(Event.ends_at >= (self.now or dt.datetime.now(dt.UTC)))
        for token in search.split():
            pattern = _like(token)
            query = query.where(or_(Event.title.like(pattern, escape="\\"),
                                    Event.place_name.like(pattern, escape="\\"),
                                    Event.address.like(pattern, escape="\\")))
        return query

    def tiebreak(self) -> list[Any]:
        return [Event.id]

    def fetch(self, session: Session, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        rows = session.execute(
            select(Event.id, Event.starts_at, Event.ends_at, Event.timezone, Event.kind,
                   Event.title, Event.place_name, event_signup_count(), Event.capacity,
                   Event.status).where(Event.id.in_(ids))
        )
        return {
            r[0]: ((r[1], r[2], r[3]), r[4], r[5], r[6], (r[7], r[8]), r[9])
            for r in rows
        }

    def role_data(self, role: int, column: int, values: tuple[Any, ...]) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and len(values) > 5 and values[5] == "cancelled":
            return QColor(theme.MUTED)
        return None


__all__ = [
    "DoorSource",
    "EventSource",
    "PersonSource",
    "TurfSource",
    "search_tokens",
]
