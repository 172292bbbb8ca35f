"""HQ's inbox: uploads received in pieces, checked, stored, then merged exactly once.

An upload's life (``hq_uploads.status``):

``receiving``
    bytes arrive in ranged pieces (:func:`append`); each piece must start where the
    stored part ends, so a dropped connection resumes from the last byte HQ has.
``stored``
    all bytes are in, the SHA-256 matches what the laptop announced, the file is an age
    file that HQ can open, and its manifest is signed by the laptop that sent it. Only
    now does the laptop remove it from its outbox.
``merging`` / ``merged`` / ``held``
    :func:`merge_next` claims a stored upload and merges it through the ordinary import
    path (:func:`fieldapp.services.sync.merge.import_bundle`): its ledger row, written in
    the merge's own transaction under the store's merge lock (PostgreSQL's advisory
    lock), is what makes the merge exactly-once. A process killed mid-merge leaves the
    upload ``merging``; any process reclaims it later and the ledger answers "already
    merged" if the merge had committed. A bundle that cannot be merged is ``held`` with
    the reason, for staff (``fieldapp hq inbox``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import logging
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from fieldapp import paths
from fieldapp.core.db import Store
from fieldapp.core.hq_models import HqUpload
from fieldapp.core.ids import new_id
from fieldapp.core.site import SitePaths
from fieldapp.errors import FieldAppError
from fieldapp.services.hq.laptops import EnrolError, ensure_trusted, laptop_keys
from fieldapp.services.sync import agefmt
from fieldapp.services.sync.bundle import SUFFIX, open_bundle
from fieldapp.services.sync.merge import import_bundle

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 512 * 1024**2
STALE_CLAIM = dt.timedelta(minutes=10)
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_NAME_RE = re.compile(r"^[A-Za-z0-9._-]{1,200}$")


class UploadError(EnrolError):
    """An upload request HQ refuses (4xx); nothing is written."""


def spool_dir(folder: str | Path | None = None, *, site: SitePaths | None = None) -> Path:
    return paths.ensure(Path(folder) if folder else paths.resolve(site).hq_inbox, private=True)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class UploadState:
    id: str
    status: str
    offset: int
    size: int
    message: str = ""


def _part(spool: Path, upload_id: str) -> Path:
    return spool / f"{upload_id}.part"  # atomic-exempt: a resumable upload, grown piece by piece


def stored_path(spool: Path, upload_id: str) -> Path:
    return spool / f"{upload_id}{SUFFIX}"


def _offset(spool: Path, row: HqUpload) -> int:
    if row.status != "receiving":
        return int(row.size)
    part = _part(spool, row.id)
    return part.stat().st_size if part.exists() else 0


def start(store: Store, spool: Path, laptop_id: str, sha256: object, size: object, name: object,
          max_bytes: int = DEFAULT_MAX_BYTES, *, review: bool = False) -> tuple[UploadState, bool]:
    """Announce an upload; returns its state and whether HQ already has it whole.

    ``review``: a revoked laptop's final upload, held for staff instead of merged."""
    if not isinstance(sha256, str) or not _SHA_RE.match(sha256):
        raise UploadError("'sha256' must be 64 lowercase hex digits", "bad-request", 400)
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise UploadError("'size' must be a positive whole number of bytes", "bad-request", 400)
    if size > max_bytes:
        raise UploadError(f"the bundle is {size:,} bytes; this inbox takes at most {max_bytes:,}",
                          "too-large", 413)
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise UploadError("'name' must be a plain file name", "bad-request", 400)
    try:
        return _start(store, spool, laptop_id, sha256, size, name, review)
    except IntegrityError:  # the same bundle announced twice at once: the other one won
        return _start(store, spool, laptop_id, sha256, size, name, review)


def _start(store: Store, spool: Path, laptop_id: str, sha256: str, size: int,
           name: str, review: bool) -> tuple[UploadState, bool]:
    with store.transaction() as session:
        row = session.scalar(select(HqUpload).where(HqUpload.sha256 == sha256))
        if row is not None:
            if row.laptop_id != laptop_id:
                raise UploadError("another laptop sent this bundle", "not-yours", 409)
            if row.size != size:
                raise UploadError("the size does not match the earlier announcement",
                                  "bad-request", 400)
            state = UploadState(row.id, row.status, _offset(spool, row), row.size, row.message)
            return state, row.status != "receiving"
        row = HqUpload(id=new_id(), laptop_id=laptop_id, sha256=sha256, size=size,
                       file_name=name, status="receiving", message="", records=0,
                       created_at=_now(), review=review)
        session.add(row)
        upload_id = row.id
    _part(spool, upload_id).touch()
    return UploadState(upload_id, "receiving", 0, size), False


