"""Suppression: why a door or person is left out, and setting the door/person flags."""

from __future__ import annotations

from sqlalchemy.orm import Session

from fieldapp.core.models import Door, Person
from fieldapp.errors import NotFoundError
from fieldapp.services import consent
from fieldapp.services.canvass.doors import _door


def door_suppression(door: Door) -> str | None:
    """Why this door is left out of walk lists, or None when it may be knocked."""
    return knock_suppression(door.do_not_knock, door.do_not_knock_reason)


def knock_suppression(do_not_knock: bool, reason: str) -> str | None:
    """:func:`door_suppression` from the two columns (for lists read as plain rows)."""
    if do_not_knock:
        return "Do not knock" + (f": {reason}" if reason else "")
    return None


def person_suppression(person: Person, channel: str) -> str | None:
    """Why this person may not be reached on ``channel`` (call, text, email)."""
    flag = {"call": person.do_not_call, "text": person.do_not_text, "email": person.do_not_email}
    if channel not in flag:
        raise ValueError(f"unknown channel {channel!r}")
    if flag[channel]:
        return f"Do not {channel}"
    return None


def set_door_do_not_knock(session: Session, door_id: str, value: bool, reason: str = "") -> None:
    door = _door(session, door_id)
    if door.do_not_knock != value:
        door.do_not_knock = value
    new_reason = reason if value else ""
    if door.do_not_knock_reason != new_reason:
        door.do_not_knock_reason = new_reason
    session.flush()


def set_person_flags(
    session: Session,
    person_id: str,
    *,
    do_not_call: bool | None = None,
    do_not_text: bool | None = None,
    do_not_email: bool | None = None,
    source: str = "form",
    source_ref: str = "",
    by_volunteer_id: str | None = None,
) -> None:
    """Record explicit consent: ``True`` is an opt-out, ``False`` an explicit opt-in,
    ``None`` no answer (nothing written). See :mod:`fieldapp.services.consent`."""
    choices = {ch: "opt_out" if value else "opt_in"
               for ch, value in (("call", do_not_call), ("text", do_not_text),
                                 ("email", do_not_email)) if value is not None}
    if choices:
        consent.record(session, person_id, choices, source=source, source_ref=source_ref,
                       by_volunteer_id=by_volunteer_id)
    elif session.get(Person, person_id) is None:
        raise NotFoundError(f"no person with id {person_id}")

