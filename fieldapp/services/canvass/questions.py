"""The survey script as plain data: reading it, branching, and checking answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core.models import SurveyQuestion
from fieldapp.errors import InputError


@dataclass(frozen=True)
class Choice:
    value: str
    label: dict[str, str]

    def label_in(self, lang: str) -> str:
        return self.label.get(lang) or self.label.get("en") or self.value


@dataclass(frozen=True)
class Question:
    """A survey question as plain data (safe to hand to the GUI thread)."""

    id: str
    campaign_id: str
    key: str
    position: int
    text: dict[str, str]
    choices: tuple[Choice, ...]
    show_if_question_id: str | None
    show_if_answer: str | None

    def text_in(self, lang: str) -> str:
        """The question in ``lang``, falling back to English (never blank)."""
        return self.text.get(lang) or self.text.get("en") or self.key

    def choice(self, value: str) -> Choice | None:
        for c in self.choices:
            if c.value == value:
                return c
        return None

    @property
    def free_text(self) -> bool:
        return not self.choices


def _question(row: SurveyQuestion) -> Question:
    return Question(
        id=row.id,
        campaign_id=row.campaign_id,
        key=row.key,
        position=row.position,
        text={str(k): str(v) for k, v in (row.text or {}).items()},
        choices=tuple(
            Choice(value=str(c.get("value", "")), label={str(k): str(v) for k, v in (c.get("label") or {}).items()})
            for c in (row.choices or [])
        ),
        show_if_question_id=row.show_if_question_id,
        show_if_answer=row.show_if_answer,
    )


def script(session: Session, campaign_id: str) -> list[Question]:
    """The campaign's live questions in script order."""
    rows = session.scalars(
        select(SurveyQuestion)
        .where(SurveyQuestion.campaign_id == campaign_id, SurveyQuestion.deleted.is_(False))
        .order_by(SurveyQuestion.position, SurveyQuestion.key)
    )
    return [_question(r) for r in rows]


def visible_questions(questions: Sequence[Question], answers: Mapping[str, str]) -> list[Question]:
    """The questions to show given the answers so far (branching).

    A question with ``show_if_question_id`` is shown only when that question is
    itself shown and was answered ``show_if_answer``; so a branch under a hidden
    branch stays hidden.
    """
    shown: dict[str, Question] = {}
    for q in questions:
        parent = q.show_if_question_id
        hidden = parent not in shown or answers.get(parent) != q.show_if_answer
        if parent and q.show_if_answer is not None and hidden:
            continue
        shown[q.id] = q
    return list(shown.values())


def validate_answers(questions: Sequence[Question], answers: Mapping[str, Any]) -> dict[str, str]:
    """Check answers against the script; return them keyed by question id.

    Answers may be keyed by question id or by question key. Blank answers are
    dropped. An answer must be one of the question's choices (free-text
    questions take any text), and a question hidden by branching must not be
    answered.
    """
    by_id = {q.id: q for q in questions}
    by_key = {q.key: q for q in questions}
    clean: dict[str, str] = {}
    for ref, raw in answers.items():
        q = by_id.get(ref) or by_key.get(ref)
        if q is None:
            raise InputError(f"no question {ref!r} in this campaign's script", where="answers")
        value = "" if raw is None else str(raw).strip()
        if not value:
            continue
        if q.choices and q.choice(value) is None:
            allowed = ", ".join(c.value for c in q.choices)
            raise InputError(
                f"{value!r} is not an answer to this question (choose one of: {allowed})",
                where=f"question {q.key!r}",
            )
        clean[q.id] = value
    shown = {q.id for q in visible_questions(questions, clean)}
    for qid in clean:
        if qid not in shown:
            q = by_id[qid]
            parent = by_id.get(q.show_if_question_id or "")
            raise InputError(
                f"this question is only asked when {parent.key if parent else '?'!r} "
                f"is answered {q.show_if_answer!r}",
                where=f"question {q.key!r}",
            )
    return clean

