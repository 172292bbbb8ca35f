"""Corrections: a new attempt that supersedes the old one (attempts are append-only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core.models import ContactAttempt
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services.canvass.codes import _UNSET, RESULTS_WITH_SUPPORT
from fieldapp.services.canvass.recording import record_result


def correct_attempt(
    session: Session,
    attempt_id: str,
    *,
    result_code: str | None = None,
    support: Any = _UNSET,
    answers: Mapping[str, Any] | None = None,
    notes: str | None = None,
    person_id: Any = _UNSET,
    attempted_at: dt.datetime | None = None,
) -> str:
    """Correct an attempt: write a new one that supersedes it; return the new id.

    The old attempt stays (append-only) but drops out of history and figures.
    Fields not given are copied from the old attempt. A correction of an
    attempt that was already corrected is refused: correct the newest one.
    """
    old = session.get(ContactAttempt, attempt_id)
    if old is None:
        raise NotFoundError(f"no contact attempt with id {attempt_id}")
    newer = session.scalar(
        select(ContactAttempt.id).where(ContactAttempt.supersedes_id == attempt_id).limit(1)
    )
    if newer is not None:
        raise InputError("this attempt was already corrected; correct the newest version", where="attempt")
    new_result = result_code or old.result_code
    new_support = old.support if support is _UNSET else support
    if new_result not in RESULTS_WITH_SUPPORT and support is _UNSET:
        new_support = None
    new_answers = dict(old.answers or {}) if answers is None else dict(answers)
    if new_result not in RESULTS_WITH_SUPPORT and answers is None:
        new_answers = {}
    new_person = old.person_id if person_id is _UNSET else person_id
    rec = record_result(
        session,
        door_id=old.door_id,
        result_code=new_result,
        person_ids=[new_person] if new_person else None,
        support=new_support,
        answers=new_answers,
        notes=old.notes if notes is None else notes,
        canvasser_id=old.canvasser_id,
        organization_id=old.organization_id,
        attempted_at=attempted_at or old.attempted_at,
        campaign_id=old.campaign_id,
        channel=old.channel,
        supersedes_id=old.id,
    )
    return rec.attempt_ids[0]

