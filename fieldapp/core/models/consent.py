"""Consent: explicit opt-outs and opt-ins, one channel at a time.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.core.models.base import Fact, _fk, _in

CONSENT_CHANNELS: tuple[str, ...] = ("call", "text", "email")
CONSENT_CHOICES: tuple[str, ...] = ("opt_out", "opt_in")
CONSENT_SOURCES: tuple[str, ...] = ("form", "walk_in", "canvass", "import", "cli", "merge")


class ConsentChange(Fact):
    """An explicit opt-out or opt-in for one channel: who, when and where.

    The ``do_not_*`` flags on a person follow these records only (see
    :mod:`fieldapp.services.consent`): an unticked box records nothing.
    """

    __tablename__ = "consent_changes"
    __table_args__ = (
        CheckConstraint(_in("channel", CONSENT_CHANNELS), name="channel"),
        CheckConstraint(_in("choice", CONSENT_CHOICES), name="choice"),
        CheckConstraint(_in("source", CONSENT_SOURCES), name="source"),
    )

    person_id: Mapped[str] = mapped_column(_fk("people.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    choice: Mapped[str] = mapped_column(String(10))
    recorded_at: Mapped[dt.datetime] = mapped_column()
    source: Mapped[str] = mapped_column(String(20))
    source_ref: Mapped[str] = mapped_column(String(200), default="")  # event, attempt, file
    by_volunteer_id: Mapped[str | None] = mapped_column(_fk("volunteers.id"))
