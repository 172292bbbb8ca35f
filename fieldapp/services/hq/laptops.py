"""Laptops HQ knows: invited (a one-time token), joined (its keys and secret), revoked.

``invite`` makes the join file; the laptop's first contact (:func:`enrol`) spends the
token for good and returns the secret the laptop uses from then on; :func:`authenticate`
answers who a secret belongs to, and refuses a revoked laptop. Only hashes of tokens and
secrets are stored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from fieldapp.core.db import Store
from fieldapp.core.hq_models import HqLaptop
from fieldapp.core.ids import new_id
from fieldapp.core.models import Campaign
from fieldapp.core.site import SitePaths
from fieldapp.errors import FieldAppError, InputError, NotFoundError
from fieldapp.services.hq.joinfile import JoinFile, check_server_url, now_text
from fieldapp.services.sync import keys

log = logging.getLogger(__name__)


class EnrolError(FieldAppError):
    """A join or a request HQ refuses; ``code`` is what the server answers."""

    def __init__(self, message: str, code: str, status: int = 403, *,
                 detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.detail = detail or {}


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def campaign_name(store: Store) -> str:
    with store.session() as session:
        name = session.scalar(select(Campaign.name).where(Campaign.deleted.is_(False))
                              .order_by(Campaign.born_hlc).limit(1))
    return name or "Field App campaign"


def invite(store: Store, name: str, servers: list[str], *, turfs: list[str] | None = None,
           campaign: str | None = None) -> JoinFile:
    """Make a join file for one laptop (a new one-time token)."""
    if not name.strip():
        raise InputError("an invite needs the person's name (--name)")
    if not servers:
        raise InputError("an invite needs the inbox server address (--server https://host:port)")
    urls = [check_server_url(s, "--server") for s in servers]
    own = keys.ensure_keys(store.site)
    token = secrets.token_urlsafe(24)
    laptop_id = new_id()
    with store.transaction() as session:
        session.add(HqLaptop(id=laptop_id, name=name.strip(), turfs=list(turfs or []),
                             token_hash=digest(token), status="invited", created_at=_now()))
    log.info("invited laptop %s", laptop_id)
    return JoinFile(campaign=campaign or campaign_name(store), laptop_name=name.strip(),
                    laptop_id=laptop_id, hq=own.public_document(store.site_id), servers=urls,
                    token=token, created_at=now_text(), turfs=list(turfs or []))


@dataclass
class Laptop:
    id: str
    name: str
    status: str
    fingerprint: str | None
    turfs: list[str]
    created_at: dt.datetime
    joined_at: dt.datetime | None
    last_seen_at: dt.datetime | None


def _plain(row: HqLaptop) -> Laptop:
    return Laptop(row.id, row.name, row.status, row.fingerprint, list(row.turfs or []),
                  row.created_at, row.joined_at, row.last_seen_at)


def list_laptops(store: Store) -> list[Laptop]:
    with store.session() as session:
        return [_plain(r) for r in session.scalars(select(HqLaptop).order_by(HqLaptop.created_at))]


def find_laptop(store: Store, text: str) -> Laptop:
    """A laptop by id (or its first characters), fingerprint, or the invite's name."""
    wanted = text.strip()
    hits = [lap for lap in list_laptops(store)
            if lap.id.startswith(wanted) or lap.fingerprint == wanted
            or lap.name.lower() == wanted.lower()]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise InputError(f"{len(hits)} laptops match {text!r}: use the laptop id")
    raise NotFoundError(f"no laptop called {text!r} (see `fieldapp hq laptops`)")


def revoke(store: Store, text: str, **options: Any) -> Laptop:
    """Revoke a laptop: its packets and token are refused from now on, and it may make one
    final upload (:func:`fieldapp.services.hq.revocation.revoke` says how, and why)."""
    from fieldapp.services.hq import revocation

    return revocation.revoke(store, text, **options).laptop


