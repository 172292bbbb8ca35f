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
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table, bindparam, select, text, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from fieldapp import paths
from fieldapp.core import files
from fieldapp.core.db import Store
from fieldapp.core.fastinsert import insert_rows
from fieldapp.core.hlc import format_hlc, stamp_ms, wall_ms
from fieldapp.core.models import (
    MODEL_BY_TABLE,
    SYNCED_MODELS,
    ConsentChange,
    Door,
    Fact,
    Mutable,
    PossibleDuplicate,
    StoreMeta,
    SyncBundle,
    SyncConflict,
    Synced,
)
from fieldapp.core.serialize import canonical_json, format_dt, to_plain
from fieldapp.errors import FieldAppError, InputError, NotFoundError
from fieldapp.services import consent
from fieldapp.services.progress import Progress
from fieldapp.services.sync import decisions, keys, knowledge
from fieldapp.services.sync.bundle import BundleError, OpenedBundle, existing_ids, open_bundle
from fieldapp.services.sync.format import FOREIGN_KEYS, check_record, parse_field_clock
from fieldapp.services.sync.resolve import pending_counts as pending_counts
from fieldapp.services.sync.resolve import resolve_conflict as resolve_conflict
from fieldapp.services.sync.resolve import resolve_duplicate as resolve_duplicate

log = logging.getLogger(__name__)

FUTURE_LIMIT_MS = 10 * 60 * 1000
# A bundle whose records are further ahead than this is refused even with accept:
# no real laptop's clock is a month fast, and every later export would carry the clock on.
HARD_FUTURE_LIMIT_MS = 30 * 24 * 60 * 60 * 1000
BATCH = 1000
PG_LOCK_KEY = 0x6669656C64  # "field": serialises imports into one PostgreSQL store

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
                select(t).where(t.c.id.in_([row["id"] for row in rows]))
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
        new = []
        for key, ids in groups.items():
            ids.sort()
            for a_index, a in enumerate(ids):
                for b in ids[a_index + 1 :]:
                    if (a, b) not in known:
                        known.add((a, b))
                        new.append(PossibleDuplicate(
                            table_name="doors", a_id=a, b_id=b, reason=f"same address: {key}",
                            detected_at=self.now, status="open"))
        self.session.add_all(new)
        found = len(new)
        self.session.flush()
        return found


class _FactClashError(Exception):
    def __init__(self, table: str, record_id: str) -> None:
        super().__init__(table, record_id)
        self.table = table
        self.record_id = record_id


# --------------------------------------------------------------------------- holding


def _missing_parents(session: Session, opened: OpenedBundle) -> dict[str, set[str]]:
    missing: dict[str, set[str]] = {}
    for target, refs in opened.refs.items():
        outside = refs - opened.ids.get(target, set())
        if outside:
            gone = outside - existing_ids(session, target, outside)
            if gone:
                missing[target] = gone
    return missing


def _held_ids(opened: OpenedBundle, missing: dict[str, set[str]]) -> dict[str, set[str]]:
    """Rows that point (directly or through other held rows) at a missing parent."""
    held: dict[str, set[str]] = {m.__tablename__: set() for m in SYNCED_MODELS}
    changed = True
    while changed:
        changed = False
        for model in SYNCED_MODELS:
            table = model.__tablename__
            fks = FOREIGN_KEYS[table]
            if not fks or not opened.ids.get(table):
                continue
            for _, row in opened.records(table):
                if row["id"] in held[table]:
                    continue
                for col, target in fks:
                    ref = row[col]
                    if ref is not None and (ref in missing.get(target, ()) or ref in held[target]):
                        held[table].add(row["id"])
                        changed = True
                        break
    return held


