"""HQ's own tables for the inbox server: laptops invited and joined, uploads, packets.

Local to HQ's store (never synced, never in a bundle). They live in the store so that
several ``fieldapp hq serve`` processes on one PostgreSQL share them.

A laptop row is born by ``hq invite`` with the hash of its one-time enrolment token
(``invited``); the first contact spends the token, records the laptop's public keys
and the hash of the secret it will use from then on (``joined``); staff may revoke it
(``revoked``). Only hashes of tokens and secrets are kept.

A revoked laptop may make one **final upload** (``final_policy`` "review" or "merge";
"none" refuses it): at its next contact it declares the bundles it still holds
(``final_list``, once), sends only those, before ``final_until``, and then reports its
wipe (``wiped_at``), which closes the window (``final_closed_at``). See
:mod:`fieldapp.services.hq.revocation` for why this is safe against a thief.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.core.models import Base

LAPTOP_STATUSES: tuple[str, ...] = ("invited", "joined", "revoked")
UPLOAD_STATUSES: tuple[str, ...] = ("receiving", "stored", "merging", "merged", "held")


class HqLaptop(Base):
    """A laptop HQ invited (and, once it joined, knows by its keys)."""

    __tablename__ = "hq_laptops"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    turfs: Mapped[list[str]] = mapped_column(JSON, default=list)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="invited")
    created_at: Mapped[dt.datetime] = mapped_column()
    joined_at: Mapped[dt.datetime | None] = mapped_column()
    revoked_at: Mapped[dt.datetime | None] = mapped_column()
    last_seen_at: Mapped[dt.datetime | None] = mapped_column()
    fingerprint: Mapped[str | None] = mapped_column(String(32), index=True)
    site_id: Mapped[str | None] = mapped_column(String(36))
    public_doc: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    secret_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    final_policy: Mapped[str | None] = mapped_column(String(20))
    final_until: Mapped[dt.datetime | None] = mapped_column()
    final_list: Mapped[list[str] | None] = mapped_column(JSON)
    final_closed_at: Mapped[dt.datetime | None] = mapped_column()
    wiped_at: Mapped[dt.datetime | None] = mapped_column()


class HqUpload(Base):
    """One bundle a laptop sends: received in pieces, stored, then merged (or held)."""

    __tablename__ = "hq_uploads"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    laptop_id: Mapped[str] = mapped_column(String(36), index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    file_name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="receiving", index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    bundle_id: Mapped[str | None] = mapped_column(String(36))
    records: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column()
    stored_at: Mapped[dt.datetime | None] = mapped_column()
    claimed_at: Mapped[dt.datetime | None] = mapped_column()
    merged_at: Mapped[dt.datetime | None] = mapped_column()
    # A revoked laptop's final upload waits for staff (``hq inbox --retry``) before merging.
    review: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class HqPacket(Base):
    """A turf packet HQ prepared for one laptop, waiting to be fetched."""

    __tablename__ = "hq_packets"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    laptop_id: Mapped[str] = mapped_column(String(36), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column()
