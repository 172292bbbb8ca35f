"""Finding 5: one module owns the attempt and check-in rules, and every reader
(the Canvass entry list, the map, reports, the UI's door table) agrees."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from fieldapp.cli import main
from fieldapp.core.db import Store
from fieldapp.core.models import ConsentChange, ContactAttempt, Door, Person, Turf
from fieldapp.maps.data import door_category, load_map_data
from fieldapp.services import canvass, reports, rules
from fieldapp.services.knocks import Knock, save_knock

AT = dt.datetime(2026, 11, 20, 18, tzinfo=dt.UTC)


def _turf_with_doors(s, n: int = 3) -> tuple[str, list[str]]:
    turf = s.scalars(select(Turf).where(Turf.deleted.is_(False)).order_by(Turf.name)).first()
    doors = list(s.scalars(select(Door.id).where(Door.turf_id == turf.id, Door.deleted.is_(False),
                                                 Door.lat.is_not(None), Door.do_not_knock.is_(False))
                           .order_by(Door.id).limit(n)))
    return turf.id, doors


def test_a_recut_turf_keeps_its_doors_results_everywhere(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        old_turf, doors = _turf_with_doors(s)
        for i, door in enumerate(doors):
            canvass.record_result(s, door_id=door, result_code="not_home",
                                  attempted_at=AT + dt.timedelta(minutes=i))
        new = Turf(name="Re-cut turf", campaign_id=s.get(Turf, old_turf).campaign_id)
        s.add(new)
        s.flush()
        for door in doors:  # the re-cut moves the knocked doors into a new turf
            s.get(Door, door).turf_id = new.id
    with demo_store.session() as s:
        entry = {d.id: d.last_result for d in canvass.entry_doors(s, new.id)}
        assert entry == {d: "not_home" for d in doors}
        assert s.scalar(select(rules.turf_knocked_doors_sql()).where(Turf.id == new.id)) == 3
    data = load_map_data(demo_store, turf=new.id)
    assert data.turfs[0].done == 3


def test_every_reader_agrees_on_a_doors_latest_result(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        turf, (door, *_) = _turf_with_doors(s)
        first = canvass.record_result(s, door_id=door, result_code="not_home", attempted_at=AT)
        later = canvass.record_result(s, door_id=door, result_code="refused",
                                      attempted_at=AT + dt.timedelta(hours=1))
        canvass.correct_attempt(s, later.attempt_ids[0], result_code="come_back")
        # A phone call later still does not change what happened at the door.
        canvass.record_result(s, door_id=door, result_code="moved", channel="phone",
                              attempted_at=AT + dt.timedelta(hours=2))
        assert first.attempt_ids
    with demo_store.session() as s:
        assert rules.latest_door_results(s, [door])[door].result_code == "come_back"
        assert next(d for d in canvass.entry_doors(s, turf) if d.id == door).last_result == "come_back"
        assert s.scalar(select(rules.door_latest_result_sql()).where(Door.id == door)) == "come_back"
        row = [r for r in reports.attempt_rows(s) if r.door_id == door]
        assert sorted(r.result_code for r in row) == ["come_back", "not_home"]
    with demo_store.engine.connect() as conn:
        assert rules.latest_door_codes(conn)[door] == ("come_back", None)
    data = load_map_data(demo_store, turf=turf)
    assert data.doors.cat[data.doors.ids.index(door)] == door_category("come_back", None)
    assert door_category("come_back", None) != door_category("moved", None)


def test_knock_and_consent_are_one_service_and_the_cli_records_both(
        demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with demo_store.session() as s:
        door = next(d for d in s.scalars(select(Door).where(Door.do_not_knock.is_(False)))
                    if len(canvass.household(s, d.id)) >= 2 and not any(
                        p.do_not_text for p in canvass.household(s, d.id)))
        people = [p.id for p in canvass.household(s, door.id)]
    db = demo_store.url.removeprefix("sqlite:///")
    demo_store.close()
    code = main(["--db", db, "canvass", "record", door.id, "not_home", "--household",
                 "--no-text"])
    out = capsys.readouterr().out
    assert code == 0 and "do not text" in out
    from fieldapp.core.db import open_store

    store = open_store(db)
    with store.session() as s:
        assert all(s.get(Person, p).do_not_text for p in people)
        recs = list(s.scalars(select(ConsentChange).where(ConsentChange.person_id.in_(people))))
        attempt = s.scalar(select(ContactAttempt.id).where(ContactAttempt.door_id == door.id))
        assert {(r.channel, r.choice, r.source, r.source_ref) for r in recs} == {
            ("text", "opt_out", "canvass", f"attempt {attempt}")}
    # A knock that is refused writes no consent either (one transaction).
    before = len(recs)
    with pytest.raises(Exception, match="support"):
        save_knock(store, Knock(door_id=door.id, result_code="not_home", support=9, no_call=True))
    with store.session() as s:
        assert len(list(s.scalars(select(ConsentChange)))) == before
    store.close()


def test_report_days_default_to_the_campaign_zone_like_the_dashboard(
        demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    with demo_store.transaction() as s:
        zone = reports.campaign_zone(s)
        assert zone != "UTC"  # the demo's events are in a real zone
        _turf, (door, *_) = _turf_with_doors(s)
        late = dt.datetime(2026, 11, 21, 3, 30, tzinfo=dt.UTC)  # the evening before, locally
        canvass.record_result(s, door_id=door, result_code="not_home", attempted_at=late)
        dash = reports.dashboard(s, tz=zone)
    db = demo_store.url.removeprefix("sqlite:///")
    demo_store.close()
    assert main(["--db", db, "report", "days"]) == 0
    default = capsys.readouterr().out
    assert main(["--db", db, "report", "days", "--tz", zone]) == 0
    assert capsys.readouterr().out == default
    days = {str(f.key) for f in dash.by_day}
    assert "2026-11-20" in days and "2026-11-20" in default


def test_the_maps_fast_read_of_latest_results_follows_the_rule(demo_store: Store) -> None:
    """``latest_door_codes`` (plain cursor, times compared as stored) picks what
    ``latest_door_results`` picks: later times win, then the later clock stamp."""
    with demo_store.transaction() as s:
        _turf, doors = _turf_with_doors(s, 3)
        canvass.record_result(s, door_id=doors[0], result_code="canvassed", support=1,
                              attempted_at=AT + dt.timedelta(days=400, microseconds=1))
        canvass.record_result(s, door_id=doors[0], result_code="refused",
                              attempted_at=AT + dt.timedelta(days=400))
        for code, support in (("not_home", None), ("canvassed", 4)):  # same time: later stamp
            canvass.record_result(s, door_id=doors[1], result_code=code, support=support,
                                  attempted_at=AT + dt.timedelta(days=400))
    with demo_store.engine.connect() as conn:
        fast = rules.latest_door_codes(conn)
        slow = rules.latest_door_results(conn)
    assert fast == {door: (r.result_code, r.support) for door, r in slow.items()}
    assert fast[doors[0]] == ("canvassed", 1)
    assert fast[doors[1]] == ("canvassed", 4)