def state(store: Store, spool: Path, laptop_id: str, upload_id: str) -> UploadState:
    with store.session() as session:
        row = session.get(HqUpload, upload_id)
        if row is None or row.laptop_id != laptop_id:
            raise UploadError("no such upload", "not-found", 404)
        return UploadState(row.id, row.status, _offset(spool, row), row.size, row.message)


@contextlib.contextmanager
def _locked_part(spool: Path, upload_id: str) -> Iterator[int]:
    """The part file open for append, locked: one writer per upload, across processes."""
    fd = os.open(_part(spool, upload_id), os.O_WRONLY | os.O_APPEND)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UploadError("another piece of this upload is still arriving; try again",
                              "busy", 409) from None
        yield fd
    finally:
        os.close(fd)


def begin_append(store: Store, spool: Path, laptop_id: str, upload_id: str,
                 offset: int) -> tuple[UploadState, int]:
    """Check a piece may be written at ``offset``: the state, and how many bytes may come."""
    current = state(store, spool, laptop_id, upload_id)
    if current.status != "receiving":
        raise UploadError("this upload is complete", "complete", 409)
    if offset != current.offset:
        raise UploadError(f"HQ has {current.offset:,} bytes: resume from there", "offset", 409)
    return current, current.size - current.offset


def write_piece(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def finish(store: Store, spool: Path, laptop_id: str, upload_id: str) -> UploadState:
    """All bytes in: check hash, format and signer; keep it as stored, or throw it away."""
    part = _part(spool, upload_id)
    with store.session() as session:
        row = session.get(HqUpload, upload_id)
        if row is None or row.status != "receiving" or not part.exists():
            return state(store, spool, laptop_id, upload_id)  # finished by a twin request
        expected, size = row.sha256, row.size
    if part.stat().st_size != size:
        return state(store, spool, laptop_id, upload_id)
    digest = hashlib.sha256()
    with part.open("rb") as fh:
        head = fh.read(len(agefmt.MAGIC))
        fh.seek(0)
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    problem = None
    if digest.hexdigest() != expected:
        problem = UploadError("the bytes received do not match the announced SHA-256; "
                              "send the bundle again", "bad-hash", 422)
    elif head != agefmt.MAGIC:
        problem = UploadError("not a Field App bundle", "not-a-bundle", 422)
    else:
        problem = _check_signer(store, part, laptop_id)
    if problem is not None:
        _discard(store, spool, upload_id)
        raise problem
    with open(part, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(part, stored_path(spool, upload_id))  # atomic-exempt: the upload, complete and fsynced
    with store.transaction() as session:
        session.execute(update(HqUpload).where(HqUpload.id == upload_id)
                        .values(status="stored", stored_at=_now()))
    log.info("stored upload %s (%d bytes)", upload_id, size)
    return UploadState(upload_id, "stored", size, size)


def _check_signer(store: Store, path: Path, laptop_id: str) -> UploadError | None:
    """HQ can open it and the laptop that sent it signed it."""
    known = laptop_keys(store, laptop_id)
    if known is None:
        return UploadError("HQ does not know this laptop's keys", "unknown-laptop", 403)
    fp = str(known[1].get("fingerprint") or "")
    try:
        with open_bundle(path, scan=False, require_trust=False, site=store.site) as opened:
            signer = opened.manifest.signer
    except FieldAppError as exc:
        return UploadError(f"the bundle cannot be opened at HQ: {exc}", "not-a-bundle", 422)
    if fp and signer != fp:
        return UploadError("the bundle is not signed by this laptop's key", "wrong-signer", 403)
    return None


def _discard(store: Store, spool: Path, upload_id: str) -> None:
    with store.transaction() as session:
        session.execute(delete(HqUpload).where(HqUpload.id == upload_id))
    with contextlib.suppress(FileNotFoundError):
        _part(spool, upload_id).unlink()


# --------------------------------------------------------------------------- merging


@dataclass
class MergeOutcome:
    upload_id: str
    status: str  # merged or held
    message: str
    records: int
    seconds: float


def _claim(store: Store, reclaim_before: dt.datetime) -> str | None:
    """Take one stored upload (or one whose merger died) for this process."""
    with store.session() as session:
        candidates = list(session.scalars(
            select(HqUpload.id).where(or_(
                HqUpload.status == "stored",
                (HqUpload.status == "merging") & (HqUpload.claimed_at < reclaim_before),
            )).order_by(HqUpload.stored_at).limit(20)))
    for upload_id in candidates:
        with store.transaction() as session:
            done = session.execute(
                update(HqUpload).where(HqUpload.id == upload_id, or_(
                    HqUpload.status == "stored",
                    (HqUpload.status == "merging") & (HqUpload.claimed_at < reclaim_before),
                )).values(status="merging", claimed_at=_now()))
            if done.rowcount == 1:  # type: ignore[attr-defined]
                return upload_id
    return None


def merge_next(store: Store, spool: Path, *, reclaim_before: dt.datetime | None = None
               ) -> MergeOutcome | None:
    """Merge one waiting upload, if any. Never raises for a bad bundle: it is held."""
    upload_id = _claim(store, reclaim_before or (_now() - STALE_CLAIM))
    if upload_id is None:
        return None
    return merge_upload(store, spool, upload_id)


def merge_upload(store: Store, spool: Path, upload_id: str) -> MergeOutcome:
    began = time.monotonic()
    with store.session() as session:
        row = session.get(HqUpload, upload_id)
        assert row is not None
        laptop_id, review = row.laptop_id, row.review
    status, message, records, bundle_id = "held", "", 0, None
    if review:  # a revoked laptop's final upload: a person decides (hq inbox --retry)
        message = (f"final upload from a revoked laptop: review it, then `fieldapp hq inbox "
                   f"--retry {upload_id[:8]}` merges it")
        with store.transaction() as session:
            session.execute(update(HqUpload).where(HqUpload.id == upload_id).values(
                status=status, message=message, merged_at=_now()))
        log.info("upload %s: held for review (final upload of a revoked laptop)", upload_id)
        return MergeOutcome(upload_id, status, message, 0, time.monotonic() - began)
    try:
        known = laptop_keys(store, laptop_id)
        if known is not None:
            ensure_trusted(*known, store.site)
        result = import_bundle(store, stored_path(spool, upload_id))
        bundle_id = result.bundle_id
        records = result.total().new + result.total().updated
        if result.status in ("merged", "partial", "already"):
            status, message = "merged", result.message
        else:
            message = result.message
    except FieldAppError as exc:
        message = str(exc)
    except Exception as exc:  # a bug: keep the upload for staff, log the traceback
        log.exception("merging upload %s failed", upload_id)
        message = f"merge failed ({type(exc).__name__}); see the server log"
    with store.transaction() as session:
        session.execute(update(HqUpload).where(HqUpload.id == upload_id).values(
            status=status, message=message[:2000], records=records, bundle_id=bundle_id,
            merged_at=_now()))
    seconds = time.monotonic() - began
    log.info("upload %s: %s (%d records, %.2f s)", upload_id, status, records, seconds)
    return MergeOutcome(upload_id, status, message, records, seconds)


def retry(store: Store, upload_id: str) -> None:
    """Put a held upload back in line (after staff fixed the cause)."""
    with store.transaction() as session:
        row = session.scalar(select(HqUpload).where(HqUpload.id.startswith(upload_id)))
        if row is None or row.status != "held":
            raise FieldAppError(f"no held upload {upload_id!r} (see `fieldapp hq inbox`)")
        row.status = "stored"
        row.message = ""
        row.review = False  # staff looked at it: merge it


@dataclass
class InboxRow:
    id: str
    laptop_id: str
    file_name: str
    size: int
    status: str
    message: str
    records: int
    created_at: dt.datetime


def inbox(store: Store, *, statuses: tuple[str, ...] | None = None) -> list[InboxRow]:
    with store.session() as session:
        q = select(HqUpload).order_by(HqUpload.created_at)
        if statuses:
            q = q.where(HqUpload.status.in_(statuses))
        return [InboxRow(r.id, r.laptop_id, r.file_name, r.size, r.status, r.message, r.records,
                         r.created_at) for r in session.scalars(q)]


def counts(store: Store) -> dict[str, int]:
    out = dict.fromkeys(("receiving", "stored", "merging", "merged", "held"), 0)
    with store.session() as session:
        for status, n in session.execute(select(HqUpload.status, func.count())
                                         .group_by(HqUpload.status)):
            out[status] = int(n)
    return out
