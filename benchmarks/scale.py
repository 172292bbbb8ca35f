"""State-scale figures (issue 13): start-up, the doors/people tables, voter import.

Run: ``.venv/bin/python benchmarks/scale.py [--doors 1000000]`` (``--doors 100000``
for a quicker run). Prints one table: each figure beside its target.

Targets: ``fieldapp --version`` < 0.15 s; ``fieldapp info`` < 0.4 s; the doors
and people tables open, sort by an indexed column and search in < 100 ms at
1,000,000 doors; voter import of 1,000,000 rows < 35 s; a re-import of the
same file at least 3x faster than the first. (The doubling checks of the
formerly quadratic paths are not written yet.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROWS: list[tuple[str, float, str, str]] = []


def row(label: str, value: float, unit: str, target: str) -> None:
    ROWS.append((label, value, unit, target))
    print(f"{label:58} {value:10.3f} {unit:4} target {target}", flush=True)


def median_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_startup(data_dir: Path) -> None:
    env = dict(os.environ, FIELDAPP_DATA_DIR=str(data_dir))
    env.pop("FIELDAPP_DB", None)
    exe = [sys.executable, "-m", "fieldapp.cli"]
    subprocess.run([*exe, "info"], env=env, capture_output=True, check=True)  # create the store
    for args, target in ((["--version"], "< 0.15 s"), (["info"], "< 0.4 s")):
        took = median_of(5, lambda a=args: subprocess.run([*exe, *a], env=env, capture_output=True,
                                                          check=True))
        row(f"fieldapp {' '.join(args)} (median of 5)", took, "s", target)


def bench_import(rows: int, tmp: Path) -> Path:
    from doors import make_voter_file  # the generator of benchmarks/doors.py

    from fieldapp.core.db import open_store
    from fieldapp.services.importing import import_doors

    path = tmp / "voters.csv"
    make_voter_file(path, rows)
    store = open_store(tmp / "scale.sqlite")
    t0 = time.perf_counter()
    import_doors(store, path)
    first = time.perf_counter() - t0
    row(f"voter import, {rows:,} rows (first)", first, "s",
        "< 35 s at 1M" if rows >= 1_000_000 else f"< {35 * rows / 1e6:.1f} s (35 s/1M)")
    t0 = time.perf_counter()
    import_doors(store, path)
    again = time.perf_counter() - t0
    row(f"voter re-import, nothing changed ({first / again:.1f}x faster)", again, "s", ">= 3x faster")
    store.close()
    return tmp / "scale.sqlite"


def bench_tables(store_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, Qt

    from fieldapp.core.db import open_store
    from fieldapp.ui.sources import DoorSource, PersonSource
    from fieldapp.ui.tablemodel import LazyTableModel

    QCoreApplication.instance() or QCoreApplication([])
    store = open_store(store_path)
    for name, source, search in (("doors", DoorSource(), "street 12"), ("people", PersonSource(), "ruiz")):
        model = LazyTableModel(store, source)
        row(f"{name} table: open (count + first window)", median_of(3, lambda m=model: m.refresh(wait=True)) * 1000, "ms", "< 100 ms")
        for column, spec in enumerate(source.columns()):
            if not spec.sort:
                continue

            def sort(m: LazyTableModel = model, c: int = column) -> None:
                m._sort_column, m._sort_order = c, Qt.SortOrder.DescendingOrder
                m.refresh(wait=True)
                m.values_at(0)

            note = "" if spec.windowed else " (no index: every id)"
            row(f"{name} table: sort by {spec.key} descending{note}", median_of(1, sort) * 1000, "ms", "< 100 ms")
        model._sort_column, model._sort_order = 0, Qt.SortOrder.AscendingOrder
        row(f"{name} table: search {search!r}",
            median_of(1, lambda m=model, s=search: (m.set_search(s, wait=True), m.set_search("", wait=True))) * 500,
            "ms", "< 100 ms")
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--doors", type=int, default=1_000_000, help="voter rows to import (about half as many doors)")
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        bench_startup(tmp / "data")
        if not args.skip_import:
            store_path = bench_import(args.doors, tmp)
            bench_tables(store_path)
    print()
    print(f"{'figure':58} {'value':>10} {'unit':4} target")
    for label, value, unit, target in ROWS:
        print(f"{label:58} {value:10.3f} {unit:4} {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
