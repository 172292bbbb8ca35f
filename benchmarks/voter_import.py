"""Voter import at state scale (issue 13) beside a raw ``sqlite3`` load of the same job.

Run: ``.venv/bin/python benchmarks/voter_import.py [--rows 1000000] [--repeat 1] [--encrypted]``.

Each measurement runs in a process of its own (its peak RSS, with the processes it starts, is its own):

* **raw**: a hand-written ``sqlite3`` loader, the floor to compare with. It
  does the same job into the same schema: the store is made by Field App
  (same tables, columns, indexes and pragmas, with the import's page cache and, as
  Field App's command line into an empty store, a rollback journal for the load), it
  reads the same CSV with ``csv.reader``, strips the cells, makes the same
  address keys with Field App's USPS normalizer, one door per address key (a
  dict), time-ordered UUIDv7 ids, a clock stamp and site on every row, and
  inserts doors and people with ``executemany`` in batches of 5,000 in one
  transaction. Being a plain load it drops every non-unique index of the two
  tables first and builds them after the rows (which Field App does only for
  indexes it does not look rows up by). Like Field App it drops the schema's
  per-row insert triggers for its transaction (and makes them again before it
  commits) and fills what they keep (the
  rollup tables of migration 0007, the search indexes of 0009) in one pass
  after the rows, with its own SQL for a new store (``DERIVED_SQL``). And like
  Field App it records each person's row digest (migration 0010), made by Field
  App's ``Digester`` as it uses Field App's address normalizer.
* **fieldapp**: ``import_doors`` into a new store, then the same file again
  (nothing changed: every row matched, nothing written).
* **encrypted** (``--encrypted``): ``import_doors`` into a new SQLCipher store.

After the first round the two stores' doors and people are compared column by
column (ids and clock stamps aside), and so are their rollups, row digests and
what their search indexes hold and find: the raw load must have written the same rows, or
the comparison is meaningless and the script fails.

Targets: 1,000,000 rows in under 35 s (35 s per million at other sizes);
within 1.2x of the raw load; peak RSS under 300 MB; a re-import with nothing
changed at least 3x faster than the first import; encrypted within 1.3x of
plain. With ``--repeat N`` the runs alternate (raw, fieldapp, ...) and the
medians are reported. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fieldapp.core.search import phone_digits_sql  # what the search index holds of a phone

BATCH = 5000
SECONDS_PER_MILLION = 35.0
RAW_RATIO = 1.2
REIMPORT_SPEEDUP = 3.0
PEAK_MB = 300.0
ENCRYPTED_RATIO = 1.3

DOOR_COLUMNS = ("street_number", "house_number", "street_name", "unit", "city", "state", "zip",
                "address_key", "building_key", "lat", "lon", "geocode_source", "geocode_quality",
                "turf_id", "do_not_knock", "do_not_knock_reason", "notes", "merged_into_id",
                "deleted", "clocks")
PERSON_COLUMNS = ("first_name", "last_name", "phone", "email", "language", "tags", "birth_year",
                  "party", "voter_id", "voter_status", "registration_date", "precinct", "ward",
                  "districts", "do_not_call", "do_not_text", "do_not_email", "notes",
                  "merged_into_id", "deleted", "clocks")


# What the schema's triggers would have written row by row, in one pass each (a new
# store: no turfs or contact attempts yet, so no turf name or latest result). The
# search rows go in in key order (in another order the index is much slower to fill).
DOOR_SORT_KEY = ("d.street_name || char(31) || CASE WHEN d.house_number IS NULL THEN '' "
                 "ELSE printf('%015d', d.house_number) END || char(31) || d.street_number "
                 "|| char(31) || d.unit")
DERIVED_SQL = (
    "INSERT INTO door_rollups (door_id, people_count, last_result, turf_name) SELECT d.id, "
    "(SELECT count(*) FROM people p WHERE p.door_id = d.id AND p.deleted = 0), NULL, NULL "
    "FROM doors d",
    f"INSERT INTO person_rollups (person_id, door_sort) SELECT p.id, {DOOR_SORT_KEY} "
    "FROM people p JOIN doors d ON d.id = p.door_id",
    "INSERT INTO person_search_keys (person_id) SELECT id FROM people ORDER BY rowid",
    "INSERT INTO person_search (rowid, first_name, last_name, email, phone) SELECT k.n, "
    f"p.first_name, p.last_name, p.email, {phone_digits_sql('p.phone')} FROM person_search_keys k "
    "JOIN people p ON p.id = k.person_id ORDER BY k.n",
    "INSERT INTO door_search_keys (door_id) SELECT id FROM doors ORDER BY rowid",
    "INSERT INTO door_search (rowid, address_key, zip) SELECT k.n, d.address_key, d.zip "
    "FROM door_search_keys k JOIN doors d ON d.id = k.door_id ORDER BY k.n",
)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu() -> float:
    """CPU seconds (user + system) of this process and of the processes it started and
    waited for (Field App's reader process): steadier than wall time on a busy machine."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


# ---------------------------------------------------------------------------- children


def child_fieldapp(csv_path: Path, db: Path, key: str | None, again: bool) -> dict[str, float]:
    from fieldapp.core.db import open_store
    from fieldapp.services.importing import import_doors

    store = open_store(db, key=key)
    t0, c0 = time.perf_counter(), cpu()
    report = import_doors(store, csv_path, alone=True)  # as `fieldapp import doors` does
    out = {"seconds": time.perf_counter() - t0, "cpu": cpu() - c0, "peak_mb": peak_mb(),
           "doors": report.doors_created, "people": report.people_created,
           "rejected": report.rows_rejected}
    if again:
        t0, c0 = time.perf_counter(), cpu()
        report = import_doors(store, csv_path, alone=True)
        out["again_seconds"] = time.perf_counter() - t0
        out["again_cpu"] = cpu() - c0
        out["again_unchanged"] = report.people_unchanged
        out["again_written"] = (report.doors_created + report.people_created
                                + report.people_updated + report.doors_updated)
        out["peak_mb"] = peak_mb()
    store.close()
    return out


def child_raw(csv_path: Path, db: Path) -> dict[str, float]:
    """The hand-written loader (see the module's docstring)."""
    from fieldapp.core.db import open_store
    from fieldapp.core.fastinsert import IMPORT_CACHE_KIB
    from fieldapp.core.ids import id_stream
    from fieldapp.services.addresses import building_key, house_number, normalize_unit
    from fieldapp.services.importing.digests import Digester
    from fieldapp.services.importing.profiles import resolve_mapping
    from fieldapp.services.importing.sniffing import sniff

    open_store(db).close()  # Field App's own schema, nothing else in it
    conn = sqlite3.connect(db, isolation_level=None)
    # a rollback journal for the load into the empty store, as Field App's command
    # line takes it (core.loadjournal); WAL again after
    for pragma in ("journal_mode=DELETE", "foreign_keys=ON", "synchronous=FULL",
                   f"cache_size=-{IMPORT_CACHE_KIB}"):
        conn.execute(f"PRAGMA {pragma}")
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                           "tbl_name IN ('doors', 'people') AND sql IS NOT NULL").fetchall()
    site = str(uuid.uuid4())
    door_sql = ("INSERT INTO doors (id, site_id, hlc, born_hlc, born_site, clocks, deleted, "
                "street_number, house_number, street_name, unit, city, state, zip, address_key, "
                "building_key, lat, lon, geocode_source, geocode_quality, turf_id, do_not_knock, "
                "do_not_knock_reason, notes, merged_into_id) VALUES "
                "(?, ?, ?, ?, ?, '{}', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'file', 'file', NULL, 0, "
                "'', '', NULL)")
    person_sql = ("INSERT INTO people (id, site_id, hlc, born_hlc, born_site, clocks, deleted, "
                  "door_id, first_name, last_name, phone, email, language, tags, birth_year, "
                  "party, voter_id, voter_status, registration_date, precinct, ward, districts, "
                  "do_not_call, do_not_text, do_not_email, notes, merged_into_id) VALUES "
                  "(?, ?, ?, ?, ?, '{}', 0, ?, ?, ?, ?, '', 'en', '[]', ?, '', ?, '', '', '', '', "
                  "'{}', 0, 0, 0, '', NULL)")
    ids = id_stream()
    stamp = time.time_ns() // 1_000_000 << 16
    door_of: dict[str, str] = {}
    fmt = sniff(csv_path)  # the row digests are keyed by how the file is read, as Field App's
    digester = Digester(fmt.header, resolve_mapping(csv_path, fmt.header, None, fmt.layout or None),
                        fmt.layout or "", time.localtime().tm_year, fmt.header.index("VANID"))
    digest_sql = "INSERT INTO import_rows (person_id, digest) VALUES (?, ?)"
    digests: list[tuple[object, ...]] = []
    t0, c0 = time.perf_counter(), cpu()
    conn.execute("BEGIN")
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    # the schema's per-row insert triggers (rollups, search index) off for this
    # transaction: the derived tables are filled in one pass after the rows
    conn.execute("INSERT INTO store_meta (key, value) VALUES ('rollups_paused', '1')")
    paused = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                          "sql LIKE '%''rollups_paused''%' ORDER BY rowid").fetchall()
    for name, _ in paused:  # dropped for the load, as Field App's rollups.deferred does
        conn.execute(f'DROP TRIGGER "{name}"')
    doors: list[tuple[object, ...]] = []
    people: list[tuple[object, ...]] = []
    with csv_path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for cells in reader:
            (vid, first, last, number, street, apt, city, state, zip5, phone, yob, lat,
             lon) = map(str.strip, cells)
            state = state.upper()
            bkey = building_key(number, street, city, state)
            akey = bkey + "|" + normalize_unit(apt)
            door_id = door_of.get(akey)
            if door_id is None:
                door_id = door_of[akey] = next(ids)
                stamp += 1
                doors.append((door_id, site, stamp, stamp, site, number, house_number(number),
                              street, apt, city, state, zip5, akey, bkey, float(lat), float(lon)))
            stamp += 1
            person_id = next(ids)
            people.append((person_id, site, stamp, stamp, site, door_id, first, last, phone,
                           int(yob) if yob else None, vid))
            digests.append((person_id, digester.digest(cells)))
            if len(people) >= BATCH:
                conn.executemany(door_sql, doors)
                conn.executemany(person_sql, people)
                conn.executemany(digest_sql, digests)
                doors, people, digests = [], [], []
    conn.executemany(door_sql, doors)
    conn.executemany(person_sql, people)
    conn.executemany(digest_sql, digests)
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("DELETE FROM store_meta WHERE key = 'rollups_paused'")
    for _, sql in paused:
        conn.execute(sql)
    for sql in DERIVED_SQL:
        conn.execute(sql)
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode=WAL")
    seconds, cpu_seconds = time.perf_counter() - t0, cpu() - c0
    conn.close()
    return {"seconds": seconds, "cpu": cpu_seconds, "peak_mb": peak_mb(), "doors": len(door_of)}


