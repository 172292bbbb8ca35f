"""Reminder call lists: who to call, and the formula-safe CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from sqlalchemy import not_, select
from sqlalchemy.orm import Session

from fieldapp.core.models import (
    Person,
)
from fieldapp.services.events.labels import REMIND_STATUSES
from fieldapp.services.events.roster import SignupRow, signup_rows
from fieldapp.services.reports import safe_cell


def call_list(session: Session, event_id: str, statuses: Iterable[str] = REMIND_STATUSES) -> tuple[list[SignupRow], int]:
    """People to call with a reminder, and how many were left out (no phone, do not call,
    or a voter file that says removed, cancelled or deceased)."""
    from fieldapp.services.voterstatus import listable

    rows = signup_rows(session, event_id, statuses=list(statuses))
    ids = sorted({r.person_id for r in rows})
    off: set[str] = set()
    for start in range(0, len(ids), 900):
        off.update(session.scalars(select(Person.id).where(
            Person.id.in_(ids[start:start + 900]), not_(listable(Person)))))
    keep = [r for r in rows if r.phone and not r.do_not_call and not r.waitlisted
            and r.person_id not in off]
    return keep, len(rows) - len(keep)


CALL_LIST_HEADER = ["first_name", "last_name", "phone", "language", "status", "shift", "organization"]


def write_call_list(session: Session, event_id: str, fh: IO[str]) -> tuple[int, int]:
    """Write the reminder call list as CSV (formula-safe); return (written, left out)."""
    rows, left_out = call_list(session, event_id)
    writer = csv.writer(fh)
    writer.writerow(CALL_LIST_HEADER)
    for r in rows:
        writer.writerow([safe_cell(v) for v in (r.first_name, r.last_name, r.phone, r.language,
                                                r.status, r.shift_role, r.organization)])
    return len(rows), left_out