def _release_held(session: Session, merger: Merger,
                  arrived: dict[str, set[str]] | None = None) -> int:
    """Merge rows held by earlier bundles whose parents have now arrived.

    With ``arrived`` (the ids the bundle just merged brought, by table), only a
    held row that points at one of them, or at a row released here, is looked
    at again: the others still miss their parents, and re-checking every held
    row on every import made each import slower than the one before.
    """
    released = 0
    fresh: dict[str, set[str]] = {t: set(ids) for t, ids in (arrived or {}).items()}
    for ledger in session.scalars(select(SyncBundle).where(SyncBundle.status == "partial")):
        held = list(ledger.summary.get("held", []))
        progress = True
        while progress and held:
            progress = False
            keep = []
            for item in held:
                table, record = item["table"], item["record"]
                if arrived is not None and not any(
                    record.get(col) in fresh.get(target, ())
                    for col, target in FOREIGN_KEYS[table]
                ):
                    keep.append(item)
                    continue
                row = check_record(table, record)
                ready = all(
                    row[col] is None or existing_ids(session, target, [row[col]])
                    for col, target in FOREIGN_KEYS[table]
                )
                if ready:
                    merger.merge(table, [row])
                    session.flush()
                    fresh.setdefault(table, set()).add(row["id"])
                    released += 1
                    progress = True
                else:
                    keep.append(item)
            held = keep
        summary = dict(ledger.summary)
        summary["held"] = held
        ledger.summary = summary
        if not held:
            ledger.status = "merged"
    return released


# --------------------------------------------------------------------------- import


def quarantine_dir() -> Path:
    return paths.ensure(paths.dirs().data / "quarantine", private=True)


def _lock(session: Session) -> None:
    """Serialise imports: one merge at a time into a store."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
    else:
        # Take SQLite's write lock now (waiting on busy_timeout), before reading anything.
        session.execute(update(StoreMeta).where(StoreMeta.key == "hlc_last").values(value=StoreMeta.value))


def _ledger_row(session: Session, bundle_id: str) -> SyncBundle | None:
    return session.scalar(
        select(SyncBundle).where(SyncBundle.bundle_id == bundle_id, SyncBundle.direction == "in")
    )


def _already(path: Path, opened: OpenedBundle, row: SyncBundle, accept: bool) -> ImportResult | None:
    if row.sha256 != opened.sha256:
        raise BundleError(path, f"a different bundle with the same id {row.bundle_id} was already "
                          "imported: this file was altered or forged")
    m = opened.manifest
    base = ImportResult(str(path), m.bundle_id, m.site_id, m.site_name, m.seq)
    if row.status == "quarantined":
        if accept:
            return None
        base.status = "quarantined"
        base.message = (f"already quarantined: accept it with `fieldapp bundle accept {m.bundle_id}`")
        return base
    base.status = "already"
    base.message = f"already imported on {row.recorded_at:%Y-%m-%d %H:%M} UTC: nothing to do"
    return base


def import_bundle(
    store: Store,
    path: str | Path,
    *,
    passphrase: bytes | None = None,
    dry_run: bool = False,
    accept_future: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Check and merge one bundle, all or nothing, with its ledger row."""
    progress = progress or Progress()
    source = Path(path)
    with open_bundle(source, passphrase=passphrase, store_site_id=store.site_id, scan=False,
                     progress=progress) as opened:
        m = opened.manifest
        with store.session() as session:
            row = _ledger_row(session, m.bundle_id)
            if row is not None:
                done = _already(source, opened, row, accept_future)
                if done is not None:
                    return done
        opened.scan(progress)
        result = ImportResult(str(source), m.bundle_id, m.site_id, m.site_name, m.seq)
        # How far ahead the records' own clocks are (the manifest's claim moves nothing).
        ahead = stamp_ms(opened.hlc_seen) - wall_ms()
        if ahead > HARD_FUTURE_LIMIT_MS:
            raise BundleError(source, f"its records' clock is {ahead / 86_400_000:,.1f} days ahead of "
                              "this computer's (limit 30): refused even with accept; fix the "
                              "sending computer's clock and export again")
        if ahead > FUTURE_LIMIT_MS and not accept_future:
            return _quarantine(store, opened, result, ahead, dry_run)
        try:
            with store.session(merging=True) as session, session.begin():
                _lock(session)
                row = _ledger_row(session, m.bundle_id)
                if row is not None:
                    done = _already(source, opened, row, accept_future)
                    if done is not None:
                        return done
                _merge_bundle(session, opened, result, progress)
                _write_ledger(session, opened, result, row)
                current = session.get(StoreMeta, "hlc_last")
                if current is not None and int(current.value) < opened.hlc_seen:
                    current.value = str(opened.hlc_seen)
                if dry_run:
                    raise _DryRunError
        except _DryRunError:
            result.status = "dry-run"
            result.message = "dry run: nothing was written"
            return result
        except _FactClashError as exc:
            raise BundleError(source, f"{exc.table} record {exc.record_id} is already in the store "
                              "with different content (append-only records never change)") from None
        except (IntegrityError, DataError) as exc:
            # A value the checks let through but the database refuses (a status it does
            # not know, say): the whole bundle is refused and the transaction rolled back.
            detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise BundleError(source, f"a record breaks a rule of the store ({detail}); "
                              "nothing was imported") from None
        store.clock.observe(opened.hlc_seen)
        if ahead > FUTURE_LIMIT_MS:
            result.message = (f"{result.message} " if result.message else "") + (
                f"its clock was {ahead / 60000:,.1f} minutes ahead of this computer's; this "
                "store's clock moved to its latest record")
        if m.signer != (keys.load_keys().fingerprint if keys.keys_exist() else None):
            keys.remember_site(m.signer, m.site_id)
        log.info("imported bundle %s from %s: %s", m.bundle_id, m.site_name, result.status)
        return result


