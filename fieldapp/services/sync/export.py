"""Writing a ``.fieldbundle``: recipients, one consistent snapshot, the signed zip, encryption.

Export reads one consistent snapshot of the store, streams the records into a
zip in a private temp folder, signs the manifest, encrypts the zip (age)
through :func:`fieldapp.core.files.atomic_write`: a killed or failed export
never leaves a file under the final name.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp import paths
from fieldapp.core import migrations
from fieldapp.core.db import Store
from fieldapp.core.files import atomic_write
from fieldapp.core.ids import new_id
from fieldapp.core.models import SYNCED_MODELS, StoreMeta, SyncBundle, Synced
from fieldapp.core.site import SitePaths
from fieldapp.errors import InputError
from fieldapp.services.progress import Progress
from fieldapp.services.sync import agefmt, keys, knowledge
from fieldapp.services.sync.attachments import write_attachments
from fieldapp.services.sync.common import bundle_file_name, chunks, private_tempdir
from fieldapp.services.sync.format import (
    MANIFEST,
    SIGNATURE,
    FileEntry,
    Manifest,
    data_member,
    plain_row,
    record_line,
)
from fieldapp.services.sync.scope import Scope, resolve_person, select_ids

# The facade's logger name, so log lines read as they did before the split.
log = logging.getLogger("fieldapp.services.sync.bundle")

ROWS_PER_WRITE = 2000


@dataclass
class ExportResult:
    path: Path
    manifest: Manifest

    @property
    def counts(self) -> dict[str, int]:
        return self.manifest.counts()


def _last_out(session: Session, full_only: bool = False) -> SyncBundle | None:
    q = select(SyncBundle).where(SyncBundle.direction == "out").order_by(SyncBundle.seq.desc())
    for row in session.scalars(q):
        if not full_only or row.summary.get("scope", {}).get("kind") in ("full", "since-last"):
            return row
    return None


def _since_threshold(session: Session) -> int:
    """The clock from which ``--since-last`` exports: every row written or merged since."""
    prev = _last_out(session, full_only=True)
    if prev is None:
        return 0
    threshold = int(prev.summary.get("watermark", prev.hlc_max)) + 1
    for row in session.scalars(
        select(SyncBundle).where(SyncBundle.direction == "in", SyncBundle.status.in_(("merged", "partial")),
                                 SyncBundle.recorded_at >= prev.recorded_at)
    ):
        threshold = min(threshold, row.hlc_min)
    return threshold


def has_changes_since_last(store: Store) -> bool:
    """Whether a ``--since-last`` export would carry any record (new work to send)."""
    with store.session() as session:
        threshold = _since_threshold(session)
        for model in SYNCED_MODELS:
            t = model.__table__
            if session.scalar(select(t.c.id).where(t.c.hlc >= threshold).limit(1)) is not None:
                return True
    return False


NO_OFFICE_KEY = (
    "nobody but this laptop could open the bundle: it joined no campaign and trusts no office "
    "key. Join a campaign (`fieldapp join FILE`), trust HQ's key (`fieldapp keys trust FILE "
    "--recipient`), or protect the bundle with a passphrase (--passphrase-file)"
)
"""Export never quietly encrypts to the laptop alone (HQ could not open it)."""


def _recipients(names: list[str], own: keys.SiteKeys, site: SitePaths) -> list[agefmt.Recipient]:
    """Who can open the bundle: this site, plus ``--to`` names or the default recipients."""
    if names:
        chosen = [keys.find_recipient(n, site) for n in names]
    else:  # a bad default entry is left out (and said so), never a crash
        chosen = []
        for entry in keys.load_trust(site):
            if not entry.recipient:
                continue
            problem = keys.entry_problem(entry)
            if problem:
                log.warning("trusted key %s left out of the recipients: %s", entry.fingerprint, problem)
                continue
            chosen.append(entry)
    if not chosen:
        raise InputError(NO_OFFICE_KEY)
    out = [own.recipient]
    for entry in chosen:
        r = agefmt.Recipient.parse(entry.age_recipient)
        if r not in out:
            out.append(r)
    return out


@dataclass
class _Tally:
    """Running totals while the records stream into the zip."""

    total: int
    done: int = 0
    hlc_lo: int | None = None
    hlc_hi: int | None = None

    def saw(self, stamp: int) -> None:
        self.hlc_lo = stamp if self.hlc_lo is None else min(self.hlc_lo, stamp)
        self.hlc_hi = stamp if self.hlc_hi is None else max(self.hlc_hi, stamp)


def _check_export_args(
    out_path: Path,
    since_last: bool,
    turfs: list[str] | None,
    for_person: str | None,
    to: list[str] | None,
    passphrase: bytes | None,
) -> None:
    """Create the output folder and refuse option combinations that make no sense."""
    try:
        out_path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot use {out_path} as the output folder ({exc.strerror})") from None
    if for_person and not turfs:
        raise InputError("a turf packet needs --turf NAME (with --for PERSON)")
    if since_last and turfs:
        raise InputError("--since-last and --turf cannot be combined")
    if to and passphrase is not None:
        raise InputError("give recipients (--to) or a passphrase, not both")


def _export_scope(session: Session, since_last: bool, turfs: list[str] | None, for_person: str | None) -> Scope:
    scope = Scope()
    if turfs:
        scope = Scope("packet" if for_person else "turf", list(turfs))
        if for_person:
            scope.for_person = resolve_person(session, for_person)
    elif since_last:
        scope = Scope("since-last", since_hlc=_since_threshold(session))
    return scope


def _count_records(session: Session, ids: dict[str, set[str]] | None) -> int:
    if ids is not None:
        return sum(len(v) for v in ids.values())
    return sum(session.scalar(select(func.count()).select_from(m)) or 0 for m in SYNCED_MODELS)


def _write_table(
    zf: zipfile.ZipFile,
    session: Session,
    model: type[Synced],
    ids: set[str] | None,
    tally: _Tally,
    progress: Progress,
) -> FileEntry:
    """Stream one table's rows into its ndjson member; its hash, size and count."""
    table = model.__tablename__
    digest = hashlib.sha256()
    size = count = 0
    with zf.open(data_member(table), "w", force_zip64=True) as member:
        chunk: list[bytes] = []

        def flush() -> None:
            nonlocal size, count
            data = b"".join(chunk)
            member.write(data)
            digest.update(data)
            size += len(data)
            count += len(chunk)
            tally.done += len(chunk)
            chunk.clear()

        for row in _rows(session, model, ids):
            chunk.append(record_line(model, plain_row(table, row)))
            tally.saw(int(row["hlc"]))
            if len(chunk) >= ROWS_PER_WRITE:
                flush()
                progress.check()
                progress.update(tally.done, tally.total, "Exporting records")
        flush()
    return FileEntry(digest.hexdigest(), size, count)


