"""Sync bundle speed: export and import of 100,000 contact attempts, and merging
100 bundles of 1,000 contacts each, beside a raw ``sqlite3`` insert of the same
rows into the same schema in the same run.

Target: a bundle import (decrypt, every check, merge, one transaction) within
3x of the raw insert. Run: ``.venv/bin/python benchmarks/sync.py [--contacts N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fieldapp import paths  # noqa: E402
from fieldapp.core.db import Store, open_store  # noqa: E402
from fieldapp.core.ids import new_id  # noqa: E402
from fieldapp.core.models import ContactAttempt, Door, Turf  # noqa: E402
from fieldapp.core.stamping import bulk_insert  # noqa: E402
from fieldapp.services.inspect_store import iter_dump_lines  # noqa: E402
from fieldapp.services.sync.bundle import export_bundle  # noqa: E402
from fieldapp.services.sync.merge import import_bundle  # noqa: E402

CODES = ["not_home", "canvassed", "refused", "come_back", "moved"]
# A laptop that joined no campaign exports only with a passphrase (cheap scrypt: not timed work).
SECRET = {"passphrase": b"bench-sync", "scrypt_log_n": 2}


def seed(store: Store, doors: list[str], contacts: int, rng: random.Random) -> None:
    day = dt.datetime(2026, 11, 20, 14, tzinfo=dt.UTC)
    rows = [
        {"id": new_id(), "door_id": rng.choice(doors), "result_code": rng.choice(CODES),
         "attempted_at": day + dt.timedelta(seconds=rng.randrange(86400)),
         "support": rng.choice([None, 1, 2, 3, 4, 5]), "answers": {"q1": rng.choice(["yes", "no"])},
         "notes": rng.choice(["", "dog", "call back after 6"]), "channel": "door"}
        for _ in range(contacts)
    ]
    with store.transaction() as s:
        for i in range(0, len(rows), 10_000):
            bulk_insert(s, ContactAttempt, rows[i : i + 10_000])


def make_doors(store: Store, n: int) -> list[str]:
    with store.transaction() as s:
        turf = Turf(name="Bench turf")
        s.add(turf)
        s.flush()
        rows = [{"id": new_id(), "street_number": str(i), "house_number": i, "street_name": "N 20th St",
                 "city": "Milwaukee", "state": "WI", "address_key": f"{i} n 20th st", "turf_id": turf.id}
                for i in range(n)]
        bulk_insert(s, Door, rows)
    return [r["id"] for r in rows]


def raw_insert(template: Path, target: Path, rows_by_table: dict[str, list[dict[str, Any]]]) -> float:
    """The same rows, in the same schema, through sqlite3 executemany in one transaction."""
    shutil.copyfile(template, target)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    prepared = {}
    for table, rows in rows_by_table.items():
        if not rows:
            continue
        cols = list(rows[0])
        values = [tuple(json.dumps(r[c]) if isinstance(r[c], (dict, list)) else r[c] for c in cols) for r in rows]
        prepared[table] = (cols, values)
    start = time.perf_counter()
    conn.execute("BEGIN")
    for table, (cols, values) in prepared.items():
        conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})", values)
    conn.execute("COMMIT")
    took = time.perf_counter() - start
    conn.close()
    return took


def db_rows(store: Store, tables: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Rows as the database holds them (what the raw insert writes)."""
    out: dict[str, list[dict[str, Any]]] = {}
    with sqlite3.connect(store.engine.url.database) as conn:  # type: ignore[arg-type]
        conn.row_factory = sqlite3.Row
        for t in tables:
            out[t] = [dict(r) for r in conn.execute(f"SELECT * FROM {t}")]
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--doors", type=int, default=5_000)
    parser.add_argument("--bundles", type=int, default=100)
    parser.add_argument("--per-bundle", type=int, default=1_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fieldapp-bench-sync-"))
    paths.set_data_dir(work / "data")
    rng = random.Random(1)
    try:
        template = work / "template.sqlite"
        t = open_store(template)
        with t.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM store_meta")
        t.close()

        src = open_store(work / "source.sqlite")
        doors = make_doors(src, args.doors)
        seed(src, doors, args.contacts, rng)
        records = args.contacts + args.doors + 1
        print(f"Source store: {args.contacts:,} contact attempts on {args.doors:,} doors")

        start = time.perf_counter()
        bundle = export_bundle(src, work / "out", **SECRET).path
        t_export = time.perf_counter() - start
        size = bundle.stat().st_size
        print(f"export            {t_export:7.2f} s   {records / t_export:9,.0f} records/s   "
              f"{size / 1e6:.1f} MB bundle")

        shutil.copyfile(template, work / "dest.sqlite")
        dest = open_store(work / "dest.sqlite")
        start = time.perf_counter()
        result = import_bundle(dest, bundle, passphrase=SECRET["passphrase"])
        t_import = time.perf_counter() - start
        assert result.total().new == records, result.total()
        print(f"import            {t_import:7.2f} s   {records / t_import:9,.0f} records/s")

        rows = db_rows(src, ["turfs", "doors", "contact_attempts"])
        t_raw = raw_insert(template, work / "raw.sqlite", rows)
        print(f"raw sqlite3 insert{t_raw:7.2f} s   {records / t_raw:9,.0f} records/s")
        ratio = t_import / t_raw
        print(f"import / raw      {ratio:7.2f} x   (target: within 3x) -> {'OK' if ratio <= 3 else 'MISSED'}")
        same = "".join(iter_dump_lines(src)) == "".join(iter_dump_lines(dest))
        print(f"dumps equal       {same}")
        dest.close()

        # 100 bundles of 1,000 contacts: a laptop exporting since-last after each shift.
        laptop = open_store(work / "laptop.sqlite")
        ldoors = make_doors(laptop, 1_000)
        files = [export_bundle(laptop, work / "shifts", **SECRET).path]
        for _ in range(args.bundles):
            seed(laptop, ldoors, args.per_bundle, rng)
            files.append(export_bundle(laptop, work / "shifts", since_last=True, **SECRET).path)
        shutil.copyfile(template, work / "hub.sqlite")
        hub = open_store(work / "hub.sqlite")
        import_bundle(hub, files[0], passphrase=SECRET["passphrase"])
        start = time.perf_counter()
        for f in files[1:]:
            import_bundle(hub, f, passphrase=SECRET["passphrase"])
        t_many = time.perf_counter() - start
        n = args.bundles * args.per_bundle
        print(f"merge {args.bundles} bundles {t_many:7.2f} s   {n / t_many:9,.0f} contacts/s   "
              f"{t_many / args.bundles * 1000:.0f} ms per bundle")
        shifts = db_rows(laptop, ["turfs", "doors", "contact_attempts"])
        t_raw_many = raw_insert(template, work / "raw2.sqlite", shifts) * (n / (n + 1_001))
        print(f"raw insert of the same {n:,}: {t_raw_many:.2f} s -> merge / raw {t_many / t_raw_many:.1f} x "
              f"({args.bundles} separate checked, signed transactions)")
        same = "".join(iter_dump_lines(laptop)) == "".join(iter_dump_lines(hub))
        print(f"dumps equal       {same}")
        print(f"peak memory       {peak_mb():.0f} MB (whole run)")
        hub.close()
        laptop.close()
        src.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("FIELDAPP_DATA_DIR", tempfile.mkdtemp())
    sys.exit(main())
