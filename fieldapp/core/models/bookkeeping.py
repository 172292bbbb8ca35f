"""Sync bookkeeping: reviewers' decisions (synced) and the local tables (not synced):
store facts, the bundle ledger, conflicts, possible duplicates and the geocode cache.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.core.models.base import Base, Fact


class ReviewDecision(Fact):
    """A reviewer's decision on a conflict or a possible duplicate; synced like any record.

    ``subject`` names what was decided (see :mod:`fieldapp.services.sync.review`),
    so every store that logs the same conflict or pair finds the decision.
    """

    __tablename__ = "review_decisions"

    kind: Mapped[str] = mapped_column(String(20))  # "duplicate" or "conflict"
    subject: Mapped[str] = mapped_column(String(300), index=True)
    decision: Mapped[str] = mapped_column(String(20))  # distinct, merged, winner, loser
    decided_at: Mapped[dt.datetime] = mapped_column()


# --------------------------------------------------------------------------- local tables


class StoreMeta(Base):
    """Key/value facts about this store: site id, clock, created-at. Not synced."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncBundle(Base):
    """The ledger: every bundle this store wrote or imported. Not synced."""

    __tablename__ = "sync_bundles"
    __table_args__ = (UniqueConstraint("bundle_id", "direction", name="uq_sync_bundles_id_dir"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)
    direction: Mapped[str] = mapped_column(String(3))  # "in" or "out"
    sha256: Mapped[str] = mapped_column(String(64))
    site_id: Mapped[str] = mapped_column(String(36), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    prev_bundle_id: Mapped[str | None] = mapped_column(String(36))
    file_name: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[dt.datetime] = mapped_column()
    recorded_at: Mapped[dt.datetime] = mapped_column()
    hlc_min: Mapped[int] = mapped_column(BigInteger, default=0)
    hlc_max: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(20), default="merged")  # or "quarantined"
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)


class SyncConflict(Base):
    """A field where two writes disagreed: the winner is in the record, the loser here."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (
        UniqueConstraint(
            "table_name", "record_id", "field", "loser_hlc", "loser_site", name="uq_sync_conflicts"
        ),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(60))
    winner_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    winner_hlc: Mapped[int] = mapped_column(BigInteger)
    winner_site: Mapped[str] = mapped_column(String(36))
    loser_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    loser_hlc: Mapped[int] = mapped_column(BigInteger)
    loser_site: Mapped[str] = mapped_column(String(36))
    bundle_id: Mapped[str | None] = mapped_column(String(36))
    detected_at: Mapped[dt.datetime] = mapped_column()
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class PossibleDuplicate(Base):
    """Two records that may be the same (the same address entered on two laptops)."""

    __tablename__ = "possible_duplicates"
    __table_args__ = (UniqueConstraint("table_name", "a_id", "b_id", name="uq_possible_duplicates"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(60))
    a_id: Mapped[str] = mapped_column(String(36))
    b_id: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(String(200))
    detected_at: Mapped[dt.datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default="open")  # open, merged, distinct


class GeocodeCache(Base):
    """Every answer a geocoder gave, so no address is ever asked twice. Not synced."""

    __tablename__ = "geocode_cache"

    provider: Mapped[str] = mapped_column(String(40), primary_key=True)
    query: Mapped[str] = mapped_column(String(400), primary_key=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    quality: Mapped[str] = mapped_column(String(40), default="")
    raw: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    fetched_at: Mapped[dt.datetime] = mapped_column()
