"""How the demo writes: seeded ids, the demo site's stamps, and batched inserts."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from fieldapp.core.hlc import COUNTER_BITS
from fieldapp.core.ids import stable_id
from fieldapp.core.models import SYNCED_MODELS, Synced
from fieldapp.core.stamping import stamp_row
from fieldapp.services.progress import Progress


class Writer:
    """Stamps rows with the demo site's clock and inserts them in batches."""

    def __init__(self, session: Session, seed: int, today: dt.date) -> None:
        self.session = session
        self.site_id = stable_id("demo-site", str(seed))
        midnight = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
        self.base_ms = int(midnight.timestamp() * 1000) - 86_400_000
        self.n = 0
        self.counts: dict[str, int] = {}
        self.pending: dict[type[Synced], list[dict[str, Any]]] = {}

    def next_stamp(self) -> int:
        self.n += 1
        return ((self.base_ms + self.n // 1000) << COUNTER_BITS) | (self.n % 1000)

    def add(self, model: type[Synced], rows: list[dict[str, Any]]) -> None:
        self.pending.setdefault(model, []).extend(rows)

    def write(self, progress: Progress, done: int, total: int) -> None:
        """Insert everything, parents first, in batches."""
        for model in SYNCED_MODELS:
            rows = self.pending.pop(model, [])
            defaults = _column_defaults(model) if rows else {}
            table = cast(Table, model.__table__)
            sqlite = self.session.get_bind().dialect.name == "sqlite"
            raw = RawInsert(self.session, table) if sqlite and rows else None
            for start in range(0, len(rows), 5000):
                batch = rows[start : start + 5000]
                for row in batch:
                    stamp_row(model, row, self.next_stamp(), self.site_id)
                # One executemany per batch, every row with every column (the ORM's bulk
                # path splits a batch by key set into thousands of statements).
                full = [{**defaults, **row} for row in batch]
                if raw is not None:
                    raw.execute(full)
                else:
                    self.session.execute(insert(table), full)
                done += len(batch)
                progress.update(min(done, total), total, "Seeding demo campaign")
                progress.check()
            self.counts[model.__tablename__] = len(rows)


class RawInsert:
    """An INSERT run straight on the DB-API cursor, values converted by the column types.

    For SQLite the per-row parameter handling of SQLAlchemy costs as much as the
    insert itself; converting with each column's own bind processor keeps the
    stored values identical (the same seed still gives the same dump).
    """

    def __init__(self, session: Session, table: Table) -> None:
        self.session = session
        dialect = session.get_bind().dialect
        self.columns = list(table.columns)
        self.processors = [c.type._cached_bind_processor(dialect) for c in self.columns]
        quote = dialect.identifier_preparer.quote
        names = ", ".join(quote(c.name) for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        self.sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})"

    def execute(self, rows: list[dict[str, Any]]) -> None:
        keys = [c.key for c in self.columns]
        pairs = list(zip(keys, self.processors, strict=True))
        values = [
            tuple(row[key] if proc is None else proc(row[key]) for key, proc in pairs)
            for row in rows
        ]
        self.session.connection().exec_driver_sql(self.sql, values)


def _column_defaults(model: type[Synced]) -> dict[str, Any]:
    """Python-side defaults of every column, so every row of a batch has every key."""
    defaults: dict[str, Any] = {}
    for column in model.__table__.columns:
        default = column.default
        if default is None:
            defaults[column.key] = None
        elif getattr(default, "is_scalar", False):
            defaults[column.key] = default.arg
        elif getattr(default, "is_callable", False):
            defaults[column.key] = default.arg(None)
        else:
            defaults[column.key] = None
    return defaults


def demo_uuid(rng: random.Random) -> str:
    """A UUID drawn from the seeded generator: the same seed gives the same ids."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))
