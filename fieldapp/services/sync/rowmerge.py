"""The merge: commutative, associative, idempotent; nothing disappears silently.

Mutable records merge field by field. A field's clock is its entry in
``clocks`` or, when absent, the birth clock (``born_hlc``, ``born_site``); the
write with the greater (HLC, site id) wins. At equal clocks (the same write
seen twice) values are equal; if they are not (a damaged history) the value
whose canonical JSON sorts first wins, so the result is still order-free.
After a merge the row is normalised: ``born`` is the greatest birth clock
seen, ``clocks`` keeps only fields whose clock differs from ``born``, and the
row clock (``hlc``, ``site_id``) is the latest of them all.

Deletion is the ``deleted`` field with its own clock, plus one rule: a record
whose ``deleted`` is true but which has another field written *after* the
delete (a greater clock) is undeleted (a newer edit wins over an older
delete; a stale edit, older than the delete, never resurrects). The rule
keeps the delete's clock and only flips the value, and ``false`` beats
``true`` at equal clocks, which keeps the merge a join: any order of the same
bundles gives the same rows. Undeletes are logged and counted.

Facts (contact attempts, check-ins) merge by union; the same id with other
content is refused.

A losing value that differs from the winner and came from another site is
kept in ``sync_conflicts`` (local to the store, not synced) when the two
writes were truly concurrent: neither side had seen the other's (see
:mod:`fieldapp.services.sync.knowledge`). Each conflict is counted once.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from fieldapp.core.fastinsert import insert_rows
from fieldapp.core.hlc import format_hlc
from fieldapp.core.models import (
    MODEL_BY_TABLE,
    SYNCED_MODELS,
    Door,
    Fact,
    Mutable,
    PossibleDuplicate,
    SyncConflict,
    Synced,
)
from fieldapp.core.serialize import canonical_json, format_dt, to_plain
from fieldapp.services.sync import knowledge
from fieldapp.services.sync.common import among
from fieldapp.services.sync.format import parse_field_clock

# The merge module's logger name, so log lines read as they did before the split.
log = logging.getLogger("fieldapp.services.sync.merge")

Clock = tuple[int, str]
ZERO: Clock = (0, "")

# --------------------------------------------------------------------------- row merge


def _canon(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return format_dt(value)
    return canonical_json(value)


def plain_value(value: Any) -> Any:
    """A field value as JSON (for the conflict table)."""
    return format_dt(value) if isinstance(value, dt.datetime) else value


_FIELDS: dict[type[Synced], list[str]] = {m: m.data_fields() for m in SYNCED_MODELS}


def data_fields(model: type[Synced]) -> list[str]:
    return _FIELDS[model]


def field_clocks(model: type[Mutable], row: dict[str, Any]) -> tuple[Clock, dict[str, Clock]]:
    born: Clock = (int(row["born_hlc"]), str(row["born_site"]))
    clocks = {k: parse_field_clock(v, k) for k, v in (row.get("clocks") or {}).items()}
    return born, {f: clocks.get(f, born) for f in data_fields(model)}


@dataclass
class Loss:
    field: str
    winner: Any
    winner_clock: Clock
    loser: Any
    loser_clock: Clock


def _finish(model: type[Mutable], values: dict[str, Any], born: Clock,
            clocks: dict[str, Clock]) -> tuple[dict[str, Any], bool]:
    """Normalise a merged row: the undelete rule, clocks, row clock."""
    undeleted = False
    if values["deleted"]:
        deleted_clock = clocks["deleted"]
        if any(c > deleted_clock for f, c in clocks.items() if f != "deleted"):
            values["deleted"] = False
            undeleted = True
    values["born_hlc"], values["born_site"] = born
    values["clocks"] = {f: f"{format_hlc(c[0])}:{c[1]}" for f, c in sorted(clocks.items()) if c != born}
    latest = max([born, *clocks.values()])
    values["hlc"], values["site_id"] = latest
    return values, undeleted


def normalise(model: type[Mutable], row: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    born, clocks = field_clocks(model, row)
    return _finish(model, dict(row), born, clocks)


def merge_rows(model: type[Mutable], local: dict[str, Any], remote: dict[str, Any]
               ) -> tuple[dict[str, Any], list[Loss], bool]:
    """Merge two copies of one record: (merged row, losing values, undeleted)."""
    born_l, clk_l = field_clocks(model, local)
    born_r, clk_r = field_clocks(model, remote)
    values: dict[str, Any] = {"id": local["id"]}
    clocks: dict[str, Clock] = {}
    losses: list[Loss] = []
    for f in data_fields(model):
        cl, cr = clk_l[f], clk_r[f]
        vl, vr = local[f], remote[f]
        if cl == cr and vl == vr:
            values[f], clocks[f] = vl, cl
            continue
        if cl > cr or (cl == cr and _canon(vl) < _canon(vr)):
            win, wc, lose, lc = vl, cl, vr, cr
        else:
            win, wc, lose, lc = vr, cr, vl, cl
        values[f], clocks[f] = win, wc
        if win != lose and lc[0] != 0 and lc[1] != wc[1]:
            losses.append(Loss(f, win, wc, lose, lc))
    merged, undeleted = _finish(model, values, max(born_l, born_r), clocks)
    was_deleted = bool(local["deleted"]) or bool(remote["deleted"])
    if undeleted and was_deleted:
        # Kept for review like any conflict: the delete lost to a newer edit.
        newest = max(c for f, c in clocks.items() if f != "deleted")
        losses = [x for x in losses if x.field != "deleted"]
        losses.append(Loss("deleted", False, newest, True, clocks["deleted"]))
    return merged, losses, undeleted and was_deleted


# --------------------------------------------------------------------------- results


@dataclass
class TableStats:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    undeleted: int = 0
    held: int = 0

    def add(self, other: TableStats) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))


@dataclass
class ImportResult:
    path: str
    bundle_id: str = ""
    site_id: str = ""
    site_name: str = ""
    seq: int = 0
    status: str = ""  # merged, partial, already, quarantined, dry-run
    message: str = ""
    tables: dict[str, TableStats] = field(default_factory=dict)
    held: list[str] = field(default_factory=list)
    duplicates: int = 0

    def total(self) -> TableStats:
        out = TableStats()
        for s in self.tables.values():
            out.add(s)
        return out


class _DryRunError(Exception):
    pass


# --------------------------------------------------------------------------- writing


class Merger:
    """Merges checked rows into one session's transaction, table by table."""

    def __init__(self, session: Session, bundle_id: str | None, *, sender: str = "",
                 sender_seen: dict[str, int] | None = None) -> None:
        self.session = session
        self.bundle_id = bundle_id
        self.sender = sender
        self.sender_seen = sender_seen
        self.seen_before = knowledge.load(session)
        self.seen_now: dict[str, int] = {}
        self.now = dt.datetime.now(dt.UTC)
        self.stats: dict[str, TableStats] = {}
        self.address_keys: set[str] = set()
        self.dialect = session.get_bind().dialect.name

    def merge(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        model = MODEL_BY_TABLE[table]
        stats = self.stats.setdefault(table, TableStats())
        t: Table = model.__table__  # type: ignore[assignment]
        current = {
            r["id"]: dict(r)
            for r in self.session.execute(
                select(t).where(among(self.session, t.c.id, [row["id"] for row in rows]))
            ).mappings()
        }
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        losses: list[dict[str, Any]] = []
        knowledge.note(self.seen_now, rows)
        if issubclass(model, Fact):
            for row in rows:
                have = current.get(row["id"])
                if have is None:
                    inserts.append(row)
                    stats.new += 1
                elif to_plain(model, have) != to_plain(model, row):
                    raise _FactClashError(table, row["id"])
                else:
                    stats.unchanged += 1
        else:
            assert issubclass(model, Mutable)
            for row in rows:
                have = current.get(row["id"])
                if have is None:
                    merged, _ = normalise(model, row)
                    inserts.append(merged)
                    stats.new += 1
                    if table == "doors":
                        self.address_keys.add(merged["address_key"])
                    continue
                if have["hlc"] == row["hlc"] and all(have[k] == v for k, v in row.items()):
                    stats.unchanged += 1  # the very same version (a parent sent again)
                    continue
                merged, lost, undeleted = merge_rows(model, have, row)
                if undeleted:
                    stats.undeleted += 1
                    log.info("%s %s undeleted: an edit is newer than its delete", table, row["id"])
                for loss in lost:
                    if self._concurrent(model, have, row, loss):
                        losses.append(self._conflict(table, row["id"], loss))
                if all(merged[k] == have[k] for k in merged):
                    stats.unchanged += 1
                    continue
                updates.append(merged)
                stats.updated += 1
                if table == "doors" and merged["address_key"] != have["address_key"]:
                    self.address_keys.add(merged["address_key"])
        if inserts:
            insert_rows(self.session.connection(), t, inserts)
        if updates:
            cols = [c.key for c in t.columns if c.key != "id"]
            stmt = (
                t.update()
                .where(t.c.id == bindparam("_id"))
                .values({c: bindparam(c) for c in cols})
            )
            self.session.execute(stmt, [{"_id": u["id"], **{c: u[c] for c in cols}} for u in updates])
        if losses:
            stats.conflicts += self._record_conflicts(losses)

    def _concurrent(self, model: type[Mutable], local: dict[str, Any], remote: dict[str, Any],
                    loss: Loss) -> bool:
        born = max(field_clocks(model, local)[0], field_clocks(model, remote)[0])
        local_clock = field_clocks(model, local)[1][loss.field]
        local_lost = loss.loser_clock == local_clock and loss.loser == local[loss.field]
        return knowledge.truly_concurrent(
            loss.loser_clock, loss.winner_clock, born, local_lost=local_lost, sender=self.sender,
            sender_seen=self.sender_seen, seen_before=self.seen_before)

    def remember_seen(self) -> None:
        """Store what this merge has shown us of each site's writes."""
        seen = dict(self.seen_before)
        for site, stamp in self.seen_now.items():
            seen[site] = max(seen.get(site, -1), stamp)
        knowledge.save(self.session, seen)

    def _conflict(self, table: str, record_id: str, loss: Loss) -> dict[str, Any]:
        return {
            "table_name": table, "record_id": record_id, "field": loss.field,
            "winner_value": plain_value(loss.winner), "winner_hlc": loss.winner_clock[0],
            "winner_site": loss.winner_clock[1], "loser_value": plain_value(loss.loser),
            "loser_hlc": loss.loser_clock[0], "loser_site": loss.loser_clock[1],
            "bundle_id": self.bundle_id, "detected_at": self.now, "resolved": False,
        }

    def _record_conflicts(self, rows: list[dict[str, Any]]) -> int:
        t: Table = SyncConflict.__table__  # type: ignore[assignment]
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            stmt: Any = pg_insert(t).on_conflict_do_nothing()
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            stmt = sqlite_insert(t).on_conflict_do_nothing()
        added = 0
        for row in rows:  # one by one: a conflict already logged is not counted again
            result = self.session.connection().execute(stmt.returning(t.c.pk), row)
            added += len(result.all())
        return added

    def find_duplicates(self) -> int:
        """Doors with the same address but different ids become possible duplicates."""
        keys_ = sorted(k for k in self.address_keys if k)
        if not keys_:
            return 0
        groups: dict[str, list[str]] = {}
        for i in range(0, len(keys_), 500):
            for rid, key in self.session.execute(
                select(Door.id, Door.address_key).where(
                    Door.address_key.in_(keys_[i : i + 500]), Door.deleted.is_(False),
                    Door.merged_into_id.is_(None),
                )
            ):
                groups.setdefault(key, []).append(rid)
        # The pairs already recorded, in one query per chunk of ids (not one per pair).
        members = sorted({rid for ids in groups.values() if len(ids) > 1 for rid in ids})
        known: set[tuple[str, str]] = set()
        for i in range(0, len(members), 500):
            known.update((a, b) for a, b in self.session.execute(
                select(PossibleDuplicate.a_id, PossibleDuplicate.b_id).where(
                    PossibleDuplicate.table_name == "doors",
                    PossibleDuplicate.a_id.in_(members[i : i + 500]))
            ))
        new: list[dict[str, Any]] = []
        for key, ids in groups.items():
            ids.sort()
            reason = f"same address: {key}"
            for a_index, a in enumerate(ids):
                for b in ids[a_index + 1 :]:
                    if (a, b) not in known:
                        known.add((a, b))
                        new.append({"a_id": a, "b_id": b, "reason": reason})
        # Plain rows through the fast insert, not an ORM object per pair (which cost
        # more than the rest of the search together, and grew faster than the pairs);
        # in the unique index's order, so the inserts walk it instead of jumping about.
        new.sort(key=lambda r: (r["a_id"], r["b_id"]))
        self.session.flush()
        insert_rows(self.session.connection(), PossibleDuplicate.__table__,  # type: ignore[arg-type]
                    new, same={"table_name": "doors", "detected_at": self.now, "status": "open"})
        return len(new)


class _FactClashError(Exception):
    def __init__(self, table: str, record_id: str) -> None:
        super().__init__(table, record_id)
        self.table = table
        self.record_id = record_id

