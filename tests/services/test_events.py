"""Events: times in their zone, hosts, shifts, waitlist, check-in, ICS, PDF, call list."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import icalendar
import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from fieldapp.core.db import Store
from fieldapp.core.models import (
    CheckIn,
    Event,
    EventHost,
    Organization,
    Person,
    PersonOrganization,
    Signup,
)
from fieldapp.errors import InputError
from fieldapp.services import events as ev
from fieldapp.services.reports import safe_cell


def _orgs(s) -> list[str]:
    return [o.id for o in s.scalars(select(Organization).order_by(Organization.short_code))]


def _party(s, capacity: int | None = 2, tz: str = "America/Chicago") -> str:
    return ev.create_event(
        s,
        ev.EventInput(
            kind="house_party", title="Tenant meet-up", timezone=tz,
            starts_local=dt.datetime(2026, 12, 3, 18, 30), ends_local=dt.datetime(2026, 12, 3, 20, 0),
            place_name="Ana's place", address="2417 W Vliet St, Milwaukee, WI", lat=43.0485, lon=-87.947,
            capacity=capacity, host_organization_ids=_orgs(s)[:2],
        ),
    )


def _people(s, n: int) -> list[str]:
    return list(s.scalars(select(Person.id).order_by(Person.id).limit(n)))


def test_create_stores_utc_and_keeps_zone_and_hosts(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        eid = _party(s)
    with demo_store.session() as s:
        row = s.get(Event, eid)
        assert row.starts_at == dt.datetime(2026, 12, 4, 0, 30, tzinfo=dt.UTC)  # CST is UTC-6
        info = ev.event_info(s, eid)
        assert info.starts_local.hour == 18 and info.starts_local.minute == 30
        assert len(info.host_organization_ids) == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "picnic"}, "unknown event kind"),
        ({"title": "  "}, "needs a title"),
        ({"timezone": "Mars/Olympus"}, "unknown time zone"),
        ({"ends_local": dt.datetime(2026, 12, 3, 18, 0)}, "end after it starts"),
        ({"lat": 43.0, "lon": None}, "both latitude and longitude"),
        ({"lat": 95.0}, "outside -90..90"),
        ({"capacity": -1}, "cannot be negative"),
    ],
)
def test_bad_event_input_is_refused(demo_store: Store, change, message) -> None:
    data = ev.EventInput(kind="rally", title="Rally", timezone="America/Chicago",
                         starts_local=dt.datetime(2026, 12, 3, 18), ends_local=dt.datetime(2026, 12, 3, 20),
                         lat=43.0, lon=-87.9)
    for k, v in change.items():
        setattr(data, k, v)
    with pytest.raises(InputError, match=message), demo_store.transaction() as s:
        ev.create_event(s, data)


def test_edit_hosts_duplicate_and_cancel(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        eid = _party(s)
        ev.add_shift(s, eid, starts_local=dt.datetime(2026, 12, 3, 18, 30), ends_local=dt.datetime(2026, 12, 3, 19, 15),
                     role="greeter", capacity=2)
        data = ev.event_info(s, eid).as_input()
        data.title = "Tenant meet-up (moved)"
        data.host_organization_ids = _orgs(s)[2:]
        ev.update_event(s, eid, data)
        info = ev.event_info(s, eid)
        assert info.title == "Tenant meet-up (moved)" and info.host_organization_ids == tuple(_orgs(s)[2:])
        # removed hosts are tombstoned, never deleted
        assert s.scalar(select(func.count()).select_from(EventHost).where(EventHost.event_id == eid)) == 3
        copy = ev.duplicate_event(s, eid)
        ci = ev.event_info(s, copy)
        assert ci.starts_local.replace(tzinfo=None) == dt.datetime(2026, 12, 10, 18, 30)
        assert ci.host_organization_ids == info.host_organization_ids and ci.title == info.title
        [sh] = ev.shifts(s, copy)
        assert sh.role == "greeter" and sh.starts_local.replace(tzinfo=None) == dt.datetime(2026, 12, 10, 18, 30)
        ev.cancel_event(s, eid)
        assert ev.event_info(s, eid).status == "cancelled"
        pid = _people(s, 1)[0]
        with pytest.raises(InputError, match="cancelled"):
            ev.sign_up(s, eid, pid)


def test_duplicate_across_daylight_saving_keeps_wall_clock(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        data = ev.EventInput(kind="phone_bank", title="Phones", timezone="America/Chicago",
                             starts_local=dt.datetime(2026, 10, 28, 17), ends_local=dt.datetime(2026, 10, 28, 20))
        eid = ev.create_event(s, data)
        copy = ev.event_info(s, ev.duplicate_event(s, eid))  # 4 Nov: after DST ends
        assert copy.starts_local.hour == 17
        assert copy.starts_at - ev.event_info(s, eid).starts_at == dt.timedelta(days=7, hours=1)


def test_waitlist_when_full_and_promotion_on_decline(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        eid = _party(s, capacity=2)
        a, b, c, d = _people(s, 4)
        t0 = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
        ra = ev.sign_up(s, eid, a, at=t0)
        rb = ev.sign_up(s, eid, b, at=t0 + dt.timedelta(minutes=1))
        rc = ev.sign_up(s, eid, c, at=t0 + dt.timedelta(minutes=2))
        rd = ev.sign_up(s, eid, d, at=t0 + dt.timedelta(minutes=3))
        assert (ra.waitlisted, rb.waitlisted, rc.waitlisted, rd.waitlisted) == (False, False, True, True)
        with pytest.raises(InputError, match="already signed up"):
            ev.sign_up(s, eid, a)
        promoted = ev.set_signup_status(s, rb.signup_id, "declined")
        assert promoted == rc.signup_id  # the first on the waitlist, not the last
        assert not s.get(Signup, rc.signup_id).waitlisted and s.get(Signup, rd.signup_id).waitlisted
        assert ev.seats_taken(s, eid) == 2
        # confirming someone who already has a seat promotes nobody
        assert ev.set_signup_status(s, ra.signup_id, "confirmed") is None
        # a waitlisted person declining frees no seat
        assert ev.set_signup_status(s, rd.signup_id, "declined") is None


def test_invitations_hold_no_seat_until_accepted(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        eid = _party(s, capacity=1)
        a, b = _people(s, 2)
        invited = ev.sign_up(s, eid, a, status="invited")
        assert not invited.waitlisted and ev.seats_taken(s, eid) == 0
        taken = ev.sign_up(s, eid, b)
        assert not taken.waitlisted and ev.seats_taken(s, eid) == 1
        # the invitation accepted while the party is full: the end of the waitlist
        assert ev.set_signup_status(s, invited.signup_id, "confirmed") is None
        assert s.get(Signup, invited.signup_id).waitlisted
        # the person with the seat declines: the accepted invitation moves up
        assert ev.set_signup_status(s, taken.signup_id, "declined") == invited.signup_id
        assert not s.get(Signup, invited.signup_id).waitlisted and ev.seats_taken(s, eid) == 1


def test_shift_capacity_is_per_shift(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        eid = _party(s, capacity=None)
        early = ev.add_shift(s, eid, starts_local=dt.datetime(2026, 12, 3, 18, 30),
                             ends_local=dt.datetime(2026, 12, 3, 19, 15), role="greeter", capacity=1)
        late = ev.add_shift(s, eid, starts_local=dt.datetime(2026, 12, 3, 19, 15),
                            ends_local=dt.datetime(2026, 12, 3, 20), role="greeter", capacity=1)
        a, b = _people(s, 2)
        assert not ev.sign_up(s, eid, a, shift_id=early).waitlisted
        assert ev.sign_up(s, eid, b, shift_id=early).waitlisted
        assert not ev.sign_up(s, eid, b, shift_id=late).waitlisted
        info = {sh.id: sh for sh in ev.shifts(s, eid)}
        assert (info[early].taken, info[early].waitlisted, info[late].taken) == (1, 1, 1)
        with pytest.raises(InputError, match="signed up for this shift"):
            ev.remove_shift(s, early)


def _summit(s) -> str:
    return s.scalar(select(Event.id).where(Event.kind == "summit"))


def test_search_by_name_phone_email(demo_store: Store) -> None:
    with demo_store.session() as s:
        eid = _summit(s)
        rows = ev.signup_rows(s, eid)
        assert len(rows) == ev.count_signups(s, eid) > 100
        target = next(r for r in rows if r.phone and r.email)
        by_last = ev.signup_rows(s, eid, target.last_name[:3].upper())
        assert target.signup_id in {r.signup_id for r in by_last}
        assert all(r.last_name.lower().startswith(target.last_name[:3].lower())
                   or r.first_name.lower().startswith(target.last_name[:3].lower())
                   or r.email.lower().startswith(target.last_name[:3].lower()) for r in by_last)
        digits = target.phone.replace("-", "")[-7:]
        assert target.signup_id in {r.signup_id for r in ev.signup_rows(s, eid, digits)}
        assert target.signup_id in {r.signup_id for r in ev.signup_rows(s, eid, target.email.upper())}
        assert ev.signup_rows(s, eid, target.name)[0].person_id == target.person_id
        assert ev.signup_rows(s, eid, "zzzz-nobody") == []
        assert len(ev.signup_rows(s, eid, "", limit=10)) == 10
        assert ev.count_signups(s, eid, "%") == 0  # LIKE wildcards are literal


def test_check_in_counts_and_walk_in(demo_store: Store) -> None:
    at = dt.datetime(2026, 12, 5, 15, tzinfo=dt.UTC)
    with demo_store.transaction() as s:
        eid = _summit(s)
        before = ev.arrival_counts(s, eid)
        assert before.arrived == 0 and before.rsvps > 100
        rsvp = next(r for r in ev.signup_rows(s, eid) if r.status in ("scheduled", "confirmed"))
        first = ev.check_in(s, rsvp.signup_id, at=at)
        again = ev.check_in(s, rsvp.signup_id, at=at)
        assert not first.already and again.already and again.check_in_id == first.check_in_id
        assert s.get(Signup, rsvp.signup_id).status == "completed"
        org = _orgs(s)[0]
        w = ev.walk_in(s, eid, ev.WalkInInput(first_name="Rosa", last_name="Parks-Nuñez", phone="(414) 555-0199",
                                              email="rosa.pn@example.org", do_not_call=True, do_not_text=False,
                                              organization_id=org), at=at)
        person = s.get(Person, w.person_id)
        assert person.do_not_call and not person.do_not_text and person.first_name == "Rosa"
        assert s.scalar(select(PersonOrganization.organization_id).where(PersonOrganization.person_id == person.id)) == org
        su = s.get(Signup, w.signup_id)
        assert su.walk_in and su.status == "completed"
        after = ev.arrival_counts(s, eid)
        assert (after.rsvps, after.arrived, after.arrived_from_rsvps, after.walk_ins) == (before.rsvps, 2, 1, 1)
        # the same walk-in again reuses the person (same email) and does not double count
        again_w = ev.walk_in(s, eid, ev.WalkInInput(first_name="Rosa", last_name="Parks-Nuñez",
                                                    email="ROSA.PN@example.org"), at=at)
        assert again_w.person_id == person.id and again_w.already
        assert ev.arrival_counts(s, eid).arrived == 2
        with pytest.raises(InputError, match="email"):
            ev.walk_in(s, eid, ev.WalkInInput(first_name="X", last_name="Y", email="not-an-email"))
        with pytest.raises(InputError, match="needs a name"):
            ev.walk_in(s, eid, ev.WalkInInput(first_name=" ", last_name=""))
        # undo is a new fact; the arrival count goes back down
        ev.undo_check_in(s, first.check_in_id)
        assert ev.arrival_counts(s, eid).arrived == 1
        assert s.scalar(select(func.count()).select_from(CheckIn).where(CheckIn.event_id == eid)) == 3
        assert not next(r for r in ev.signup_rows(s, eid) if r.signup_id == rsvp.signup_id).checked_in
        assert s.get(Signup, rsvp.signup_id).status == "confirmed"


def test_ics_parses_back_with_zones(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.transaction() as s:
        eid = _party(s)
        ev.cancel_event(s, eid)
        n = ev.write_ics(s, tmp_path / "events.ics")
        expected = s.scalar(select(func.count()).select_from(Event))
    assert n == expected
    cal = icalendar.Calendar.from_ical((tmp_path / "events.ics").read_bytes())
    items = {str(c["uid"]): c for c in cal.walk("VEVENT")}
    assert len(items) == expected
    party = items[f"{eid}@fieldapp"]
    start = party.decoded("dtstart")
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 12, 4, 0, 30, tzinfo=dt.UTC)
    assert str(party["summary"]) == "Tenant meet-up"
    assert str(party["status"]) == "CANCELLED"
    assert "2417 W Vliet St" in str(party["location"])
    assert "Hosted by" in str(party["description"])
    assert any(str(tz["tzid"]) == "America/Chicago" for tz in cal.walk("VTIMEZONE"))


def test_signin_pdf_lists_rsvps_and_blank_rows(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as s:
        eid = s.scalar(select(Event.id).where(Event.kind == "house_party"))
        rows = ev.signup_rows(s, eid)
        printed = ev.write_signin_pdf(s, eid, tmp_path / "signin.pdf", blank_rows=12)
    expected = [r for r in rows if r.status != "declined" and not r.waitlisted]
    assert printed == len(expected)
    pages = PdfReader(tmp_path / "signin.pdf").pages
    assert len(pages) == 1  # a house party fits on one sheet, walk-in rows included
    text = "\n".join(p.extract_text() for p in pages)
    assert "House party at the Garcías" in text
    for r in expected:
        assert f"{r.last_name}, {r.first_name}" in text
    for r in rows:
        if r.status == "declined":
            assert f"{r.last_name}, {r.first_name}" not in text
    assert "Walk-ins (please print)" in text
    assert f"{printed} RSVPs" in text


def test_call_list_respects_do_not_call_and_neutralises_formulas(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        eid = _summit(s)
        rows = [r for r in ev.signup_rows(s, eid) if r.status in ev.REMIND_STATUSES and r.phone]
        blocked = rows[0]
        s.get(Person, blocked.person_id).do_not_call = True
        evil = rows[1]
        s.get(Person, evil.person_id).first_name = "=HYPERLINK(\"http://x\")"
        s.flush()
        buf = io.StringIO()
        written, left_out = ev.write_call_list(s, eid, buf)
    lines = buf.getvalue().splitlines()
    assert lines[0] == ",".join(ev.CALL_LIST_HEADER)
    assert written == len(lines) - 1
    assert blocked.phone not in buf.getvalue()
    assert left_out >= 1
    assert "'=HYPERLINK" in buf.getvalue()
    assert safe_cell("-1+1") == "'-1+1" and safe_cell(-3) == -3


def test_call_list_leaves_out_voters_the_file_says_are_deceased_or_removed(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        eid = _summit(s)
        rows = [r for r in ev.signup_rows(s, eid) if r.status in ev.REMIND_STATUSES and r.phone
                and not r.do_not_call and not r.waitlisted]
        before, _ = ev.call_list(s, eid)
        s.get(Person, rows[0].person_id).voter_status = "deceased"
        s.get(Person, rows[1].person_id).voter_status = "removed"
        s.get(Person, rows[2].person_id).voter_status = "inactive"  # stays on the list
        s.flush()
        after, _ = ev.call_list(s, eid)
    called = {r.person_id for r in after}
    assert rows[0].person_id not in called and rows[1].person_id not in called
    assert rows[2].person_id in called and len(after) == len(before) - 2
