"""Recording one knock at a door as contact attempts."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from fieldapp.core.ids import new_id
from fieldapp.core.models import RESULT_CODES, ContactAttempt, Door, Volunteer
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services.canvass.codes import RESULT_LABELS, RESULTS_WITH_SUPPORT
from fieldapp.services.canvass.doors import _campaign_for_door, _door, household
from fieldapp.services.canvass.questions import script, validate_answers

log = logging.getLogger("fieldapp.services.canvass")  # the name the logs had before the split


@dataclass(frozen=True)
class Recorded:
    """What :func:`record_result` wrote: the new attempt ids."""

    attempt_ids: list[str]
    door_suppressed: bool = False


def record_result(
    session: Session,
    *,
    door_id: str,
    result_code: str,
    person_ids: Sequence[str] | None = None,
    whole_household: bool = False,
    support: int | None = None,
    answers: Mapping[str, Any] | None = None,
    notes: str = "",
    canvasser_id: str | None = None,
    organization_id: str | None = None,
    attempted_at: dt.datetime | None = None,
    campaign_id: str | None = None,
    channel: str = "door",
    supersedes_id: str | None = None,
) -> Recorded:
    """Record one knock at a door; return the ids of the attempts written.

    * ``whole_household``: one attempt per person living at the door (the
      same result, support and answers for each), or one door-level attempt
      when nobody is known there;
    * ``person_ids``: one attempt per named person (who must live there);
    * neither: one door-level attempt (``person_id`` empty), the usual case
      for "not home".

    A ``do_not_knock`` result sets the door's flag so it drops out of walk
    lists from then on. Support and survey answers only go with a
    conversation ("canvassed"). Bad input raises :class:`InputError` and
    writes nothing.
    """
    door = _door(session, door_id)
    _check_result_and_support(result_code, support)
    campaign_id = campaign_id or _campaign_for_door(session, door)
    clean_answers = _clean_answers(session, result_code, campaign_id, answers)
    organization_id = _organization_of_canvasser(session, canvasser_id, organization_id)
    targets = _targets(session, door_id, person_ids, whole_household)
    when = _knock_time(attempted_at)
    ids: list[str] = []
    for target in targets:
        row = ContactAttempt(
            id=new_id(),
            campaign_id=campaign_id,
            door_id=door_id,
            person_id=target,
            canvasser_id=canvasser_id,
            turf_id=door.turf_id,
            attempted_at=when,
            channel=channel,
            result_code=result_code,
            support=support,
            answers=dict(clean_answers),
            notes=notes.strip(),
            organization_id=organization_id,
            supersedes_id=supersedes_id,
        )
        session.add(row)
        ids.append(row.id)
    _suppress_door_if_asked(door, result_code, notes, when)
    session.flush()
    log.debug("recorded %s at door %s (%d attempts)", result_code, door_id, len(ids))
    return Recorded(attempt_ids=ids, door_suppressed=door.do_not_knock)


def _check_result_and_support(result_code: str, support: int | None) -> None:
    """Refuse an unknown result code, or support out of range or without a conversation."""
    if result_code not in RESULT_CODES:
        raise InputError(
            f"unknown result code {result_code!r} (use one of: {', '.join(RESULT_CODES)})",
            where="result",
        )
    if support is not None:
        if isinstance(support, bool) or not isinstance(support, int) or not 1 <= support <= 5:
            raise InputError(f"support is 1 (strong support) to 5 (strong oppose), not {support!r}", where="support")
        if result_code not in RESULTS_WITH_SUPPORT:
            raise InputError(
                f"support goes with a conversation; the result is {RESULT_LABELS[result_code]!r}",
                where="support",
            )


def _clean_answers(
    session: Session, result_code: str, campaign_id: str | None, answers: Mapping[str, Any] | None,
) -> dict[str, str]:
    """The survey answers checked against the campaign's script (only with a conversation)."""
    clean_answers: dict[str, str] = {}
    if answers:
        if result_code not in RESULTS_WITH_SUPPORT:
            raise InputError(
                f"survey answers go with a conversation; the result is {RESULT_LABELS[result_code]!r}",
                where="answers",
            )
        questions = script(session, campaign_id) if campaign_id else []
        clean_answers = validate_answers(questions, answers)
    return clean_answers


def _organization_of_canvasser(
    session: Session, canvasser_id: str | None, organization_id: str | None,
) -> str | None:
    """Check the canvasser exists; default the organization to the canvasser's."""
    if canvasser_id is not None:
        vol = session.get(Volunteer, canvasser_id)
        if vol is None or vol.deleted:
            raise NotFoundError(f"no volunteer with id {canvasser_id}")
        if organization_id is None:
            organization_id = vol.organization_id
    return organization_id


def _targets(
    session: Session, door_id: str, person_ids: Sequence[str] | None, whole_household: bool,
) -> list[str | None]:
    """Who the attempts name: the given people, the household, or the door (None)."""
    members = household(session, door_id)
    member_ids = {p.id for p in members}
    targets: list[str | None]
    if person_ids:
        for pid in person_ids:
            if pid not in member_ids:
                raise InputError(f"person {pid} does not live at this door", where="person")
        targets = list(dict.fromkeys(person_ids))
    elif whole_household and members:
        targets = [p.id for p in members]
    else:
        targets = [None]
    return targets


def _knock_time(attempted_at: dt.datetime | None) -> dt.datetime:
    """The time of the knock (now if not given); it must carry a time zone."""
    when = attempted_at or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        raise InputError("the time of the knock needs a time zone", where="attempted_at")
    return when


def _suppress_door_if_asked(door: Door, result_code: str, notes: str, when: dt.datetime) -> None:
    """A "do not knock" result sets the door's flag (with the notes or the date as reason)."""
    if result_code == "do_not_knock" and not door.do_not_knock:
        door.do_not_knock = True
        door.do_not_knock_reason = notes.strip() or f"asked at the door on {when.date().isoformat()}"