def _merge_bundle(session: Session, opened: OpenedBundle, result: ImportResult,
                  progress: Progress) -> None:
    m = opened.manifest
    missing = _missing_parents(session, opened)
    held = _held_ids(opened, missing) if missing else {}
    held_records: list[dict[str, Any]] = []
    merger = Merger(session, m.bundle_id, sender=m.site_id, sender_seen=m.seen)
    total = m.total_records or 1
    done = 0
    for model in SYNCED_MODELS:
        table = model.__tablename__
        if not opened.ids.get(table):
            continue
        table_held = held.get(table, set())
        batch: list[dict[str, Any]] = []
        for _, row in opened.records(table):
            if row["id"] in table_held:
                held_records.append({"table": table, "record": to_plain(model, row)})
                merger.stats.setdefault(table, TableStats()).held += 1
                continue
            batch.append(row)
            if len(batch) >= BATCH:
                merger.merge(table, batch)
                done += len(batch)
                batch = []
                progress.check()
                progress.update(done, total, "Merging records")
        merger.merge(table, batch)
        done += len(batch)
        session.flush()
    released = _release_held(session, merger, opened.ids)
    merger.remember_seen()
    _apply_consent(session, opened)
    result.duplicates = merger.find_duplicates()
    result.duplicates -= decisions.apply(session, since=merger.now)  # decided elsewhere already
    result.tables = merger.stats
    result.held = [f"{h['table']} {h['record']['id']}" for h in held_records]
    result.status = "partial" if held_records else "merged"
    opened_summary = {"held": held_records, "released": released}
    result.message = _describe(result, missing)
    setattr(result, "_summary", opened_summary)  # noqa: B010 (passed to the ledger row)


def _apply_consent(session: Session, opened: OpenedBundle) -> None:
    """Flags follow the merged consent records (the same on every store)."""
    touched = set(opened.ids.get("people", ()))
    records = sorted(opened.ids.get("consent_changes", ()))
    for start in range(0, len(records), 900):
        touched.update(session.scalars(select(ConsentChange.person_id).where(
            ConsentChange.id.in_(records[start : start + 900]))))
    if touched:
        consent.apply(session, touched)


def _describe(result: ImportResult, missing: dict[str, set[str]]) -> str:
    if not result.held:
        return ""
    parents = ", ".join(f"{len(ids)} {table}" for table, ids in sorted(missing.items()))
    held = ", ".join(f"{s.held} {t}" for t, s in result.tables.items() if s.held)
    return (f"held until their parents arrive: {held} (missing: {parents}); they are merged "
            "automatically when a bundle brings them")


