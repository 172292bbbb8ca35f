"""State-scale figures (issue 13): start-up, the doors/people tables, voter import.

Run: ``.venv/bin/python benchmarks/scale.py [--doors 1000000]`` (``--doors 100000``
for a quicker run; ``--tables-store PATH`` times the tables on an existing store
instead of importing one). Prints one table: each figure beside its target.
``benchmarks/startup.py`` has the fuller start-up figures (first window included).

Targets: ``fieldapp --version`` < 0.15 s; ``fieldapp info`` < 0.4 s; the doors
and people tables open, sort by any column and search in < 100 ms at
1,000,000 doors (the first window; counts are taken apart, on the worker); voter import of 1,000,000 rows < 35 s; a re-import of the
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
    print(f"{label:84} {value:10.3f} {unit:4} target {target}", flush=True)


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
    """Open, sort by each column and search the doors and people tables, as the model does.

    "open" is the first window of ids in the default order (what the table
    shows first); the count is taken apart (on the database worker in the app)
    and timed on its own line; a sort is the first window in the new order and
    its first page of row values; a search is its first window and page (with
    the look in the trigram index that picks the path, migration 0009; a common
    word that starts names reads those ranges of the sort index), its count
    again apart. Every column sorts through an index (migration 0007). Each search
    is timed in both directions of the default order (the name, the address).
    """
    from PySide6.QtCore import QCoreApplication, Qt

    from fieldapp.core.db import open_store
    from fieldapp.ui.sources import DoorSource, PersonSource
    from fieldapp.ui.tablemodel import LazyTableModel

    QCoreApplication.instance() or QCoreApplication([])
    store = open_store(store_path)
    # Every kind of word (issue 13): a tenth of the people's surnames ("smith", "garcia",
    # "ruiz"), inside surnames only ("uiz"), 1-2 letters, two words, a phone's digits
    # (written "414-555-0042" in the file), nothing; each in both directions.
    searches = {"doors": ["street 12", "1234 st 5"],
                "people": ["smith", "garcia", "ruiz", "uiz", "ana", "an", "k", "ana ruiz",
                           "4145550042", "zzq"]}
    for name, source in (("doors", DoorSource()), ("people", PersonSource())):
        model = LazyTableModel(store, source)

        def first_window(m: LazyTableModel = model) -> None:
            if m._search:  # as each refresh does: the index or the ordered scan (core.search)
                with m.store.session() as session:
                    m.source.prepare_search(session, m._search)
            with m.store.session() as session:
                ids = m.first_ids(session)  # as the model's refresh reads it
            with m.store.session() as session:
                m.source.fetch(session, ids[:m.PAGE])

        def count(m: LazyTableModel = model) -> None:
            with m.store.session() as session:
                session.execute(m.count_query()).scalar()

        row(f"{name} table: open (first window + first page)", median_of(3, first_window) * 1000, "ms", "< 100 ms")
        row(f"{name} table: count, apart (worker)", median_of(3, count) * 1000, "ms", "off the GUI")
        for column, spec in enumerate(source.columns()):
            if not spec.sort:
                continue
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                model._sort_column, model._sort_order = column, order
                word = "ascending" if order == Qt.SortOrder.AscendingOrder else "descending"
                note = "" if spec.windowed else " (no index: every id)"
                row(f"{name} table: sort by {spec.key} {word}{note}", median_of(3, first_window) * 1000,
                    "ms", "< 100 ms")
        model._sort_column = source.default_sort_column
        for search in searches[name]:
            model._search = search
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                model._sort_order = order
                took = median_of(5, first_window) * 1000
                # the way it went (ui/indexed_search.py): the index's candidates, the
                # ranges of the sort index, or the window query reading it in order
                how = ("index" if getattr(source, "_indexed", None)
                       else getattr(source, "last_way", "") or "in order")
                word = "asc" if order == Qt.SortOrder.AscendingOrder else "desc"
                row(f"{name} table: search {search!r} {word} (first window + page, {how})", took,
                    "ms", "< 100 ms")
            row(f"{name} table: search {search!r} count, apart (worker)", median_of(3, count) * 1000,
                "ms", "off the GUI")
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--doors", type=int, default=1_000_000, help="voter rows to import (about half as many doors)")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--tables-store", type=Path, help="time the tables on this existing store (no import)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        bench_startup(tmp / "data")
        if args.tables_store:
            bench_tables(args.tables_store)
        elif not args.skip_import:
            store_path = bench_import(args.doors, tmp)
            bench_tables(store_path)
    print()
    print(f"{'figure':84} {'value':>10} {'unit':4} target")
    for label, value, unit, target in ROWS:
        print(f"{label:84} {value:10.3f} {unit:4} {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
