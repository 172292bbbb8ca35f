"""A knock and what the person said about being contacted, saved together.

The Canvass page and ``fieldapp canvass record`` both save through
:func:`save_knock`: the attempt (or a correction) and any "do not call / do
not text" the person asked for are written in one transaction, so a result
is never saved without the consent that came with it, nor the other way.
Unticked boxes record nothing (see :mod:`fieldapp.services.consent`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from fieldapp.core.db import Store
from fieldapp.services import canvass, consent


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
    correcting: str | None = None  # the attempt this corrects
    no_call: bool = False
    no_text: bool = False


def record_knock(session: Session, knock: Knock) -> list[str]:
    """Write the knock and its consent in ``session``; return the new attempt ids."""
    if knock.correcting:
        person = knock.person_ids[0] if knock.person_ids else None
        ids = [canvass.correct_attempt(
            session, knock.correcting, result_code=knock.result_code, support=knock.support,
            answers=dict(knock.answers), notes=knock.notes, person_id=person)]
    else:
        ids = canvass.record_result(
            session, door_id=knock.door_id, result_code=knock.result_code,
            person_ids=knock.person_ids, whole_household=knock.whole_household,
            support=knock.support, answers=knock.answers, notes=knock.notes,
            canvasser_id=knock.canvasser_id,
            attempted_at=knock.attempted_at or dt.datetime.now(dt.UTC),
        ).attempt_ids
    choices = consent.opt_outs(call=knock.no_call, text=knock.no_text)
    if choices:
        people = list(knock.person_ids or [p.id for p in canvass.household(session, knock.door_id)])
        for pid in people:
            consent.record(session, pid, choices, source="canvass", source_ref=f"attempt {ids[0]}",
                           by_volunteer_id=knock.canvasser_id, at=knock.attempted_at)
    return ids


def save_knock(store: Store, knock: Knock) -> list[str]:
    """Save one knock and its consent in one transaction; return the attempt ids."""
    with store.transaction() as session:
        return record_knock(session, knock)
