"""The same merges into SQLite and into a real PostgreSQL give the same dump, and
two staff importing into one PostgreSQL store at once get what one after the
other would."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldapp.core.db import open_store
from fieldapp.core.models import ContactAttempt, Door, Person
from fieldapp.services.demo import seed_demo
from fieldapp.services.sync.bundle import export_bundle
from fieldapp.services.sync.merge import import_bundle
from tests.conftest import DEMO_DAY
from tests.services.sync.helpers import Site, connect, dump

pytestmark = pytest.mark.postgres


def make_bundles(make_site: Callable[..., Site], tmp_path: Path) -> tuple[Site, list[Path]]:
    """A demo laptop, a second laptop with conflicting edits, deletes and knocks."""
    a, b, reader = make_site("a"), make_site("b"), make_site("reader")
    connect(a, b, reader)
    seed_demo(a.store, doors=120, seed=5, today=DEMO_DAY)
    first = export_bundle(a.store, tmp_path).path
    import_bundle(b.store, first)
    with a.store.transaction() as s:
        doors = s.query(Door).order_by(Door.id).limit(10).all()
        for d in doors[:5]:
            d.notes = "from a"
        doors[5].deleted = True
    b.store.clock._wall.ms += 5000  # type: ignore[attr-defined]
    with b.store.transaction() as s:
        doors = s.query(Door).order_by(Door.id).limit(10).all()
        for d in doors[3:8]:
            d.notes = "from b, later"
        s.add(Person(first_name="Zoe", door_id=doors[0].id, tags=["new", "volunteer"]))
        s.add(ContactAttempt(door_id=doors[1].id, result_code="canvassed", support=2,
                             answers={"q1": "yes"}, attempted_at=dt.datetime(2026, 11, 21, 15, 30, 1, 123456, tzinfo=dt.UTC)))
    second = export_bundle(a.store, tmp_path, since_last=True).path
    third = export_bundle(b.store, tmp_path).path
    return reader, [first, second, third]


def test_sqlite_and_postgresql_give_the_same_dump(make_site: Callable[..., Site], tmp_path: Path, pg_url: str) -> None:
    reader, bundles = make_bundles(make_site, tmp_path)
    lite = reader.open(tmp_path / "lite.sqlite")
    pg = reader.open(pg_url)
    try:
        for path in bundles:
            r1 = import_bundle(lite, path)
            r2 = import_bundle(pg, path)
            assert r1.total() == r2.total()
        for path in reversed(bundles):  # again: a reported no-op on both
            assert import_bundle(pg, path).status == "already"
        assert dump(lite) == dump(pg)
        assert '"from b, later"' in dump(pg)
    finally:
        lite.close()
        pg.close()


def test_concurrent_imports_into_one_postgresql_store(make_site: Callable[..., Site], tmp_path: Path, pg_url: str) -> None:
    reader, bundles = make_bundles(make_site, tmp_path)
    expected_store = reader.open(tmp_path / "one-by-one.sqlite")
    for path in bundles:
        import_bundle(expected_store, path)
    expected = dump(expected_store)
    expected_store.close()

    open_store(pg_url).close()  # create the schema once
    errors: list[BaseException] = []
    results: list[str] = []

    def staff(order: list[Path]) -> None:
        store = reader.open(pg_url)  # both "staff" use the reader's keys
        try:
            for path in order:
                results.append(import_bundle(store, path).status)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=staff, args=(order,))
               for order in (bundles, list(reversed(bundles)), bundles[1:] + bundles[:1])]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert sorted(results).count("already") == 2 * len(bundles)
    pg = open_store(pg_url)
    try:
        assert dump(pg) == expected
    finally:
        pg.close()


def test_cli_imports_into_postgresql(make_site: Callable[..., Site], tmp_path: Path, pg_url: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from fieldapp.cli import main

    reader, bundles = make_bundles(make_site, tmp_path)
    args = ["--data-dir", str(reader.dir / "data"), "--db", pg_url]
    assert main([*args, "bundle", "import", *map(str, bundles)]) == 0
    out = capsys.readouterr().out
    assert out.count("merged:") == 3 and "3 of 3 bundles imported" in out
    assert main([*args, "bundle", "import", str(bundles[0])]) == 0
    assert "already imported" in capsys.readouterr().out
    lite = reader.open(tmp_path / "lite.sqlite")
    for path in bundles:
        import_bundle(lite, path)
    pg = open_store(pg_url)
    try:
        assert dump(pg) == dump(lite)
        # HQ on PostgreSQL sends it all back out: a snapshot bundle that a laptop merges.
        assert main([*args, "bundle", "export", "--out", str(tmp_path / "from-pg")]) == 0
        capsys.readouterr()
        back = reader.open(tmp_path / "back.sqlite")
        assert import_bundle(back, next((tmp_path / "from-pg").glob("*.fieldbundle"))).status == "merged"
        assert dump(back) == dump(pg)
        back.close()
    finally:
        pg.close()
        lite.close()
