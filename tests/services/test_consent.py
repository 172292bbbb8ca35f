"""Finding 4: consent changes only by an explicit opt-in or opt-out, recorded with
who, when and where; an unticked box is "no answer"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from fieldapp.core.db import Store
from fieldapp.core.models import ConsentChange, Event, Person, Volunteer
from fieldapp.services import canvass, consent
from fieldapp.services import events as ev
from fieldapp.services.importing import import_doors

AT = dt.datetime(2026, 12, 5, 15, tzinfo=dt.UTC)


def _records(s, pid: str) -> list[tuple[str, str, str]]:
    return [(c.channel, c.choice, c.source) for c in consent.history(s, pid)]


def test_a_walk_in_with_unticked_boxes_keeps_a_recorded_do_not_text(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        eid = s.scalar(select(Event.id).where(Event.kind == "summit"))
        vol = s.scalar(select(Volunteer.id).limit(1))
        first = ev.walk_in(s, eid, ev.WalkInInput(first_name="Rosa", last_name="Parks",
                                                  email="rosa@example.org", do_not_text=True),
                           at=AT, by_volunteer_id=vol)
        pid = first.person_id
        assert s.get(Person, pid).do_not_text
        rec = s.scalar(select(ConsentChange).where(ConsentChange.person_id == pid))
        assert (rec.channel, rec.choice, rec.source, rec.source_ref, rec.by_volunteer_id,
                rec.recorded_at) == ("text", "opt_out", "walk_in", f"event {eid}", vol, AT)
        # The same person walks in again; nobody ticks anything this time.
        again = ev.walk_in(s, eid, ev.WalkInInput(first_name="Rosa", last_name="Parks",
                                                  email="rosa@example.org"), at=AT)
        assert again.person_id == pid
        person = s.get(Person, pid)
        assert person.do_not_text and not person.do_not_call
        assert _records(s, pid) == [("text", "opt_out", "walk_in")]


def test_canvass_flags_are_explicit_choices_and_none_is_no_answer(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        pid = s.scalar(select(Person.id).where(Person.do_not_call.is_(False)).limit(1))
        canvass.set_person_flags(s, pid, do_not_call=True, source="canvass")
        canvass.set_person_flags(s, pid)  # nothing ticked: nothing written
        assert s.get(Person, pid).do_not_call
        assert _records(s, pid) == [("call", "opt_out", "canvass")]
        canvass.set_person_flags(s, pid, do_not_call=False, source="form")  # explicit opt-in
        assert not s.get(Person, pid).do_not_call


def test_an_import_records_opt_outs_and_a_blank_or_no_never_clears_one(store: Store,
                                                                        tmp_path: Path) -> None:
    first = tmp_path / "voters.csv"
    first.write_text("Voter ID,First,Last,Address,City,Do Not Call\n"
                     "V1,Ana,Ruiz,12 Main St,Milwaukee,Y\n"
                     "V2,Ben,Ortiz,14 Main St,Milwaukee,\n")
    import_doors(store, first, mapping={"Voter ID": "voter_id", "First": "first_name",
                                        "Last": "last_name", "Address": "address",
                                        "City": "city", "Do Not Call": "do_not_call"})
    again = tmp_path / "again.csv"
    again.write_text("Voter ID,First,Last,Address,City,Do Not Call\n"
                     "V1,Ana,Ruiz,12 Main St,Milwaukee,N\n"
                     "V2,Ben,Ortiz,14 Main St,Milwaukee,\n")
    import_doors(store, again, mapping={"Voter ID": "voter_id", "First": "first_name",
                                        "Last": "last_name", "Address": "address",
                                        "City": "city", "Do Not Call": "do_not_call"})
    with store.session() as s:
        people = {p.voter_id: p for p in s.scalars(select(Person))}
        assert people["V1"].do_not_call and not people["V2"].do_not_call
        recs = list(s.scalars(select(ConsentChange)))
        assert [(r.person_id, r.channel, r.choice, r.source, r.source_ref) for r in recs] == [
            (people["V1"].id, "call", "opt_out", "import", "voters.csv")]


def test_the_cli_records_an_explicit_opt_in_and_shows_the_history(
        demo_store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    from fieldapp.cli import main

    with demo_store.transaction() as s:
        pid = s.scalar(select(Person.id).where(Person.do_not_text.is_(False)).limit(1))
        consent.record(s, pid, {"text": "opt_out"}, source="canvass",
                       at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    db = demo_store.url.removeprefix("sqlite:///")
    demo_store.close()
    assert main(["--db", db, "canvass", "consent", pid, "--opt-in", "text", "--note", "email"]) == 0
    shown = capsys.readouterr().out
    assert "opted out of text via canvass" in shown and "opted in to text via cli (email)" in shown
    assert main(["--db", db, "canvass", "consent", pid, "--opt-in", "call", "--opt-out", "call"]) == 1
    from fieldapp.core.db import open_store

    store = open_store(db)
    with store.session() as s:
        assert not s.get(Person, pid).do_not_text
    store.close()
