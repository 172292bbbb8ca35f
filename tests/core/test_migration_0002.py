"""Revision 0002 upgrades a store made at 0001: new door keys, coinciding doors merged."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from fieldapp.core.db import open_store
from fieldapp.core.models import ContactAttempt, Door, Person

SITE = "11111111-1111-4111-8111-111111111111"


def _store_at_0001(path: Path) -> None:
    code = (
        "from alembic import command; from sqlalchemy import create_engine;"
        "from fieldapp.core.migrations import alembic_config;"
        f"e = create_engine('sqlite:///{path}');"
        "command.upgrade(alembic_config(e), '0001')"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _door(con: sqlite3.Connection, n: int, street: str, unit: str, old_key: str,
          born: int, lat: float | None = None) -> str:
    door_id = f"00000000-0000-4000-8000-{n:012d}"
    con.execute(
        "INSERT INTO doors (id, site_id, hlc, born_hlc, born_site, clocks, deleted, street_number,"
        " house_number, street_name, unit, city, state, zip, address_key, building_key, lat, lon,"
        " geocode_source, geocode_quality, turf_id, do_not_knock, do_not_knock_reason, notes,"
        " merged_into_id) VALUES (?, ?, ?, ?, ?, '{}', 0, '123', 123, ?, ?, 'Raleigh', 'NC',"
        " '27601', ?, ?, ?, ?, '', '', NULL, 0, '', '', NULL)",
        (door_id, SITE, born, born, SITE, street, unit, old_key + "|" + unit.lower(), old_key,
         lat, -78.6 if lat is not None else None),
    )
    return door_id


def _person(con: sqlite3.Connection, n: int, door_id: str, first: str) -> str:
    pid = f"00000000-0000-4000-9000-{n:012d}"
    con.execute(
        "INSERT INTO people (id, site_id, hlc, born_hlc, born_site, clocks, deleted, door_id,"
        " first_name, last_name, phone, email, language, tags, birth_year, party, voter_id,"
        " do_not_call, do_not_text, do_not_email, notes, merged_into_id)"
        " VALUES (?, ?, 1, 1, ?, '{}', 0, ?, ?, 'Lee', '', '', 'en', ?, NULL, '', '', 0, 0, 0,"
        " '', NULL)",
        (pid, SITE, SITE, door_id, first, json.dumps([])),
    )
    return pid


def test_upgrade_recomputes_keys_and_merges_doors_that_now_coincide(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _store_at_0001(path)
    con = sqlite3.connect(path)
    # keys as 0001 computed them: "Oak Trail" and "OAK TRL" were two doors
    older = _door(con, 1, "Oak Trail", "", "123|oak trail|raleigh|nc", born=10)
    newer = _door(con, 2, "OAK TRL", "", "123|oak trl|raleigh|nc", born=20, lat=35.7)
    unit = _door(con, 3, "Oak Trail", "Apt 2", "123|oak trail|raleigh|nc", born=30)
    a = _person(con, 1, older, "Ann")
    b = _person(con, 2, newer, "Bo")
    c = _person(con, 3, unit, "Cy")
    # A knock that names a person: 0002 rebuilds the people table, and the store's
    # connections enforce foreign keys (the rebuild must not count it as broken).
    con.execute(
        "INSERT INTO contact_attempts (id, site_id, hlc, door_id, person_id, attempted_at,"
        " channel, result_code, answers, notes) VALUES ('00000000-0000-4000-a000-000000000001',"
        " ?, 40, ?, ?, '2026-11-01 15:00:00', 'door', 'contacted', '{}', '')",
        (SITE, older, a),
    )
    con.commit()
    con.close()

    store = open_store(path)
    with store.session() as s:
        doors = {d.id: d for d in s.scalars(select(Door))}
        people = {p.id: p for p in s.scalars(select(Person))}
    assert doors[older].address_key == "123|oak trl|raleigh|nc|"
    assert doors[newer].merged_into_id == older and doors[newer].deleted
    assert not doors[older].deleted and doors[older].merged_into_id is None
    assert doors[older].lat == 35.7  # the kept door takes coordinates it lacked
    assert doors[unit].merged_into_id is None and doors[unit].address_key.endswith("|2")
    assert people[a].door_id == people[b].door_id == older
    assert people[c].door_id == unit
    assert people[a].voter_status == "" and people[a].districts == {}
    with store.session() as s:
        assert s.scalars(select(ContactAttempt.person_id)).all() == [a]
    with store.engine.connect() as conn:  # enforced again after the upgrade
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    store.close()
