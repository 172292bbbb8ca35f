"""Whole knocks: a conversation is with one person; a household result is corrected whole."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from fieldapp.core.db import Store
from fieldapp.core.models import ContactAttempt
from fieldapp.errors import InputError
from fieldapp.services import canvass, knocks
from tests.services.test_canvass import _household_door

AT = dt.datetime(2026, 11, 21, 17, 30, tzinfo=dt.UTC)


def _live(session, door_id: str) -> list[ContactAttempt]:
    """The door's live attempts from AT on (the demo store has older ones of its own)."""
    return list(session.scalars(select(ContactAttempt).where(
        ContactAttempt.door_id == door_id, ContactAttempt.attempted_at >= AT, canvass.live_attempts_clause())))


def test_conversation_with_whole_household_is_refused(demo_store: Store) -> None:
    with demo_store.session() as s:
        door_id = _household_door(s).id
        before = {a.id for a in _live(s, door_id)}
    with pytest.raises(InputError) as err, demo_store.transaction() as s:
        knocks.record_knock(s, door_id=door_id, result_code="canvassed", whole_household=True,
                            support=1, attempted_at=AT)
    assert err.value.where == "person"
    with demo_store.session() as s:
        assert {a.id for a in _live(s, door_id)} == before


def test_not_home_for_household_and_talk_with_one_person(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        door = _household_door(s)
        people = canvass.household(s, door.id)
        not_home = knocks.record_knock(s, door_id=door.id, result_code="not_home", whole_household=True,
                                       attempted_at=AT)
        talk = knocks.record_knock(s, door_id=door.id, result_code="canvassed", person_ids=[people[0].id],
                                   support=1, attempted_at=AT + dt.timedelta(days=1))
    assert len(not_home.attempt_ids) == len(people)
    assert len(talk.attempt_ids) == 1
    with demo_store.session() as s:
        supporters = [a for a in _live(s, door.id) if a.support == 1]
        assert [a.person_id for a in supporters] == [people[0].id]


def test_correcting_a_household_result_fixes_every_record(demo_store: Store) -> None:
    """Old data: "canvassed, whole household, support 1" made one supporter per resident."""
    with demo_store.transaction() as s:
        door = _household_door(s, min_people=3)
        people = canvass.household(s, door.id)
        rec = canvass.record_result(s, door_id=door.id, result_code="canvassed", whole_household=True,
                                    support=1, attempted_at=AT)
    assert len(rec.attempt_ids) == len(people) >= 3
    with demo_store.transaction() as s:
        assert knocks.knock_size(s, rec.attempt_ids[-1]) == len(people)
        new_ids = knocks.correct_knock(s, rec.attempt_ids[-1], person_id=people[1].id, support=2)
    assert len(new_ids) == len(people)
    with demo_store.session() as s:
        live = _live(s, door.id)
        assert {a.id for a in live} == set(new_ids)  # every old record is superseded
        with_support = [(a.person_id, a.support) for a in live if a.support is not None]
        assert with_support == [(people[1].id, 2)]
        assert all(a.result_code == "canvassed" for a in live)


def test_correcting_household_result_to_not_home(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        door = _household_door(s)
        rec = canvass.record_result(s, door_id=door.id, result_code="canvassed", whole_household=True,
                                    support=1, answers={"rent_cap": "yes"}, attempted_at=AT)
    with demo_store.transaction() as s:
        knocks.correct_knock(s, rec.attempt_ids[0], result_code="not_home")
    with demo_store.session() as s:
        live = _live(s, door.id)
        assert len(live) == len(rec.attempt_ids)
        assert all(a.result_code == "not_home" and a.support is None and not a.answers for a in live)


def test_household_correction_with_support_needs_a_person(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        door = _household_door(s)
        rec = canvass.record_result(s, door_id=door.id, result_code="canvassed", whole_household=True,
                                    attempted_at=AT)
    with pytest.raises(InputError), demo_store.transaction() as s:
        knocks.correct_knock(s, rec.attempt_ids[0], support=3)
    with demo_store.session() as s:
        assert {a.id for a in _live(s, door.id)} == set(rec.attempt_ids)  # nothing half-written


def test_single_record_correction_is_a_plain_correction(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        door = _household_door(s)
        person = canvass.household(s, door.id)[0]
        rec = knocks.record_knock(s, door_id=door.id, result_code="canvassed", person_ids=[person.id],
                                  support=4, attempted_at=AT)
    with demo_store.transaction() as s:
        (new,) = knocks.correct_knock(s, rec.attempt_ids[0], support=2)
    with demo_store.session() as s:
        row = s.get(ContactAttempt, new)
        assert row is not None and row.support == 2 and row.supersedes_id == rec.attempt_ids[0]
