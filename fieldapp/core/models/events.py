"""Events: the events, their co-hosts, shifts, signups and check-ins.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.core.models.base import EVENT_KINDS, SIGNUP_STATUSES, Fact, Mutable, _fk, _in

# --------------------------------------------------------------------------- events


class Event(Mutable):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(_in("kind", EVENT_KINDS), name="kind"),
        CheckConstraint("status IN ('scheduled', 'cancelled')", name="status"),
        Index("ix_events_starts_at", "starts_at"),
    )

    campaign_id: Mapped[str | None] = mapped_column(_fk("campaigns.id"))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[dt.datetime] = mapped_column()
    ends_at: Mapped[dt.datetime] = mapped_column()
    timezone: Mapped[str] = mapped_column(String(60), default="UTC")
    place_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    capacity: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="scheduled")


class EventHost(Mutable):
    """A coalition organization co-hosting an event."""

    __tablename__ = "event_hosts"

    event_id: Mapped[str] = mapped_column(_fk("events.id"), index=True)
    organization_id: Mapped[str] = mapped_column(_fk("organizations.id"))


class Shift(Mutable):
    __tablename__ = "shifts"

    event_id: Mapped[str] = mapped_column(_fk("events.id"), index=True)
    starts_at: Mapped[dt.datetime] = mapped_column()
    ends_at: Mapped[dt.datetime] = mapped_column()
    role: Mapped[str] = mapped_column(String(60), default="volunteer")
    capacity: Mapped[int | None] = mapped_column(Integer)


class Signup(Mutable):
    __tablename__ = "signups"
    __table_args__ = (
        CheckConstraint(_in("status", SIGNUP_STATUSES), name="status"),
        Index("ix_signups_event", "event_id", "status"),
    )

    event_id: Mapped[str] = mapped_column(_fk("events.id"))
    shift_id: Mapped[str | None] = mapped_column(_fk("shifts.id"), index=True)
    person_id: Mapped[str] = mapped_column(_fk("people.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="scheduled")
    waitlisted: Mapped[bool] = mapped_column(Boolean, default=False)
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    organization_id: Mapped[str | None] = mapped_column(_fk("organizations.id"))
    signed_up_at: Mapped[dt.datetime | None] = mapped_column()


class CheckIn(Fact):
    """Someone arrived at an event: append-only, merged by union."""

    __tablename__ = "check_ins"

    event_id: Mapped[str] = mapped_column(_fk("events.id"), index=True)
    shift_id: Mapped[str | None] = mapped_column(_fk("shifts.id"))
    person_id: Mapped[str] = mapped_column(_fk("people.id"), index=True)
    signup_id: Mapped[str | None] = mapped_column(_fk("signups.id"))
    checked_in_at: Mapped[dt.datetime] = mapped_column()
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    by_volunteer_id: Mapped[str | None] = mapped_column(_fk("volunteers.id"))
    supersedes_id: Mapped[str | None] = mapped_column(_fk("check_ins.id"))
