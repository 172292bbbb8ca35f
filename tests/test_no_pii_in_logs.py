"""No voter's name, address, phone or email reaches the log folder: a voter import,
a canvass session and a sync (export at the laptop, import at HQ), with debug
logging on, then a grep of every log file for every value imported. The same grep
covers every other file the app leaves outside the store (settings, campaign file,
temporary and cache files), the system's temporary folder, and what an unexpected
error shows: the crash dialog, the CLI's one line and the log."""

from __future__ import annotations

import csv
import tempfile
import traceback
from pathlib import Path

import pytest
from sqlalchemy import select

from fieldapp.core.db import open_store
from fieldapp.core.models import Door, Person
from tests.test_cli_sync import Machine, exported, pair

VOTERS = [
    # id, last, first, address, city, zip, phone, email
    ("WI900001", "Quintanilla", "Marisol", "4817 N Teutonia Ave", "Milwaukee", "53209",
     "414-555-0147", "marisol.q@example.org"),
    ("WI900002", "Okonkwo", "Chidinma", "4819 N Teutonia Ave", "Milwaukee", "53209",
     "(414) 555-0148", "chidi.okonkwo@example.net"),
    ("WI900003", "Vanderhoeven", "Gretchen", "2233 W Keefe Ave Apt 4", "Milwaukee", "53206",
     "414.555.0149", "gvdh@example.com"),
    ("WI900004", "Thammavong", "Souksavanh", "2235 W Keefe Ave", "Milwaukee", "53206",
     "4145550150", "souk.t@example.org"),
]


def _write_voters(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["VANID", "LastName", "FirstName", "Address", "City", "State", "Zip5",
                    "Phone", "Email", "Party"])
        for vid, last, first, addr, city, zip5, phone, email in VOTERS:
            w.writerow([vid, last, first, addr, city, "WI", zip5, phone, email, "D"])


def _secrets() -> list[str]:
    values: set[str] = set()
    for _vid, last, first, addr, _city, _zip, phone, email in VOTERS:
        values |= {last, first, addr, email, email.split("@")[0], phone,
                   "".join(c for c in phone if c.isdigit())[-7:]}
        values.add(addr.split(" ", 2)[2])  # the street name alone
    return sorted(values)


def _leaks(text: str) -> list[str]:
    return [v for v in _secrets() if v.lower() in text.lower()]


