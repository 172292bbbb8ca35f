"""Writing and reading ``.fieldbundle`` files, with every safety check.

Export reads one consistent snapshot of the store, streams the records into a
zip in a private temp folder, signs the manifest, encrypts the zip (age)
through :func:`fieldapp.core.files.atomic_write`: a killed or failed export
never leaves a file under the final name.

Reading decrypts to a private temp file (streaming, memory stays flat), then
checks the zip's member names and sizes (never ``extractall``), the signature
and the signer, every file's hash and record count, and every record
(:func:`fieldapp.services.sync.format.check_record`). Only a bundle that
passes all of it reaches the merge.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import io
import json
import logging
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp import paths
from fieldapp.core import migrations
from fieldapp.core.db import Store
from fieldapp.core.files import atomic_write
from fieldapp.core.ids import is_uuid, new_id
from fieldapp.core.models import (
    MODEL_BY_TABLE,
    SYNCED_MODELS,
    ContactAttempt,
    Door,
    EventHost,
    Organization,
    Person,
    PersonOrganization,
    Shift,
    Signup,
    StoreMeta,
    SurveyQuestion,
    SyncBundle,
    Synced,
    Turf,
    TurfAssignment,
    Volunteer,
)
from fieldapp.errors import FieldAppError, InputError, NotFoundError
from fieldapp.services.progress import Progress
from fieldapp.services.sync import agefmt, keys, knowledge
from fieldapp.services.sync.attachments import (
    MAX_ATTACHMENT_BYTES,
    is_attachment,
    write_attachments,
)
from fieldapp.services.sync.format import (
    DATA_MEMBERS,
    FOREIGN_KEYS,
    MANIFEST,
    MAX_LINE_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_SIGNATURE_BYTES,
    SIGNATURE,
    FileEntry,
    Manifest,
    ManifestError,
    RecordError,
    check_record,
    convert_record,
    data_member,
    parse_line,
    parse_manifest,
    plain_row,
    record_line,
)

log = logging.getLogger(__name__)

SUFFIX = ".fieldbundle"
MAX_MEMBER_BYTES = 8 * 1024**3
MAX_RATIO = 200  # ndjson deflates about 10:1; deflate itself tops out near 1030:1
CHUNK_IDS = 500


class BundleError(InputError):
    """A bundle file that cannot be read or must not be merged."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(message, where=str(path))
        self.detail = message


# --------------------------------------------------------------------------- helpers


def private_tempdir() -> Path:
    """A fresh owner-only folder for decrypted data (removed by the caller)."""
    base = paths.ensure(paths.dirs().cache / "tmp", private=True)
    return Path(tempfile.mkdtemp(prefix="bundle-", dir=base))


def bundle_file_name(site_id: str, seq: int, bundle_id: str) -> str:
    return f"{site_id[:8]}-{seq:05d}-{bundle_id}{SUFFIX}"


