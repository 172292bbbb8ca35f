"""A big file going into an empty store is read and parsed in a second process while
the import writes (``importing.reading``). The import tests run both ways
(test_importing, test_voter_layouts); here, what only the second process does: when it
is used, a cancel or an error stops it, a row it rejects under ``strict`` names its
line, and its end without a last batch is an error, never a half import."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from fieldapp.core.db import Store
from fieldapp.core.models import Door, Person
from fieldapp.errors import CancelledError, InputError
from fieldapp.services import importing
from fieldapp.services.importing import reader_process, reading
from fieldapp.services.importing.reader_process import READER_ENV
from fieldapp.services.progress import Progress

HEADER = "Voter ID,First Name,Last Name,Address,City,State,Zip\n"


def _voters(path: Path, rows: int, bad_at: int | None = None) -> Path:
    lines = [HEADER]
    for n in range(rows):
        address = "" if n == bad_at else f"{100 + n // 2} Main St"
        lines.append(f"WI{n:08d},Ana{n % 31},Ruiz{n % 29},{address},Milwaukee,WI,53202\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _readers() -> list[int]:
    """The reader processes this process has running (Linux)."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except (OSError, NotADirectoryError):
            continue
        if (int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid()
                and b"reader_process" in command and b"<defunct>" not in command):
            found.append(int(entry))
    return found


def _counts(store: Store) -> tuple[int, int]:
    with store.session() as s:
        return (s.scalar(select(func.count()).select_from(Door)) or 0,
                s.scalar(select(func.count()).select_from(Person)) or 0)


@pytest.fixture
def used(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Small batches, and a note of each import that read in the second process."""
    monkeypatch.setattr(importing.run, "BATCH_ROWS", 50)
    calls: list[int] = []
    real = reader_process.in_reader_process

    def counted(spec: reading.ReadSpec) -> Any:
        calls.append(1)
        return real(spec)

    monkeypatch.setattr(importing.run, "in_reader_process", counted)
    return calls


def test_big_files_into_an_empty_store_are_read_in_a_second_process(
        store: Store, tmp_path: Path, used: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(READER_ENV, raising=False)
    small = _voters(tmp_path / "small.csv", 400)
    monkeypatch.setattr(reader_process, "WORKER_MIN_BYTES", small.stat().st_size + 1)
    here = importing.import_doors(store, small)
    assert used == [] and here.people_created == 400
    big = _voters(tmp_path / "big.csv", 1000)
    other = Store(store.engine, store.site_id, store.clock)
    with other.transaction() as s:  # an empty store again
        s.execute(Person.__table__.delete())
        s.execute(Door.__table__.delete())
    report = importing.import_doors(store, big)
    assert used == [1] and report.people_created == 1000 and _counts(store) == (500, 1000)
    again = importing.import_doors(store, big)  # a store with voters: read here
    assert used == [1] and again.people_unchanged == 1000
    monkeypatch.setenv(READER_ENV, "here")
    assert not reader_process.worth_a_worker(reading.ReadSpec(big, importing.sniff(big), {}, 2026,
                                                       None, False, 50))
    assert _readers() == []


class _CancelAfter(Progress):
    def __init__(self, batches: int) -> None:
        super().__init__()
        self.left = batches

    def update(self, done: int, total: int | None = None, message: str = "") -> None:
        if 0 < done < (total or 0):
            self.left -= 1
            if self.left == 0:
                self.cancel()


def test_a_cancel_stops_the_reader_and_writes_nothing(
        store: Store, tmp_path: Path, used: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(READER_ENV, "process")
    with pytest.raises(CancelledError):
        importing.import_doors(store, _voters(tmp_path / "v.csv", 3000), progress=_CancelAfter(2))
    assert used == [1] and _counts(store) == (0, 0)
    assert _readers() == []


def test_a_row_the_reader_rejects_under_strict_names_its_line_and_field(
        store: Store, tmp_path: Path, used: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(READER_ENV, "process")
    path = _voters(tmp_path / "v.csv", 600, bad_at=417)
    with pytest.raises(InputError) as caught:
        importing.import_doors(store, path, strict=True)
    assert str(caught.value) == "v.csv:419 field 'Address': no street address"
    assert caught.value.where == "v.csv:419 field 'Address'"
    assert used == [1] and _counts(store) == (0, 0)
    report = importing.import_doors(store, path)  # not strict: reported, the rest imported
    assert report.rows_rejected == 1 and report.people_created == 599
    assert [(p.line, p.field) for p in report.problems] == [(419, "Address")]


def test_bytes_that_are_not_the_file_encoding_stop_the_import_from_the_reader(
        store: Store, tmp_path: Path, used: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(READER_ENV, "process")
    path = _voters(tmp_path / "v.csv", 3000)  # (past what the encoding check samples)
    path.write_bytes(path.read_bytes() + b"WI99999999,Jos\xe9,Ruiz,1 Main St,Milwaukee,WI,53202\n")
    with pytest.raises(InputError, match=r"v.csv: the file is not valid ascii \(ordinal not in"):
        importing.import_doors(store, path, encoding="ascii")
    assert used == [1] and _counts(store) == (0, 0)


class _KillReader(Progress):
    def update(self, done: int, total: int | None = None, message: str = "") -> None:
        if 0 < done < (total or 0):
            for pid in _readers():
                os.kill(pid, signal.SIGKILL)


def test_a_reader_that_dies_fails_the_import_and_writes_nothing(
        store: Store, tmp_path: Path, used: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(READER_ENV, "process")
    with pytest.raises(RuntimeError, match=r"reader process stopped \(exit code -9\)"):
        importing.import_doors(store, _voters(tmp_path / "v.csv", 3000), progress=_KillReader())
    assert used == [1] and _counts(store) == (0, 0)


def test_a_reader_that_cannot_start_says_why(
        store: Store, tmp_path: Path, used: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(READER_ENV, "process")
    monkeypatch.setattr(reader_process, "_command", lambda: [
        sys.executable, "-c", "import sys; sys.stderr.write('no module named fieldapp'); sys.exit(3)"])
    with pytest.raises(RuntimeError, match=r"exit code 3\) before the end of the file:\n"
                                           r"no module named fieldapp"):
        importing.import_doors(store, _voters(tmp_path / "v.csv", 300))
    assert used == [1] and _counts(store) == (0, 0)
