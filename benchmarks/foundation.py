"""Foundation figures: seeding, cold start, walk-list query on a million doors.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/foundation.py``
(``--quick`` uses 200,000 doors instead of 1,000,000 for the walk-list store).

Targets (issue 2): seed 100,000 doors < 15 s; first window shown < 2 s (a fresh
process on the 100k store, measured from spawn to the window's first paint);
walk-list query for one turf in a 1,000,000-door store < 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import select

from fieldapp.core.db import open_store
from fieldapp.core.models import Door, Turf

DAY = dt.date(2026, 11, 20)

CHILD = r"""
import sys, time
from PySide6.QtCore import QTimer
from fieldapp import app as fapp
qapp = fapp.make_app(["bench"])
launcher = fapp.Launcher(sys.argv[1])
def shown(window):
    def report():
        sys.stdout.write(f"{time.time()!r}\n"); sys.stdout.flush(); qapp.quit()
    QTimer.singleShot(0, report)  # after the first paint has been queued and run
launcher.window_shown.connect(shown)
launcher.failed.connect(lambda message: (sys.stderr.write(message), qapp.exit(1)))
launcher.start()
code = qapp.exec()
launcher.shutdown()
sys.exit(code)
"""


def line(label: str, value: float, unit: str, target: float | None = None) -> None:
    verdict = ""
    if target is not None:
        verdict = "  ok" if value < target else f"  OVER TARGET ({target:g} {unit})"
    print(f"{label:58} {value:10.3f} {unit}{verdict}")


def bench_seed(folder: Path, doors: int) -> Path:
    from fieldapp.services.demo import seed_demo

    path = folder / "demo100k.sqlite"
    store = open_store(path)
    t0 = time.perf_counter()
    seed_demo(store, doors=doors, seed=1, today=DAY)
    line(f"seed the demo campaign, {doors:,} doors", time.perf_counter() - t0, "s", 15)
    store.close()
    return path


def bench_cold_start(store_path: Path, runs: int = 3) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               FIELDAPP_DATA_DIR=str(store_path.parent / "data"))
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    times = []
    for _ in range(runs):
        t0 = time.time()
        proc = subprocess.run([sys.executable, "-c", CHILD, str(store_path)], env=env,
                              capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            print("cold start failed:", proc.stderr[-2000:])
            return
        shown = float(proc.stdout.strip().splitlines()[-1])
        times.append(shown - t0)
    line("cold start to first window (first run)", times[0], "s", 2)
    line(f"cold start to first window (best of {runs})", min(times), "s", 2)


def bench_lazy_table(store_path: Path) -> None:
    """The Doors page's SQL: ids in order for 100k doors, and one page of rows."""
    from fieldapp.ui.sources import DoorSource
    from fieldapp.ui.tablemodel import sorted_id_query

    store = open_store(store_path)
    source = DoorSource()
    columns = source.columns()
    with store.session() as session:
        for i, column in enumerate(columns):
            query = sorted_id_query(source, column)
            t0 = time.perf_counter()
            ids = [r[0] for r in session.execute(query)]
            elapsed = time.perf_counter() - t0
            line(f"doors table: {len(ids):,} ids sorted by {column.key}", elapsed * 1000, "ms")
            if i == 0:
                t0 = time.perf_counter()
                source.fetch(session, ids[50_000:50_100])
                line("doors table: fetch one page of 100 rows", (time.perf_counter() - t0) * 1000,
                     "ms")
        t0 = time.perf_counter()
        ids = [r[0] for r in session.execute(source.id_query("vliet 24"))]
        line(f"doors table: search 'vliet 24' ({len(ids):,} hits)",
             (time.perf_counter() - t0) * 1000, "ms")
    store.close()