@contextlib.contextmanager
def _trust_lock(site: SitePaths | None = None) -> Iterator[None]:
    """Several server processes may add to one trust store: one at a time."""
    lock = keys.trust_path(site).with_name("trust.json.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as fh:  # atomic-exempt: a lock file, never read
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def ensure_trusted(name: str, public_doc: dict[str, Any], site: SitePaths | None = None) -> None:
    """Put a joined laptop's keys in HQ's trust store (once), so the import path accepts it."""
    entry = keys.parse_public_document(json.dumps(public_doc), f"laptop {name}")
    with _trust_lock(site):
        if any(s.fingerprint == entry.fingerprint for s in keys.load_trust(site)):
            return
        keys.trust(entry, name=name, site=site)


def enrol(store: Store, token: Any, public_doc: Any) -> tuple[str, str]:
    """Spend a join token: record the laptop's public keys; return (laptop id, secret)."""
    if not isinstance(token, str) or not isinstance(public_doc, dict):
        raise EnrolError("a join needs a token and the laptop's public keys", "bad-request", 400)
    try:
        site = keys.parse_public_document(json.dumps(public_doc), "join request")
    except InputError as exc:
        raise EnrolError(f"the laptop's public keys cannot be read: {exc}", "bad-keys", 400) from None
    secret = secrets.token_urlsafe(32)
    now = _now()
    with store.transaction() as session:
        # One atomic update spends the token: of two laptops racing with one join file
        # (in one process or several), exactly one sees its update land.
        spent = session.execute(
            update(HqLaptop)
            .where(HqLaptop.token_hash == digest(token), HqLaptop.status == "invited")
            .values(status="joined", joined_at=now, last_seen_at=now,
                    fingerprint=site.fingerprint,
                    site_id=site.site_ids[0] if site.site_ids else None,
                    public_doc=public_doc, secret_hash=digest(secret)))
        row = session.scalar(select(HqLaptop).where(HqLaptop.token_hash == digest(token)))
        if spent.rowcount != 1:  # type: ignore[attr-defined]
            if row is None:
                raise EnrolError("HQ does not know this join file", "unknown-token")
            if row.status == "revoked":
                raise EnrolError("this laptop was revoked by HQ", "revoked")
            raise EnrolError("this join file was already used: ask HQ for a new one",
                             "token-spent")
        assert row is not None
        laptop_id, name = row.id, row.name
    ensure_trusted(name, public_doc, store.site)
    log.info("laptop %s joined (key %s)", laptop_id, site.fingerprint)
    return laptop_id, secret


def authenticate(store: Store, secret: str | None, *, allow_revoked: bool = False) -> Laptop:
    """Who sends this request; refuses unknown secrets, and revoked laptops unless
    ``allow_revoked`` (the final-upload requests, which check the window themselves)."""
    if not secret:
        raise EnrolError("this request needs the laptop's secret (join the campaign first)",
                         "no-credentials", 401)
    with store.session() as session:
        row = session.scalar(select(HqLaptop).where(HqLaptop.secret_hash == digest(secret)))
        if row is None:
            raise EnrolError("HQ does not know this laptop", "unknown-laptop", 401)
        if row.status == "revoked" and not allow_revoked:
            from fieldapp.services.hq.revocation import refusal

            raise refusal(row)
        return _plain(row)


def touch(store: Store, laptop_id: str) -> None:
    with store.transaction() as session:
        session.execute(update(HqLaptop).where(HqLaptop.id == laptop_id)
                        .values(last_seen_at=_now()))


def laptop_keys(store: Store, laptop_id: str) -> tuple[str, dict[str, Any]] | None:
    """A joined laptop's name and public keys."""
    with store.session() as session:
        row = session.get(HqLaptop, laptop_id)
        if row is None or row.public_doc is None:
            return None
        return row.name, dict(row.public_doc)


def write_join(join: JoinFile, out: Path) -> Path:
    from fieldapp.services.hq.joinfile import write_atomic

    write_atomic(out, join.to_bytes(), private=True)
    return out
