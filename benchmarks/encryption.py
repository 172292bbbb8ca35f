"""Encrypted store vs plain store: voter import and the Doors table, in one run.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/encryption.py [--rows 200000]``.

Imports the same generated voter file into a plain store and into a SQLCipher
store (raw 256-bit key, as Field App makes them), alternating which goes first,
best of ``--repeat``; then runs the Doors page's SQL (ids sorted by every
column, one page of rows, a search) on both. Prints each figure and the
encrypted/plain ratio (target: within 1.3x).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fieldapp.core import cipher
from fieldapp.core.db import Store, open_store
from fieldapp.services.importing import import_doors

sys.path.insert(0, str(Path(__file__).resolve().parent))
from doors import make_voter_file  # the same generated file as doors.py

TARGET = 1.3


def _import(folder: Path, csv_path: Path, name: str, key: str | None) -> tuple[float, Path]:
    path = folder / f"{name}.sqlite"
    for old in folder.glob(f"{name}.sqlite*"):
        old.unlink()
    store = open_store(path, key=key)
    t0 = time.perf_counter()
    import_doors(store, csv_path)
    elapsed = time.perf_counter() - t0
    store.close()
    return elapsed, path


def doors_table(store: Store) -> float:
    """The Doors page's queries, as foundation.py times them; returns seconds in all."""
    from fieldapp.ui.sources import DoorSource
    from fieldapp.ui.tablemodel import sorted_id_query

    source = DoorSource()
    total = 0.0
    with store.session() as session:
        for i, column in enumerate(source.columns()):
            query = sorted_id_query(source, column)
            t0 = time.perf_counter()
            ids = [r[0] for r in session.execute(query)]
            total += time.perf_counter() - t0
            if i == 0:
                t0 = time.perf_counter()
                source.fetch(session, ids[len(ids) // 2: len(ids) // 2 + 100])
                total += time.perf_counter() - t0
        t0 = time.perf_counter()
        list(session.execute(source.id_query("street 12")))
        total += time.perf_counter() - t0
    return total


def best(runs: int, work: Callable[[], float]) -> float:
    return min(work() for _ in range(runs))


def line(label: str, plain: float, encrypted: float) -> None:
    ratio = encrypted / plain if plain else float("nan")
    verdict = "ok" if ratio <= TARGET else "OVER"
    print(f"{label:34} plain {plain:8.2f} s   encrypted {encrypted:8.2f} s   "
          f"{ratio:4.2f}x (target {TARGET}x: {verdict})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    key = cipher.new_key()
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-enc-") as tmp:
        folder = Path(tmp)
        csv_path = folder / "voters.csv"
        make_voter_file(csv_path, args.rows)
        print(f"{args.rows:,} voter rows; SQLCipher {cipher.dbapi().sqlite_version}")
        times: dict[str, list[float]] = {"plain": [], "encrypted": []}
        paths: dict[str, Path] = {}
        for n in range(args.repeat):
            order = [("plain", None), ("encrypted", key)]
            for name, k in order if n % 2 == 0 else reversed(order):
                elapsed, paths[name] = _import(folder, csv_path, name, k)
                times[name].append(elapsed)
        plain, enc = min(times["plain"]), min(times["encrypted"])
        line(f"voter import ({args.rows:,} rows)", plain, enc)
        print(f"  rows/s: plain {args.rows / plain:,.0f}, encrypted {args.rows / enc:,.0f}")
        assert cipher.file_state(paths["encrypted"]) == "encrypted"
        stores = {"plain": open_store(paths["plain"]), "encrypted": open_store(paths["encrypted"], key=key)}
        try:
            table = {name: best(args.repeat + 1, lambda s=s: doors_table(s))  # type: ignore[misc]
                     for name, s in stores.items()}
        finally:
            for s in stores.values():
                s.close()
        line("doors table (all sorts, page, search)", table["plain"], table["encrypted"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
