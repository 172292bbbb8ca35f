"""The doors of a turf for result entry on the Canvass page, in walking order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core.models import Door, Person, Turf
from fieldapp.errors import NotFoundError
from fieldapp.services import rules
from fieldapp.services.canvass.flags import knock_suppression
from fieldapp.services.voterstatus import listable


@dataclass(frozen=True)
class EntryPerson:
    id: str
    name: str
    language: str
    do_not_call: bool
    do_not_text: bool


@dataclass(frozen=True)
class EntryDoor:
    """A door as the canvass entry list shows it (plain data for the GUI)."""

    id: str
    address: str
    people: tuple[EntryPerson, ...]
    suppressed: str | None
    last_result: str | None
    last_at: dt.datetime | None


def format_address(door: Door) -> str:
    return address_line(door.street_number, door.street_name, door.unit)


def address_line(number: str, street: str, unit: str) -> str:
    unit = f" {unit}" if unit else ""
    return f"{number} {street}{unit}".strip()


def entry_doors(session: Session, turf_id: str, order: Sequence[str] | None = None) -> list[EntryDoor]:
    """The turf's doors for result entry, in walking order.

    The order comes from :func:`fieldapp.services.walklists.walk_order` (the
    same order as the printed walk sheet) unless ``order`` is given.
    Suppressed doors are kept in their place (with the reason) so the
    canvasser sees why a door on the paper sheet is not to be knocked.
    """
    if session.get(Turf, turf_id) is None:
        raise NotFoundError(f"no turf with id {turf_id}")
    if order is None:
        from fieldapp.services.walklists import walk_order

        order = walk_order(session, turf_id, include_suppressed=True)
    # Plain rows, not ORM objects: building one per door and person was most of the
    # time on a big turf, and grew faster than the turf.
    doors = {
        d.id: d
        for d in session.execute(
            select(Door.id, Door.street_number, Door.street_name, Door.unit, Door.house_number,
                   Door.do_not_knock, Door.do_not_knock_reason)
            .where(Door.turf_id == turf_id, Door.deleted.is_(False), Door.merged_into_id.is_(None))
        )
    }
    ids = [i for i in order if i in doors]
    in_order = set(ids)  # built once: a set per door made this quadratic
    rest = sorted(
        (d for i, d in doors.items() if i not in in_order),
        key=lambda d: (d.street_name, d.house_number or 0, d.street_number, d.unit),
    )
    ids += [d.id for d in rest]
    people: dict[str, list[EntryPerson]] = {}
    for p in session.execute(
        select(Person.id, Person.door_id, Person.first_name, Person.last_name, Person.language,
               Person.do_not_call, Person.do_not_text)
        .join(Door, Door.id == Person.door_id)
        .where(Door.turf_id == turf_id, Person.deleted.is_(False), Person.merged_into_id.is_(None),
               listable(Person))
        .order_by(Person.last_name, Person.first_name)
    ):
        people.setdefault(p.door_id or "", []).append(
            EntryPerson(p.id, f"{p.first_name} {p.last_name}".strip(), p.language, p.do_not_call, p.do_not_text)
        )
    last = {d: (r.result_code, r.attempted_at)
            for d, r in rules.latest_door_results(session, doors).items()}
    return [
        EntryDoor(
            id=i,
            address=address_line(doors[i].street_number, doors[i].street_name, doors[i].unit),
            people=tuple(people.get(i, [])),
            suppressed=knock_suppression(doors[i].do_not_knock, doors[i].do_not_knock_reason),
            last_result=last.get(i, (None, None))[0],
            last_at=last.get(i, (None, None))[1],
        )
        for i in ids
    ]
