"""The one place that stamps writes.

Every flush of a session opened by :class:`fieldapp.core.db.Store` passes
through :func:`_stamp_flush`: new synced rows get a fresh clock stamp and the
site id, changed mutable rows get a stamp on each changed field, append-only
facts refuse changes, and deleting a synced row is refused (set ``deleted``
to leave a tombstone instead). Callers never stamp by hand.

The clock is kept in the store: each stamping flush takes the store's write
lock on ``store_meta.hlc_last``, reads it, reserves the stamps it needs in one
step and writes the clock back, all in the flush's own transaction. Two
processes (or two :class:`Store` objects) on one database therefore never
issue the same stamp, and a rolled-back write leaves the stored clock alone.

The sync merge writes rows that already carry their clocks; it opens its
session with ``info["merging"] = True`` so that nothing is re-stamped.
"""

from __future__ import annotations

from typing import Any, Protocol, cast

from sqlalchemy import Table, bindparam, event, inspect, select, update
from sqlalchemy.orm import Session, UOWTransaction

from fieldapp.core.fastinsert import insert_rows, insert_tuples
from fieldapp.core.hlc import HybridLogicalClock, format_hlc
from fieldapp.core.models import Fact, Mutable, StoreMeta, Synced
from fieldapp.errors import FieldAppError


class StampSource(Protocol):
    site_id: str
    clock: HybridLogicalClock


class AppendOnlyError(FieldAppError):
    """An append-only fact was changed or a synced row was hard-deleted."""


def field_clock(stamp: int, site_id: str) -> str:
    """How one field's clock is written in ``Mutable.clocks``."""
    return f"{format_hlc(stamp)}:{site_id}"


def parse_field_clock(text: str) -> tuple[int, str]:
    stamp, _, site = text.partition(":")
    return int(stamp, 16), site


def stamp_new(obj: Synced, stamp: int, site_id: str) -> None:
    obj.hlc = stamp
    obj.site_id = site_id
    if isinstance(obj, Mutable):
        obj.born_hlc = stamp
        obj.born_site = site_id
        obj.clocks = {}
        if obj.deleted is None:
            obj.deleted = False


def changed_fields(obj: Mutable) -> list[str]:
    state = inspect(obj)
    changed = []
    for key in type(obj).data_fields():
        if state.attrs[key].history.has_changes():
            changed.append(key)
    return changed


def reserve_stamps(session: Session, source: StampSource, n: int) -> int:
    """Reserve ``n`` stamps from the store's clock in this session's transaction.

    Takes the write lock on the stored clock (an UPDATE of its row, which
    SQLite and PostgreSQL both serialise), moves the in-memory clock past the
    stored value, reserves ``n`` consecutive stamps and stores the new last
    stamp. Returns the first; the stamps are ``first .. first + n - 1``.
    """
    conn = session.connection()
    row = cast(Table, StoreMeta.__table__)
    conn.execute(update(row).where(row.c.key == "hlc_last").values(value=row.c.value))
    stored = conn.execute(select(row.c.value).where(row.c.key == "hlc_last")).scalar()
    if stored is not None:
        source.clock.observe(int(stored))
    first = source.clock.reserve(n)
    conn.execute(
        update(row).where(row.c.key == "hlc_last").values(value=str(source.clock.last))
    )
    return first


def persist_clock(session: Session, source: StampSource) -> None:
    """Save the clock's last stamp with the write (never moving the stored clock back)."""
    reserve_stamps(session, source, 0)


