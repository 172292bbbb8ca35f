from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, update

from fieldapp.core import migrations
from fieldapp.core.db import open_store
from fieldapp.core.hlc import COUNTER_MAX, pack, parse_hlc, wall_ms
from fieldapp.core.ids import new_id
from fieldapp.core.models import ContactAttempt, Door, Organization, StoreMeta
from fieldapp.core.stamping import AppendOnlyError, bulk_insert, parse_field_clock
from fieldapp.errors import StoreError, StoreTooNewError


def test_new_store_has_a_site_id_and_current_schema(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.sqlite")
    other = open_store(tmp_path / "b.sqlite")
    assert store.site_id != other.site_id
    assert migrations.current_revision(store.engine) == migrations.head_revision()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_reopening_keeps_the_site_id(tmp_path: Path) -> None:
    site = open_store(tmp_path / "a.sqlite").site_id
    assert open_store(tmp_path / "a.sqlite").site_id == site


def test_every_write_is_stamped_without_the_caller_asking(store) -> None:
    with store.transaction() as s:
        org = Organization(name="Neighbors United", short_code="NU")
        s.add(org)
    assert org.hlc > 0 and org.site_id == store.site_id
    assert org.born_hlc == org.hlc and org.clocks == {}
    born = org.hlc
    with store.transaction() as s:
        o = s.get(Organization, org.id)
        o.name = "Neighbors United Milwaukee"
    with store.session() as s:
        o = s.get(Organization, org.id)
        assert o.hlc > born
        stamp, site = parse_field_clock(o.clocks["name"])
        assert stamp == o.hlc and site == store.site_id
        assert "short_code" not in o.clocks  # untouched field keeps its birth clock


def test_clock_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    store = open_store(path)
    with store.transaction() as s:
        s.add(Organization(name="A", short_code="A"))
    last = store.clock.last
    store.close()
    again = open_store(path)
    assert again.clock.last == last
    assert again.clock.now() > last


def test_synced_rows_are_never_hard_deleted(store) -> None:
    with store.transaction() as s:
        s.add(Organization(id="00000000-0000-4000-8000-000000000001", name="A", short_code="A"))
    with pytest.raises(AppendOnlyError, match="tombstone"), store.transaction() as s:
        s.delete(s.get(Organization, "00000000-0000-4000-8000-000000000001"))
    with store.session() as s:
        assert s.get(Organization, "00000000-0000-4000-8000-000000000001") is not None


def test_contact_attempts_are_append_only(demo_store) -> None:
    with demo_store.session() as s:
        attempt_id = s.scalars(select(ContactAttempt.id).limit(1)).one()
    with pytest.raises(AppendOnlyError, match="append-only"), demo_store.transaction() as s:
        s.get(ContactAttempt, attempt_id).notes = "edited"
    with demo_store.session() as s:
        assert s.get(ContactAttempt, attempt_id).notes == ""


def test_walk_list_query_uses_the_turf_index(demo_store) -> None:
    with demo_store.engine.connect() as conn:
        turf = conn.exec_driver_sql("SELECT id FROM turfs LIMIT 1").scalar()
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT * FROM doors WHERE turf_id = ? "
            "ORDER BY street_name, house_number, unit",
            (turf,),
        ).all()
    text = " ".join(str(r[-1]) for r in plan)
    assert "ix_doors_turf_walk" in text and "TEMP B-TREE" not in text