# ---------------------------------------------------------------------------- parent


def run_child(*args: str) -> dict[str, float]:
    """Run one measurement in a process of its own; ``tree_peak_mb``: the peak RSS of
    that process and every process it started (Field App's reader process), summed,
    sampled every 0.2 s."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    tree_peak, tree, looked = 0, [proc.pid], 0.0
    while proc.poll() is None:  # (cheap: the tree is looked for once a second)
        if time.monotonic() - looked > 1.0:
            tree, looked = descendants(proc.pid), time.monotonic()
        tree_peak = max(tree_peak, resident(tree))
        time.sleep(0.2)
    out, err = proc.communicate()
    if proc.returncode:
        sys.stderr.write(err)
        raise SystemExit(f"the {args[0]} run failed (exit {proc.returncode})")
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    result["tree_peak_mb"] = max(tree_peak / 2**20, result["peak_mb"])
    return result


def descendants(root: int) -> list[int]:
    """Process ``root`` and its descendants (Linux /proc)."""
    parent_of: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    parent_of[int(entry)] = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except OSError:
                continue
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parent_of.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sorted(tree)


def resident(pids: list[int]) -> int:
    """Bytes resident in ``pids`` now."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total * os.sysconf("SC_PAGE_SIZE")


def same_rows(app_db: Path, raw_db: Path) -> list[str]:
    """What differs between the two stores' doors and people (ids and stamps aside)."""
    conn = sqlite3.connect(app_db)
    conn.execute("ATTACH DATABASE ? AS raw", (str(raw_db),))
    door_cols = ", ".join(f"d.{c}" for c in DOOR_COLUMNS)
    person_cols = ", ".join(f"p.{c}" for c in PERSON_COLUMNS)
    problems = []
    for label, query in (
        ("doors", "SELECT {cols} FROM {db}.doors d"),
        ("people", "SELECT d.address_key, {pcols} FROM {db}.people p "
                   "JOIN {db}.doors d ON d.id = p.door_id"),
    ):
        a = query.format(db="main", cols=door_cols, pcols=person_cols)
        b = query.format(db="raw", cols=door_cols, pcols=person_cols)
        for name, first, second in (("only in the fieldapp store", a, b),
                                    ("only in the raw store", b, a)):
            n = conn.execute(f"SELECT count(*) FROM ({first} EXCEPT {second})").fetchone()[0]
            if n:
                problems.append(f"{label}: {n:,} rows {name}")
    problems += _same_derived(conn)
    for table in ("doors", "people"):
        counts = [conn.execute(f"SELECT count(*) FROM {db}.{table}").fetchone()[0]
                  for db in ("main", "raw")]
        if counts[0] != counts[1]:
            problems.append(f"{table}: {counts[0]:,} rows in the fieldapp store, {counts[1]:,} raw")
        index_sql = [sorted(r[0] for r in conn.execute(
            f"SELECT sql FROM {db}.sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL", (table,))) for db in ("main", "raw")]
        if index_sql[0] != index_sql[1]:
            problems.append(f"{table}: the two stores' indexes differ")
    conn.close()
    return problems


