"""No quadratic path (issue 13): each path that was quadratic, or could turn so, timed at
two sizes, N and 2N. Doubling the input must not take more than 2.5x the time.

Each figure is the best of ``--repeat`` runs (3), the two sizes taken in turn so that
load from other work on the machine falls on both alike. The ratio is taken on the
process's CPU time (every path runs in this process, SQLite included), which waiting
for a turn on a shared machine does not inflate; wall times are printed beside it. A
path over the limit is measured once more with twice the repetitions before it is
called a failure.
Exits 1, with a ``FAIL:`` line per path, when any path stays over the limit.

Run: ``.venv/bin/python benchmarks/doubling.py [--scale 2] [--only entry,held]``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from _scale_data import (  # noqa: E402
    Templates,
    add_turf,
    chunks,
    contact_rows,
    door_rows,
    fill_turf,
    timed_cpu,
)

from fieldapp import paths  # noqa: E402
from fieldapp.core.db import Store  # noqa: E402
from fieldapp.core.models import ContactAttempt, Door  # noqa: E402
from fieldapp.core.stamping import bulk_insert  # noqa: E402
from fieldapp.services.sync import keys  # noqa: E402

LIMIT = 2.5
PASS = b"bench-doubling"
Run = Callable[[], object]
Prepare = Callable[[], Run]  # untimed set-up for one run; returns the timed part


@dataclass
class Case:
    key: str
    name: str
    unit: str
    n: int
    build: Callable[[int, Path], Prepare]
    second: Callable[[int], int] = lambda n: 2 * n  # the doubled size (pairs: not 2 x doors)


def export(store: Store, out: Path, **kwargs: object) -> Path:
    from fieldapp.services.sync.bundle import export_bundle

    return export_bundle(store, out, passphrase=PASS, scrypt_log_n=2, **kwargs).path  # type: ignore[arg-type]


def importer(store: Store, bundle: Path) -> None:
    from fieldapp.services.sync.merge import import_bundle

    import_bundle(store, bundle, passphrase=PASS)


# --------------------------------------------------------------------------- cases


def turf_store(n: int, folder: Path) -> tuple[Store, str]:
    store = TEMPLATES.new(folder / "turf.sqlite")
    turf = add_turf(store, "Big turf")
    fill_turf(store, turf, n)
    return store, turf


def build_entry(n: int, folder: Path) -> Prepare:
    from fieldapp.services.canvass import entry_doors

    store, turf = turf_store(n, folder)

    def run() -> None:
        with store.session() as s:
            assert len(entry_doors(s, turf)) == n

    return lambda: run


def build_walk(n: int, folder: Path) -> Prepare:
    from fieldapp.services.walklists import build_sheet

    store, turf = turf_store(n, folder)

    def run() -> None:
        with store.session() as s:
            assert len(build_sheet(s, turf).doors) == n

    return lambda: run


def build_map(n: int, folder: Path) -> Prepare:
    from fieldapp.maps.data import load_map_data

    store = TEMPLATES.new(folder / "map.sqlite")
    for t in range(0, n, 500):  # turfs of 500 doors
        fill_turf(store, add_turf(store, f"Turf {t}"), min(500, n - t), seed=t, first_street=t // 40)

    def run() -> None:
        assert len(load_map_data(store).doors.ids) == n

    return lambda: run


def build_import(n: int, folder: Path) -> Prepare:
    """One bundle of ``n`` contacts (on n/2 doors, with their people) into an empty store."""
    src = TEMPLATES.new(folder / "src.sqlite")
    fill_turf(src, add_turf(src, "Turf"), n // 2, knocks=2.0)
    bundle = export(src, folder / "out")
    src.close()
    count = [0]

    def prepare() -> Run:
        count[0] += 1
        dest = TEMPLATES.new(folder / f"dest{count[0]}.sqlite")
        return lambda: importer(dest, bundle)

    return prepare


def build_merge_into(n: int, folder: Path) -> Prepare:
    """A laptop's bundle of 1,000 contacts merged into a store of ``n`` doors (size of the
    store doubles, the bundle stays the same: the time should not grow much at all)."""
    hq = TEMPLATES.new(folder / "hq.sqlite")
    ids = fill_turf(hq, add_turf(hq, "Turf"), n)
    hq.close()
    laptop_file = folder / "laptop.sqlite"
    shutil.copyfile(folder / "hq.sqlite", laptop_file)
    import sqlite3

    from fieldapp.core.db import open_store
    from fieldapp.core.ids import new_id

    with sqlite3.connect(laptop_file) as conn:
        conn.execute("UPDATE store_meta SET value = ? WHERE key = 'site_id'", (new_id(),))
    laptop = open_store(laptop_file)
    export(laptop, folder / "baseline")  # the laptop's first, full bundle (HQ has it)
    with laptop.transaction() as s:
        bulk_insert(s, ContactAttempt, contact_rows(ids[:1000], 1000, random.Random(3)))
    bundle = export(laptop, folder / "out", since_last=True)
    laptop.close()
    count = [0]

    def prepare() -> Run:
        count[0] += 1
        target = folder / f"hq{count[0]}.sqlite"
        shutil.copyfile(folder / "hq.sqlite", target)
        from fieldapp.core.db import open_store

        store = open_store(target)
        return lambda: importer(store, bundle)

    return prepare


def build_held(n: int, folder: Path) -> Prepare:
    """``n`` bundles in a row, each holding 20 contacts whose door has not arrived yet,
    then the late bundle with the doors (which releases them all)."""
    laptop = TEMPLATES.new(folder / "laptop.sqlite")
    ids = fill_turf(laptop, add_turf(laptop, "Turf"), 200, people=False, knocks=0)
    late = export(laptop, folder / "late")
    rng = random.Random(5)
    bundles = []
    for _ in range(n):
        with laptop.transaction() as s:
            bulk_insert(s, ContactAttempt, contact_rows(ids, 20, rng))
        bundles.append(export(laptop, folder / "shifts", since_last=True))
    laptop.close()
    count = [0]

    def prepare() -> Run:
        count[0] += 1
        hq = TEMPLATES.new(folder / f"hq{count[0]}.sqlite")

        def run() -> None:
            for b in bundles:
                importer(hq, b)
            importer(hq, late)

        return run

    return prepare


def build_pairs(n: int, folder: Path) -> Prepare:
    """``n`` doors, two at each address (n/2 possible duplicates to find)."""
    store = TEMPLATES.new(folder / "dups.sqlite")
    turf = add_turf(store, "Turf")
    rows = door_rows(n // 2, turf) + door_rows(n // 2, turf)
    return _find_duplicates(store, rows, n // 2)


def build_group(pairs: int, folder: Path) -> Prepare:
    """One address shared by k doors: k(k-1)/2 = ``pairs`` possible duplicates."""
    k = group_size(pairs)
    store = TEMPLATES.new(folder / "group.sqlite")
    rows = door_rows(k, add_turf(store, "Turf"))
    for r in rows:
        r["address_key"] = r["building_key"] = "100 street 0 ave"
    return _find_duplicates(store, rows, k * (k - 1) // 2)


def group_size(pairs: int) -> int:
    k = 2
    while k * (k - 1) // 2 < pairs:
        k += 1
    return k


def _find_duplicates(store: Store, rows: list[dict[str, object]], expected: int) -> Prepare:
    from fieldapp.services.sync.rowmerge import Merger

    with store.transaction() as s:
        for batch in chunks(rows, 10_000):
            bulk_insert(s, Door, batch)
    keys_ = {str(r["address_key"]) for r in rows}

    def run() -> None:
        with store.session(merging=True) as s, s.begin():
            merger = Merger(s, None)
            merger.address_keys = set(keys_)
            assert merger.find_duplicates() == expected
            s.rollback()

    return lambda: run


def build_voters(n: int, folder: Path, *, again: bool = False) -> Prepare:
    from doors import make_voter_file

    from fieldapp.core.db import open_store
    from fieldapp.services.importing import import_doors
    from fieldapp.services.importing.reader_process import READER_ENV

    # in this process at every size: the figure is this process's CPU, and a big file
    # would otherwise be read in a reader process whose CPU it leaves out
    os.environ[READER_ENV] = "here"
    csv = folder / "voters.csv"
    make_voter_file(csv, n)
    first = folder / "first.sqlite"
    if again:
        TEMPLATES.new(first).close()
        store = open_store(first)
        import_doors(store, csv)
        store.close()
    count = [0]

    def prepare() -> Run:
        count[0] += 1
        target = folder / f"v{count[0]}.sqlite"
        if again:
            shutil.copyfile(first, target)
            store = open_store(target)
        else:
            store = TEMPLATES.new(target)
        return lambda: import_doors(store, csv)

    return prepare


CASES = [
    Case("entry", "canvass entry_doors (one turf)", "doors", 8_000, build_entry),
    Case("walk", "walk sheet build_sheet (one turf)", "doors", 4_000, build_walk),
    Case("map", "map data load_map_data", "doors", 40_000, build_map),
    Case("import", "bundle import into an empty store", "contacts", 10_000, build_import),
    Case("merge", "1,000-contact bundle into a store of N doors", "doors", 50_000, build_merge_into),
    Case("held", "bundles in a row holding records, then the parents", "bundles", 20, build_held),
    Case("pairs", "find_duplicates, two doors an address", "doors", 20_000, build_pairs),
    Case("group", "find_duplicates in one address group", "pairs", 20_000, build_group),
    Case("voters", "voter import into an empty store", "rows", 20_000, build_voters),
    Case("revoters", "voter re-import, nothing changed", "rows", 20_000,
         lambda n, f: build_voters(n, f, again=True)),
]


# --------------------------------------------------------------------------- measuring


@dataclass
class Figures:
    wall: list[float]  # best wall time at N and at 2N
    cpu: list[float]  # best CPU time at N and at 2N

    @property
    def ratio(self) -> float:
        return self.cpu[1] / self.cpu[0]


def measure(case: Case, n: int, repeat: int, folder: Path) -> Figures:
    sizes = (n, case.second(n))
    prepares = []
    for size in sizes:
        sub = folder / f"{case.key}-{size}"
        sub.mkdir(parents=True, exist_ok=True)
        prepares.append(case.build(size, sub))
    prepares[0]()()  # warm-up (imports, first queries), not counted
    out = Figures([float("inf")] * 2, [float("inf")] * 2)
    for _ in range(repeat):  # the sizes in turn, so a busy moment hits both
        for i, prepare in enumerate(prepares):
            wall, cpu = timed_cpu(prepare())
            out.wall[i] = min(out.wall[i], wall)
            out.cpu[i] = min(out.cpu[i], cpu)
    return out


def real_size(case: Case, n: int) -> tuple[int, int]:
    if case.key == "group":
        k1, k2 = group_size(n), group_size(case.second(n))
        return k1 * (k1 - 1) // 2, k2 * (k2 - 1) // 2
    return n, case.second(n)


TEMPLATES: Templates


def main() -> int:
    global TEMPLATES
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every N by this")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated keys: "
                        + ",".join(c.key for c in CASES))
    args = parser.parse_args()
    chosen = [c for c in CASES if not args.only or c.key in args.only.split(",")]
    work = Path(tempfile.mkdtemp(prefix="fieldapp-bench-doubling-"))
    paths.set_data_dir(work / "data")
    keys.init_keys("bench")
    TEMPLATES = Templates(work / "templates")
    rows = []
    failed = []
    try:
        for case in chosen:
            n = max(2, int(case.n * args.scale))
            got = measure(case, n, args.repeat, work / case.key)
            note = ""
            if got.ratio > LIMIT:  # once more, with twice the runs, before calling it
                got = measure(case, n, 2 * args.repeat, work / f"{case.key}-again")
                note = " (measured twice)"
            n1, n2 = real_size(case, n)
            verdict = ("pass" if got.ratio <= LIMIT else "FAIL") + note
            rows.append((case.name, f"{n1:,} -> {n2:,} {case.unit}", got, verdict))
            print(f"{case.name:52} {n1:>8,} {got.cpu[0]:7.3f} s  {n2:>8,} {got.cpu[1]:7.3f} s  "
                  f"{got.ratio:5.2f}x  {verdict}", flush=True)
            if got.ratio > LIMIT:
                failed.append(f"FAIL: {case.name}: {n1:,} -> {n2:,} {case.unit} took "
                              f"{got.ratio:.2f}x the time (limit {LIMIT}x): quadratic or worse")
            shutil.rmtree(work / case.key, ignore_errors=True)
            shutil.rmtree(work / f"{case.key}-again", ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nDoubling the input (best of {args.repeat}, sizes in turn; CPU seconds of this "
          f"process, wall in brackets; target: at most {LIMIT}x)")
    print(f"{'path':52} {'sizes':28} {'t(N)':>16} {'t(2N)':>16} {'ratio':>6}  result")
    for name, sizes, got, verdict in rows:
        print(f"{name:52} {sizes:28} {got.cpu[0]:6.2f} ({got.wall[0]:6.2f}) "
              f"{got.cpu[1]:6.2f} ({got.wall[1]:6.2f}) {got.ratio:5.2f}x  {verdict}")
    for line in failed:
        print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
