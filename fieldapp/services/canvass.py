"""Canvass results: recording knocks, corrections, contact history, suppression, scripts.

Everything here works on a Session the caller opened from a Store, so every
write is stamped by the flush hook. Contact attempts are append-only facts:
a correction is a *new* attempt whose ``supersedes_id`` points at the one it
replaces (the flush hook refuses edits), and every figure and history view
hides superseded attempts unless asked for them.

Suppression is a property of the data, not of a screen: a door with
``do_not_knock`` is left out of walk lists, a person with ``do_not_call`` is
left out of call lists, and :func:`door_suppression` / :func:`person_suppression`
say *why* so that the canvasser sees the reason instead of a silently missing
door.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from fieldapp.core.ids import new_id
from fieldapp.core.models import (
    LANGUAGES,
    RESULT_CODES,
    Campaign,
    ContactAttempt,
    Door,
    Person,
    SurveyQuestion,
    Turf,
    Volunteer,
)
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services import consent, rules
from fieldapp.services.voterstatus import listable

log = logging.getLogger(__name__)

RESULT_LABELS: dict[str, str] = {
    "canvassed": "Canvassed",
    "not_home": "Not home",
    "refused": "Refused",
    "moved": "Moved",
    "deceased": "Deceased",
    "inaccessible": "Inaccessible",
    "hostile": "Hostile",
    "language_barrier": "Language barrier",
    "come_back": "Come back",
    "do_not_knock": "Do not knock",
}
"""English labels for the result codes (the GUI translates them)."""

SUPPORT_LABELS: dict[int, str] = {
    1: "Strong support",
    2: "Lean support",
    3: "Undecided",
    4: "Lean oppose",
    5: "Strong oppose",
}

RESULTS_WITH_SUPPORT: frozenset[str] = frozenset({"canvassed"})
"""Only a conversation can tell us where someone stands."""

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


# --------------------------------------------------------------------------- scripts


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


_UNSET: Any = object()


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


# --------------------------------------------------------------------------- suppression


def door_suppression(door: Door) -> str | None:
    """Why this door is left out of walk lists, or None when it may be knocked."""
    if door.do_not_knock:
        return "Do not knock" + (f": {door.do_not_knock_reason}" if door.do_not_knock_reason else "")
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


# --------------------------------------------------------------------------- recording


def _door(session: Session, door_id: str) -> Door:
    door = session.get(Door, door_id)
    if door is None or door.deleted:
        raise NotFoundError(f"no door with id {door_id}")
    return door


def household(session: Session, door_id: str) -> list[Person]:
    """The live people at a door, by name."""
    return list(
        session.scalars(
            select(Person)
            .where(Person.door_id == door_id, Person.deleted.is_(False), Person.merged_into_id.is_(None))
            .order_by(Person.last_name, Person.first_name, Person.id)
        )
    )


def _campaign_for_door(session: Session, door: Door) -> str | None:
    if door.turf_id:
        turf = session.get(Turf, door.turf_id)
        if turf is not None and turf.campaign_id:
            return turf.campaign_id
    return session.scalar(
        select(Campaign.id).where(Campaign.deleted.is_(False)).order_by(Campaign.born_hlc).limit(1)
    )


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
    campaign_id = campaign_id or _campaign_for_door(session, door)
    clean_answers: dict[str, str] = {}
    if answers:
        if result_code not in RESULTS_WITH_SUPPORT:
            raise InputError(
                f"survey answers go with a conversation; the result is {RESULT_LABELS[result_code]!r}",
                where="answers",
            )
        questions = script(session, campaign_id) if campaign_id else []
        clean_answers = validate_answers(questions, answers)
    if canvasser_id is not None:
        vol = session.get(Volunteer, canvasser_id)
        if vol is None or vol.deleted:
            raise NotFoundError(f"no volunteer with id {canvasser_id}")
        if organization_id is None:
            organization_id = vol.organization_id
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
    when = attempted_at or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        raise InputError("the time of the knock needs a time zone", where="attempted_at")
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
    if result_code == "do_not_knock" and not door.do_not_knock:
        door.do_not_knock = True
        door.do_not_knock_reason = notes.strip() or f"asked at the door on {when.date().isoformat()}"
    session.flush()
    log.debug("recorded %s at door %s (%d attempts)", result_code, door_id, len(ids))
    return Recorded(attempt_ids=ids, door_suppressed=door.do_not_knock)


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


# --------------------------------------------------------------------------- history


@dataclass(frozen=True)
class HistoryEntry:
    """One attempt as the history list shows it (plain data)."""

    id: str
    door_id: str
    person_id: str | None
    person_name: str
    canvasser_id: str | None
    canvasser_name: str
    attempted_at: dt.datetime
    result_code: str
    support: int | None
    answers: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    channel: str = "door"
    supersedes_id: str | None = None
    superseded: bool = False


def _history(session: Session, where: Any, include_superseded: bool) -> list[HistoryEntry]:
    newer = aliased(ContactAttempt)
    knocked = aliased(Person)
    canvasser = aliased(Person)
    superseded_q = (
        select(newer.id).where(newer.supersedes_id == ContactAttempt.id).exists()
    )
    stmt = (
        select(
            ContactAttempt,
            knocked.first_name, knocked.last_name,
            canvasser.first_name, canvasser.last_name,
            superseded_q.label("superseded"),
        )
        .outerjoin(knocked, knocked.id == ContactAttempt.person_id)
        .outerjoin(Volunteer, Volunteer.id == ContactAttempt.canvasser_id)
        .outerjoin(canvasser, canvasser.id == Volunteer.person_id)
        .where(where)
        .order_by(ContactAttempt.attempted_at.desc(), ContactAttempt.hlc.desc())
    )
    if not include_superseded:
        stmt = stmt.where(~superseded_q)
    out: list[HistoryEntry] = []
    for att, kf, kl, cf, cl, sup in session.execute(stmt):
        out.append(
            HistoryEntry(
                id=att.id,
                door_id=att.door_id,
                person_id=att.person_id,
                person_name=f"{kf or ''} {kl or ''}".strip(),
                canvasser_id=att.canvasser_id,
                canvasser_name=f"{cf or ''} {cl or ''}".strip(),
                attempted_at=att.attempted_at,
                result_code=att.result_code,
                support=att.support,
                answers=dict(att.answers or {}),
                notes=att.notes,
                channel=att.channel,
                supersedes_id=att.supersedes_id,
                superseded=bool(sup),
            )
        )
    return out


def door_history(session: Session, door_id: str, *, include_superseded: bool = False) -> list[HistoryEntry]:
    """Every attempt at a door, newest first, with who knocked and when."""
    return _history(session, ContactAttempt.door_id == door_id, include_superseded)


def person_history(session: Session, person_id: str, *, include_superseded: bool = False) -> list[HistoryEntry]:
    """Every attempt that named this person, newest first."""
    return _history(session, ContactAttempt.person_id == person_id, include_superseded)


def live_attempts_clause() -> Any:
    """A WHERE clause keeping only attempts no other attempt supersedes (see rules)."""
    return rules.live_attempt()


# --------------------------------------------------------------------------- entry list


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
    unit = f" {door.unit}" if door.unit else ""
    return f"{door.street_number} {door.street_name}{unit}".strip()


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
    doors = {
        d.id: d
        for d in session.scalars(
            select(Door).where(Door.turf_id == turf_id, Door.deleted.is_(False), Door.merged_into_id.is_(None))
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
    for p in session.scalars(
        select(Person)
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
            address=format_address(doors[i]),
            people=tuple(people.get(i, [])),
            suppressed=door_suppression(doors[i]),
            last_result=last.get(i, (None, None))[0],
            last_at=last.get(i, (None, None))[1],
        )
        for i in ids
    ]
