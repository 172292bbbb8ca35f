"""``fieldapp info`` read with the plain driver gives what the full store path gives.

:func:`quick_store_info` reads a current SQLite store without SQLAlchemy; for
anything it does not handle it answers None and ``info`` opens the store the
usual way. These tests compare the two paths on a demo store with tombstones
and sync ledger rows, plain and encrypted, at the level of the figures and of
the command's output, and check each case that must fall back.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from fieldapp import cli
from fieldapp.core import cipher, migrations
from fieldapp.core.db import Store, make_engine, open_store, url_for
from fieldapp.core.models import (
    SYNCED_MODELS,
    Door,
    Mutable,
    Person,
    PossibleDuplicate,
    SyncBundle,
    SyncConflict,
)
from fieldapp.services import quick_info, storekey
from fieldapp.services.demo import seed_demo
from fieldapp.services.inspect_store import store_info
from fieldapp.services.quick_info import quick_store_info
from tests.conftest import DEMO_DAY


def test_the_tables_counted_are_the_models_tables() -> None:
    assert tuple(
        (m.__tablename__, issubclass(m, Mutable)) for m in SYNCED_MODELS
    ) == quick_info.SYNCED_TABLES
    assert tuple(
        m.__tablename__ for m in (SyncBundle, SyncConflict, PossibleDuplicate)
    ) == quick_info.LOCAL_TABLES


def _seeded(path: Path, key: str | None = None) -> Store:
    """A demo store with some tombstones and a possible-duplicate row."""
    store = open_store(path, key=key)
    seed_demo(store, doors=120, seed=3, today=DEMO_DAY)
    with store.transaction() as session:
        doors = session.scalars(select(Door).order_by(Door.id).limit(7)).all()
        for door in doors:
            door.deleted = True
        person = session.scalars(select(Person).order_by(Person.id).limit(2)).all()
        person[0].deleted = True
        session.add(PossibleDuplicate(table_name="people", a_id=person[0].id, b_id=person[1].id,
                                      reason="same name", detected_at=dt.datetime.now(dt.UTC)))
    return store


def _info_output(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                 target: Path, *, quick: bool, json: bool = False) -> str:
    args = ["--db", str(target), "info"] + (["--json"] if json else [])
    with monkeypatch.context() as patch:
        if not quick:  # the full path: through open_store, SQLAlchemy and the models
            patch.setattr(quick_info, "quick_store_info", lambda _target: None)
        assert cli.main(args) == 0
    return capsys.readouterr().out


def test_same_figures_and_output_on_a_plain_demo_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a store with spaces@here.sqlite"
    store = _seeded(path)
    full = store_info(store)
    store.close()
    assert full.deleted["doors"] == 7 and full.deleted["people"] == 1
    assert full.counts["possible_duplicates"] == 1 and full.counts["contact_attempts"] > 0
    assert quick_store_info(str(path)) == full
    for as_json in (False, True):
        fast = _info_output(monkeypatch, capsys, path, quick=True, json=as_json)
        slow = _info_output(monkeypatch, capsys, path, quick=False, json=as_json)
        assert fast == slow
        assert "(7 deleted)" in fast or as_json


def test_same_figures_and_output_on_an_encrypted_demo_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    key = cipher.new_key()
    key_file = tmp_path / "store.key"
    key_file.write_text(key + "\n", encoding="utf-8")
    monkeypatch.setenv(storekey.KEY_FILE_ENV, str(key_file))
    path = tmp_path / "enc.sqlite"
    store = _seeded(path, key=key)
    full = store_info(store)
    store.close()
    assert cipher.file_state(path) == "encrypted"
    storekey.install(None)
    assert quick_store_info(str(path)) == full
    fast = _info_output(monkeypatch, capsys, path, quick=True)
    slow = _info_output(monkeypatch, capsys, path, quick=False)
    assert fast == slow and "Site id:  " + full.site_id in fast


def test_a_wrong_key_is_refused_as_the_store_would(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "enc.sqlite"
    open_store(path, key=cipher.new_key()).close()
    key_file = tmp_path / "other.key"
    key_file.write_text(cipher.new_key(), encoding="utf-8")
    monkeypatch.setenv(storekey.KEY_FILE_ENV, str(key_file))
    storekey.install(None)
    with pytest.raises(cipher.WrongKeyError) as fast:
        quick_store_info(str(path))
    with pytest.raises(cipher.WrongKeyError) as full:
        open_store(path)
    assert str(fast.value) == str(full.value)


def test_falls_back_when_the_store_needs_the_full_path(tmp_path: Path) -> None:
    assert quick_store_info(str(tmp_path / "new.sqlite")) is None  # open_store creates it
    assert not (tmp_path / "new.sqlite").exists()
    assert quick_store_info("postgresql://nobody@127.0.0.1:1/none") is None
    assert quick_store_info(f"sqlite:///{tmp_path / 'x.sqlite'}") is None

    old = tmp_path / "old.sqlite"  # due an upgrade: open_store backs it up and upgrades it
    engine = make_engine(url_for(old), None)
    migrations.command.upgrade(migrations.alembic_config(engine), "0001")
    engine.dispose()
    assert quick_store_info(str(old)) is None

    newer = tmp_path / "newer.sqlite"  # from a newer Field App: open_store refuses it
    open_store(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    assert quick_store_info(str(newer)) is None

    no_site = tmp_path / "no-site.sqlite"  # open_store writes the site id
    open_store(no_site).close()
    with sqlite3.connect(no_site) as conn:
        conn.execute("DELETE FROM store_meta WHERE key = 'site_id'")
    assert quick_store_info(str(no_site)) is None

    broken = tmp_path / "broken.sqlite"  # a table missing: the driver's error means "fall back"
    open_store(broken).close()
    with sqlite3.connect(broken) as conn:
        conn.execute("DROP TABLE signups")
    assert quick_store_info(str(broken)) is None


def test_reading_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    store = _seeded(path)
    store.close()
    before = path.read_bytes()
    assert quick_store_info(str(path)) is not None
    assert path.read_bytes() == before
