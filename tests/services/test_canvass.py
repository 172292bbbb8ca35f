"""Canvass results: recording, corrections, history, suppression, branching, scripts."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from fieldapp.core.db import Store
from fieldapp.core.models import Campaign, ContactAttempt, Door, Person, Turf, Volunteer
from fieldapp.core.stamping import AppendOnlyError
from fieldapp.errors import InputError
from fieldapp.services import canvass
from fieldapp.services.walklists import walk_order

AT = dt.datetime(2026, 11, 21, 17, 30, tzinfo=dt.UTC)


def _household_door(session, min_people: int = 2) -> Door:
    counts = (
        select(Person.door_id, func.count().label("n"))
        .where(Person.deleted.is_(False))
        .group_by(Person.door_id)
        .subquery()
    )
    door = session.scalars(
        select(Door)
        .join(counts, counts.c.door_id == Door.id)
        .where(counts.c.n >= min_people, Door.do_not_knock.is_(False))
        .order_by(Door.address_key)
        .limit(1)
    ).one()
    return door


def _campaign(session) -> Campaign:
    return session.scalars(select(Campaign)).one()


def test_household_result_covers_every_person(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        door = _household_door(s)
        people = {p.id for p in canvass.household(s, door.id)}
        rec = canvass.record_result(
            s, door_id=door.id, result_code="canvassed", whole_household=True, support=2,
            answers={"rent_cap": "yes"}, attempted_at=AT,
        )
    with demo_store.session() as s:
        rows = s.scalars(select(ContactAttempt).where(ContactAttempt.id.in_(rec.attempt_ids))).all()
        assert {r.person_id for r in rows} == people
        assert all(r.support == 2 and r.result_code == "canvassed" and r.turf_id == door.turf_id for r in rows)
        # answers are stored by question id, whatever the caller keyed them by
        q = next(q for q in canvass.script(s, _campaign(s).id) if q.key == "rent_cap")
        assert all(r.answers == {q.id: "yes"} for r in rows)


def test_one_person_result_and_outsider_refused(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        door = _household_door(s)
        one = canvass.household(s, door.id)[0]
        rec = canvass.record_result(s, door_id=door.id, result_code="canvassed", person_ids=[one.id], attempted_at=AT)
        assert len(rec.attempt_ids) == 1
        stranger = s.scalars(select(Person).where(Person.door_id != door.id).limit(1)).one()
        with pytest.raises(InputError, match="does not live at this door"):
            canvass.record_result(s, door_id=door.id, result_code="canvassed", person_ids=[stranger.id])


def test_not_home_is_one_door_level_attempt(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        door = _household_door(s)
        rec = canvass.record_result(s, door_id=door.id, result_code="not_home", attempted_at=AT)
        row = s.get(ContactAttempt, rec.attempt_ids[0])
        assert row is not None and row.person_id is None and row.support is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"result_code": "maybe"}, "unknown result code"),
        ({"result_code": "canvassed", "support": 6}, "support is 1"),
        ({"result_code": "canvassed", "support": 0}, "support is 1"),
        ({"result_code": "not_home", "support": 1}, "support goes with a conversation"),
        ({"result_code": "not_home", "answers": {"rent_cap": "yes"}}, "answers go with a conversation"),
        ({"result_code": "canvassed", "answers": {"rent_cap": "perhaps"}}, "not an answer"),
        ({"result_code": "canvassed", "answers": {"pets": "yes"}}, "no question 'pets'"),
    ],
)
def test_bad_results_are_refused_and_write_nothing(demo_store: Store, kwargs, message) -> None:
    with demo_store.session() as s:
        before = s.scalar(select(func.count()).select_from(ContactAttempt))
        door = _household_door(s)
    with pytest.raises(InputError, match=message), demo_store.transaction() as s:
        canvass.record_result(s, door_id=door.id, **kwargs)
    with demo_store.session() as s:
        assert s.scalar(select(func.count()).select_from(ContactAttempt)) == before


def test_branching_hides_follow_up_until_its_answer(demo_store: Store) -> None:
    with demo_store.session() as s:
        qs = canvass.script(s, _campaign(s).id)
    by_key = {q.key: q for q in qs}
    keys = lambda answers: [q.key for q in canvass.visible_questions(qs, answers)]  # noqa: E731
    assert keys({}) == ["rent_cap", "tenure"]
    assert keys({by_key["rent_cap"].id: "no"}) == ["rent_cap", "tenure"]
    assert keys({by_key["rent_cap"].id: "yes"}) == ["rent_cap", "volunteer", "tenure"]
    assert canvass.validate_answers(qs, {"rent_cap": "yes", "volunteer": "no"}) == {
        by_key["rent_cap"].id: "yes", by_key["volunteer"].id: "no"
    }
    with pytest.raises(InputError, match="only asked when 'rent_cap' is answered 'yes'"):
        canvass.validate_answers(qs, {"rent_cap": "no", "volunteer": "yes"})
    # Spanish text for the canvasser who picked Spanish; English fallback for a missing language
    assert by_key["volunteer"].text_in("es").startswith("¿Dedicaría")
    assert by_key["tenure"].choice("own").label_in("es") == "Dueño"


def test_correction_supersedes_and_history_hides_the_old(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        door = _household_door(s)
        vol = s.scalars(select(Volunteer).order_by(Volunteer.id).limit(1)).one()
        knocker = s.get(Person, vol.person_id)
        first = canvass.record_result(
            s, door_id=door.id, result_code="not_home", canvasser_id=vol.id, attempted_at=AT
        ).attempt_ids[0]
        later = AT + dt.timedelta(hours=1)
        canvass.record_result(s, door_id=door.id, result_code="come_back", canvasser_id=vol.id, attempted_at=later)
        fixed = canvass.correct_attempt(s, first, result_code="refused")
    with demo_store.session() as s:
        history = canvass.door_history(s, door.id)
        ours = [h for h in history if h.attempted_at >= AT]
        assert [h.result_code for h in ours] == ["come_back", "refused"]  # newest first
        assert ours[0].canvasser_name == f"{knocker.first_name} {knocker.last_name}"
        assert ours[1].id == fixed and ours[1].supersedes_id == first
        assert first not in {h.id for h in history}
        full = canvass.door_history(s, door.id, include_superseded=True)
        old = next(h for h in full if h.id == first)
        assert old.superseded and old.result_code == "not_home"
        times = [h.attempted_at for h in history]
        assert times == sorted(times, reverse=True)
    with pytest.raises(InputError, match="already corrected"), demo_store.transaction() as s:
        canvass.correct_attempt(s, first, result_code="moved")


def test_attempts_are_append_only(demo_store: Store) -> None:
    with pytest.raises(AppendOnlyError), demo_store.transaction() as s:
        att = s.scalars(select(ContactAttempt).limit(1)).one()
        att.result_code = "moved"
        s.flush()


def test_person_history_newest_first(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        door = _household_door(s)
        pid = canvass.household(s, door.id)[0].id
        for hours, code in ((0, "come_back"), (30, "canvassed")):
            canvass.record_result(s, door_id=door.id, result_code=code, person_ids=[pid],
                                  attempted_at=AT + dt.timedelta(hours=hours))
    with demo_store.session() as s:
        hist = canvass.person_history(s, pid)
        assert [h.result_code for h in hist][:2] == ["canvassed", "come_back"]
        assert all(h.person_id == pid for h in hist)


def test_do_not_knock_result_suppresses_the_door_in_walk_lists(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        door = _household_door(s)
        turf_id = door.turf_id
        assert door.id in walk_order(s, turf_id)
        canvass.record_result(s, door_id=door.id, result_code="do_not_knock", notes="Dog; owner asked", attempted_at=AT)
    with demo_store.session() as s:
        d = s.get(Door, door.id)
        assert d.do_not_knock and canvass.door_suppression(d) == "Do not knock: Dog; owner asked"
        assert door.id not in walk_order(s, turf_id)
        entries = {e.id: e for e in canvass.entry_doors(s, turf_id)}
        assert entries[door.id].suppressed == "Do not knock: Dog; owner asked"
        assert entries[door.id].last_result == "do_not_knock"


def test_entry_doors_follow_walk_order_and_keep_suppressed_in_place(demo_store: Store) -> None:
    with demo_store.session() as s:
        turf = s.scalars(select(Turf).order_by(Turf.name).limit(1)).one()
        entries = canvass.entry_doors(s, turf.id)
        assert [e.id for e in entries] == walk_order(s, turf.id, include_suppressed=True)
        live = [e.id for e in entries if e.suppressed is None]
        assert live == walk_order(s, turf.id)


def test_person_flags_suppression_reason(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        p = s.scalars(select(Person).where(Person.do_not_call.is_(False)).limit(1)).one()
        assert canvass.person_suppression(p, "call") is None
        canvass.set_person_flags(s, p.id, do_not_call=True, do_not_text=True)
        assert canvass.person_suppression(p, "call") == "Do not call"
        assert canvass.person_suppression(p, "text") == "Do not text"
        assert canvass.person_suppression(p, "email") is None


def test_script_editor_rules(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        cid = _campaign(s).id
        qs = {q.key: q for q in canvass.script(s, cid)}
        new = canvass.add_question(
            s, cid, key="pets", text={"en": "Any pets?", "es": "¿Mascotas?"},
            choices=[{"value": "dog"}, {"value": "cat", "label": {"en": "Cat", "es": "Gato"}}],
            show_if_question_id=qs["tenure"].id, show_if_answer="rent",
        )
        after = canvass.script(s, cid)
        assert [q.key for q in after] == ["rent_cap", "volunteer", "tenure", "pets"]
        pets = after[-1]
        assert pets.choice("dog").label_in("en") == "dog" and pets.choice("cat").label_in("es") == "Gato"
        canvass.set_translation(s, new, "es", "¿Tiene mascotas?", {"dog": "Perro"})
        pets = canvass.script(s, cid)[-1]
        assert pets.text_in("es") == "¿Tiene mascotas?" and pets.choice("dog").label_in("es") == "Perro"
        # a branch must point at an earlier question and one of its answers
        with pytest.raises(InputError, match="not an answer to 'tenure'"):
            canvass.edit_question(s, new, show_if_answer="lease")
        with pytest.raises(InputError, match="already has a question"):
            canvass.add_question(s, cid, key="tenure", text={"en": "Again?"})
        with pytest.raises(InputError, match="English text"):
            canvass.add_question(s, cid, key="lang", text={"es": "Solo español"})
        with pytest.raises(InputError, match="listed twice"):
            canvass.add_question(s, cid, key="dup", text={"en": "?"}, choices=[{"value": "a"}, {"value": "a"}])
        # reordering cannot put a follow-up before its question
        with pytest.raises(InputError, match="must come after"):
            canvass.move_question(s, new, -3)
        canvass.move_question(s, qs["tenure"].id, -2)  # tenure first; pets still after it
        assert [q.key for q in canvass.script(s, cid)] == ["tenure", "rent_cap", "volunteer", "pets"]
        with pytest.raises(InputError, match="depends on this one"):
            canvass.remove_question(s, qs["tenure"].id)
        with pytest.raises(InputError, match="shown after the answer 'rent'"):
            canvass.edit_question(s, qs["tenure"].id, choices=[{"value": "own"}])
        canvass.remove_question(s, new)
        assert "pets" not in [q.key for q in canvass.script(s, cid)]