def _write_ledger(session: Session, opened: OpenedBundle, result: ImportResult,
                  existing: SyncBundle | None) -> None:
    m = opened.manifest
    now = dt.datetime.now(dt.UTC)
    extra: dict[str, Any] = getattr(result, "_summary", {})
    summary = {
        "scope": m.scope,
        "counts": m.counts(),
        "stats": {t: s.__dict__ for t, s in result.tables.items()},
        "duplicates": result.duplicates,
        "signer": m.signer,
        "site_name": m.site_name,
        **extra,
    }
    if existing is not None:  # accepting a quarantined bundle
        existing.status = result.status
        existing.recorded_at = now
        existing.summary = summary
        return
    session.add(SyncBundle(
        bundle_id=m.bundle_id, direction="in", sha256=opened.sha256, site_id=m.site_id, seq=m.seq,
        prev_bundle_id=m.prev_bundle_id, file_name=str(opened.source), created_at=m.created_at,
        recorded_at=now, hlc_min=m.hlc_min, hlc_max=m.hlc_max, status=result.status,
        summary=summary,
    ))


def _quarantine(store: Store, opened: OpenedBundle, result: ImportResult, ahead_ms: int,
                dry_run: bool) -> ImportResult:
    m = opened.manifest
    minutes = ahead_ms / 60000
    result.status = "quarantined"
    result.message = (
        f"quarantined, not merged: its clock is {minutes:,.1f} minutes ahead of this computer's "
        f"(limit 10); check both clocks, then `fieldapp bundle accept {m.bundle_id}` to merge it"
    )
    if dry_run:
        return result
    copy = quarantine_dir() / f"{m.bundle_id}.fieldbundle"
    files.write_with(copy, lambda tmp: shutil.copyfile(opened.source, tmp), private=True)
    with store.transaction() as session:
        session.add(SyncBundle(
            bundle_id=m.bundle_id, direction="in", sha256=opened.sha256, site_id=m.site_id,
            seq=m.seq, prev_bundle_id=m.prev_bundle_id, file_name=str(copy),
            created_at=m.created_at, recorded_at=dt.datetime.now(dt.UTC), hlc_min=m.hlc_min,
            hlc_max=m.hlc_max, status="quarantined",
            summary={"ahead_ms": ahead_ms, "message": result.message, "site_name": m.site_name,
                     "counts": m.counts(), "source": str(opened.source)},
        ))
    log.warning("bundle %s quarantined: %.1f minutes ahead", m.bundle_id, minutes)
    return result


def accept_bundle(store: Store, bundle_id: str, *, passphrase: bytes | None = None,
                  progress: Progress | None = None) -> ImportResult:
    """Merge a quarantined bundle (the admin checked the clocks)."""
    with store.session() as session:
        rows = list(session.scalars(
            select(SyncBundle).where(SyncBundle.direction == "in",
                                     SyncBundle.bundle_id.startswith(bundle_id.strip()))
        ))
    if not rows:
        raise NotFoundError(f"no imported bundle with id {bundle_id!r}")
    if len(rows) > 1:
        raise InputError(f"{len(rows)} bundles start with {bundle_id!r}: give the whole id")
    row = rows[0]
    if row.status != "quarantined":
        raise InputError(f"bundle {row.bundle_id} is not quarantined (it is {row.status})")
    copy = Path(row.file_name)
    if not copy.exists():
        raise InputError(f"the quarantined copy {copy} is gone: import the original file with "
                         "--accept-future instead")
    return import_bundle(store, copy, passphrase=passphrase, accept_future=True, progress=progress)


def import_many(store: Store, files: Iterable[str | Path], **kwargs: Any
                ) -> list[ImportResult | FieldAppError]:
    """Import each file on its own (one bad file does not stop the others)."""
    out: list[ImportResult | FieldAppError] = []
    for f in files:
        try:
            out.append(import_bundle(store, f, **kwargs))
        except FieldAppError as exc:
            out.append(exc)
    return out