def test_import_canvass_and_sync_log_no_personal_data(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    system_tmp = tmp_path / "system-tmp"  # the system's temporary folder, for these runs
    system_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(system_tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    laptop = Machine(tmp_path, "laptop", capsys)
    hq = Machine(tmp_path, "hq", capsys)
    pair(laptop, hq, tmp_path)
    voters = tmp_path / "voters.csv"
    _write_voters(voters)
    laptop.run("-v", "import", "doors", str(voters))

    store = open_store(laptop.db)
    try:
        with store.session() as s:
            people = s.execute(select(Person.id, Person.door_id, Person.phone, Person.email)).all()
            assert {p.email for p in people} == {v[7] for v in VOTERS}  # really imported
            doors = list(s.scalars(select(Door.id)))
    finally:
        store.close()
    for n, (pid, door_id, _phone, _email) in enumerate(people):
        laptop.run("-v", "canvass", "record", door_id, "canvassed", "--person", pid,
                   "--support", str(1 + n % 5), "--notes", f"talked about {VOTERS[n][3]}")
    laptop.run("-v", "canvass", "history", doors[0])
    bundle = exported(laptop.run("-v", "bundle", "export", "--out", str(tmp_path / "usb")))
    hq.run("-v", "bundle", "import", str(bundle))
    assert VOTERS[0][7] in hq.run("-v", "dump")  # HQ has the data; its log must not

    logs = [p for m in (laptop, hq) for p in (m.dir / "logs").rglob("*") if p.is_file()]
    assert logs and sum(p.stat().st_size for p in logs) > 500  # the runs did log
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in logs)
    leaked = _leaks(text)
    assert leaked == [], f"the log folder holds personal data: {leaked}"

    # Everything else left on disk outside the store (the store, its backups and the
    # encrypted bundles aside): settings, campaign file, keys, cache and scratch files.
    outside = [p for m in (laptop, hq) for p in m.dir.rglob("*") if p.is_file()
               and ".sqlite" not in p.name and not p.name.endswith(".fieldbundle")]
    assert any(p.parent.name == "config" or p.parent.parent.name == "config" for p in outside)
    for path in outside:
        found = _leaks(path.read_text(encoding="utf-8", errors="replace"))
        assert found == [], f"{path} holds personal data: {found}"
    assert list(system_tmp.rglob("*")) == [], "nothing is left in the system's temp folder"
    for m in (laptop, hq):  # decrypted scratch folders are gone once the work is done
        scratch = m.dir / "cache" / "tmp"
        assert not scratch.exists() or list(scratch.iterdir()) == []


def _failing_with_personal_data() -> BaseException:
    """An unexpected error whose message repeats the values it failed on, as Python's do."""
    _vid, last, first, addr, _city, _zip, phone, email = VOTERS[0]
    try:
        try:
            int(phone)
        except ValueError:
            raise KeyError(f"{first} {last}, {addr}, {email}") from None
    except KeyError as exc:
        return exc
    raise AssertionError("unreachable")


def test_an_unexpected_error_shows_and_logs_no_personal_data(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's one line on stderr and the traceback in the log name the error and where,
    never the voter (a command made to fail the way a bug would)."""
    from fieldapp import cli

    exc = _failing_with_personal_data()

    def broken(args, ctx):  # type: ignore[no-untyped-def]
        raise exc

    monkeypatch.setattr(cli, "cmd_info", broken)
    machine = Machine(tmp_path, "laptop", capsys)
    code = cli.main(["--data-dir", str(machine.dir), "--db", str(machine.db), "info"])
    err = capsys.readouterr().err
    assert code == 1 and "unexpected error: KeyError" in err
    assert _leaks(err) == [], err
    text = "\n".join(p.read_text(encoding="utf-8") for p in (machine.dir / "logs").rglob("*.log*"))
    assert "KeyError" in text and "Traceback" in text and "_failing_with_personal_data" in text
    assert _leaks(text) == [], text


def test_the_crash_dialog_shows_no_personal_data(qapp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from fieldapp.ui import errordialog

    shown: list[str] = []

    def capture(box: QMessageBox) -> int:
        shown.extend([box.text(), box.informativeText(), box.detailedText()])
        return 0

    monkeypatch.setattr(QMessageBox, "exec", capture)
    exc = _failing_with_personal_data()
    errordialog.show_unexpected(None, type(exc), exc, exc.__traceback__, doing="importing")
    text = "\n".join(shown)
    assert "KeyError" in text and "_failing_with_personal_data" in text  # what and where
    assert "".join(traceback.format_exception(exc)) != text
    assert _leaks(text) == [], text


def test_redact_takes_out_values_and_keeps_ids() -> None:
    from fieldapp.log import redact

    line = ("(sqlite3.IntegrityError) UNIQUE constraint failed: people.id [SQL: INSERT INTO "
            "people (id, phone) VALUES (?, ?)] [parameters: ('0193a5f2-7c1e', '4145550150')]")
    assert "4145550150" not in redact(line) and "UNIQUE constraint failed" in redact(line)
    assert redact("invalid literal for int() with base 10: '414-555-0147'").endswith("'…'")
    assert redact("call (414) 555-0148 or chidi.okonkwo@example.net") == "call <phone> or <email>"
    assert redact("door 0193a5f2-7c1e-7a00-8000-123456789012 at 2026-11-30 19:11:40") == \
        "door 0193a5f2-7c1e-7a00-8000-123456789012 at 2026-11-30 19:11:40"
