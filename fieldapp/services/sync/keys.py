"""This site's keys and the other sites it trusts.

Two private keys, both in a site's ``keys`` folder (:class:`~fieldapp.core.site.SitePaths`;
every function takes ``site``, default: the process's) with owner-only permissions (never in the store, never in a bundle):

* ``signing.key``: Ed25519 (PKCS#8 PEM), signs every bundle's manifest;
* ``age-identity.txt``: an X25519 identity in age-keygen's format, so that
  ``age -d -i age-identity.txt`` opens bundles sent to this site.

The trust store (``trust.json`` in the config folder) holds other sites'
public keys: their signing key (bundles signed by it are accepted), their age
recipient (``--to NAME`` encrypts to it; ``recipient: true`` makes it a
default recipient), and the site ids seen signed by that key (a site id signed
by another key is a cloned laptop and is refused).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fieldapp import paths
from fieldapp.core import files
from fieldapp.core.ids import is_uuid
from fieldapp.core.site import SitePaths
from fieldapp.errors import FieldAppError, InputError, NotFoundError
from fieldapp.services.sync.agefmt import AgeError, Identity, Recipient

log = logging.getLogger(__name__)

PUBLIC_FORMAT = "fieldapp-public-keys/1"
SIGNING_FILE = "signing.key"
IDENTITY_FILE = "age-identity.txt"
SITE_FILE = "site.json"


class KeysError(FieldAppError):
    """Keys are missing, unreadable or not trusted."""


def fingerprint(public_raw: bytes) -> str:
    """The name of a signing key: 32 hex digits of its SHA-256."""
    return hashlib.sha256(b"fieldapp-sign:" + public_raw).hexdigest()[:32]


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


_P = 2**255 - 19
_D = -121665 * pow(121666, _P - 2, _P) % _P


def _ed_add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    """Add two points of edwards25519 (affine, complete for curve points)."""
    (x1, y1), (x2, y2) = a, b
    t = _D * x1 * x2 * y1 * y2 % _P
    x3 = (x1 * y2 + y1 * x2) * pow(1 + t, _P - 2, _P) % _P
    y3 = (y1 * y2 + x1 * x2) * pow(1 - t, _P - 2, _P) % _P
    return x3, y3


def sign_key_problem(raw: bytes) -> str | None:
    """Why 32 bytes are not a usable Ed25519 public key, or None.

    Refuses non-canonical encodings, points off the curve and points of small
    order (the all-zero key among them): with such a key, signatures prove
    nothing about who made them.
    """
    if len(raw) != 32:
        return "not 32 bytes"
    y = int.from_bytes(raw, "little") & ((1 << 255) - 1)
    sign = raw[31] >> 7
    if y >= _P:
        return "not a canonical encoding"
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P) % _P
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P:
        x = x * pow(2, (_P - 1) // 4, _P) % _P
    if (x * x - x2) % _P:
        return "not a point on the curve"
    if x == 0 and sign:
        return "not a canonical encoding"
    if x & 1 != sign:
        x = _P - x
    point = (x, y)
    for _ in range(3):
        point = _ed_add(point, point)
    if point == (0, 1):
        return "a low-order key"
    return None


def verify(public_raw: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def _write_private(path: Path, data: bytes) -> None:
    """Write a secret file owner-only from the first byte, all or nothing."""
    files.write_bytes(path, data, private=True)


def _write_public(path: Path, data: bytes) -> None:
    files.write_bytes(path, data)


@dataclass
class SiteKeys:
    """This site's private keys and its public name."""

    name: str
    signing: Ed25519PrivateKey
    identity: Identity

    @property
    def sign_public(self) -> bytes:
        return raw_public(self.signing.public_key())

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_public)

    @property
    def recipient(self) -> Recipient:
        return self.identity.recipient()

    def sign(self, data: bytes) -> bytes:
        return self.signing.sign(data)

    def public_document(self, site_id: str | None = None) -> dict[str, Any]:
        """What ``keys export-public`` prints: safe to hand to anyone."""
        return {
            "format": PUBLIC_FORMAT,
            "name": self.name,
            "fingerprint": self.fingerprint,
            "sign_key": base64.b64encode(self.sign_public).decode("ascii"),
            "age_recipient": str(self.recipient),
            "site_ids": [site_id] if site_id else [],
        }


def keys_exist(site: SitePaths | None = None) -> bool:
    folder = paths.keys_dir(site)
    return (folder / SIGNING_FILE).exists() and (folder / IDENTITY_FILE).exists()