def _chunks(items: list[str], size: int = CHUNK_IDS) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def existing_ids(session: Session, table: str, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` the store holds in ``table`` (chunked IN queries)."""
    t = MODEL_BY_TABLE[table].__table__
    found: set[str] = set()
    for chunk in _chunks(sorted(set(ids))):
        found.update(session.execute(select(t.c.id).where(t.c.id.in_(chunk))).scalars())
    return found


# --------------------------------------------------------------------------- scope


@dataclass
class Scope:
    """What an export holds: everything, what changed, or some turfs."""

    kind: str = "full"  # full, since-last, turf, packet
    turfs: list[str] = field(default_factory=list)
    for_person: str | None = None
    since_hlc: int | None = None

    def as_json(self, turf_ids: list[str] | None = None) -> dict[str, Any]:
        doc: dict[str, Any] = {"kind": self.kind}
        if self.turfs:
            doc["turfs"] = self.turfs
            doc["turf_ids"] = turf_ids or []
        if self.for_person:
            doc["for_person"] = self.for_person
        if self.since_hlc is not None:
            doc["since_hlc"] = f"{self.since_hlc:016x}"
        return doc


def _ids_where(session: Session, model: type[Synced], *conds: Any) -> set[str]:
    t = model.__table__
    return set(session.execute(select(t.c.id).where(*conds)).scalars())


def _ids_in(session: Session, model: type[Synced], column: str, values: set[str]) -> set[str]:
    t = model.__table__
    out: set[str] = set()
    for chunk in _chunks(sorted(values)):
        out.update(session.execute(select(t.c.id).where(t.c[column].in_(chunk))).scalars())
    return out


def close_over_parents(session: Session, ids: dict[str, set[str]]) -> None:
    """Add every parent the selected rows point at, so the bundle merges on its own."""
    changed = True
    seen: dict[str, set[str]] = {t: set() for t in ids}
    while changed:
        changed = False
        for model in reversed(SYNCED_MODELS):
            table = model.__tablename__
            fresh = ids[table] - seen[table]
            if not fresh or not FOREIGN_KEYS[table]:
                seen[table] |= fresh
                continue
            seen[table] |= fresh
            t = model.__table__
            cols = [t.c[c] for c, _ in FOREIGN_KEYS[table]]
            for chunk in _chunks(sorted(fresh)):
                for row in session.execute(select(*cols).where(t.c.id.in_(chunk))):
                    for (_, target), value in zip(FOREIGN_KEYS[table], row, strict=True):
                        if value is not None and value not in ids[target]:
                            ids[target].add(value)
                            changed = True


def _resolve_turfs(session: Session, names: list[str]) -> list[str]:
    out = []
    for name in names:
        rows = list(session.execute(
            select(Turf.id).where(func.lower(Turf.name) == name.strip().lower(), Turf.deleted.is_(False))
        ).scalars())
        if not rows and is_uuid(name):
            rows = [name] if session.get(Turf, name) is not None else []
        if not rows:
            raise NotFoundError(f"no turf called {name!r}")
        if len(rows) > 1:
            raise InputError(f"{len(rows)} turfs are called {name!r}: give the turf id instead")
        out.append(rows[0])
    return out


def resolve_person(session: Session, text: str) -> str:
    """A person by id, email or full name (case-insensitive)."""
    wanted = text.strip()
    if is_uuid(wanted) and session.get(Person, wanted) is not None:
        return wanted
    live = Person.deleted.is_(False)
    rows = list(session.execute(select(Person.id).where(func.lower(Person.email) == wanted.lower(), live)).scalars())
    if not rows:
        full = func.lower(Person.first_name + " " + Person.last_name)
        rows = list(session.execute(select(Person.id).where(full == wanted.lower(), live)).scalars())
    if not rows:
        raise NotFoundError(f"no person called {text!r} (give a name, an email or an id)")
    if len(rows) > 1:
        raise InputError(f"{len(rows)} people match {text!r}: give an email or an id")
    return rows[0]


def select_ids(session: Session, scope: Scope) -> tuple[dict[str, set[str]] | None, list[str]]:
    """The record ids an export holds (``None``: every row), and the turf ids."""
    if scope.kind == "full":
        return None, []
    ids: dict[str, set[str]] = {m.__tablename__: set() for m in SYNCED_MODELS}
    turf_ids: list[str] = []
    if scope.kind == "since-last":
        assert scope.since_hlc is not None
        for model in SYNCED_MODELS:
            ids[model.__tablename__] = _ids_where(session, model, model.__table__.c.hlc >= scope.since_hlc)
    else:
        turf_ids = _resolve_turfs(session, scope.turfs)
        tset = set(turf_ids)
        ids["turfs"] = tset
        ids["doors"] = _ids_in(session, Door, "turf_id", tset)
        ids["people"] = _ids_in(session, Person, "door_id", ids["doors"])
        ids["person_organizations"] = _ids_in(session, PersonOrganization, "person_id", ids["people"])
        ids["turf_assignments"] = _ids_in(session, TurfAssignment, "turf_id", tset)
        ids["contact_attempts"] = _ids_in(session, ContactAttempt, "door_id", ids["doors"])
        if scope.kind == "packet":
            assert scope.for_person is not None
            ids["organizations"] = _ids_where(session, Organization)
            campaigns = {c for c in session.execute(
                select(Turf.campaign_id).where(Turf.id.in_(tset))).scalars() if c}
            ids["campaigns"] = campaigns
            ids["survey_questions"] = _ids_in(session, SurveyQuestion, "campaign_id", campaigns)
            person = scope.for_person
            ids["volunteers"] = _ids_where(session, Volunteer, Volunteer.person_id == person)
            signups = _ids_where(session, Signup, Signup.person_id == person)
            events = set(session.execute(select(Signup.event_id).where(Signup.id.in_(signups))).scalars())
            ids["signups"] = signups
            ids["events"] = events
            ids["shifts"] = _ids_in(session, Shift, "event_id", events)
            ids["event_hosts"] = _ids_in(session, EventHost, "event_id", events)
            ids["people"].add(person)
    close_over_parents(session, ids)
    return ids, turf_ids


# --------------------------------------------------------------------------- export


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


def _recipients(names: list[str], own: keys.SiteKeys) -> list[agefmt.Recipient]:
    """Who can open the bundle: this site, plus ``--to`` names or the default recipients."""
    if names:
        chosen = [keys.find_recipient(n) for n in names]
    else:  # a bad default entry is left out (and said so), never a crash
        chosen = []
        for site in keys.load_trust():
            if not site.recipient:
                continue
            problem = keys.entry_problem(site)
            if problem:
                log.warning("trusted key %s left out of the recipients: %s", site.fingerprint, problem)
                continue
            chosen.append(site)
    if not chosen:
        raise InputError(NO_OFFICE_KEY)
    out = [own.recipient]
    for site in chosen:
        r = agefmt.Recipient.parse(site.age_recipient)
        if r not in out:
            out.append(r)
    return out


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
    own = keys.ensure_keys()
    recipients = [] if passphrase is not None else _recipients(list(to or []), own)
    tmpdir = private_tempdir()
    try:
        with store.session() as session, session.begin():
            if session.get_bind().dialect.name == "postgresql":
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            scope = Scope()
            if turfs:
                scope = Scope("packet" if for_person else "turf", list(turfs))
                if for_person:
                    scope.for_person = resolve_person(session, for_person)
            elif since_last:
                scope = Scope("since-last", since_hlc=_since_threshold(session))
            ids, turf_ids = select_ids(session, scope)
            prev = _last_out(session)
            seq = (prev.seq + 1) if prev else 1
            bundle_id = new_id()
            meta = session.get(StoreMeta, "hlc_last")
            watermark = max(store.clock.last, int(meta.value) if meta else 0)
            total = (sum(len(v) for v in ids.values()) if ids is not None else sum(
                session.scalar(select(func.count()).select_from(m)) or 0 for m in SYNCED_MODELS))
            zip_path = tmpdir / "bundle.zip"
            files: dict[str, FileEntry] = {}
            hlc_lo, hlc_hi = None, None
            done = 0
            with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
                for model in SYNCED_MODELS:
                    table = model.__tablename__
                    digest = hashlib.sha256()
                    size = count = 0
                    with zf.open(data_member(table), "w", force_zip64=True) as member:
                        chunk: list[bytes] = []
                        for row in _rows(session, model, None if ids is None else ids[table]):
                            chunk.append(record_line(model, plain_row(table, row)))
                            stamp = int(row["hlc"])
                            hlc_lo = stamp if hlc_lo is None else min(hlc_lo, stamp)
                            hlc_hi = stamp if hlc_hi is None else max(hlc_hi, stamp)
                            if len(chunk) >= 2000:
                                data = b"".join(chunk)
                                member.write(data)
                                digest.update(data)
                                size += len(data)
                                count += len(chunk)
                                done += len(chunk)
                                chunk = []
                                progress.check()
                                progress.update(done, total, "Exporting records")
                        data = b"".join(chunk)
                        member.write(data)
                        digest.update(data)
                        size += len(data)
                        count += len(chunk)
                        done += len(chunk)
                    files[data_member(table)] = FileEntry(digest.hexdigest(), size, count)
                scope_doc = scope.as_json(turf_ids)
                if attachments:
                    scope_doc["attachments"] = write_attachments(zf, attachments)
                manifest = Manifest(
                    bundle_id=bundle_id, site_id=store.site_id, site_name=own.name, seq=seq,
                    prev_bundle_id=prev.bundle_id if prev else None,
                    created_at=dt.datetime.now(dt.UTC),
                    hlc_min=hlc_lo if hlc_lo is not None else watermark,
                    hlc_max=hlc_hi if hlc_hi is not None else watermark,
                    scope=scope_doc, signer=own.fingerprint, sign_key=own.sign_public,
                    schema=migrations.current_revision(store.engine) or "", files=files,
                    seen=knowledge.vector(session, store.site_id, watermark),
                )
                manifest_bytes = manifest.to_bytes()
                zf.writestr(MANIFEST, manifest_bytes)
                zf.writestr(SIGNATURE, base64.b64encode(own.sign(manifest_bytes)) + b"\n")
            progress.check()
            progress.update(total, total, "Encrypting")
            name = bundle_file_name(store.site_id, seq, bundle_id)
            final = out_path / name
            with zip_path.open("rb") as src, atomic_write(final) as dst:
                agefmt.encrypt(src, dst, recipients=recipients, passphrase=passphrase,
                               scrypt_log_n=scrypt_log_n)
                progress.check()
            now = dt.datetime.now(dt.UTC)
            session.add(SyncBundle(
                bundle_id=bundle_id, direction="out",
                sha256=hashlib.sha256(manifest_bytes).hexdigest(), site_id=store.site_id,
                seq=seq, prev_bundle_id=manifest.prev_bundle_id, file_name=str(final),
                created_at=manifest.created_at, recorded_at=now, hlc_min=manifest.hlc_min,
                hlc_max=manifest.hlc_max, status="written",
                summary={"scope": manifest.scope, "counts": manifest.counts(),
                         "watermark": watermark,
                         "recipients": "passphrase" if passphrase is not None else len(recipients)},
            ))
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
    for chunk in _chunks(sorted(ids)):
        for row in session.execute(select(t).where(t.c.id.in_(chunk)).order_by(t.c.id)).mappings():
            yield dict(row)


# --------------------------------------------------------------------------- reading


_DRIVE_RE = re.compile(r"^[A-Za-z]:")


def check_member_name(name: str) -> str | None:
    """Why a zip member name is refused, or ``None`` when it is safe."""
    if "\\" in name:
        return "a backslash"
    if name.startswith("/"):
        return "an absolute path"
    if _DRIVE_RE.match(name):
        return "a drive letter"
    if any(part == ".." for part in name.split("/")):
        return "'..'"
    if "\x00" in name:
        return "a NUL character"
    return None


@dataclass
class OpenedBundle:
    """A decrypted, checked bundle in a private temp folder."""

    source: Path
    manifest: Manifest
    manifest_bytes: bytes
    zip_path: Path
    members: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    ids: dict[str, set[str]] = field(default_factory=dict)
    refs: dict[str, set[str]] = field(default_factory=dict)
    hlc_seen: int = 0  # the highest clock in the records (after scan), not the manifest's claim

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    def scan(self, progress: Progress | None = None) -> None:
        """Check every data file and record (see :func:`_scan`)."""
        _scan(self, self.members, progress or Progress())

    def error(self, message: str) -> BundleError:
        return BundleError(self.source, message)

    def records(self, table: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """(line number, column values) of one table's file, after :meth:`scan`.

        The file was fully checked by the scan; here its bytes are hashed again
        as they are read, so a temp file changed in between is still caught
        (before the merge's transaction commits).
        """
        name = data_member(table)
        digest = hashlib.sha256()
        lenient = self.manifest.newer_minor
        decode = json.JSONDecoder().decode
        with zipfile.ZipFile(self.zip_path) as zf, io.BufferedReader(zf.open(name), 1 << 20) as fh:  # type: ignore[type-var]
            for number, raw in enumerate(_lines(fh), start=1):
                digest.update(raw + b"\n")
                try:
                    yield number, convert_record(table, decode(raw.decode("utf-8")), lenient=lenient)
                except (ValueError, TypeError, KeyError, AttributeError) as exc:
                    raise self.error(f"{name} line {number}: {exc}") from None
        if name in self.manifest.files and digest.hexdigest() != self.manifest.files[name].sha256:
            raise self.error(f"{name} changed while it was being merged")


def _lines(fh: IO[bytes]) -> Iterator[bytes]:
    while True:
        raw = fh.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES:
            raise RecordError(f"a line is longer than {MAX_LINE_BYTES} bytes")
        yield raw.rstrip(b"\n")


def _decrypt(path: Path, target: Path, passphrase: bytes | None) -> None:
    own = keys.load_keys() if keys.keys_exist() else None
    try:
        # A private scratch file, removed after the import (not a file the app delivers).
        with path.open("rb") as src, target.open("wb") as dst:  # atomic-exempt
            agefmt.decrypt(src, dst, identities=[own.identity] if own else [], passphrase=passphrase)
    except agefmt.NoIdentityError as exc:
        if exc.passphrase:
            if passphrase is None:
                raise BundleError(path, "the bundle is protected by a passphrase: give "
                                  "--passphrase-file FILE") from None
            raise BundleError(path, "wrong passphrase") from None
        names = [keys.name_for_fingerprint(h) or f"an unknown key ({h})" for h in exc.hints]
        who = ", ".join(names) if names else "a recipient that is not named in the file"
        mine = f" (this site's key is {own.recipient.fingerprint})" if own else " (this site has no keys yet)"
        raise BundleError(path, f"encrypted for another recipient: {who}; not for this site{mine}") from None
    except agefmt.AgeError as exc:
        raise BundleError(path, f"cannot decrypt: {exc}") from None
    except MemoryError:
        raise BundleError(path, "cannot decrypt: not enough memory (close other programs and "
                          "try again)") from None


def _check_zip(path: Path, zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    members: dict[str, zipfile.ZipInfo] = {}
    for info in zf.infolist():
        why = check_member_name(info.filename)
        if why:
            raise BundleError(path, f"member {info.filename!r} has {why} in its name")
        mode = (info.external_attr >> 16) & 0o170000
        if mode == stat.S_IFLNK:
            raise BundleError(path, f"member {info.filename!r} is a link")
        if info.is_dir():
            raise BundleError(path, f"member {info.filename!r} is a folder")
        if info.filename in members:
            raise BundleError(path, f"member {info.filename!r} appears twice")
        attached = is_attachment(info.filename)
        if info.filename not in (MANIFEST, SIGNATURE) and info.filename not in DATA_MEMBERS and not attached:
            raise BundleError(path, f"unknown member {info.filename!r}")
        cap = {MANIFEST: MAX_MANIFEST_BYTES, SIGNATURE: MAX_SIGNATURE_BYTES}.get(
            info.filename, MAX_ATTACHMENT_BYTES if attached else MAX_MEMBER_BYTES)
        if info.file_size > cap:
            raise BundleError(path, f"member {info.filename!r} is too large ({info.file_size:,} bytes)")
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise BundleError(path, f"member {info.filename!r} expands too much "
                              f"({info.compress_size:,} to {info.file_size:,} bytes)")
        members[info.filename] = info
    for needed in (MANIFEST, SIGNATURE):
        if needed not in members:
            raise BundleError(path, f"member {needed!r} is missing")
    return members


def _read_small(zf: zipfile.ZipFile, name: str, cap: int) -> bytes:
    with zf.open(name) as fh:
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise zipfile.BadZipFile(f"{name} is larger than it says")
    return data


def check_signer(path: Path, manifest: Manifest, store_site_id: str | None) -> str:
    """Who signed the bundle, if we trust them; refuse clones and strangers."""
    own = keys.load_keys() if keys.keys_exist() else None
    fp = manifest.signer
    if own is not None and fp == own.fingerprint:
        return f"this site ({own.name})"
    if store_site_id is not None and manifest.site_id == store_site_id:
        raise BundleError(path, f"the bundle claims this store's own site id {manifest.site_id} but "
                          f"is signed by another key ({fp}): a cloned laptop or store?")
    trusted = keys.load_trust()
    signer = next((s for s in trusted if s.fingerprint == fp), None)
    for other in trusted:
        if other.fingerprint != fp and manifest.site_id in other.site_ids:
            raise BundleError(path, f"site {manifest.site_id} is known with the key of "
                              f"{other.name!r} ({other.fingerprint}) but this bundle is signed by "
                              f"another key ({fp}): a cloned laptop?")
    if signer is None:
        raise BundleError(path, f"signed by an unknown key {fp} (site {manifest.site_name!r}, "
                          f"{manifest.site_id}): trust it first with `fieldapp keys trust FILE`")
    return signer.name


def _scan(opened: OpenedBundle, members: dict[str, zipfile.ZipInfo], progress: Progress) -> None:
    """Check every data file's hash, size and count, and every record; collect ids."""
    path = opened.source
    manifest = opened.manifest
    data_present = {n for n in members if n in DATA_MEMBERS}
    for name in sorted(set(manifest.files) - data_present):
        raise BundleError(path, f"member {name!r} is missing")
    for name in sorted(data_present - set(manifest.files)):
        raise BundleError(path, f"unknown member {name!r} (not in the manifest)")
    total = manifest.total_records or 1
    done = 0
    lenient = manifest.newer_minor
    with zipfile.ZipFile(opened.zip_path) as zf:
        for model in SYNCED_MODELS:
            table = model.__tablename__
            name = data_member(table)
            ids: set[str] = set()
            opened.ids[table] = ids
            if name not in manifest.files:
                continue
            entry = manifest.files[name]
            if members[name].file_size != entry.size:
                raise BundleError(path, f"{name}: size {members[name].file_size:,} does not match "
                                  f"the manifest ({entry.size:,})")
            digest = hashlib.sha256()
            count = 0
            first_error: str | None = None
            fks = FOREIGN_KEYS[table]
            with io.BufferedReader(zf.open(name), 1 << 20) as fh:  # type: ignore[type-var]
                try:
                    for raw_line in _lines(fh):
                        digest.update(raw_line + b"\n")
                        count += 1
                        if first_error is not None:
                            continue
                        try:
                            values = check_record(table, parse_line(raw_line), lenient=lenient)
                            rid = values["id"]
                            if rid in ids:
                                raise RecordError(f"duplicate id {rid} in the bundle")
                            ids.add(rid)
                            if not manifest.hlc_min <= values["hlc"] <= manifest.hlc_max:
                                raise RecordError("field 'hlc' is outside the manifest's clock range")
                            opened.hlc_seen = max(opened.hlc_seen, values["hlc"])
                            for col, target in fks:
                                ref = values[col]
                                if ref is not None:
                                    opened.refs.setdefault(target, set()).add(ref)
                        except RecordError as exc:
                            first_error = f"{name} line {count}: {exc}"
                        done += 1
                        if done % 5000 == 0:
                            progress.check()
                            progress.update(done, total, "Checking records")
                except RecordError as exc:
                    raise BundleError(path, f"{name}: {exc}") from None
                except (zipfile.BadZipFile, OSError, EOFError) as exc:
                    raise BundleError(path, f"{name} is damaged ({exc})") from None
            if digest.hexdigest() != entry.sha256:
                raise BundleError(path, f"{name}: the SHA-256 does not match the manifest "
                                  "(the file was changed after signing)")
            if count != entry.records:
                raise BundleError(path, f"{name}: {count:,} records, but the manifest says "
                                  f"{entry.records:,}")
            if first_error:
                raise BundleError(path, first_error)


@contextlib.contextmanager
def open_bundle(
    path: str | Path,
    *,
    passphrase: bytes | None = None,
    store_site_id: str | None = None,
    scan: bool = True,
    require_trust: bool = True,
    progress: Progress | None = None,
) -> Iterator[OpenedBundle]:
    """Decrypt and check a bundle; yield it; remove the decrypted copy afterwards."""
    progress = progress or Progress()
    source = Path(path)
    if not source.exists():
        raise BundleError(source, "no such file")
    if source.is_dir():
        raise BundleError(source, "is a folder, not a bundle")
    if source.stat().st_size == 0:
        raise BundleError(source, "the file is empty (zero bytes): not a bundle")
    with source.open("rb") as fh:
        head = fh.read(len(agefmt.MAGIC))
    if head != agefmt.MAGIC:
        raise BundleError(source, "not a Field App bundle (not an age-encrypted file)")
    tmpdir = private_tempdir()
    try:
        zip_path = tmpdir / "bundle.zip"
        progress.update(0, None, "Decrypting")
        _decrypt(source, zip_path, passphrase)
        try:
            with zipfile.ZipFile(zip_path) as zf:
                members = _check_zip(source, zf)
                manifest_bytes = _read_small(zf, MANIFEST, MAX_MANIFEST_BYTES)
                sig_text = _read_small(zf, SIGNATURE, MAX_SIGNATURE_BYTES)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
            raise BundleError(source, f"not a Field App bundle (the content is not a valid zip: {exc})") from None
        try:
            manifest = parse_manifest(manifest_bytes)
        except ManifestError as exc:
            raise BundleError(source, str(exc)) from None
        try:
            signature = base64.b64decode(sig_text.strip(), validate=True)
        except ValueError:
            signature = b""
        if keys.fingerprint(manifest.sign_key) != manifest.signer:
            raise BundleError(source, "the signer's key does not match its fingerprint")
        if len(signature) != 64 or not keys.verify(manifest.sign_key, signature, manifest_bytes):
            raise BundleError(source, "bad signature: the manifest was changed or not signed by "
                              f"the key it names ({manifest.signer})")
        if require_trust:
            check_signer(source, manifest, store_site_id)
        opened = OpenedBundle(source, manifest, manifest_bytes, zip_path, members)
        if scan:
            opened.scan(progress)
        yield opened
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def inspect_bundle(path: str | Path, *, passphrase: bytes | None = None) -> tuple[Manifest, str]:
    """The manifest and signer name of a bundle, without importing it."""
    with open_bundle(path, passphrase=passphrase, scan=False, require_trust=False) as opened:
        try:
            signer = check_signer(opened.source, opened.manifest, None)
        except BundleError as exc:
            signer = f"NOT TRUSTED: {exc.detail}"
        return opened.manifest, signer


def read_passphrase_file(path: str | Path) -> bytes:
    """A passphrase from a file: the first line, without its line ending."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the passphrase file ({exc.strerror})", where=str(p)) from None
    line = data.split(b"\n", 1)[0].rstrip(b"\r")
    if not line:
        raise InputError("the passphrase file is empty", where=str(p))
    return line


__all__ = [
    "BundleError",
    "ExportResult",
    "FieldAppError",
    "OpenedBundle",
    "export_bundle",
    "inspect_bundle",
    "open_bundle",
]
