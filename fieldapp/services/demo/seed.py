"""Seeding the demo: the steps in order, in one transaction on an empty store."""

from __future__ import annotations

import datetime as dt
import logging
import random
from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from fieldapp.core.db import Store
from fieldapp.core.hlc import format_hlc
from fieldapp.core.models import Campaign, Door, StoreMeta
from fieldapp.core.stamping import persist_clock
from fieldapp.errors import FieldAppError
from fieldapp.services.demo.campaign import add_campaign
from fieldapp.services.demo.events import add_events
from fieldapp.services.demo.history import add_contact_history
from fieldapp.services.demo.people import add_people, add_volunteers
from fieldapp.services.demo.places import add_doors_and_turfs
from fieldapp.services.demo.writer import Writer
from fieldapp.services.progress import Progress

log = logging.getLogger("fieldapp.services.demo")  # the package's name, as before the split


@dataclass
class DemoSummary:
    seed: int
    counts: dict[str, int] = field(default_factory=dict)


def store_is_empty(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(Door)) == 0 and (
        session.scalar(select(func.count()).select_from(Campaign)) == 0
    )


def seed_demo(
    store: Store,
    *,
    doors: int = 2000,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Seed the demo campaign into an empty store, in one transaction."""
    if doors < 50:
        raise FieldAppError(f"the demo needs at least 50 doors (asked for {doors})")
    progress = progress or Progress()
    today = today or dt.date.today()
    rng = random.Random(seed)
    with store.transaction() as session:
        if not store_is_empty(session):
            raise FieldAppError(
                "this store already has data; seed the demo into an empty store "
                "(use --data-dir or --db to choose another one)"
            )
        sqlite = session.get_bind().dialect.name == "sqlite"
        if sqlite:
            # Random UUID keys land all over each index: a bigger page cache for this
            # one transaction keeps the index pages in memory (about 3x faster at 100k).
            session.execute(text("PRAGMA cache_size=-131072"))
        w = Writer(session, seed, today)
        try:
            _seed(session, w, rng, doors, today, progress)
        finally:
            if sqlite:
                session.execute(text("PRAGMA cache_size=-2000"))
        last = w.next_stamp()
        store.clock.observe(last)
        persist_clock(session, store)
        session.merge(StoreMeta(key="demo_seed", value=str(seed)))
    log.info("seeded demo: %s (last stamp %s)", w.counts, format_hlc(last))
    return DemoSummary(seed=seed, counts=w.counts)


def _seed(
    session: Session,
    w: Writer,
    rng: random.Random,
    n_doors: int,
    today: dt.date,
    progress: Progress,
) -> None:
    """The steps in order, one generator for all (the order of its draws is the data):
    each step adds rows to the writer, which inserts them all at the end, parents first."""
    total_steps = n_doors * 5
    progress.update(0, total_steps, "Seeding demo campaign")
    ids = add_campaign(w, rng, today)
    door_rows, turf_rows = add_doors_and_turfs(w, rng, n_doors, ids.campaign_id)
    people, door_people = add_people(w, rng, door_rows, ids.orgs)
    volunteers, assignments = add_volunteers(w, rng, people, turf_rows, ids.orgs)
    add_contact_history(w, rng, today, ids, door_rows, door_people, volunteers, assignments)
    progress.update(n_doors // 2, total_steps, "Seeding demo campaign")
    progress.check()
    add_events(w, rng, today, ids, people, volunteers)
    pending = sum(len(rows) for rows in w.pending.values())
    w.write(progress, n_doors // 2, n_doors // 2 + pending)
