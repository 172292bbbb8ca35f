"""Report figures on the demo seed, checked against sums computed here from the raw rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict

from sqlalchemy import select

from fieldapp.core.db import Store
from fieldapp.core.models import CheckIn, ContactAttempt, Event, Organization, Signup, Turf
from fieldapp.services import canvass, events, reports

CONTACT = {"canvassed"}


def _raw_expected(s, key: str) -> dict[str | None, tuple[int, int, int]]:
    """doors knocked, contacts, supporters per group, from the raw attempts (UTC days)."""
    attempts = list(s.scalars(select(ContactAttempt).where(ContactAttempt.channel == "door")))
    superseded = {a.supersedes_id for a in attempts if a.supersedes_id}
    visits, contacts, supporters = defaultdict(set), defaultdict(set), defaultdict(set)
    for a in attempts:
        if a.id in superseded:
            continue
        group = getattr(a, key)
        day = a.attempted_at.date()
        visits[group].add((a.door_id, day))
        if a.result_code in CONTACT:
            contacts[group].add((a.door_id, day))
        if a.support in (1, 2):
            supporters[group].add(a.person_id or a.door_id)
    return {g: (len(visits[g]), len(contacts[g]), len(supporters[g])) for g in visits}


def _figures(figs) -> dict[str, tuple[int, int, int]]:
    return {f.key: (f.doors_knocked, f.contacts, f.supporters) for f in figs}


def test_turf_canvasser_organization_figures_match_raw_rows(demo_store: Store) -> None:
    with demo_store.session() as s:
        for by, column in (("turf", "turf_id"), ("canvasser", "canvasser_id"), ("organization", "organization_id")):
            expected = {k or "": v for k, v in _raw_expected(s, column).items()}
            got = reports.canvass_figures(s, by)
            assert _figures(got) == expected, by
            assert sum(f.doors_knocked for f in got) > 50
        turf_names = {t.id: t.name for t in s.scalars(select(Turf))}
        assert {f.label for f in reports.canvass_figures(s, "turf")} <= set(turf_names.values())


def test_by_day_and_contact_rate(demo_store: Store) -> None:
    with demo_store.session() as s:
        attempts = [a for a in s.scalars(select(ContactAttempt))]
        expected: dict[str, set] = defaultdict(set)
        for a in attempts:
            expected[a.attempted_at.date().isoformat()].add(a.door_id)
        days = reports.canvass_figures(s, "day")
        assert [f.key for f in days] == sorted(expected)
        assert {f.key: f.doors_knocked for f in days} == {k: len(v) for k, v in expected.items()}
        for f in days:
            assert f.contact_rate == (f.contacts / f.doors_knocked)
        total = reports.canvass_totals(s)
        assert total.doors_knocked == sum(f.doors_knocked for f in days)
        # a day in Chicago starts six hours later: the demo knocks 15:00-19:59 UTC all land on the same local day
        local = reports.canvass_figures(s, "day", tz="America/Chicago")
        assert sum(f.doors_knocked for f in local) == total.doors_knocked


def test_superseded_attempts_are_left_out(demo_store: Store) -> None:
    with demo_store.session() as s:
        before = reports.canvass_totals(s)
        old = s.scalars(
            select(ContactAttempt).where(ContactAttempt.result_code == "canvassed", ContactAttempt.support == 5).limit(1)
        ).one()
    with demo_store.transaction() as s:
        # the canvasser meant "strong support": correct it
        canvass.correct_attempt(s, old.id, support=1)
    with demo_store.session() as s:
        after = reports.canvass_totals(s)
        assert (after.doors_knocked, after.contacts, after.attempts) == (
            before.doors_knocked, before.contacts, before.attempts)
        assert after.supporters == before.supporters + 1


def test_household_entry_counts_one_door(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        turf = s.scalars(select(Turf).order_by(Turf.name).limit(1)).one()
        door = next(d for d in canvass.entry_doors(s, turf.id) if len(d.people) >= 2 and not d.suppressed)
        before = reports.canvass_totals(s)
        canvass.record_result(s, door_id=door.id, result_code="canvassed", whole_household=True, support=2,
                              attempted_at=dt.datetime(2026, 11, 21, 18, tzinfo=dt.UTC))
        after = reports.canvass_totals(s)
        assert after.doors_knocked == before.doors_knocked + 1
        assert after.contacts == before.contacts + 1
        assert after.supporters == before.supporters + len(door.people)


def test_event_figures(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        party = s.scalars(select(Event).where(Event.kind == "house_party")).one()
        signups = list(s.scalars(select(Signup).where(Signup.event_id == party.id)))
        yes = [x for x in signups if x.status in ("scheduled", "confirmed")]
        for su in yes[:3]:
            events.check_in(s, su.id, at=party.starts_at)
        events.walk_in(s, party.id, events.WalkInInput(first_name="Walk", last_name="In"), at=party.starts_at)
        rsvps = len({x.person_id for x in signups if x.status in ("scheduled", "confirmed", "completed", "no_show")})
        before_end = {f.event_id: f for f in reports.event_figures(s, now=party.starts_at)}[party.id]
        after_end = {f.event_id: f for f in reports.event_figures(s, now=party.ends_at + dt.timedelta(hours=1))}[party.id]
        checked = len(set(s.scalars(select(CheckIn.person_id).where(CheckIn.event_id == party.id))))
    assert before_end.rsvps == rsvps and before_end.attended == checked == 4 and before_end.walk_ins == 1
    assert before_end.no_shows is None and before_end.no_show_rate is None  # not over yet
    assert after_end.no_shows == rsvps - 3
    assert after_end.no_show_rate == (rsvps - 3) / rsvps


def test_report_tables_csv_and_json(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        org = s.scalars(select(Organization).order_by(Organization.name).limit(1)).one()
        org.name = "=cmd|' /C calc'!A0"
        s.flush()
        for name in reports.REPORTS:
            table = reports.report_table(s, name)
            buf = io.StringIO()
            table.write_csv(buf)
            rows = list(csv.reader(io.StringIO(buf.getvalue())))
            assert rows[0] == [k for k, _ in table.columns]
            assert len(rows) == len(table.rows) + 1
            for row in rows[1:]:
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
            assert json.loads(table.as_json())["report"] == table.name
            assert table.as_text().splitlines()[0].startswith(table.columns[0][1])
        orgs = reports.report_table(s, "organizations")
        assert "'=cmd|' /C calc'!A0" in _csv(orgs)


def _csv(table) -> str:
    buf = io.StringIO()
    table.write_csv(buf)
    return buf.getvalue()


def test_safe_cell() -> None:
    for bad in ("=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert reports.safe_cell(bad) == "'" + bad
    assert reports.safe_cell("Ana") == "Ana" and reports.safe_cell(0.25) == 0.25 and reports.safe_cell("") == ""
