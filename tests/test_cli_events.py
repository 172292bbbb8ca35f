"""``fieldapp events``, ``report`` and ``canvass`` end to end (in process, on a demo store)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pytest
from pypdf import PdfReader

from fieldapp.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def _no_global_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    """main() in process would set up the root logger once for the whole test run
    (pointing at this test's data folder); keep logging as the other tests expect it."""
    monkeypatch.setattr("fieldapp.log.setup", lambda verbose=False: None)


@pytest.fixture
def demo() -> None:
    """The demo campaign in the default store of this test's data folder."""
    import datetime as dt

    from fieldapp import paths
    from fieldapp.core.db import open_store
    from fieldapp.services.demo import seed_demo

    store = open_store(paths.store_target(None))
    seed_demo(store, doors=200, seed=5, today=dt.date(2026, 11, 20))
    store.close()


def test_events_create_list_ics_signin_calllist(demo, capsys, tmp_path: Path) -> None:
    code, outp, err = run(capsys, "events", "create", "--kind", "rally", "--title", "City Hall rally",
                          "--start", "2026-12-12 12:00", "--hours", "2", "--tz", "America/Chicago",
                          "--place", "City Hall", "--address", "200 E Wells St", "--lat", "43.0417",
                          "--lon", "-87.9095", "--capacity", "300", "--host", "RNU", "--host", "lmca")
    assert code == 0, err
    assert "2026-12-12 12:00-14:00 America/Chicago" in outp
    code, outp, _ = run(capsys, "events", "list", "--json")
    items = json.loads(outp)
    rally = next(i for i in items if i["title"] == "City Hall rally")
    assert rally["starts_at"] == "2026-12-12T18:00:00+00:00" and len(rally["hosts"]) == 2
    assert len(items) == 6

    code, outp, _ = run(capsys, "events", "ics", "--out", str(tmp_path / "e.ics"))
    assert code == 0 and "Wrote 6 events" in outp
    cal = icalendar.Calendar.from_ical((tmp_path / "e.ics").read_bytes())
    assert "City Hall rally" in {str(e["summary"]) for e in cal.walk("VEVENT")}

    code, outp, _ = run(capsys, "events", "signin", "Fair Rent Summit", "--pdf", str(tmp_path / "s.pdf"))
    assert code == 0
    text = PdfReader(tmp_path / "s.pdf").pages[0].extract_text()
    assert "Fair Rent Summit" in text and "Name" in text

    code, outp, _ = run(capsys, "events", "calllist", "Fair Rent Summit", "--out", str(tmp_path / "c.csv"))
    assert code == 0
    rows = list(csv.DictReader((tmp_path / "c.csv").open(encoding="utf-8")))
    assert rows and all(r["phone"] for r in rows)

    code, _, err = run(capsys, "events", "cancel", "City Hall rally")
    assert code == 0
    code, outp, _ = run(capsys, "events", "list")
    assert "City Hall rally" not in outp
    code, outp, _ = run(capsys, "events", "list", "--all")
    assert "CANCELLED" in outp


def test_events_bad_input_is_one_line_exit_1(demo, capsys) -> None:
    code, _, err = run(capsys, "events", "create", "--kind", "rally", "--title", "X", "--start", "2026-12-12 12:00",
                       "--end", "2026-12-12 11:00", "--tz", "America/Chicago")
    assert code == 1 and "end after it starts" in err and err.count("\n") == 1
    code, _, err = run(capsys, "events", "create", "--kind", "rally", "--title", "X", "--start", "noon",
                       "--hours", "1")
    assert code == 1 and "--start" in err
    code, _, err = run(capsys, "events", "signin", "No such event", "--pdf", "x.pdf")
    assert code == 1 and "no event 'No such event'" in err


def test_checkin_and_walkin(demo, capsys) -> None:
    code, outp, _ = run(capsys, "events", "checkin", "Fair Rent Summit", "zzzznobody")
    assert code == 1
    code, outp, _ = run(capsys, "events", "walkin", "Fair Rent Summit", "--first", "Ana", "--last", "Walker",
                        "--email", "ana.w@example.org", "--org", "HCW88", "--no-call")
    assert code == 0 and "Arrived 1 of" in outp
    code, outp, _ = run(capsys, "events", "checkin", "Fair Rent Summit", "ana.w@example.org")
    assert code == 0 and "already checked in" in outp
    code, outp, _ = run(capsys, "events", "counts", "Fair Rent Summit")
    assert "1 arrived" in outp and "1 walk-ins" in outp


def test_report_formats(demo, capsys, tmp_path: Path) -> None:
    code, outp, _ = run(capsys, "report", "turfs")
    assert code == 0 and outp.splitlines()[0].startswith("Turf") and "Doors knocked" in outp
    code, outp, _ = run(capsys, "report", "canvassers", "--format", "json")
    data = json.loads(outp)
    assert data["report"] == "canvassers" and data["rows"][0]["doors_knocked"] >= data["rows"][-1]["doors_knocked"]
    code, outp, _ = run(capsys, "report", "organizations", "--format", "csv", "--out", str(tmp_path / "o.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "o.csv").read_text(encoding="utf-8"))))
    assert {r["code"] for r in rows} == {"RNU", "HCW88", "LMCA"}
    code, outp, _ = run(capsys, "report", "events", "--format", "csv")
    assert outp.splitlines()[0].startswith("event,starts_at")
    code, _, err = run(capsys, "report", "days", "--tz", "Nowhere/Else")
    assert code == 1 and "unknown time zone" in err


def test_canvass_record_history_script(demo, capsys) -> None:
    from sqlalchemy import select

    from fieldapp import paths
    from fieldapp.core.db import open_store
    from fieldapp.core.models import Door, Person

    store = open_store(paths.store_target(None))
    with store.session() as s:
        person_id, door_id = s.execute(select(Person.id, Person.door_id).where(Person.door_id.is_not(None))
                                       .order_by(Person.id).limit(1)).one()
        assert s.get(Door, door_id) is not None
    store.close()
    # A conversation is with one person: support for the whole household is refused.
    code, outp, err = run(capsys, "canvass", "record", door_id, "canvassed", "--household", "--support", "1")
    assert code == 1 and "pick the person spoken with" in err
    code, outp, err = run(capsys, "canvass", "record", door_id, "canvassed", "--person", person_id, "--support", "1",
                          "--answer", "rent_cap=yes", "--answer", "volunteer=yes", "--at", "2026-11-21T17:00:00+00:00")
    assert code == 0, err
    first = outp.splitlines()[1].strip()
    code, outp, err = run(capsys, "canvass", "record", door_id, "canvassed", "--person", person_id,
                          "--answer", "volunteer=yes")
    assert code == 1 and "only asked when 'rent_cap'" in err
    code, outp, _ = run(capsys, "canvass", "correct", first, "--support", "2")
    assert code == 0
    code, outp, _ = run(capsys, "canvass", "history", door_id)
    assert "support 2" in outp.splitlines()[0] or any("support 2" in line for line in outp.splitlines())
    code, outp, _ = run(capsys, "canvass", "history", door_id, "--all")
    assert "[superseded]" in outp
    code, outp, _ = run(capsys, "canvass", "script", "--lang", "es")
    assert "¿Apoya limitar" in outp and "(only if rent_cap = yes)" in outp


def test_shift_signup_waitlist_from_the_command_line(demo, capsys) -> None:
    from sqlalchemy import select

    from fieldapp import paths
    from fieldapp.core.db import open_store
    from fieldapp.core.models import Person

    code, outp, err = run(capsys, "events", "create", "--kind", "training", "--title", "Captain training",
                          "--start", "2026-12-02 18:00", "--hours", "2", "--tz", "America/Chicago")
    assert code == 0, err
    code, outp, err = run(capsys, "events", "add-shift", "Captain training", "--role", "trainer",
                          "--start", "2026-12-02 18:00", "--end", "2026-12-02 19:00", "--capacity", "1")
    assert code == 0, err
    shift_id = outp.strip().rsplit(" ", 1)[1]
    store = open_store(paths.store_target(None))
    with store.session() as s:
        a, b = s.scalars(select(Person.id).order_by(Person.id).limit(2)).all()
    store.close()
    code, first, _ = run(capsys, "events", "signup", "Captain training", a, "--shift", shift_id)
    code, second, _ = run(capsys, "events", "signup", "Captain training", b, "--shift", shift_id)
    assert "waitlist" in second and "waitlist" not in first
    code, outp, _ = run(capsys, "events", "shifts", "Captain training")
    assert "1/1 taken, 1 waitlisted" in outp
    code, outp, _ = run(capsys, "events", "set-status", first.strip().rsplit(" ", 1)[1], "declined")
    assert "moved up from the waitlist" in outp
    code, outp, _ = run(capsys, "events", "shifts", "Captain training")
    assert "1/1 taken" in outp and "waitlisted" not in outp
