"""Whole knocks: the records one save at a door wrote, found and corrected together.

A "whole household" result writes one contact attempt per resident (same
door, canvasser, time, result and correction it supersedes, if any). Those
records are one knock: correcting only the one picked in the history left the
others standing, so a canvassed household with support 1 kept counting its
other residents as supporters after the captain had fixed it.

The rules, stated once:

* a **conversation** (a result that can carry support, "canvassed") is with
  one person: :func:`record_knock` refuses it for the whole household of a
  door where people are known (support and answers copied to every resident
  turned one talk into several supporters); "whole household" is for
  not-home, refused, moved and the like; a door where nobody is known takes a
  door-level record;
* the **knock** of an attempt is the set of live attempts at the same door
  with the same canvasser, time, channel, result code and superseded attempt
  (:func:`knock_of`);
* :func:`correct_knock` corrects every attempt of the knock in one go (each
  gets a new attempt that supersedes it, so the history keeps the old ones);
* support and survey answers belong to the person spoken with: when the
  correction names one ``person_id``, that person's record carries them and
  every other record of the knock keeps the result without support or answers;
  when it names nobody, a support or answers given apply only when the knock
  had a single record (one conversation cannot speak for a whole household).

* what the person said about being contacted ("do not call / do not text")
  is saved with the knock, in the same transaction (:func:`save_knock`, used
  by the Canvass page and ``fieldapp canvass record``): a result is never
  saved without the consent that came with it, nor the other way. Unticked
  boxes record nothing (see :mod:`fieldapp.services.consent`).

Bad input raises :class:`InputError` and writes nothing (the caller's
transaction rolls back).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core.db import Store
from fieldapp.core.models import ContactAttempt
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services import consent
from fieldapp.services.canvass import (
    RESULTS_WITH_SUPPORT,
    Recorded,
    correct_attempt,
    household,
    live_attempts_clause,
    record_result,
)

_UNSET: Any = object()


def record_knock(
    session: Session,
    *,
    door_id: str,
    result_code: str,
    person_ids: Sequence[str] | None = None,
    whole_household: bool = False,
    **details: Any,
) -> Recorded:
    """:func:`~fieldapp.services.canvass.record_result`, with the conversation rule checked first."""
    if result_code in RESULTS_WITH_SUPPORT and not person_ids and household(session, door_id):
        raise InputError("a conversation is with one person: pick the person spoken with "
                         "(\"whole household\" is for not home, refused, moved and the like)", where="person")
    return record_result(session, door_id=door_id, result_code=result_code, person_ids=person_ids,
                         whole_household=whole_household, **details)


def knock_of(session: Session, attempt_id: str) -> list[ContactAttempt]:
    """The live attempts written by the same save as ``attempt_id`` (itself included)."""
    old = session.get(ContactAttempt, attempt_id)
    if old is None:
        raise NotFoundError(f"no contact attempt with id {attempt_id}")
    same = select(ContactAttempt).where(
        ContactAttempt.door_id == old.door_id,
        ContactAttempt.attempted_at == old.attempted_at,
        ContactAttempt.result_code == old.result_code,
        ContactAttempt.channel == old.channel,
        ContactAttempt.canvasser_id.is_(None) if old.canvasser_id is None
        else ContactAttempt.canvasser_id == old.canvasser_id,
        ContactAttempt.supersedes_id.is_(None) if old.supersedes_id is None
        else ContactAttempt.supersedes_id == old.supersedes_id,
        live_attempts_clause(),
    ).order_by(ContactAttempt.id)
    rows = list(session.scalars(same))
    if old not in rows:  # already corrected: correct_attempt says so
        return [old]
    return rows


def correct_knock(
    session: Session,
    attempt_id: str,
    *,
    result_code: str | None = None,
    support: Any = _UNSET,
    answers: Mapping[str, Any] | None = None,
    notes: str | None = None,
    person_id: Any = _UNSET,
) -> list[str]:
    """Correct every record of the knock of ``attempt_id``; return the new attempt ids.

    Fields not given are copied from each old record. ``person_id`` names the
    person spoken with (see the module's rules).
    """
    records = knock_of(session, attempt_id)
    if len(records) == 1:
        given: dict[str, Any] = {}
        if support is not _UNSET:
            given["support"] = support
        if person_id is not _UNSET:
            given["person_id"] = person_id
        return [correct_attempt(session, attempt_id, result_code=result_code, answers=answers, notes=notes,
                                **given)]
    new_result = result_code or records[0].result_code
    talking = new_result in RESULTS_WITH_SUPPORT
    spoken_with = None if person_id is _UNSET else person_id
    residents = {r.person_id for r in records}
    if spoken_with is not None and spoken_with not in residents:
        raise InputError(f"person {spoken_with} is not one of the people this result covered", where="person")
    if spoken_with is None and talking and (support not in (_UNSET, None) or answers):
        raise InputError("support and answers go with the person spoken with: pick one person",
                         where="person")
    new_ids: list[str] = []
    for record in records:
        is_speaker = spoken_with is not None and record.person_id == spoken_with
        if is_speaker:
            kept = (record.support if talking else None) if support is _UNSET else support
            new_ids.append(correct_attempt(session, record.id, result_code=new_result, support=kept,
                                           answers=answers, notes=notes))
        else:
            # Everyone else at the door keeps the result, not someone else's opinion.
            new_ids.append(correct_attempt(session, record.id, result_code=new_result, support=None,
                                           answers={}, notes=notes))
    return new_ids


def knock_size(session: Session, attempt_id: str) -> int:
    """How many records the knock of ``attempt_id`` wrote (1 for a single-person result)."""
    return len(knock_of(session, attempt_id))


@dataclass(frozen=True)
class Knock:
    """What a canvasser reports for one door (plain data, safe to pass to a worker)."""

    door_id: str
    result_code: str
    person_ids: Sequence[str] | None = None  # None: the door, or the household
    whole_household: bool = False
    support: int | None = None
    answers: Mapping[str, Any] = field(default_factory=dict)
    notes: str = ""
    canvasser_id: str | None = None
    attempted_at: dt.datetime | None = None
    correcting: str | None = None  # an attempt of the knock this corrects
    no_call: bool = False
    no_text: bool = False


def record(session: Session, knock: Knock) -> list[str]:
    """Write the knock (or the correction of a whole knock) and its consent; return the ids."""
    person = knock.person_ids[0] if knock.person_ids else None
    if knock.correcting:
        ids = correct_knock(session, knock.correcting, result_code=knock.result_code,
                            support=knock.support, answers=dict(knock.answers), notes=knock.notes,
                            person_id=person)
    else:
        ids = record_knock(
            session, door_id=knock.door_id, result_code=knock.result_code,
            person_ids=knock.person_ids, whole_household=knock.whole_household,
            support=knock.support, answers=knock.answers, notes=knock.notes,
            canvasser_id=knock.canvasser_id,
            attempted_at=knock.attempted_at or dt.datetime.now(dt.UTC),
        ).attempt_ids
    choices = consent.opt_outs(call=knock.no_call, text=knock.no_text)
    if choices:
        people = list(knock.person_ids or [p.id for p in household(session, knock.door_id)])
        for pid in people:
            consent.record(session, pid, choices, source="canvass", source_ref=f"attempt {ids[0]}",
                           by_volunteer_id=knock.canvasser_id, at=knock.attempted_at)
    return ids


def save_knock(store: Store, knock: Knock) -> list[str]:
    """Save one knock and its consent in one transaction; return the attempt ids."""
    with store.transaction() as session:
        return record(session, knock)
