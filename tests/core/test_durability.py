"""Finding 7: what a user saved survives a power cut or a kill, and no file the
app writes is ever left half-written (a full disk included)."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from fieldapp.core import files
from fieldapp.core.db import Store, backup_sqlite, open_store
from fieldapp.core.models import Door, Event, SyncBundle
from fieldapp.errors import StoreError
from fieldapp.services import canvass
from fieldapp.services import events as ev
from fieldapp.services.importing import import_doors
from fieldapp.services.inspect_store import iter_dump_lines

FULL = 2


def _synchronous_at_commit(store: Store) -> list[int]:
    seen: list[int] = []

    @event.listens_for(store.engine, "commit")
    def check(conn) -> None:  # type: ignore[no-untyped-def]
        seen.append(conn.exec_driver_sql("PRAGMA synchronous").scalar())

    return seen


def test_every_write_path_commits_with_synchronous_full(demo_store: Store, tmp_path: Path) -> None:
    seen = _synchronous_at_commit(demo_store)
    with demo_store.transaction() as s:  # a canvass entry
        door = s.scalar(select(Door.id).where(Door.do_not_knock.is_(False)).limit(1))
        canvass.record_result(s, door_id=door, result_code="not_home")
    with demo_store.transaction() as s:  # an edit
        s.get(Door, door).notes = "side door"
    with demo_store.transaction() as s:  # a check-in
        eid = s.scalar(select(Event.id).where(Event.kind == "summit"))
        ev.walk_in(s, eid, ev.WalkInInput(first_name="Ana", last_name="Ruiz"))
    csv = tmp_path / "v.csv"
    csv.write_text("First,Last,Address,City\nBen,Ortiz,14 Main St,Milwaukee\n")
    import_doors(demo_store, csv, mapping={"First": "first_name", "Last": "last_name",
                                           "Address": "address", "City": "city"})
    with demo_store.transaction(merging=True) as s:  # the sync merge's session
        s.execute(select(func.count()).select_from(Door))
    assert len(seen) >= 5 and set(seen) == {FULL}


def test_a_result_saved_just_before_kill_9_is_there_after_restart(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    open_store(db).close()
    script = f"""
import sys, time
from fieldapp.core.db import open_store
from fieldapp.core.models import Door
store = open_store({str(db)!r})
with store.transaction() as s:
    door = Door(street_number="12", street_name="Main St", notes="saved before the kill")
    s.add(door)
    s.flush()
    rid = door.id
print(rid, flush=True)
time.sleep(60)
"""
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        rid = proc.stdout.readline().strip()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL and rid
    store = open_store(db)
    with store.session() as s:
        assert s.get(Door, rid).notes == "saved before the kill"
    store.close()


# --------------------------------------------------------------------------- a full disk


@pytest.fixture
def small_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder where writing fails for lack of space: a tiny tmpfs as root, else an
    ``ENOSPC`` injected where the data reaches the disk (fsync)."""
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = False
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
                                 capture_output=True).returncode == 0
    if mounted:
        _fill(folder)
    else:
        real = os.fsync

        def full(fd: int) -> None:
            if Path(os.readlink(f"/proc/self/fd/{fd}")).is_relative_to(folder):
                raise OSError(errno.ENOSPC, "No space left on device")
            real(fd)

        monkeypatch.setattr(files.os, "fsync", full)
    try:
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> None:
    """Fill the (tmpfs) folder's disk to the last page."""
    with contextlib.suppress(OSError), (folder / "filler").open("ab", buffering=0) as fh:
        while True:
            fh.write(b"\0" * 4096)


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "filler")


def _dump(store: Store) -> str:
    return "".join(iter_dump_lines(store))


def test_a_full_disk_leaves_no_partial_file_and_the_store_intact(
        demo_store: Store, small_disk: Path, tmp_path: Path) -> None:
    from fieldapp.core.site import SitePaths
    from fieldapp.services.sync import keys

    demo_store.site = SitePaths.under(tmp_path / "data")  # the laptop's keys live here
    keys.init_keys("laptop", site=demo_store.site)
    _fail_everywhere(demo_store, small_disk)


def _fail_everywhere(demo_store: Store, small_disk: Path) -> None:
    from fieldapp.maps.build import build_map, write_map
    from fieldapp.maps.data import load_map_data
    from fieldapp.services.sync.bundle import export_bundle
    from fieldapp.services.walklists import write_walklist_pdf

    before = _dump(demo_store)
    with pytest.raises(OSError) as exc:
        export_bundle(demo_store, small_disk, passphrase=b"office", scrypt_log_n=4)
    assert exc.value.errno == errno.ENOSPC
    with pytest.raises(OSError):
        with demo_store.session() as s:
            turf = s.scalar(select(Door.turf_id).where(Door.turf_id.is_not(None)).limit(1))
        write_walklist_pdf(demo_store, turf, small_disk / "walk.pdf")
    with pytest.raises(OSError), demo_store.session() as s:
        eid = s.scalar(select(Event.id).limit(1))
        ev.write_signin_pdf(s, eid, small_disk / "signin.pdf")
    with pytest.raises(OSError):
        write_map(build_map(load_map_data(demo_store)), small_disk / "map.html")
    assert _left(small_disk) == []
    assert _dump(demo_store) == before
    with demo_store.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncBundle)) == 0


def test_a_full_disk_during_backup_leaves_no_partial_copy(small_disk: Path) -> None:
    if not (small_disk / "filler").exists():
        store = open_store(small_disk / "store.sqlite")
    else:  # make room for the store itself, then fill the disk again
        (small_disk / "filler").unlink()
        store = open_store(small_disk / "store.sqlite")
        with store.transaction() as s:
            for n in range(300):
                s.add(Door(street_number=str(n), street_name="Elm St", notes="x" * 200))
        _fill(small_disk)
    before = _dump(store)
    with pytest.raises(StoreError, match="cannot back up"):
        backup_sqlite(store.engine, "test")
    assert [n for n in _left(small_disk) if not n.startswith("store.sqlite")] == []
    assert _dump(store) == before
    store.close()


def test_files_are_written_only_through_the_atomic_helper() -> None:
    """A guard: no module writes a file by hand (".part" renames, write_text...)."""
    import re

    import fieldapp

    root = Path(fieldapp.__file__).parent
    pattern = re.compile(r"""\.part["']|(?<!files)\.write_(text|bytes)\(|open\([^)]*["'][wa]b?["']|"""
                         r"""os\.replace\(|\.replace\(\w+\)\s*$|shutil\.copy""", re.M)
    allowed = {root / "core" / "files.py", root / "core" / "migrations" / "__init__.py"}
    offenders = [
        f"{path.relative_to(root)}:{text[: m.start()].count(chr(10)) + 1}"
        for path in root.rglob("*.py") if path not in allowed
        for text in [path.read_text(encoding="utf-8")]
        for m in pattern.finditer(text)
        if "files.write_with" not in text[max(0, m.start() - 80): m.start()]
        and "# atomic-exempt" not in text[m.start(): text.find(chr(10), m.start())]
    ]
    assert offenders == []