def init_keys(name: str | None = None, *, force: bool = False,
              site: SitePaths | None = None) -> SiteKeys:
    """Make this site's signing key and age identity (refuses to overwrite)."""
    folder = paths.keys_dir(site)
    if keys_exist(site) and not force:
        raise KeysError(f"this site already has keys in {folder} (fingerprint "
                        f"{load_keys(site).fingerprint}); nothing was changed")
    signing = Ed25519PrivateKey.generate()
    identity = Identity.generate()
    pem = signing.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_private(folder / SIGNING_FILE, pem)
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    text = f"# created: {created}\n# public key: {identity.recipient()}\n{identity}\n"
    _write_private(folder / IDENTITY_FILE, text.encode("ascii"))
    site_name = name or socket.gethostname() or "site"
    _write_public(folder / SITE_FILE, json.dumps({"name": site_name}).encode())
    log.info("made this site's keys in %s", folder)
    return load_keys(site)


def load_keys(site: SitePaths | None = None) -> SiteKeys:
    folder = paths.keys_dir(site)
    if not keys_exist(site):
        raise KeysError(f"this site has no keys yet: run `fieldapp keys init` (looked in {folder})")
    try:
        signing = serialization.load_pem_private_key(
            (folder / SIGNING_FILE).read_bytes(), password=None
        )
        identity = Identity.parse((folder / IDENTITY_FILE).read_text("ascii"))
    except (ValueError, AgeError, UnicodeDecodeError) as exc:
        raise KeysError(f"cannot read this site's keys in {folder}: {exc}") from None
    if not isinstance(signing, Ed25519PrivateKey):
        raise KeysError(f"{folder / SIGNING_FILE} is not an Ed25519 key")
    name = "site"
    try:
        name = str(json.loads((folder / SITE_FILE).read_text("utf-8")).get("name") or name)
    except (OSError, ValueError):
        pass
    return SiteKeys(name=name, signing=signing, identity=identity)


def ensure_keys(site: SitePaths | None = None) -> SiteKeys:
    """This site's keys, made on first use."""
    return load_keys(site) if keys_exist(site) else init_keys(site=site)


# --------------------------------------------------------------------------- trust store


@dataclass
class TrustedSite:
    name: str
    fingerprint: str
    sign_key: bytes
    age_recipient: str
    recipient: bool = False
    site_ids: list[str] = field(default_factory=list)
    added_at: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "fingerprint": self.fingerprint,
            "sign_key": base64.b64encode(self.sign_key).decode("ascii"),
            "age_recipient": self.age_recipient,
            "recipient": self.recipient,
            "site_ids": sorted(set(self.site_ids)),
            "added_at": self.added_at,
        }


def trust_path(site: SitePaths | None = None) -> Path:
    return paths.resolve(site).trust_file


