"""Reading a ``.fieldbundle``: decrypt, then check zip members, signature, signer and records.

Reading decrypts to a private temp file (streaming, memory stays flat), then
checks the zip's member names and sizes (never ``extractall``), the signature
and the signer, every file's hash and record count, and every record
(:func:`fieldapp.services.sync.format.check_record`). Only a bundle that
passes all of it reaches the merge.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import re
import shutil
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from fieldapp.core.models import SYNCED_MODELS
from fieldapp.core.site import SitePaths
from fieldapp.errors import InputError
from fieldapp.services.progress import Progress
from fieldapp.services.sync import agefmt, keys
from fieldapp.services.sync.attachments import MAX_ATTACHMENT_BYTES, is_attachment
from fieldapp.services.sync.common import BundleError, private_tempdir
from fieldapp.services.sync.format import (
    DATA_MEMBERS,
    FOREIGN_KEYS,
    MANIFEST,
    MAX_LINE_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_SIGNATURE_BYTES,
    SIGNATURE,
    Manifest,
    ManifestError,
    RecordError,
    check_record,
    convert_record,
    data_member,
    parse_line,
    parse_manifest,
)

MAX_MEMBER_BYTES = 8 * 1024**3
MAX_RATIO = 200  # ndjson deflates about 10:1; deflate itself tops out near 1030:1



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


def _decrypt(path: Path, target: Path, passphrase: bytes | None, site: SitePaths | None) -> None:
    own = keys.load_keys(site) if keys.keys_exist(site) else None
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
        names = [keys.name_for_fingerprint(h, site) or f"an unknown key ({h})" for h in exc.hints]
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


def check_signer(path: Path, manifest: Manifest, store_site_id: str | None,
                 site: SitePaths | None = None) -> str:
    """Who signed the bundle, if we trust them; refuse clones and strangers."""
    own = keys.load_keys(site) if keys.keys_exist(site) else None
    fp = manifest.signer
    if own is not None and fp == own.fingerprint:
        return f"this site ({own.name})"
    if store_site_id is not None and manifest.site_id == store_site_id:
        raise BundleError(path, f"the bundle claims this store's own site id {manifest.site_id} but "
                          f"is signed by another key ({fp}): a cloned laptop or store?")
    trusted = keys.load_trust(site)
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
    site: SitePaths | None = None,
) -> Iterator[OpenedBundle]:
    """Decrypt and check a bundle; yield it; remove the decrypted copy afterwards.

    ``site`` has the keys that open it and the trust store that checks its signer
    (default: the process's site).
    """
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
    tmpdir = private_tempdir(site)
    try:
        zip_path = tmpdir / "bundle.zip"
        progress.update(0, None, "Decrypting")
        _decrypt(source, zip_path, passphrase, site)
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
            check_signer(source, manifest, store_site_id, site)
        opened = OpenedBundle(source, manifest, manifest_bytes, zip_path, members)
        if scan:
            opened.scan(progress)
        yield opened
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def inspect_bundle(path: str | Path, *, passphrase: bytes | None = None,
                   site: SitePaths | None = None) -> tuple[Manifest, str]:
    """The manifest and signer name of a bundle, without importing it."""
    with open_bundle(path, passphrase=passphrase, scan=False, require_trust=False,
                     site=site) as opened:
        try:
            signer = check_signer(opened.source, opened.manifest, None, site)
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