@dataclass
class _Snapshot:
    """What the manifest says about the store besides the records."""

    bundle_id: str
    seq: int
    prev: SyncBundle | None
    watermark: int
    scope_doc: dict[str, Any]


def _write_zip(
    zip_path: Path,
    store: Store,
    session: Session,
    own: keys.SiteKeys,
    snap: _Snapshot,
    ids: dict[str, set[str]] | None,
    attachments: dict[str, Path] | None,
    tally: _Tally,
    progress: Progress,
) -> tuple[Manifest, bytes]:
    """The records, attachments, manifest and signature in a zip; the manifest and its bytes."""
    files: dict[str, FileEntry] = {}
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for model in SYNCED_MODELS:
            table = model.__tablename__
            files[data_member(table)] = _write_table(
                zf, session, model, None if ids is None else ids[table], tally, progress)
        scope_doc = snap.scope_doc
        if attachments:
            scope_doc["attachments"] = write_attachments(zf, attachments)
        manifest = Manifest(
            bundle_id=snap.bundle_id, site_id=store.site_id, site_name=own.name, seq=snap.seq,
            prev_bundle_id=snap.prev.bundle_id if snap.prev else None,
            created_at=dt.datetime.now(dt.UTC),
            hlc_min=tally.hlc_lo if tally.hlc_lo is not None else snap.watermark,
            hlc_max=tally.hlc_hi if tally.hlc_hi is not None else snap.watermark,
            scope=scope_doc, signer=own.fingerprint, sign_key=own.sign_public,
            schema=migrations.current_revision(store.engine) or "", files=files,
            seen=knowledge.vector(session, store.site_id, snap.watermark),
        )
        manifest_bytes = manifest.to_bytes()
        zf.writestr(MANIFEST, manifest_bytes)
        zf.writestr(SIGNATURE, base64.b64encode(own.sign(manifest_bytes)) + b"\n")
    return manifest, manifest_bytes


