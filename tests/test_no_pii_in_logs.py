"""No voter's name, address, phone or email reaches the log folder: a voter import,
a canvass session and a sync (export at the laptop, import at HQ), with debug
logging on, then a grep of every log file for every value imported."""

from __future__ import annotations

import csv
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


def test_import_canvass_and_sync_log_no_personal_data(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
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
    leaked = [v for v in _secrets() if v.lower() in text.lower()]
    assert leaked == [], f"the log folder holds personal data: {leaked}"