def bulk_doors(path: Path, n_doors: int, per_turf: int = 125) -> None:
    """A store with ``n_doors`` doors in turfs, written straight through sqlite3.

    The rows carry the same columns the models define (stamps included), so the
    store opens normally; only people and history are left out.
    """
    store = open_store(path)  # creates the schema
    site = store.site_id
    store.close()
    rng = random.Random(1)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    stamp = int(time.time() * 1000) << 16
    n_turfs = (n_doors + per_turf - 1) // per_turf
    turf_ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(n_turfs)]
    conn.executemany(
        "INSERT INTO turfs (id, site_id, hlc, born_hlc, born_site, clocks, deleted, campaign_id,"
        " name, polygon, status, notes) VALUES (?,?,?,?,?,'{}',0,NULL,?,NULL,'open','')",
        [(t, site, stamp + i, stamp + i, site, f"T{i:05d}") for i, t in enumerate(turf_ids)],
    )

    def rows():  # type: ignore[no-untyped-def]
        for i in range(n_doors):
            street = f"W Street {i // 2000:03d}"
            number = 100 + (i % 2000) * 2
            turf = turf_ids[i // per_turf]
            bkey = f"{number}|w street {i // 2000:03d}|milwaukee|wi"
            yield (str(uuid.UUID(int=rng.getrandbits(128), version=4)), site, stamp + n_turfs + i,
                   stamp + n_turfs + i, site, str(number), number, street, "", "Milwaukee", "WI",
                   "53205", bkey + "|", bkey, 43.0 + i * 1e-6, -87.9 - i * 1e-6, turf)

    conn.executemany(
        "INSERT INTO doors (id, site_id, hlc, born_hlc, born_site, clocks, deleted, street_number,"
        " house_number, street_name, unit, city, state, zip, address_key, building_key, lat, lon,"
        " geocode_source, geocode_quality, turf_id, do_not_knock, do_not_knock_reason, notes,"
        " merged_into_id) VALUES (?,?,?,?,?,'{}',0,?,?,?,?,?,?,?,?,?,?,?,'bench','rooftop',?,0,"
        "'','',NULL)",
        rows(),
    )
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


def bench_walk_list(folder: Path, n_doors: int) -> None:
    from fieldapp.services import walklists

    path = folder / "million.sqlite"
    t0 = time.perf_counter()
    bulk_doors(path, n_doors)
    line(f"bulk-write a {n_doors:,}-door store (setup, no target)", time.perf_counter() - t0, "s")
    store = open_store(path)
    with store.session() as session:
        turf_ids = list(session.scalars(select(Turf.id)))
        sample = random.Random(2).sample(turf_ids, 20)
        def walk_query(turf_id: str):  # type: ignore[no-untyped-def]
            return (select(Door.id, Door.street_name, Door.street_number, Door.house_number,
                           Door.unit, Door.lat, Door.lon, Door.do_not_knock)
                    .where(Door.turf_id == turf_id, Door.deleted.is_(False),
                           Door.merged_into_id.is_(None))
                    .order_by(Door.street_name, Door.house_number, Door.unit))

        query = walk_query(sample[0])
        plan = session.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN " + str(query.compile(compile_kwargs={"literal_binds": True}))
        ).all()
        print("   query plan:", "; ".join(str(r[-1]) for r in plan))
        sql_times, plan_times = [], []
        for turf_id in sample:
            q = walk_query(turf_id)
            t0 = time.perf_counter()
            rows = session.execute(q).all()
            sql_times.append(time.perf_counter() - t0)
            assert rows
            t0 = time.perf_counter()
            walklists.walk_plan(session, turf_id)
            plan_times.append(time.perf_counter() - t0)
    store.close()
    line(f"walk-list query, one turf of {len(rows)} doors (median of 20)",
         statistics.median(sql_times) * 1000, "ms", 50)
    line("walk-list query, worst of 20", max(sql_times) * 1000, "ms", 50)
    line("walk plan incl. street ordering (median, no target)",
         statistics.median(plan_times) * 1000, "ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200k doors for the walk-list store")
    parser.add_argument("--keep", metavar="DIR", help="keep the stores in DIR")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["FIELDAPP_DATA_DIR"] = str(folder / "data")
        print(f"Field App foundation benchmark (python {sys.version.split()[0]}, "
              f"{os.cpu_count()} cores)")
        demo = bench_seed(folder, 100_000)
        bench_cold_start(demo)
        bench_lazy_table(demo)
        bench_walk_list(folder, 200_000 if args.quick else 1_000_000)


if __name__ == "__main__":
    main()
