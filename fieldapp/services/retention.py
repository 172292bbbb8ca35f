"""Keep only what a laptop needs: purge uploaded personal details, wipe a revoked laptop.

**Purge.** Once HQ has confirmed bundles, the personal details that those
bundles carried (phones, emails, notes, support scores and survey answers) can
leave the laptop for everyone outside the turfs it keeps. Ids, names, doors and
tombstones stay, so sync keeps working:

- a purged field of a mutable record gets the empty value and the *floor clock*
  (HLC 0, nil site): it loses every merge, so a later full export of the record
  never overwrites HQ's copy, and a turf packet that brings the record back
  restores it here; merges record no conflict for it (a loser with clock 0 is
  not a conflict);
- contact attempts (append-only facts, which merge by set union) are removed
  outright: HQ holds them, and the set union keeps them there.

Only records whose latest write is covered by a confirmed bundle are touched
(their row clock is at or below the confirmed *watermark*), so nothing unsent
is lost. :func:`confirmed_watermark` works that out from the sync ledger.

**Automatic purge** (setting ``purge_after_upload``, off by default): after a sync
in which HQ confirmed bundles, the same purge runs by itself, keeping the people of
the newest turf packet's turfs (:func:`auto_purge`). It is off by default because it
removes contact history the captain may still use (notes, "come back" results) for
everyone outside the packet, and a laptop that works from its own voter import has no
packet at all: there it would drop every uploaded phone number. So it only ever runs on
a laptop that has received a turf packet, and only once a person switched it on
(``fieldapp store auto-purge on`` or Settings).

**Wipe.** A laptop HQ has revoked, after a last upload of anything unsent,
deletes its store, the store's backups and the store key (:func:`wipe_store`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from fieldapp import settings
from fieldapp.core.hlc import format_hlc
from fieldapp.core.models import (
    SYNCED_MODELS,
    ContactAttempt,
    Door,
    Mutable,
    Person,
    SyncBundle,
)
from fieldapp.errors import InputError

log = logging.getLogger(__name__)

NIL_SITE = "00000000-0000-0000-0000-000000000000"
FLOOR_CLOCK = f"{format_hlc(0)}:{NIL_SITE}"
"""The clock of a purged field: below every real write."""

PURGED_FIELDS: dict[type[Mutable], tuple[str, ...]] = {
    Person: ("phone", "email", "notes"),
    Door: ("notes",),
}
CHUNK = 500


@dataclass
class PurgeReport:
    watermark: int | None
    fields_cleared: dict[str, int] = field(default_factory=dict)
    contact_attempts_removed: int = 0

    @property
    def total(self) -> int:
        return sum(self.fields_cleared.values()) + self.contact_attempts_removed


def out_bundles(session: Session) -> list[SyncBundle]:
    q = select(SyncBundle).where(SyncBundle.direction == "out").order_by(SyncBundle.seq)
    return list(session.scalars(q))


def confirmed_watermark(session: Session, confirmed_bundle_ids: Iterable[str]) -> int | None:
    """The clock up to which every write of this store is in a bundle HQ confirmed.

    Walks this store's full and since-last exports in order: a confirmed full
    export sets the watermark; a confirmed since-last export extends it only
    while the chain before it is unbroken. Records merged in from other bundles
    after that export were not in it, so the watermark drops below the oldest of
    them. None: nothing is covered yet.
    """
    confirmed = set(confirmed_bundle_ids)
    mark: int | None = None
    marked_by: SyncBundle | None = None
    chain = True  # the first since-last export starts from nothing: it is a full one
    for row in out_bundles(session):
        kind = (row.summary or {}).get("scope", {}).get("kind")
        if kind not in ("full", "since-last"):
            continue
        watermark = int((row.summary or {}).get("watermark", row.hlc_max))
        if row.bundle_id not in confirmed:
            chain = False
        elif kind == "full" or chain:
            mark, marked_by, chain = max(mark or 0, watermark), row, True
    if marked_by is None or mark is None:
        return None
    later_imports = select(SyncBundle).where(
        SyncBundle.direction == "in", SyncBundle.recorded_at >= marked_by.recorded_at)
    for row in session.scalars(later_imports):
        if _changed_anything(row):
            mark = min(mark, int(row.hlc_min) - 1)
    return mark


def _changed_anything(row: SyncBundle) -> bool:
    stats = (row.summary or {}).get("stats")
    if not isinstance(stats, dict) or row.status != "merged":
        return True  # not known: assume it did
    keys = ("new", "updated", "undeleted")
    return any(int(t.get(k, 0) or 0) for t in stats.values() if isinstance(t, dict) for k in keys)


def unsent_count(session: Session) -> int:
    """Records written or merged here that no export of this store carries yet."""
    mark = confirmed_watermark(session, [row.bundle_id for row in out_bundles(session)])
    total = 0
    for model in SYNCED_MODELS:
        table: Table = model.__table__  # type: ignore[assignment]
        q = select(func.count()).select_from(table)
        if mark is not None:
            q = q.where(table.c.hlc > mark)
        total += int(session.connection().execute(q).scalar_one())
    return total


def _kept_doors(session: Session, keep_turf_ids: Iterable[str]) -> set[str]:
    turfs = list(keep_turf_ids)
    if not turfs:
        return set()
    q = select(Door.id).where(Door.turf_id.in_(turfs))
    return set(session.scalars(q))


def _row_clock(born: tuple[int, str], clocks: dict[str, str]) -> tuple[int, str]:
    """The row clock a bundle must carry: the latest of the birth and field clocks."""
    latest = born
    for text in clocks.values():
        stamp, _, site = str(text).partition(":")
        latest = max(latest, (int(stamp, 16), site))
    return latest


def _clear_fields(session: Session, model: type[Mutable], fields: tuple[str, ...],
                  watermark: int, kept_doors: set[str]) -> int:
    table: Table = model.__table__  # type: ignore[assignment]
    door_col = table.c.id if model is Door else table.c.door_id
    cols = [table.c.id, door_col, table.c.clocks, table.c.born_hlc, table.c.born_site,
            *(table.c[f] for f in fields)]
    rows = session.connection().execute(select(*cols).where(table.c.hlc <= watermark)).all()
    changes: list[dict[str, Any]] = []
    cleared = 0
    for row in rows:
        if row[1] is not None and row[1] in kept_doors:
            continue
        values = dict(zip(fields, row[5:], strict=True))
        todo = [f for f, v in values.items() if v not in ("", None)]
        if not todo:
            continue
        clocks = dict(row[2] or {})
        for f in todo:
            clocks[f] = FLOOR_CLOCK
        # The row clock follows its field clocks (a bundle checks that it does): it can
        # only go down here, so the record is not "new" for a since-last export.
        hlc, site = _row_clock((int(row[3]), str(row[4])), clocks)
        changes.append({"b_id": row[0], "b_clocks": clocks, "b_hlc": hlc, "b_site_id": site,
                        **{f"b_{f}": "" if f in todo else values[f] for f in fields}})
        cleared += len(todo)
    stmt = (update(table).where(table.c.id == bindparam("b_id"))
            .values(clocks=bindparam("b_clocks"), hlc=bindparam("b_hlc"),
                    site_id=bindparam("b_site_id"), **{f: bindparam(f"b_{f}") for f in fields}))
    for start in range(0, len(changes), CHUNK):
        session.connection().execute(stmt, changes[start:start + CHUNK])
    return cleared


def _remove_attempts(session: Session, watermark: int, kept_doors: set[str]) -> int:
    table: Table = ContactAttempt.__table__  # type: ignore[assignment]
    rows = session.connection().execute(
        select(table.c.id, table.c.door_id).where(table.c.hlc <= watermark)).all()
    doomed = [r[0] for r in rows if r[1] not in kept_doors]
    # A correction points at the attempt it supersedes: keep any attempt that a
    # kept one (a newer, unsent correction) still points at.
    pointed = set(session.connection().execute(
        select(table.c.supersedes_id).where(table.c.supersedes_id.is_not(None),
                                            table.c.hlc > watermark)).scalars())
    doomed = [i for i in doomed if i not in pointed]
    for start in range(0, len(doomed), CHUNK):
        session.connection().execute(delete(table).where(table.c.id.in_(doomed[start:start + CHUNK])))
    return len(doomed)


def purge_uploaded(session: Session, confirmed_bundle_ids: Iterable[str],
                   keep_turf_ids: Iterable[str] = ()) -> PurgeReport:
    """Drop personal details already confirmed by HQ, except in ``keep_turf_ids``.

    Runs inside the caller's transaction (all or nothing). Returns counts only.
    """
    watermark = confirmed_watermark(session, confirmed_bundle_ids)
    report = PurgeReport(watermark)
    if watermark is None:
        log.info("purge: no confirmed export yet; nothing purged")
        return report
    kept = _kept_doors(session, keep_turf_ids)
    for model, fields in PURGED_FIELDS.items():
        report.fields_cleared[model.__tablename__] = _clear_fields(
            session, model, fields, watermark, kept)
    report.contact_attempts_removed = _remove_attempts(session, watermark, kept)
    log.info("purge: %d fields cleared, %d contact attempts removed (%d doors kept)",
             sum(report.fields_cleared.values()), report.contact_attempts_removed, len(kept))
    return report


def uploaded_bundle_ids(session: Session) -> list[str]:
    """Bundles this store exported and handed on: every export the ledger lists, except
    those still waiting in the outbox (HQ has not confirmed them yet). A bundle carried
    by hand (USB, e-mail) counts as delivered once written."""
    from fieldapp.services.campaign import outbox
    from fieldapp.services.sync.bundle import SUFFIX

    waiting = {item.path.name.removesuffix(SUFFIX).split("-", 2)[-1]
               for item in outbox.waiting(getattr(session.info.get("store"), "site", None))}
    return [row.bundle_id for row in out_bundles(session) if row.bundle_id not in waiting]


def packet_turf_ids(session: Session) -> list[str]:
    """The turfs of the newest turf packet this store imported (the ones to keep)."""
    q = (select(SyncBundle).where(SyncBundle.direction == "in")
         .order_by(SyncBundle.recorded_at.desc()))
    for row in session.scalars(q):
        scope = (row.summary or {}).get("scope", {})
        # "turfs" holds what the sender typed (names); "turf_ids" the turfs' ids
        found = scope.get("turf_ids") or scope.get("turfs")
        if scope.get("kind") in ("packet", "turf") and found:
            return [str(t) for t in found]
    return []


AUTO_PURGE_SETTING = "purge_after_upload"


def auto_purge_enabled() -> bool:
    return bool(settings.get(AUTO_PURGE_SETTING))


def set_auto_purge(on: bool) -> None:
    settings.set_value(AUTO_PURGE_SETTING, bool(on))


def auto_purge(session: Session) -> PurgeReport | None:
    """The purge a sync runs after HQ confirmed bundles, when the setting is on.

    Keeps the newest turf packet's turfs; None when it did not run (off, or no packet
    yet: see the module's notes)."""
    if not auto_purge_enabled():
        return None
    keep = packet_turf_ids(session)
    if not keep:
        log.info("automatic purge skipped: no turf packet received yet")
        return None
    return purge_uploaded(session, uploaded_bundle_ids(session), keep)


def wipe_store(path: Path, *, unsent: int) -> list[Path]:
    """Delete a revoked laptop's store, its backups and its key; return what was removed.

    ``unsent`` is how many records are still waiting to go to HQ: the caller
    (the sync client, after its last upload) must have sent them all.
    """
    from fieldapp.services import storekey

    if unsent:
        raise InputError(f"{unsent:,} records were not uploaded yet; upload them before the wipe",
                         where=str(path))
    removed: list[Path] = []
    candidates = [path, Path(f"{path}-wal"), Path(f"{path}-shm"),
                  *path.parent.glob(f"{path.stem}.*{path.suffix}")]
    for item in candidates:
        if item.exists():
            storekey.forget_key(item)
            item.unlink()
            removed.append(item)
    storekey.forget_key(path)
    log.info("wipe: %d files removed", len(removed))
    return removed