# The derived tables compared (ids aside): each door's and person's rollups, and how
# many rows each search index holds and finds for a few words.
DERIVED_CHECKS = (
    ("door rollups", "SELECT d.address_key, r.people_count, r.last_result, r.turf_name "
                     "FROM {db}.door_rollups r JOIN {db}.doors d ON d.id = r.door_id"),
    ("person rollups", "SELECT p.voter_id, r.door_sort FROM {db}.person_rollups r "
                       "JOIN {db}.people p ON p.id = r.person_id"),
    ("row digests", "SELECT p.voter_id, g.digest FROM {db}.import_rows g "
                    "JOIN {db}.people p ON p.id = g.person_id"),
    ("search index keys", "SELECT 'people', count(*) FROM {db}.person_search_keys UNION ALL "
                          "SELECT 'doors', count(*) FROM {db}.door_search_keys"),
    *((f"search for {word!r}",
       f"SELECT count(*) FROM {{db}}.{fts} WHERE {fts} MATCH '\"{word}\"'")
      for fts, word in (("person_search", "ruiz"), ("person_search", "555-01"),
                        ("person_search", "bro"), ("door_search", "st 12"),
                        ("door_search", "53205"))),
)


def _same_derived(conn: sqlite3.Connection) -> list[str]:
    problems = []
    for label, query in DERIVED_CHECKS:
        a, b = query.format(db="main"), query.format(db="raw")
        if "MATCH" in query or "UNION" in query:
            if conn.execute(a).fetchall() != conn.execute(b).fetchall():
                problems.append(f"{label}: the two stores differ")
            continue
        for name, first, second in (("only in the fieldapp store", a, b),
                                    ("only in the raw store", b, a)):
            n = conn.execute(f"SELECT count(*) FROM ({first} EXCEPT {second})").fetchone()[0]
            if n:
                problems.append(f"{label}: {n:,} rows {name}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1, help="rounds (medians reported)")
    parser.add_argument("--encrypted", action="store_true", help="also import into a SQLCipher store")
    parser.add_argument("--csv", type=Path, help="reuse this generated file (made if missing)")
    parser.add_argument("--import-only", action="store_true",
                        help="only Field App's first import (time, rows/s, memory): for 5M rows")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, csv_path, db, *rest = args.child
        if kind == "raw":
            result = child_raw(Path(csv_path), Path(db))
        else:
            key = rest[0] if rest else None
            result = child_fieldapp(Path(csv_path), Path(db), key, again=kind == "fieldapp")
        print(json.dumps(result))
        return 0

    from doors import make_voter_file

    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-import-") as folder:
        tmp = Path(folder)
        csv_path = args.csv or tmp / "voters.csv"
        if not csv_path.exists():
            t0 = time.perf_counter()
            make_voter_file(csv_path, args.rows)
            print(f"generated {args.rows:,} rows ({csv_path.stat().st_size / 1e6:.0f} MB) "
                  f"in {time.perf_counter() - t0:.0f} s", flush=True)
        rows = args.rows
        if args.import_only:
            return import_only(rows, csv_path, tmp)
        raw: list[dict[str, float]] = []
        app: list[dict[str, float]] = []
        enc: list[dict[str, float]] = []
        started = time.perf_counter()
        for n in range(args.repeat):
            for kind in ("raw", "fieldapp") if n % 2 == 0 else ("fieldapp", "raw"):
                db = tmp / f"{kind}{n}.sqlite"
                result = run_child(kind, str(csv_path), str(db))
                (raw if kind == "raw" else app).append(result)
                print(f"round {n + 1}: {kind:8} {result['seconds']:7.1f} s "
                      f"({result['cpu']:.1f} s CPU)", flush=True)
            if n == 0:
                problems = same_rows(tmp / "fieldapp0.sqlite", tmp / "raw0.sqlite")
                if problems:
                    print("the raw load did not do the same job: " + "; ".join(problems))
                    return 1
                print("round 1: the two stores hold the same doors and people", flush=True)
            if args.encrypted:
                from fieldapp.core import cipher

                result = run_child("encrypted", str(csv_path), str(tmp / f"enc{n}.sqlite"),
                                   cipher.new_key())
                enc.append(result)
                print(f"round {n + 1}: encrypted {result['seconds']:6.1f} s "
                      f"({result['cpu']:.1f} s CPU)", flush=True)
            for old in tmp.glob(f"*{n}.sqlite*"):
                old.unlink()
        missed = report(rows, raw, app, enc)
        print(f"\n(all runs: {time.perf_counter() - started:.0f} s; load average now "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    if missed:
        print("MISSED: " + "; ".join(missed))
        return 1
    return 0


def import_only(rows: int, csv_path: Path, tmp: Path) -> int:
    started = time.perf_counter()
    result = run_child("first", str(csv_path), str(tmp / "first.sqlite"))
    first, peak = result["seconds"], result["tree_peak_mb"]
    limit = SECONDS_PER_MILLION * rows / 1e6
    print(f"\n{'figure':38} {'value':>16}  target")
    for label, value, target in (
        ("rows", f"{rows:,}", ""),
        ("doors / people created", f"{int(result['doors']):,} / {int(result['people']):,}", ""),
        ("import, seconds", f"{first:.1f}", f"< {limit:.1f} (35 s per million)"),
        ("import, rows/s", f"{rows / first:,.0f}", ""),
        ("import, CPU seconds", f"{result['cpu']:.1f}", ""),
        ("peak RSS, MB", f"{peak:.0f}", f"< {PEAK_MB:.0f}"),
    ):
        print(f"{label:38} {value:>16}  {target}")
    print(f"(one import; {time.perf_counter() - started:.0f} s in all; load average now "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    missed = [m for m, bad in ((f"import took {first:.1f} s (target {limit:.1f} s)", first > limit),
                               (f"peak RSS {peak:.0f} MB (target {PEAK_MB:.0f} MB)", peak > PEAK_MB))
              if bad]
    if missed:
        print("MISSED: " + "; ".join(missed))
    return 1 if missed else 0


def report(rows: int, raw: list[dict[str, float]], app: list[dict[str, float]],
           enc: list[dict[str, float]]) -> list[str]:
    def median(results: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in results)

    first, again = median(app, "seconds"), median(app, "again_seconds")
    raw_s, peak = median(raw, "seconds"), max(r["tree_peak_mb"] for r in app)
    limit = SECONDS_PER_MILLION * rows / 1e6
    figures = [
        ("rows", f"{rows:,}", ""),
        ("doors / people created", f"{int(app[0]['doors']):,} / {int(app[0]['people']):,}", ""),
        ("import, seconds", f"{first:.1f}", f"< {limit:.1f}"),
        ("import, rows/s", f"{rows / first:,.0f}", f"> {rows / limit:,.0f}"),
        ("peak RSS, MB (import + re-import)", f"{peak:.0f}", f"< {PEAK_MB:.0f}"),
        ("  importing process alone", f"{max(r['peak_mb'] for r in app):.0f}", ""),
        ("raw sqlite3 load, seconds", f"{raw_s:.1f}", ""),
        ("raw sqlite3 load, peak RSS, MB", f"{max(r['peak_mb'] for r in raw):.0f}", ""),
        ("import / raw", f"{first / raw_s:.2f}x", f"<= {RAW_RATIO}x"),
        ("re-import, nothing changed, seconds", f"{again:.1f}", ""),
        ("re-import speed-up", f"{first / again:.1f}x", f">= {REIMPORT_SPEEDUP:.0f}x"),
        ("CPU s: import / raw / re-import",
         f"{median(app, 'cpu'):.1f} / {median(raw, 'cpu'):.1f} / {median(app, 'again_cpu'):.1f}",
         "(for a busy machine)"),
        ("CPU ratios: import/raw, speed-up",
         f"{median(app, 'cpu') / median(raw, 'cpu'):.2f}x, "
         f"{median(app, 'cpu') / median(app, 'again_cpu'):.1f}x", ""),
    ]
    missed = []
    if first > limit:
        missed.append(f"import took {first:.1f} s (target {limit:.1f} s)")
    if first / raw_s > RAW_RATIO:
        missed.append(f"import is {first / raw_s:.2f}x the raw load (target {RAW_RATIO}x)")
    if peak > PEAK_MB:
        missed.append(f"peak RSS {peak:.0f} MB (target {PEAK_MB:.0f} MB)")
    if first / again < REIMPORT_SPEEDUP:
        missed.append(f"re-import only {first / again:.1f}x faster (target {REIMPORT_SPEEDUP:.0f}x)")
    if any(r["again_written"] for r in app):
        missed.append("the re-import of an unchanged file wrote rows")
    if enc:
        enc_s = median(enc, "seconds")
        figures += [("encrypted store import, seconds", f"{enc_s:.1f}", ""),
                    ("encrypted / plain", f"{enc_s / first:.2f}x", f"<= {ENCRYPTED_RATIO}x"),
                    ("encrypted / plain, CPU", f"{median(enc, 'cpu') / median(app, 'cpu'):.2f}x", ""),
                    ("encrypted peak RSS, MB", f"{max(r['tree_peak_mb'] for r in enc):.0f}",
                     f"< {PEAK_MB:.0f}")]
        if enc_s / first > ENCRYPTED_RATIO:
            missed.append(f"encrypted import {enc_s / first:.2f}x plain (target {ENCRYPTED_RATIO}x)")
    print(f"\n{'figure':38} {'value':>16}  target")
    for label, value, target in figures:
        print(f"{label:38} {value:>16}  {target}")
    print(f"(median of {len(app)} round(s); raw and fieldapp alternate)")
    return missed


if __name__ == "__main__":
    sys.exit(main())
