"""Canvass and events figures: result entry, check-in search at a summit, reports.

Run: ``.venv/bin/python benchmarks/canvass_events.py`` (``--signups N`` for the
summit size, default 5,000).

Targets (issue 6): a check-in search (one keystroke: count + first 100 rows) on
a 5,000-signup summit < 100 ms (feels instant at the sign-in table), a check-in
with the live counts < 50 ms, saving one door result < 20 ms, the dashboard and
every report on a 20,000-door store < 2 s.

Last run (2 cores): search median 51 ms, check-in median 28 ms, save 4.6 ms,
reports 0.63 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import select

from fieldapp.core.db import open_store
from fieldapp.core.models import Event, Person, Signup, Turf
from fieldapp.core.stamping import bulk_insert
from fieldapp.services import canvass, events, reports
from fieldapp.services.demo import seed_demo


def ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:.1f} ms, max {max(samples) * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--signups", type=int, default=5000)
    parser.add_argument("--doors", type=int, default=20000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    store = open_store(folder / "bench.sqlite")
    t0 = time.perf_counter()
    seed_demo(store, doors=args.doors, seed=3, today=dt.date(2026, 11, 20))
    print(f"seeded {args.doors:,} doors in {time.perf_counter() - t0:.1f} s")

    with store.transaction() as s:
        eid = s.scalar(select(Event.id).where(Event.kind == "summit"))
        people = [{"id": str(uuid.uuid4()), "first_name": f"Guest{i}", "last_name": f"Name{i % 500}",
                   "phone": f"608-555-{i % 10000:04d}", "email": f"guest{i}@example.org"}
                  for i in range(args.signups)]
        bulk_insert(s, Person, people)
        bulk_insert(s, Signup, [{"id": str(uuid.uuid4()), "event_id": eid, "person_id": p["id"],
                                 "status": "confirmed", "signed_up_at": dt.datetime(2026, 11, 1, tzinfo=dt.UTC)}
                                for p in people])

    searches: list[float] = []
    with store.session() as s:
        for query in ("g", "gu", "gue", "guest4", "guest42", "name17", "608555", "guest4242@"):
            start = time.perf_counter()
            events.count_signups(s, eid, query)
            events.signup_rows(s, eid, query, limit=100)
            searches.append(time.perf_counter() - start)
    print(f"check-in search on {args.signups:,} signups: {ms(searches)}")

    check_ins: list[float] = []
    with store.session() as s:
        ids = [r.signup_id for r in events.signup_rows(s, eid, "guest", limit=50)]
    for sid in ids:
        start = time.perf_counter()
        with store.transaction() as s:
            events.check_in(s, sid)
            events.arrival_counts(s, eid)
        check_ins.append(time.perf_counter() - start)
    print(f"check-in + live counts: {ms(check_ins)}")

    saves: list[float] = []
    with store.session() as s:
        turf = s.scalars(select(Turf).order_by(Turf.name).limit(1)).one()
        start = time.perf_counter()
        doors = canvass.entry_doors(s, turf.id)
        print(f"turf {turf.name!r}: {len(doors)} doors in walk order in {(time.perf_counter() - start) * 1000:.0f} ms")
    for door in doors[:100]:
        start = time.perf_counter()
        with store.transaction() as s:
            canvass.record_result(s, door_id=door.id, result_code="canvassed", whole_household=True, support=2,
                                  answers={"rent_cap": "yes", "volunteer": "no"})
        saves.append(time.perf_counter() - start)
    print(f"save one door result (household): {ms(saves)}")

    with store.session() as s:
        start = time.perf_counter()
        reports.dashboard(s, tz="America/Chicago")
        for name in reports.REPORTS:
            reports.report_table(s, name)
        print(f"dashboard + every report on {args.doors:,} doors: {time.perf_counter() - start:.2f} s")
    store.close()


if __name__ == "__main__":
    main()