def test_models_match_the_migrations(tmp_path: Path) -> None:
    """A model change without a migration would leave real stores behind."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from fieldapp.core.models import Base
    from fieldapp.core.search import INDEXES

    # The FTS5 search indexes (and their shadow tables) are virtual tables no model maps.
    fts = {f"{index}{shadow}" for _keys, _key, index, _columns in INDEXES.values()
           for shadow in ("", "_data", "_idx", "_config", "_docsize", "_content")}

    def include_name(name: str | None, kind: str, _parent: object) -> bool:
        return not (kind == "table" and name in fts)

    store = open_store(tmp_path / "a.sqlite")
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def _initial_store(path: Path) -> None:
    """A store as the initial revision made it, written by a separate process."""
    code = (
        "from alembic import command; from sqlalchemy import create_engine;"
        "from fieldapp.core.migrations import alembic_config;"
        f"e = create_engine('sqlite:///{path}');"
        "command.upgrade(alembic_config(e), '0001')"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_store_from_the_initial_revision_opens(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _initial_store(path)
    store = open_store(path)
    assert migrations.current_revision(store.engine) == migrations.head_revision()


def test_older_store_is_backed_up_before_upgrade(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.sqlite"
    _initial_store(path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'older'")
    con.commit()
    con.close()
    # Pretend 'older' is a known ancestor revision that upgrades to head.
    from alembic.script import ScriptDirectory

    real_get = ScriptDirectory.get_revision
    monkeypatch.setattr(ScriptDirectory, "get_revision", lambda self, rev: object() if rev == "older" else real_get(self, rev))
    upgraded: list[str] = []
    monkeypatch.setattr(migrations.command, "upgrade", lambda cfg, target: upgraded.append(target))
    open_store(path).close()
    backups = list(tmp_path.glob("old.before-*.sqlite"))
    assert upgraded == ["head"]
    assert len(backups) == 1
    assert sqlite3.connect(backups[0]).execute("SELECT version_num FROM alembic_version").fetchone() == ("older",)


def test_store_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    store = open_store(path)  # through the store's own driver: the file may be encrypted
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    store.close()
    before = path.read_bytes()
    with pytest.raises(StoreTooNewError, match="newer version of Field App"):
        open_store(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("new.before-*"))


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="no Field App schema"):
        open_store(path)


def test_door_coordinates_are_checked_by_the_store(store) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.transaction() as s:
        s.add(Door(street_number="1", street_name="Main St", lat=123.0, lon=0.0))


def test_stamps_parse(store) -> None:
    with store.transaction() as s:
        s.add(Organization(name="A", short_code="A"))
    assert parse_hlc(f"{store.clock.last:016x}") == store.clock.last


def test_two_stores_on_one_file_never_share_a_stamp(tmp_path: Path) -> None:
    """Two processes on one store keep one clock: the one in the store."""
    path = tmp_path / "shared.sqlite"
    one, two = open_store(path), open_store(path)
    frozen = wall_ms()
    one.clock._wall = lambda: frozen
    two.clock._wall = lambda: frozen
    try:
        for i in range(3):
            for store in (one, two):
                with store.transaction() as s:
                    s.add(Organization(name=f"Org {i}", short_code=f"O{i}"))
        with one.session() as s:
            stamps = [(o.hlc, o.site_id) for o in s.scalars(select(Organization))]
        assert len(stamps) == 6 and len(set(stamps)) == 6
        assert int(one.meta("hlc_last") or 0) == max(h for h, _ in stamps)
    finally:
        one.close()
        two.close()


def test_an_import_right_after_a_fast_clock_is_seen_does_not_fail(store) -> None:
    """The stored clock at the end of a millisecond's counter, 5 minutes ahead."""
    ahead = wall_ms() + 5 * 60_000
    with store.engine.begin() as conn:
        conn.execute(update(StoreMeta).where(StoreMeta.key == "hlc_last")
                     .values(value=str(pack(ahead, COUNTER_MAX - 10))))
    with store.transaction() as s:
        bulk_insert(s, Organization, [{"id": new_id(), "name": f"O{i}", "short_code": f"O{i}"}
                                      for i in range(100)])
        s.add(Organization(name="one more", short_code="X"))
    with store.session() as s:
        stamps = sorted(o.hlc for o in s.scalars(select(Organization)))
    assert len(set(stamps)) == 101 and stamps[0] > pack(ahead, COUNTER_MAX - 10)


def test_sites_set_up_together_have_different_short_names(tmp_path: Path) -> None:
    """A site's first eight characters name its bundle files and label it in reviews: laptops
    set up in the same minute (time-ordered ids share their first characters) must differ."""
    stores = [open_store(tmp_path / f"laptop{i}.sqlite") for i in range(5)]
    try:
        assert len({s.site_id[:8] for s in stores}) == 5
    finally:
        for s in stores:
            s.close()
