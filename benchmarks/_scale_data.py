"""Shared set-up for the scale benchmarks (doubling.py, hq_merge.py): stores made from one
migrated template, a street grid of doors with people and past knocks, and the timing helper.

Not a benchmark itself (``run_all.py`` skips files that start with ``_``).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from fieldapp.core.db import Store, open_store
from fieldapp.core.ids import new_id
from fieldapp.core.models import ContactAttempt, Door, Person, Turf
from fieldapp.core.stamping import bulk_insert

CODES = ["not_home", "canvassed", "refused", "come_back", "moved"]
FIRST = ["Ana", "Ben", "Carla", "Dev", "Eun", "Femi", "Gus", "Hana", "Ivan", "Jo"]
LAST = ["Ruiz", "Smith", "Nguyen", "Okafor", "Kowalski", "Haddad", "Lee", "Brown"]
DAY = dt.datetime(2026, 11, 20, 14, tzinfo=dt.UTC)
PER_STREET = 40  # doors on one street (20 a side)


class Templates:
    """Fresh stores as copies of one migrated SQLite file (an Alembic run per store is slow)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.template = folder / "template.sqlite"
        open_store(self.template).close()

    def new(self, target: Path) -> Store:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.template, target)
        conn = sqlite3.connect(target)
        conn.execute("UPDATE store_meta SET value = ? WHERE key = 'site_id'", (new_id(),))
        conn.commit()
        conn.close()
        return open_store(target)


def door_rows(n: int, turf_id: str | None, *, first_street: int = 0, tag: str = "",
              lat0: float = 43.0, lon0: float = -88.0) -> list[dict[str, Any]]:
    """``n`` doors on a grid of streets, ``PER_STREET`` a street, even and odd sides."""
    rows = []
    for i in range(n):
        street = first_street + i // PER_STREET
        k = i % PER_STREET
        number = 100 + k
        name = f"Street {street} Ave"
        key = f"{number} street {street} ave{tag}"
        rows.append({
            "id": new_id(), "street_number": str(number), "house_number": number,
            "street_name": name, "city": "Springfield", "state": "WI", "zip": "53205",
            "address_key": key, "building_key": key, "turf_id": turf_id,
            "lat": lat0 + street * 0.001 + (k % 2) * 0.0001, "lon": lon0 + (k // 2) * 0.0002,
        })
    return rows


def people_rows(doors: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    """About 1.5 people a door."""
    out = []
    for i, d in enumerate(doors):
        for _ in range(1 + (i % 2)):
            out.append({"id": new_id(), "door_id": d["id"], "first_name": rng.choice(FIRST),
                        "last_name": rng.choice(LAST), "language": "en"})
    return out


def contact_rows(door_ids: list[str], n: int, rng: random.Random) -> list[dict[str, Any]]:
    return [
        {"id": new_id(), "door_id": rng.choice(door_ids), "result_code": rng.choice(CODES),
         "attempted_at": DAY + dt.timedelta(seconds=rng.randrange(86400)),
         "support": rng.choice([None, 1, 2, 3, 4, 5]), "answers": {"q1": rng.choice(["yes", "no"])},
         "notes": "", "channel": "door"}
        for _ in range(n)
    ]


def add_turf(store: Store, name: str) -> str:
    with store.transaction() as s:
        turf = Turf(name=name)
        s.add(turf)
        s.flush()
        return turf.id


def fill_turf(store: Store, turf_id: str, doors: int, *, people: bool = True, knocks: float = 0.5,
              seed: int = 1, **grid: Any) -> list[str]:
    """A turf's doors, people and past knocks, written in batches; the door ids."""
    rng = random.Random(seed)
    rows = door_rows(doors, turf_id, **grid)
    with store.transaction() as s:
        for batch in chunks(rows, 10_000):
            bulk_insert(s, Door, batch)
            if people:
                bulk_insert(s, Person, people_rows(batch, rng))
            if knocks:
                bulk_insert(s, ContactAttempt,
                            contact_rows([d["id"] for d in batch], int(len(batch) * knocks), rng))
    return [r["id"] for r in rows]


def chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def timed_cpu(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of ``fn``: the CPU time of this process, which waiting for a
    turn on a busy machine does not inflate (SQLite works inside the process)."""
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0
