"""Doors benchmarks: voter-file import, turf cutting and walk-list ordering.

Run: ``.venv/bin/python benchmarks/doors.py [--rows 1000000]``. Prints:

* import of a generated voter file (rows/s, peak memory) beside a raw
  ``sqlite3`` streaming insert of the same rows in the same run
  (target: within 2x of raw, peak under 300 MB);
* turf cutting of 100,000 doors into turfs of 500 (target: under 10 s);
* walk-list ordering of a 1,000-door turf (target: under 1 s).
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from fieldapp.core.db import open_store
from fieldapp.core.models import Door
from fieldapp.core.stamping import bulk_insert
from fieldapp.services.addresses import address_key, building_key
from fieldapp.services.importing import import_doors
from fieldapp.services.turfs import cut_turfs
from fieldapp.services.walklists import WalkDoor, order_doors

FIRST = ["Ana", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ida", "Jo", "Kim", "Lu"]
LAST = ["Lee", "Ruiz", "Kay", "Nowak", "Vang", "Smith", "Garcia", "Brown", "Yang", "Diaz"]


def make_voter_file(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["VANID", "FirstName", "LastName", "StreetNo", "StreetName", "AptNo",
                    "City", "State", "Zip5", "Phone", "YearOfBirth", "Latitude", "Longitude"])
        for i in range(rows):
            house = i // 2  # about two voters a household
            street = house // 400
            number = 100 + (house % 400) * 2
            apt = f"Apt {rng.randint(1, 6)}" if house % 7 == 0 else ""
            w.writerow([f"V{i:08d}", rng.choice(FIRST), rng.choice(LAST), number,
                        f"Street {street} Ave", apt, "Springfield", "WI", "53205",
                        f"414-555-{i % 10000:04d}", 1940 + i % 60,
                        f"{43 + street * 0.001:.6f}", f"{-88 + (house % 400) * 0.00005:.6f}"])


def raw_sqlite(path: Path, db: Path) -> float:
    """The floor: parse the same CSV and insert every row into one plain table."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE voters (id TEXT, first TEXT, last TEXT, number TEXT, street TEXT,"
                 " unit TEXT, city TEXT, state TEXT, zip TEXT, phone TEXT, yob INTEGER,"
                 " lat REAL, lon REAL)")
    t0 = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        batch = []
        conn.execute("BEGIN")
        for row in reader:
            batch.append(row)
            if len(batch) >= 5000:
                conn.executemany("INSERT INTO voters VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", batch)
                batch = []
        conn.executemany("INSERT INTO voters VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", batch)
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed


def bench_import(rows: int, tmp: Path, tracemalloc_rows: int = 200_000) -> None:
    path = tmp / "voters.csv"
    t0 = time.perf_counter()
    make_voter_file(path, rows)
    print(f"generated {rows:,} rows ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")
    raw = raw_sqlite(path, tmp / "raw.sqlite")
    print(f"raw sqlite3 insert:  {raw:7.1f} s  {rows / raw:10,.0f} rows/s")
    store = open_store(tmp / "import.sqlite")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    report = import_doors(store, path)
    elapsed = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"fieldapp import:     {elapsed:7.1f} s  {rows / elapsed:10,.0f} rows/s  "
          f"({elapsed / raw:.1f}x raw; target 2x)")
    print(f"  doors {report.doors_created:,}, people {report.people_created:,}, rejected {report.rows_rejected}")
    print(f"  peak memory (max RSS of the process) {rss:.0f} MB, {rss_before:.0f} MB before "
          "the import (target < 300 MB)")
    if tracemalloc_rows:
        # Python allocations on a slice (tracemalloc slows Python several times over).
        small = tmp / "small.csv"
        make_voter_file(small, tracemalloc_rows, seed=5)
        store2 = open_store(tmp / "traced.sqlite")
        tracemalloc.start()
        import_doors(store2, small)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        store2.close()
        print(f"  peak Python allocations importing {tracemalloc_rows:,} rows: {peak / 1e6:.0f} MB "
              "(steady: batches, not the whole file)")
    store.close()


def bench_cut(doors: int, tmp: Path) -> None:
    store = open_store(tmp / "cut.sqlite")
    rng = random.Random(2)
    rows = []
    for i in range(doors):
        street, n = divmod(i, 250)
        num = str(100 + n * 2)
        name = f"Street {street}"
        rows.append({"street_number": num, "house_number": int(num), "street_name": name,
                     "unit": "", "city": "X", "state": "WI", "zip": "",
                     "address_key": address_key(num, name, "", "X", "WI"),
                     "building_key": building_key(num, name, "X", "WI"),
                     "lat": 43 + street * 0.0008 + rng.uniform(-1e-5, 1e-5),
                     "lon": -88 + n * 0.00006, "turf_id": None})
    with store.transaction() as s:
        for start in range(0, len(rows), 5000):
            bulk_insert(s, Door, rows[start : start + 5000])
    t0 = time.perf_counter()
    report = cut_turfs(store, 500)
    elapsed = time.perf_counter() - t0
    sizes = [n for _, n in report.turfs]
    print(f"turf cut: {doors:,} doors into {len(sizes)} turfs of ~500 in {elapsed:.2f} s "
          f"(target < 10 s); sizes {min(sizes)}..{max(sizes)}")
    store.close()


def bench_walk(doors: int) -> None:
    rng = random.Random(3)
    items = []
    for i in range(doors):
        street, n = divmod(i, 25)
        number = 100 + n * 4 + (n % 2)
        items.append(WalkDoor(f"d{i}", f"Street {street}", str(number), number, "", "X",
                              f"{number}|{street}", 43 + street * 0.001 + rng.uniform(-1e-5, 1e-5),
                              -88 + number * 1e-5, False, ""))
    rng.shuffle(items)
    t0 = time.perf_counter()
    order_doors(items)
    print(f"walk order: {doors:,} doors ({doors // 25} streets) in {time.perf_counter() - t0:.3f} s "
          "(target < 1 s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cut-doors", type=int, default=100_000)
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if not args.skip_import:
            bench_import(args.rows, tmp)
        bench_cut(args.cut_doors, tmp)
        bench_walk(1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
