"""Editing the survey script: add, edit, translate, reorder, move and remove questions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core.models import LANGUAGES, Campaign, SurveyQuestion
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services.canvass.codes import _UNSET
from fieldapp.services.canvass.questions import script

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


def _campaign(session: Session, campaign_id: str) -> Campaign:
    row = session.get(Campaign, campaign_id)
    if row is None or row.deleted:
        raise NotFoundError(f"no campaign with id {campaign_id}")
    return row


def _clean_text(text: Mapping[str, Any]) -> dict[str, str]:
    clean = {str(k): str(v).strip() for k, v in text.items() if str(v or "").strip()}
    for lang in clean:
        if lang not in LANGUAGES:
            raise InputError(f"unknown language {lang!r} (use one of {', '.join(LANGUAGES)})", where="question text")
    if not clean.get("en"):
        raise InputError("every question needs its English text", where="question text")
    return clean


def _clean_choices(choices: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, c in enumerate(choices, start=1):
        value = str(c.get("value", "")).strip()
        if not value:
            raise InputError("an answer choice needs a value", where=f"choice {i}")
        if value in seen:
            raise InputError(f"the answer {value!r} is listed twice", where=f"choice {i}")
        seen.add(value)
        label = {str(k): str(v).strip() for k, v in (c.get("label") or {}).items() if str(v or "").strip()}
        label.setdefault("en", value)
        out.append({"value": value, "label": label})
    return out


def _check_branch(
    session: Session, q_id: str | None, campaign_id: str, position: int,
    parent_id: str | None, answer: str | None,
) -> None:
    if parent_id is None and answer is None:
        return
    if not parent_id or not answer:
        raise InputError("a branch needs both the question it depends on and the answer", where="branching")
    if parent_id == q_id:
        raise InputError("a question cannot depend on itself", where="branching")
    parent = session.get(SurveyQuestion, parent_id)
    if parent is None or parent.deleted or parent.campaign_id != campaign_id:
        raise InputError("the question this one depends on is not in the same script", where="branching")
    if parent.position >= position:
        raise InputError(
            f"a question can only depend on an earlier one ({parent.key!r} comes after it)",
            where="branching",
        )
    values = [str(c.get("value")) for c in parent.choices or []]
    if values and answer not in values:
        raise InputError(
            f"{answer!r} is not an answer to {parent.key!r} (choose one of: {', '.join(values)})",
            where="branching",
        )


def add_question(
    session: Session,
    campaign_id: str,
    *,
    key: str,
    text: Mapping[str, Any],
    choices: Iterable[Mapping[str, Any]] = (),
    show_if_question_id: str | None = None,
    show_if_answer: str | None = None,
    position: int | None = None,
) -> str:
    """Add a question at the end of the script (or at ``position``); return its id."""
    _campaign(session, campaign_id)
    key = key.strip()
    if not _KEY_RE.match(key):
        raise InputError(
            "a question key is lower-case letters, digits and _ and starts with a letter",
            where="question key",
        )
    existing = script(session, campaign_id)
    if any(q.key == key for q in existing):
        raise InputError(f"the script already has a question {key!r}", where="question key")
    if position is None:
        position = (max((q.position for q in existing), default=0)) + 1
    _check_branch(session, None, campaign_id, position, show_if_question_id, show_if_answer)
    row = SurveyQuestion(
        campaign_id=campaign_id,
        key=key,
        text=_clean_text(text),
        choices=_clean_choices(choices),
        position=position,
        show_if_question_id=show_if_question_id,
        show_if_answer=show_if_answer,
    )
    session.add(row)
    session.flush()
    return row.id


def edit_question(
    session: Session,
    question_id: str,
    *,
    key: str | None = None,
    text: Mapping[str, Any] | None = None,
    choices: Iterable[Mapping[str, Any]] | None = None,
    show_if_question_id: str | None = _UNSET,
    show_if_answer: str | None = _UNSET,
) -> None:
    """Change a question; only the fields given are written (and stamped)."""
    row = session.get(SurveyQuestion, question_id)
    if row is None or row.deleted:
        raise NotFoundError(f"no survey question with id {question_id}")
    if key is not None and key != row.key:
        key = key.strip()
        if not _KEY_RE.match(key):
            raise InputError(
                "a question key is lower-case letters, digits and _ and starts with a letter",
                where="question key",
            )
        if any(q.key == key for q in script(session, row.campaign_id)):
            raise InputError(f"the script already has a question {key!r}", where="question key")
        row.key = key
    if text is not None:
        new_text = _clean_text(text)
        if new_text != row.text:
            row.text = new_text
    if choices is not None:
        new_choices = _clean_choices(choices)
        values = {c["value"] for c in new_choices}
        for child in script(session, row.campaign_id):
            if child.show_if_question_id == row.id and new_choices and child.show_if_answer not in values:
                raise InputError(
                    f"question {child.key!r} is shown after the answer {child.show_if_answer!r}; "
                    "change its branch before removing that answer",
                    where=f"question {row.key!r}",
                )
        if new_choices != row.choices:
            row.choices = new_choices
    parent = row.show_if_question_id if show_if_question_id is _UNSET else show_if_question_id
    answer = row.show_if_answer if show_if_answer is _UNSET else show_if_answer
    if (parent, answer) != (row.show_if_question_id, row.show_if_answer):
        _check_branch(session, row.id, row.campaign_id, row.position, parent, answer)
        row.show_if_question_id = parent
        row.show_if_answer = answer
    session.flush()


def set_translation(session: Session, question_id: str, lang: str, text: str,
                    choice_labels: Mapping[str, str] | None = None) -> None:
    """Set the question text (and optionally choice labels) in one language."""
    row = session.get(SurveyQuestion, question_id)
    if row is None or row.deleted:
        raise NotFoundError(f"no survey question with id {question_id}")
    new_text = dict(row.text or {})
    new_text[lang] = text
    choices = None
    if choice_labels:
        choices = []
        for c in row.choices or []:
            label = dict(c.get("label") or {})
            if c.get("value") in choice_labels:
                label[lang] = choice_labels[str(c.get("value"))]
            choices.append({"value": c.get("value"), "label": label})
    edit_question(session, question_id, text=new_text, choices=choices)


def reorder_questions(session: Session, campaign_id: str, ordered_ids: Sequence[str]) -> None:
    """Put the script in this order (positions 1..n).

    Refused when a question would come before the question it depends on.
    """
    rows = {
        r.id: r
        for r in session.scalars(
            select(SurveyQuestion).where(
                SurveyQuestion.campaign_id == campaign_id, SurveyQuestion.deleted.is_(False)
            )
        )
    }
    if set(ordered_ids) != set(rows) or len(ordered_ids) != len(rows):
        raise InputError("the new order must list every question of the script once", where="order")
    place = {qid: i for i, qid in enumerate(ordered_ids, start=1)}
    for qid, row in rows.items():
        parent = row.show_if_question_id
        if parent and parent in place and place[parent] >= place[qid]:
            raise InputError(
                f"{row.key!r} depends on {rows[parent].key!r}, so it must come after it",
                where="order",
            )
    for qid, pos in place.items():
        if rows[qid].position != pos:
            rows[qid].position = pos
    session.flush()


def move_question(session: Session, question_id: str, delta: int) -> None:
    """Move a question up (negative) or down (positive) in its script."""
    row = session.get(SurveyQuestion, question_id)
    if row is None or row.deleted:
        raise NotFoundError(f"no survey question with id {question_id}")
    ids = [q.id for q in script(session, row.campaign_id)]
    i = ids.index(question_id)
    j = max(0, min(len(ids) - 1, i + delta))
    if i == j:
        return
    ids.insert(j, ids.pop(i))
    reorder_questions(session, row.campaign_id, ids)


def remove_question(session: Session, question_id: str) -> None:
    """Tombstone a question; refused while another question branches on it."""
    row = session.get(SurveyQuestion, question_id)
    if row is None or row.deleted:
        raise NotFoundError(f"no survey question with id {question_id}")
    for q in script(session, row.campaign_id):
        if q.show_if_question_id == question_id:
            raise InputError(
                f"question {q.key!r} depends on this one; remove or change its branch first",
                where=f"question {row.key!r}",
            )
    row.deleted = True
    session.flush()