@event.listens_for(Session, "before_flush")
def _stamp_flush(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    source: StampSource | None = session.info.get("store")
    if source is None or session.info.get("merging"):
        return
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise AppendOnlyError(
                f"{type(obj).__tablename__} rows are never deleted: "
                "set deleted=True to leave a tombstone"
            )
    new = [obj for obj in session.new if isinstance(obj, Synced)]
    edits: list[tuple[Mutable, list[str]]] = []
    for obj in session.dirty:
        if not isinstance(obj, Synced) or not session.is_modified(obj):
            continue
        if isinstance(obj, Fact):
            raise AppendOnlyError(
                f"{type(obj).__tablename__} are append-only: record a correction that "
                "supersedes the old one instead of changing it"
            )
        assert isinstance(obj, Mutable)
        fields = changed_fields(obj)
        if fields:
            edits.append((obj, fields))
    if not new and not edits:
        return
    stamp = reserve_stamps(session, source, len(new) + len(edits))
    for obj in new:
        stamp_new(obj, stamp, source.site_id)
        stamp += 1
    for mutable, fields in edits:
        clocks = dict(mutable.clocks or {})
        for key in fields:
            clocks[key] = field_clock(stamp, source.site_id)
        mutable.clocks = clocks
        mutable.hlc = stamp
        mutable.site_id = source.site_id
        stamp += 1


def stamp_row(model: type[Synced], row: dict[str, Any], stamp: int, site_id: str) -> None:
    """Stamp a row dict for a bulk insert as a new record (same as a new object)."""
    row["hlc"] = stamp
    row["site_id"] = site_id
    if issubclass(model, Mutable):
        row["born_hlc"] = stamp
        row["born_site"] = site_id
        row["clocks"] = {}
        row.setdefault("deleted", False)


def bulk_insert(session: Session, model: type[Synced], rows: list[dict[str, Any]]) -> None:
    """Insert many new records at once, stamped by the session's store.

    For imports and seeding where building ORM objects would be too slow.
    Rows may differ in which keys they give: a column a row leaves out gets
    the column's default (or NULL), as an ORM insert would.

    The rows of one call take their stamps from one clock reservation (one
    read and write of the stored clock per batch, not per row).
    """
    source: StampSource | None = session.info.get("store")
    if source is None:
        raise RuntimeError("bulk_insert needs a session opened by a Store")
    if not rows:
        return
    if not session.info.get("merging"):
        stamp = reserve_stamps(session, source, len(rows))
        for offset, row in enumerate(rows):
            stamp_row(model, row, stamp + offset, source.site_id)
    insert_rows(session.connection(), cast(Table, model.__table__), rows)


def bulk_insert_tuples(session: Session, model: type[Synced], keys: tuple[str, ...],
                       rows: list[tuple[Any, ...]], same: dict[str, Any] | None = None,
                       *, converted: bool = False, stamped: bool = False) -> None:
    """As :func:`bulk_insert`, for rows given as tuples of the ``keys`` columns' values.

    No dict per row: the import's hot path. ``same`` gives columns whose value
    is the same for every row; the other columns get their defaults. The rows
    of one call take their stamps from one clock reservation. ``converted``: the
    values are already as the driver takes them (see ``insert_tuples``).
    ``stamped``: each row already ends with its stamps, ``hlc`` (and ``born_hlc``
    for a mutable record), taken from the caller's :func:`reserve_stamps` (no
    tuple built again per row to add them).
    """
    source: StampSource | None = session.info.get("store")
    if source is None:
        raise RuntimeError("bulk_insert_tuples needs a session opened by a Store")
    if not rows:
        return
    same = dict(same or {})
    table = cast(Table, model.__table__)
    stamp_keys: tuple[str, ...] = ("hlc", "born_hlc") if issubclass(model, Mutable) else ("hlc",)
    if stamped:
        keys = (*keys, *stamp_keys)
    if session.info.get("merging"):
        insert_tuples(session.connection(), table, keys, rows, same, converted=converted)
        return
    same["site_id"] = source.site_id
    if issubclass(model, Mutable):
        same.update(born_site=source.site_id, clocks={}, deleted=False)
    if stamped:
        insert_tuples(session.connection(), table, keys, rows, same, converted=converted)
        return
    first = reserve_stamps(session, source, len(rows))
    insert_tuples(session.connection(), table, keys, rows, same, stamp_keys=stamp_keys,
                  first_stamp=first, converted=converted)


def bulk_update(
    session: Session, model: type[Mutable], changes: dict[str, dict[str, Any]]
) -> int:
    """Set fields on many existing records at once, stamped like an ORM update.

    ``changes`` maps a record id to ``{field: value}``. Each changed field gets
    its own clock in ``clocks`` (so a sync merge keeps the newest value), and
    the record's ``hlc``/``site_id`` move on; values that are already equal are
    left alone. Returns how many records changed. For turf assignment and
    imports, where loading thousands of ORM objects would be too slow. ORM
    objects of these records already loaded in the session are not refreshed.
    """
    source: StampSource | None = session.info.get("store")
    if source is None:
        raise RuntimeError("bulk_update needs a session opened by a Store")
    if session.info.get("merging"):
        raise RuntimeError("bulk_update stamps writes; the sync merge writes rows itself")
    if not changes:
        return 0
    fields = sorted({key for values in changes.values() for key in values})
    allowed = set(model.data_fields())
    for key in fields:
        if key not in allowed:
            raise ValueError(f"{model.__tablename__} has no data field {key!r}")
    table = cast(Table, model.__table__)
    changed = _changed_fields(session, table, fields, changes)
    if not changed:
        return 0
    clocks = _clocks_of(session, table, sorted(changed))
    params: list[dict[str, Any]] = []
    for record_id, (current, wanted) in changed.items():
        values = dict(zip(fields, current, strict=True))
        values.update(wanted)
        params.append({"b_id": record_id, "clocks": clocks[record_id], "site_id": source.site_id,
                       "_changed": wanted, **values})
    if not params:
        return 0
    stamp = reserve_stamps(session, source, len(params))
    for p in params:
        for key in p.pop("_changed"):
            p["clocks"][key] = field_clock(stamp, source.site_id)
        p["hlc"] = stamp
        stamp += 1
    stmt = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values({k: bindparam(k) for k in ["clocks", "hlc", "site_id", *fields]})
    )
    session.connection().execute(stmt, params)
    return len(params)


def _changed_fields(session: Session, table: Table, fields: list[str],
                    changes: dict[str, dict[str, Any]]
                    ) -> dict[str, tuple[tuple[Any, ...], dict[str, Any]]]:
    """Record id -> (its stored ``fields``, the wanted values that differ), for the
    records where something differs. Plain tuples: a re-import compares a
    million records here, nearly all unchanged."""
    columns = [table.c.id, *(table.c[k] for k in fields)]
    position = {k: i for i, k in enumerate(fields)}
    found: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}
    ids = sorted(changes)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for record_id, *current in session.connection().execute(
            select(*columns).where(table.c.id.in_(chunk))
        ):
            wanted = changes[record_id]
            differ = {k: v for k, v in wanted.items() if current[position[k]] != v}
            if differ:
                found[record_id] = (tuple(current), differ)
    return found


def _clocks_of(session: Session, table: Table, ids: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for record_id, clocks in session.connection().execute(
            select(table.c.id, table.c.clocks).where(table.c.id.in_(chunk))
        ):
            found[record_id] = dict(clocks or {})
    return found