def load_trust(site: SitePaths | None = None) -> list[TrustedSite]:
    path = trust_path(site)
    if not path.exists():
        return []
    try:
        doc = json.loads(path.read_text("utf-8"))
        return [
            TrustedSite(
                name=str(e["name"]),
                fingerprint=str(e["fingerprint"]),
                sign_key=base64.b64decode(e["sign_key"]),
                age_recipient=str(e["age_recipient"]),
                recipient=bool(e.get("recipient")),
                site_ids=[str(s) for s in e.get("site_ids", [])],
                added_at=str(e.get("added_at", "")),
            )
            for e in doc["sites"]
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise KeysError(f"{path}: the trust store cannot be read ({exc})") from None


def save_trust(sites: list[TrustedSite], site: SitePaths | None = None) -> None:
    doc = {"format": "fieldapp-trust/1", "sites": [s.as_json() for s in sites]}
    _write_public(trust_path(site), json.dumps(doc, indent=2, sort_keys=True).encode("utf-8"))


def parse_public_document(text: str, where: str) -> TrustedSite:
    """Read what another site's ``keys export-public`` printed."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise InputError(f"not a public key file ({exc})", where=where) from None
    if not isinstance(doc, dict) or doc.get("format") != PUBLIC_FORMAT:
        raise InputError(f"not a public key file (format should be {PUBLIC_FORMAT!r})", where=where)
    for key in ("name", "sign_key", "age_recipient"):
        if not isinstance(doc.get(key), str) or not doc[key]:
            raise InputError(f"field {key!r} is missing or not text", where=where)
    try:
        sign_key = base64.b64decode(doc["sign_key"], validate=True)
        Ed25519PublicKey.from_public_bytes(sign_key)
    except ValueError:
        raise InputError("field 'sign_key' is not an Ed25519 public key", where=where) from None
    problem = sign_key_problem(sign_key)
    if problem:
        raise InputError(f"field 'sign_key' is not a usable signing key ({problem})", where=where)
    try:
        Recipient.parse(doc["age_recipient"])
    except AgeError as exc:
        raise InputError(f"field 'age_recipient': {exc}", where=where) from None
    site_ids = doc.get("site_ids", [])
    if not isinstance(site_ids, list) or not all(is_uuid(s) for s in site_ids):
        raise InputError("field 'site_ids' must be a list of site ids", where=where)
    fp = fingerprint(sign_key)
    if doc.get("fingerprint") not in (None, fp):
        raise InputError("field 'fingerprint' does not match the key", where=where)
    return TrustedSite(
        name=doc["name"], fingerprint=fp, sign_key=sign_key,
        age_recipient=doc["age_recipient"], site_ids=list(site_ids),
    )


def trust(entry: TrustedSite, *, recipient: bool = False, name: str | None = None,
          site: SitePaths | None = None) -> TrustedSite:
    """Add (or update) a trusted site; refuse a site id already tied to another key."""
    sites = load_trust(site)
    own = load_keys(site) if keys_exist(site) else None
    if own is not None and own.fingerprint == entry.fingerprint:
        raise KeysError("that is this site's own key: nothing to trust")
    for other in sites:
        if other.fingerprint != entry.fingerprint:
            clash = set(other.site_ids) & set(entry.site_ids)
            if clash:
                raise KeysError(
                    f"site {sorted(clash)[0]} is already trusted with the key of "
                    f"{other.name!r} ({other.fingerprint}): a cloned laptop? Nothing was changed"
                )
    entry.name = name or entry.name
    entry.recipient = recipient
    entry.added_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    kept = [s for s in sites if s.fingerprint != entry.fingerprint]
    for s in sites:
        if s.fingerprint == entry.fingerprint:
            entry.site_ids = sorted(set(s.site_ids) | set(entry.site_ids))
            entry.recipient = recipient or s.recipient
    kept.append(entry)
    save_trust(kept, site)
    return entry


def untrust(name: str, site: SitePaths | None = None) -> TrustedSite:
    """Remove a trusted site (by name, fingerprint, site id or recipient)."""
    gone = find_site(name, site=site)
    save_trust([s for s in load_trust(site) if s.fingerprint != gone.fingerprint], site)
    log.info("removed trusted key %s", gone.fingerprint)
    return gone


def entry_problem(site: TrustedSite) -> str | None:
    """Why a trust-store entry cannot be used (an old or hand-edited file), or None."""
    problem = sign_key_problem(site.sign_key)
    if problem:
        return f"signing key: {problem}"
    try:
        Recipient.parse(site.age_recipient)
    except AgeError as exc:
        return str(exc)
    return None


def remember_site(fp: str, site_id: str, site: SitePaths | None = None) -> None:
    """Tie a site id to the trusted key that signed its bundle (first seen)."""
    sites = load_trust(site)
    for s in sites:
        if s.fingerprint == fp and site_id not in s.site_ids:
            s.site_ids.append(site_id)
            save_trust(sites, site)
            return


def find_recipient(name: str, site: SitePaths | None = None) -> TrustedSite:
    """A trusted site to encrypt to, by name, fingerprint, site id, or age recipient."""
    found = find_site(name, kind="recipient", site=site)
    problem = entry_problem(found)
    if problem:
        raise KeysError(f"the trusted key of {found.name!r} ({found.fingerprint}) cannot be used "
                        f"({problem}): `fieldapp keys untrust {found.fingerprint}`, then trust a "
                        "good copy")
    return found


def find_site(name: str, *, kind: str = "site", site: SitePaths | None = None) -> TrustedSite:
    """A trusted site by name, fingerprint, site id, or its age recipient."""
    sites = load_trust(site)
    wanted = name.strip()
    hits = [
        s for s in sites
        if wanted.lower() == s.name.lower() or wanted in (s.fingerprint, s.age_recipient)
        or wanted in s.site_ids
    ]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise InputError(f"{len(hits)} trusted sites are called {name!r}: use a fingerprint")
    known = ", ".join(s.name for s in sites) or "none yet (fieldapp keys trust FILE)"
    raise NotFoundError(f"no trusted {kind} called {name!r}; trusted sites: {known}")


def name_for_fingerprint(fp: str, site: SitePaths | None = None) -> str | None:
    """Who a recipient fingerprint (from a bundle's header) belongs to, if known."""
    own = load_keys(site) if keys_exist(site) else None
    if own is not None and own.recipient.fingerprint == fp:
        return f"this site ({own.name})"
    for s in load_trust(site):
        try:
            if Recipient.parse(s.age_recipient).fingerprint == fp:
                return s.name
        except AgeError:
            continue
    return None
