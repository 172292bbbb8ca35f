"""A first import into an empty store, when it has the store to itself, writes with a
rollback journal (each page once) and leaves the store in WAL mode as before; when
anything else has the store open it runs in WAL; a kill during it leaves the store
as it was."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp.core.db import Store, engine_key, open_store
from fieldapp.core.models import Door, Person
from fieldapp.services.importing import import_doors
from fieldapp.services.progress import Progress

ROWS = 12_000  # three of the import's batches


def _voter_file(path: Path, rows: int = ROWS) -> Path:
    lines = ["Voter ID,First Name,Last Name,Address,City,State,Zip"]
    lines += [f"WI{n:08d},Ana{n % 97},Ruiz{n % 89},{100 + n // 2} Main St,Milwaukee,WI,53202"
              for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class _Journal(Progress):
    """Notes, at each batch the import writes, which journal file the store has."""

    def __init__(self, db: Path) -> None:
        super().__init__()
        self.db = db
        self.seen: list[str] = []

    def update(self, done: int, total: int | None = None, message: str = "") -> None:
        if 0 < done < (total or 0):
            rollback = Path(f"{self.db}-journal").exists()
            wal = Path(f"{self.db}-wal").exists() and Path(f"{self.db}-wal").stat().st_size > 0
            self.seen.append("rollback" if rollback else "wal" if wal else "none")


def _mode(store: Store) -> str:
    with store.engine.connect() as conn:
        return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar())


def _counts(store: Store) -> tuple[int, int]:
    with store.session() as s:
        return (s.scalar(select(func.count()).select_from(Door)) or 0,
                s.scalar(select(func.count()).select_from(Person)) or 0)


def test_a_first_import_alone_writes_with_a_rollback_journal_and_the_store_stays_wal(
        store: Store, tmp_path: Path) -> None:
    db = Path(str(store.engine.url.database))
    watch = _Journal(db)
    report = import_doors(store, _voter_file(tmp_path / "v.csv"), progress=watch, alone=True)
    assert report.people_created == ROWS
    assert watch.seen and set(watch.seen) == {"rollback"}
    assert _mode(store) == "wal" and not Path(f"{db}-journal").exists()
    assert _counts(store) == (ROWS // 2, ROWS)
    # a second import (the store is no longer empty) runs in WAL: readers never wait
    watch = _Journal(db)
    again = import_doors(store, _voter_file(tmp_path / "v.csv"), progress=watch, alone=True)
    assert again.people_unchanged == ROWS and "rollback" not in watch.seen


def test_with_the_store_open_elsewhere_or_not_alone_the_import_runs_in_wal(
        store: Store, tmp_path: Path) -> None:
    db = Path(str(store.engine.url.database))
    reader = open_store(db)  # another program has the store open
    other = reader.engine.connect()
    assert other.exec_driver_sql("SELECT count(*) FROM doors").scalar() == 0
    other.rollback()
    watch = _Journal(db)
    import_doors(store, _voter_file(tmp_path / "v.csv"), progress=watch, alone=True)
    assert watch.seen and "rollback" not in watch.seen
    assert other.exec_driver_sql("SELECT count(*) FROM people").scalar() == ROWS
    other.close()
    reader.close()
    second = open_store(tmp_path / "gui.sqlite")  # the GUI does not say it is alone
    watch = _Journal(Path(str(second.engine.url.database)))
    import_doors(second, _voter_file(tmp_path / "v.csv"), progress=watch)
    assert watch.seen and "rollback" not in watch.seen
    second.close()


def test_a_kill_during_the_load_leaves_the_store_empty_and_in_wal(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    made = open_store(db)  # (encrypted when the suite runs on encrypted stores)
    key = engine_key(made.engine)
    made.close()
    csv = _voter_file(tmp_path / "v.csv", 40_000)
    # a small page cache, so that the load has written pages into the file when killed
    script = f"""
import sys
from pathlib import Path
import fieldapp.core.fastinsert as fastinsert
fastinsert.IMPORT_CACHE_KIB = 256
from fieldapp.core.db import open_store
from fieldapp.services.importing import import_doors
from fieldapp.services.progress import Progress

class Stop(Progress):
    def update(self, done, total=None, message=""):
        if 0 < done < (total or 0) and Path({str(db)!r} + "-journal").exists():
            print("loading", flush=True)
            sys.stdin.readline()  # killed here

import_doors(open_store({str(db)!r}, key={key!r}), {str(csv)!r}, progress=Stop(), alone=True)
"""
    proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "loading"
        assert db.stat().st_size > 1_000_000  # pages of the load are in the file
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    assert Path(f"{db}-journal").exists()  # the journal a restart plays back
    store = open_store(db)
    try:
        assert _mode(store) == "wal" and _counts(store) == (0, 0)
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        report = import_doors(store, csv, alone=True)  # and the import can be run again
        assert report.people_created == 40_000
    finally:
        store.close()


def test_the_command_line_import_into_a_new_store_takes_it_to_itself(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> None:
    from fieldapp.cli import main

    caplog.set_level(logging.INFO, logger="fieldapp.core.loadjournal")
    db = tmp_path / "cli.sqlite"
    assert main(["--db", str(db), "import", "doors", str(_voter_file(tmp_path / "v.csv"))]) == 0
    assert "Imported: v.csv" in capsys.readouterr().out
    assert "loading into the empty store with a rollback journal" in caplog.text
    store = open_store(db)
    try:
        assert _mode(store) == "wal" and _counts(store) == (ROWS // 2, ROWS)
    finally:
        store.close()
