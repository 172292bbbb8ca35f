"""Simulated sites for the sync tests: each has its own data folder (keys) and store.

A site's folders are a :class:`SitePaths` of its own; its store is opened with
them, so the sync services find that site's keys from the store. A test that
plays several sites makes several ``Site`` objects: nothing global is switched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fieldapp.core.db import Store, open_store
from fieldapp.core.site import SitePaths
from fieldapp.services.inspect_store import iter_dump_lines
from fieldapp.services.sync import keys


class Site:
    def __init__(self, root: Path, name: str, store: Store | None = None) -> None:
        self.name = name
        self.dir = root / name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.paths = SitePaths.under(self.dir / "data")  # what `--data-dir DIR/data` names
        self.store = store or open_store(self.dir / "store.sqlite", site=self.paths)
        self.store.site = self.paths
        self.keys = keys.init_keys(name, site=self.paths)
        self.public = self.keys.public_document(self.store.site_id)

    def open(self, path_or_url: str | Path) -> Store:
        """Another store (a fresh merge target, say) that uses this site's keys."""
        return open_store(path_or_url, site=self.paths)

    def trust(self, other: Site, *, recipient: bool = True) -> None:
        keys.trust(keys.parse_public_document(json.dumps(other.public), other.name),
                   recipient=recipient, site=self.paths)

    def close(self) -> None:
        self.store.close()


def dump(store: Store) -> str:
    return "".join(iter_dump_lines(store))


def dump_tables(store: Store) -> dict[str, Any]:
    return json.loads(dump(store))["tables"]  # type: ignore[no-any-return]


def connect(*sites: Site) -> None:
    """Every site trusts every other and encrypts to them."""
    for a in sites:
        for b in sites:
            if a is not b:
                a.trust(b)


class FakeWall:
    """A wall clock the test moves by hand (milliseconds)."""

    def __init__(self, start_ms: int) -> None:
        self.ms = start_ms

    def __call__(self) -> int:
        return self.ms


def craft_bundle(
    site: Site,
    out: Path,
    files: dict[str, bytes],
    *,
    manifest: dict[str, Any] | None = None,
    manifest_bytes: bytes | None = None,
    signature: bytes | None = None,
    extra_members: list[tuple[Any, bytes]] | None = None,
    recipients: list[Any] | None = None,
    passphrase: bytes | None = None,
    sign_with: Any = None,
) -> Path:
    """Build a bundle by hand (for bad-input tests): any members, any manifest.

    ``files`` maps member names (``data/doors.ndjson``) to their bytes; the
    manifest lists them with true hashes and counts unless ``manifest``
    overrides fields. Signed with the site's key unless ``signature`` is given.
    """
    import base64
    import datetime as dt
    import hashlib
    import io
    import zipfile

    from fieldapp.core.ids import new_id
    from fieldapp.services.sync import agefmt
    from fieldapp.services.sync.format import FORMAT_NAME, FORMAT_VERSION

    signer = sign_with or site.keys
    doc: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema": "0001",
        "app_version": "0.1.0",
        "bundle_id": new_id(),
        "site_id": site.store.site_id,
        "site_name": site.name,
        "seq": 1,
        "prev_bundle_id": None,
        "created_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "hlc_min": "0000000000000000",
        "hlc_max": f"{site.store.clock.last:016x}",
        "scope": {"kind": "full"},
        "signer": {
            "fingerprint": signer.fingerprint,
            "public_key": base64.b64encode(signer.sign_public).decode(),
        },
        "files": {
            name: {
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "records": data.count(b"\n"),
            }
            for name, data in files.items()
        },
    }
    doc.update(manifest or {})
    body = manifest_bytes if manifest_bytes is not None else json.dumps(doc, indent=1).encode()
    sig = signature if signature is not None else base64.b64encode(signer.sign(body))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        for info, data in extra_members or []:
            zf.writestr(info, data)
        zf.writestr("manifest.json", body)
        zf.writestr("manifest.sig", sig)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as dst:
        if passphrase is not None:
            agefmt.encrypt(io.BytesIO(buf.getvalue()), dst, passphrase=passphrase, scrypt_log_n=4)
        else:
            agefmt.encrypt(io.BytesIO(buf.getvalue()), dst,
                           recipients=recipients or [site.keys.recipient])
    return out


def bundle_files(site: Site, path: Path) -> dict[str, bytes]:
    """The data members of a real bundle (decrypted with the site's key)."""
    import io
    import zipfile

    from fieldapp.services.sync import agefmt

    plain = io.BytesIO()
    with path.open("rb") as src:
        agefmt.decrypt(src, plain, identities=[site.keys.identity])
    with zipfile.ZipFile(plain) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("data/")}
