"""What the Sync page shows: bundle history, open conflicts, possible duplicates.

Plain rows (no ORM objects) so that the GUI can take them across threads.
Sites are named from this site's keys and the trust store when known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from fieldapp import paths
from fieldapp.core.db import Store
from fieldapp.core.hlc import stamp_ms
from fieldapp.core.models import Door, PossibleDuplicate, SyncBundle, SyncConflict
from fieldapp.services.sync import keys


def site_names(store: Store) -> dict[str, str]:
    """Site id -> a name a person knows (this site, trusted sites, bundle senders)."""
    names: dict[str, str] = {}
    with store.session() as session:
        for row in session.scalars(select(SyncBundle).where(SyncBundle.direction == "in")):
            name = row.summary.get("site_name")
            if name:
                names[row.site_id] = str(name)
    site = paths.site_of(store)
    for entry in keys.load_trust(site):
        for sid in entry.site_ids:
            names[sid] = entry.name
    own = keys.load_keys(site).name if keys.keys_exist(site) else "this site"
    names[store.site_id] = f"{own} (this site)"
    return names


def clock_time(stamp: int) -> dt.datetime:
    """When a write was made, from its clock stamp."""
    return dt.datetime.fromtimestamp(stamp_ms(stamp) / 1000, tz=dt.UTC)


@dataclass
class HistoryRow:
    bundle_id: str
    direction: str
    status: str
    site: str
    seq: int
    records: int
    when: dt.datetime
    file_name: str
    message: str
    ahead_ms: int | None = None  # a quarantined bundle: how far its records' clock is ahead now


def ahead_now(summary: dict[str, Any], recorded_at: dt.datetime,
              now: dt.datetime | None = None) -> int | None:
    """How far a quarantined bundle's records are ahead of this computer's clock now.

    The import measured it (records' highest clock minus the wall clock) when it
    quarantined the bundle; the time since then has eaten into the lead.
    """
    if "ahead_ms" not in summary:
        return None
    now = now or dt.datetime.now(dt.UTC)
    when = recorded_at if recorded_at.tzinfo else recorded_at.replace(tzinfo=dt.UTC)
    return int(summary["ahead_ms"]) - int((now - when).total_seconds() * 1000)


def history(store: Store) -> list[HistoryRow]:
    names = site_names(store)
    with store.session() as session:
        rows = list(session.scalars(
            select(SyncBundle).order_by(SyncBundle.recorded_at.desc(), SyncBundle.pk.desc())))
    out = []
    for r in rows:
        counts: dict[str, Any] = r.summary.get("counts") or {}
        message = str(r.summary.get("message", ""))
        if r.status == "partial":
            message = f"{len(r.summary.get('held', []))} records held until their parents arrive"
        out.append(HistoryRow(
            r.bundle_id, r.direction, r.status, names.get(r.site_id, r.site_id[:8]), r.seq,
            sum(int(v) for v in counts.values()), r.recorded_at,
            str(r.summary.get("source") or r.file_name), message,
            ahead_now(r.summary, r.recorded_at) if r.status == "quarantined" else None,
        ))
    return out


def record_label(session: Any, table: str, record_id: str) -> str:
    """A record as a person would name it (an address, a name), else table and id."""
    from fieldapp.core.models import MODEL_BY_TABLE, Person

    obj = session.get(MODEL_BY_TABLE[table], record_id)
    if isinstance(obj, Door):
        return _door_label(obj)
    if isinstance(obj, Person):
        return f"{obj.first_name} {obj.last_name}".strip() or record_id[:8]
    for attr in ("name", "title"):
        value: object = getattr(obj, attr, None) if obj is not None else None
        if value:
            return str(value)
    return f"{table} {record_id[:8]}"


@dataclass
class ConflictRow:
    pk: int
    table: str
    record_id: str
    label: str
    field: str
    kept: Any
    kept_by: str
    kept_at: dt.datetime
    other: Any
    other_by: str
    other_at: dt.datetime
    resolved: bool


def conflicts(store: Store, *, open_only: bool = True) -> list[ConflictRow]:
    names = site_names(store)
    q = select(SyncConflict).order_by(SyncConflict.detected_at.desc(), SyncConflict.pk.desc())
    if open_only:
        q = q.where(SyncConflict.resolved.is_(False))
    with store.session() as session:
        rows = list(session.scalars(q))
        labels = {c.pk: record_label(session, c.table_name, c.record_id) for c in rows}
    return [
        ConflictRow(
            c.pk, c.table_name, c.record_id, labels[c.pk], c.field,
            c.winner_value, names.get(c.winner_site, c.winner_site[:8]), clock_time(c.winner_hlc),
            c.loser_value, names.get(c.loser_site, c.loser_site[:8]), clock_time(c.loser_hlc),
            c.resolved,
        )
        for c in rows
    ]


@dataclass
class DuplicateRow:
    pk: int
    a_id: str
    a_label: str
    b_id: str
    b_label: str
    reason: str
    status: str


def _door_label(door: Door | None) -> str:
    if door is None:
        return "(not here)"
    unit = f" {door.unit}" if door.unit else ""
    city = f", {door.city}" if door.city else ""
    return f"{door.street_number} {door.street_name}{unit}{city}".strip()


def duplicates(store: Store, *, open_only: bool = True) -> list[DuplicateRow]:
    q = select(PossibleDuplicate).order_by(PossibleDuplicate.detected_at.desc(), PossibleDuplicate.pk)
    if open_only:
        q = q.where(PossibleDuplicate.status == "open")
    names = site_names(store)

    def label(door: Door | None) -> str:
        if door is None:
            return _door_label(door)
        return f"{_door_label(door)} (entered on {names.get(door.born_site, door.born_site[:8])})"

    with store.session() as session:
        out = []
        for d in session.scalars(q):
            out.append(DuplicateRow(
                d.pk, d.a_id, label(session.get(Door, d.a_id)), d.b_id,
                label(session.get(Door, d.b_id)), d.reason, d.status,
            ))
    return out
