"""The people search index holds phones by their digits (migration 0011).

A store made before 0011 indexed each phone as written; the upgrade rebuilds the
index with the digits alone, keeping every person's key, and its triggers write
the digits from then on. The downgrade gives the 0009 index back.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import Connection

from fieldapp.core import migrations
from fieldapp.core.db import open_store
from fieldapp.core.ids import new_id
from fieldapp.core.models import Person
from fieldapp.core.stamping import bulk_insert


def _found(conn: Connection, query: str) -> set[str]:
    return {row[0] for row in conn.exec_driver_sql(
        "SELECT k.person_id FROM person_search_keys k WHERE k.n IN "
        "(SELECT rowid FROM person_search WHERE person_search MATCH ?)", (query,))}


def test_the_upgrade_indexes_phones_by_their_digits(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite")
    people = [{"id": new_id(), "first_name": "Ana", "last_name": "Ruiz", "phone": phone, "email": ""}
              for phone in ("414-555-0042", "(414) 555-0043", "4145550044")]
    hyphen, paren, plain = (p["id"] for p in people)
    with store.transaction() as session:
        bulk_insert(session, Person, people)
    cfg = migrations.alembic_config(store.engine)
    with store.engine.begin() as conn:
        assert _found(conn, '{phone} : "5550042"') == {hyphen}
        keys = dict(conn.exec_driver_sql("SELECT person_id, n FROM person_search_keys").all())

    command.downgrade(cfg, "0009")  # the index as 0009 made it: phones as written
    with store.engine.begin() as conn:
        assert _found(conn, '{phone} : "5550042"') == set()
        assert _found(conn, '{phone} : "555-0042"') == {hyphen}

    command.upgrade(cfg, "head")
    with store.engine.begin() as conn:
        assert _found(conn, '{phone} : "5550042"') == {hyphen}
        assert _found(conn, '{phone} : "4145550043"') == {paren}
        assert _found(conn, '{phone} : "555004"') == {hyphen, paren, plain}
        assert _found(conn, '{first_name} : "ana"') == {hyphen, paren, plain}
        assert dict(conn.exec_driver_sql("SELECT person_id, n FROM person_search_keys").all()) == keys
        # the triggers write the digits too, and take them out again on a change
        conn.exec_driver_sql("UPDATE people SET phone = '+1 (608) 555-7777' WHERE id = ?", (plain,))
        assert _found(conn, '{phone} : "6085557777"') == {plain}
        assert _found(conn, '{phone} : "4145550044"') == set()
    store.close()
