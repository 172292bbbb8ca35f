"""Importing a bundle: open it, hold records whose parents are missing, merge, write the ledger.

The merge rules themselves (field clocks, deletes, facts, conflicts) and the
row merge live in :mod:`fieldapp.services.sync.rowmerge`; every name stays
importable from here.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from fieldapp import paths
from fieldapp.core import files
from fieldapp.core.db import Store
from fieldapp.core.hlc import stamp_ms, wall_ms
from fieldapp.core.models import (
    SYNCED_MODELS,
    ConsentChange,
    StoreMeta,
    SyncBundle,
)
from fieldapp.core.serialize import to_plain
from fieldapp.core.site import SitePaths
from fieldapp.errors import FieldAppError, InputError, NotFoundError
from fieldapp.services import consent
from fieldapp.services.progress import Progress
from fieldapp.services.sync import decisions, keys
from fieldapp.services.sync.bundle import BundleError, OpenedBundle, existing_ids, open_bundle
from fieldapp.services.sync.format import FOREIGN_KEYS, check_record
from fieldapp.services.sync.resolve import pending_counts as pending_counts
from fieldapp.services.sync.resolve import resolve_conflict as resolve_conflict
from fieldapp.services.sync.resolve import resolve_duplicate as resolve_duplicate
from fieldapp.services.sync.rowmerge import ZERO as ZERO
from fieldapp.services.sync.rowmerge import Clock as Clock
from fieldapp.services.sync.rowmerge import ImportResult as ImportResult
from fieldapp.services.sync.rowmerge import Loss as Loss
from fieldapp.services.sync.rowmerge import Merger as Merger
from fieldapp.services.sync.rowmerge import TableStats as TableStats
from fieldapp.services.sync.rowmerge import _DryRunError, _FactClashError
from fieldapp.services.sync.rowmerge import data_fields as data_fields
from fieldapp.services.sync.rowmerge import field_clocks as field_clocks
from fieldapp.services.sync.rowmerge import merge_rows as merge_rows
from fieldapp.services.sync.rowmerge import normalise as normalise
from fieldapp.services.sync.rowmerge import plain_value as plain_value

log = logging.getLogger(__name__)

FUTURE_LIMIT_MS = 10 * 60 * 1000
# A bundle whose records are further ahead than this is refused even with accept:
# no real laptop's clock is a month fast, and every later export would carry the clock on.
HARD_FUTURE_LIMIT_MS = 30 * 24 * 60 * 60 * 1000
BATCH = 1000
PG_LOCK_KEY = 0x6669656C64  # "field": serialises imports into one PostgreSQL store


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


def quarantine_dir(site: SitePaths | None = None) -> Path:
    return paths.ensure(paths.resolve(site).quarantine, private=True)


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
    site = paths.site_of(store)
    with open_bundle(source, passphrase=passphrase, store_site_id=store.site_id, scan=False,
                     progress=progress, site=site) as opened:
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
        if m.signer != (keys.load_keys(site).fingerprint if keys.keys_exist(site) else None):
            keys.remember_site(m.signer, m.site_id, site)
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
    copy = quarantine_dir(store.site) / f"{m.bundle_id}.fieldbundle"
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
