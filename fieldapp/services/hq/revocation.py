"""A revoked laptop's last word: one bounded final upload, then nothing.

``hq revoke LAPTOP`` records when, and what the laptop may still do. At its next contact
the laptop is told it is revoked (``403 revoked``, with whether a final upload is open),
uploads what it still holds, wipes the campaign's data and says so; from then on HQ
refuses everything from it, its turf packets included.

**Why a thief cannot keep uploading.** Whoever holds a revoked laptop also holds its
signing key and its secret for HQ, so nothing the laptop signs or claims (a bundle's
creation time, its clock range) proves it was written before the revocation. The final
upload is therefore bounded by what HQ controls, not by what the laptop says:

* **one list, once**: the laptop declares the bundles of its final upload (SHA-256 and
  size) in one request; HQ keeps that list and accepts uploads of exactly those bundles,
  at most :data:`MAX_FINAL_BUNDLES`, each within the inbox's size limit. A second
  declaration naming anything new is refused;
* **a deadline**: the window closes ``final_days`` after the revocation (14 by default)
  and as soon as the laptop reports its wipe; after that every request is refused;
* **held for review**: by default (policy ``review``) a final upload is stored but not
  merged: it waits in ``hq inbox --held`` until staff look at it and ``--retry`` it. A
  laptop retired by a captain who is leaving may be revoked with ``--final-upload merge``;
  a lost or stolen one with ``--final-upload none`` (nothing more is accepted at all);
* **no data back**: a revoked laptop never gets a turf packet again.

So a thief gets at most one batch, declared at once, kept apart from HQ's store until a
person approves it, and only within the deadline; and never any data from HQ.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from fieldapp.core.db import Store
from fieldapp.core.hq_models import HqLaptop
from fieldapp.errors import InputError
from fieldapp.services.hq.laptops import EnrolError, Laptop, find_laptop

log = logging.getLogger(__name__)

POLICIES = ("review", "merge", "none")
DEFAULT_POLICY = "review"
DEFAULT_FINAL_DAYS = 14
MAX_FINAL_BUNDLES = 200
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Revocation:
    laptop: Laptop
    policy: str
    until: dt.datetime | None


def revoke(store: Store, text: str, *, final_upload: str = DEFAULT_POLICY,
           final_days: int = DEFAULT_FINAL_DAYS) -> Revocation:
    """Revoke a laptop; it may make one final upload under ``final_upload`` (see above)."""
    if final_upload not in POLICIES:
        raise InputError(f"--final-upload must be one of {', '.join(POLICIES)}",
                         where=final_upload)
    if final_days < 0:
        raise InputError("--final-days must be 0 or more", where=str(final_days))
    lap = find_laptop(store, text)
    now = _now()
    until = None if final_upload == "none" else now + dt.timedelta(days=final_days)
    with store.transaction() as session:
        row = session.get(HqLaptop, lap.id)
        assert row is not None
        if row.status == "revoked":  # revoking again changes nothing already decided
            return Revocation(find_laptop(store, lap.id), row.final_policy or "none",
                              row.final_until)
        session.execute(update(HqLaptop).where(HqLaptop.id == lap.id).values(
            status="revoked", revoked_at=now, final_policy=final_upload, final_until=until))
    log.info("revoked laptop %s (final upload: %s)", lap.id, final_upload)
    return Revocation(find_laptop(store, lap.id), final_upload, until)


def _window_open(row: HqLaptop) -> bool:
    return (row.status == "revoked" and row.final_policy in ("review", "merge")
            and row.final_closed_at is None and row.final_until is not None
            and _now() < row.final_until)


def refusal(row: HqLaptop) -> EnrolError:
    """The ``403 revoked`` answer, telling the laptop whether a final upload is open."""
    open_ = _window_open(row)
    return EnrolError(
        "this laptop was revoked by HQ" + ("; send what it still holds, once" if open_ else ""),
        "revoked", 403,
        detail={"final_upload": "open" if open_ else "closed",
                "final_until": row.final_until.isoformat() if open_ and row.final_until else None,
                "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None})


def _revoked_row(store: Store, laptop_id: str) -> HqLaptop:
    with store.session() as session:
        row = session.get(HqLaptop, laptop_id)
        assert row is not None
        session.expunge(row)
        return row


def declare_final(store: Store, laptop_id: str, bundles: Any) -> list[str]:
    """The laptop names its final upload's bundles (once); returns the hashes accepted."""
    if not isinstance(bundles, list) or len(bundles) > MAX_FINAL_BUNDLES:
        raise EnrolError(f"'bundles' must be a list of at most {MAX_FINAL_BUNDLES} hashes",
                         "bad-request", 400)
    hashes = []
    for item in bundles:
        sha = item.get("sha256") if isinstance(item, dict) else None
        if not isinstance(sha, str) or not _SHA_RE.match(sha):
            raise EnrolError("each bundle needs its 'sha256' (64 lowercase hex digits)",
                             "bad-request", 400)
        hashes.append(sha)
    with store.transaction() as session:
        row = session.scalar(select(HqLaptop).where(HqLaptop.id == laptop_id)
                             .with_for_update())
        assert row is not None
        if not _window_open(row):
            raise refusal(row)
        if row.final_list is not None:
            if set(hashes) - set(row.final_list):
                raise EnrolError("this laptop's final upload was already declared; HQ takes "
                                 "nothing else from it", "final-declared", 409)
            return list(row.final_list)
        row.final_list = sorted(set(hashes))
    log.info("laptop %s declared a final upload of %d bundle(s)", laptop_id, len(set(hashes)))
    return sorted(set(hashes))


def check_final_upload(store: Store, laptop_id: str, sha256: object) -> bool:
    """May this revoked laptop send this bundle? Returns whether it waits for review."""
    row = _revoked_row(store, laptop_id)
    if not _window_open(row) or not isinstance(sha256, str) or sha256 not in (row.final_list or []):
        raise refusal(row)
    return row.final_policy != "merge"


def final_done(store: Store, laptop_id: str, doc: dict[str, Any]) -> None:
    """The laptop reports its wipe: the window closes for good."""
    now = _now()
    wiped = bool(doc.get("wiped"))
    with store.transaction() as session:
        session.execute(update(HqLaptop).where(HqLaptop.id == laptop_id).values(
            final_closed_at=now, wiped_at=now if wiped else None))
    log.info("laptop %s closed its final upload (wiped: %s, left %s bundle(s) for hand "
             "delivery)", laptop_id, wiped, int(doc.get("left") or 0))


@dataclass
class RevocationInfo:
    policy: str | None
    until: dt.datetime | None
    declared: int
    closed_at: dt.datetime | None
    wiped_at: dt.datetime | None


def info(store: Store, laptop_id: str) -> RevocationInfo:
    row = _revoked_row(store, laptop_id)
    return RevocationInfo(row.final_policy, row.final_until, len(row.final_list or []),
                          row.final_closed_at, row.wiped_at)


def check_final_piece(store: Store, laptop_id: str, upload_id: str) -> None:
    """A piece (or a resume question) of a revoked laptop's upload: only one it declared."""
    from fieldapp.core.hq_models import HqUpload

    with store.session() as session:
        sha = session.scalar(select(HqUpload.sha256).where(HqUpload.id == upload_id,
                                                           HqUpload.laptop_id == laptop_id))
    check_final_upload(store, laptop_id, sha)