def _record_out(
    session: Session,
    store: Store,
    manifest: Manifest,
    manifest_bytes: bytes,
    final: Path,
    watermark: int,
    recipients: str | int,
) -> None:
    """The ledger row of a written bundle."""
    now = dt.datetime.now(dt.UTC)
    session.add(SyncBundle(
        bundle_id=manifest.bundle_id, direction="out",
        sha256=hashlib.sha256(manifest_bytes).hexdigest(), site_id=store.site_id,
        seq=manifest.seq, prev_bundle_id=manifest.prev_bundle_id, file_name=str(final),
        created_at=manifest.created_at, recorded_at=now, hlc_min=manifest.hlc_min,
        hlc_max=manifest.hlc_max, status="written",
        summary={"scope": manifest.scope, "counts": manifest.counts(),
                 "watermark": watermark, "recipients": recipients},
    ))


def export_bundle(
    store: Store,
    out_dir: str | Path,
    *,
    since_last: bool = False,
    turfs: list[str] | None = None,
    for_person: str | None = None,
    to: list[str] | None = None,
    passphrase: bytes | None = None,
    progress: Progress | None = None,
    scrypt_log_n: int | None = None,
    attachments: dict[str, Path] | None = None,
) -> ExportResult:
    """Write one bundle of this store into ``out_dir`` and record it in the ledger.

    ``attachments`` (name -> file) ride along as ``attachments/<name>`` members, their
    hashes in the signed manifest's scope (a turf packet's basemap clip).
    """
    progress = progress or Progress()
    out_path = Path(out_dir)
    _check_export_args(out_path, since_last, turfs, for_person, to, passphrase)
    site = paths.site_of(store)
    own = keys.ensure_keys(site)
    recipients = [] if passphrase is not None else _recipients(list(to or []), own, site)
    tmpdir = private_tempdir(site)
    try:
        with store.session() as session, session.begin():
            if session.get_bind().dialect.name == "postgresql":
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            scope = _export_scope(session, since_last, turfs, for_person)
            ids, turf_ids = select_ids(session, scope)
            prev = _last_out(session)
            seq = (prev.seq + 1) if prev else 1
            bundle_id = new_id()
            meta = session.get(StoreMeta, "hlc_last")
            watermark = max(store.clock.last, int(meta.value) if meta else 0)
            tally = _Tally(total=_count_records(session, ids))
            zip_path = tmpdir / "bundle.zip"
            snap = _Snapshot(bundle_id, seq, prev, watermark, scope.as_json(turf_ids))
            manifest, manifest_bytes = _write_zip(
                zip_path, store, session, own, snap, ids, attachments, tally, progress)
            progress.check()
            progress.update(tally.total, tally.total, "Encrypting")
            final = out_path / bundle_file_name(store.site_id, seq, bundle_id)
            with zip_path.open("rb") as src, atomic_write(final) as dst:
                agefmt.encrypt(src, dst, recipients=recipients, passphrase=passphrase,
                               scrypt_log_n=scrypt_log_n)
                progress.check()
            _record_out(session, store, manifest, manifest_bytes, final, watermark,
                        "passphrase" if passphrase is not None else len(recipients))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    log.info("exported bundle %s (%d records) to %s", bundle_id, manifest.total_records, final)
    return ExportResult(final, manifest)



def _rows(session: Session, model: type[Synced], ids: set[str] | None) -> Iterator[dict[str, Any]]:
    t = model.__table__
    if ids is None:
        result = session.execute(
            select(t).order_by(t.c.id).execution_options(yield_per=2000)
        ).mappings()
        for row in result:
            yield dict(row)
        return
    for chunk in chunks(sorted(ids)):
        for row in session.execute(select(t).where(t.c.id.in_(chunk)).order_by(t.c.id)).mappings():
            yield dict(row)
