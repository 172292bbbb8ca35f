"""Canvassing: the append-only record of every knock or call.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.core.models.base import Fact, _fk

# --------------------------------------------------------------------------- canvassing


class ContactAttempt(Fact):
    """One knock (or call): append-only. A correction ``supersedes`` an earlier one."""

    __tablename__ = "contact_attempts"
    __table_args__ = (
        CheckConstraint("support IS NULL OR (support >= 1 AND support <= 5)", name="support"),
        Index("ix_contact_attempts_door", "door_id", "attempted_at"),
    )

    campaign_id: Mapped[str | None] = mapped_column(_fk("campaigns.id"), index=True)
    door_id: Mapped[str] = mapped_column(_fk("doors.id"))
    person_id: Mapped[str | None] = mapped_column(_fk("people.id"), index=True)
    canvasser_id: Mapped[str | None] = mapped_column(_fk("volunteers.id"), index=True)
    turf_id: Mapped[str | None] = mapped_column(_fk("turfs.id"), index=True)
    attempted_at: Mapped[dt.datetime] = mapped_column()
    channel: Mapped[str] = mapped_column(String(10), default="door")
    result_code: Mapped[str] = mapped_column(String(40))
    support: Mapped[int | None] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    notes: Mapped[str] = mapped_column(Text, default="")
    organization_id: Mapped[str | None] = mapped_column(_fk("organizations.id"))
    supersedes_id: Mapped[str | None] = mapped_column(
        _fk("contact_attempts.id"), index=True
    )
