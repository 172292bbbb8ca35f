"""Row helpers the event modules share: a live event, and writing only real changes."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from fieldapp.core.models import (
    Event,
)
from fieldapp.errors import NotFoundError


def _event(session: Session, event_id: str) -> Event:
    row = session.get(Event, event_id)
    if row is None or row.deleted:
        raise NotFoundError(f"no event with id {event_id}")
    return row


def _set(row: Any, name: str, value: Any) -> None:
    """Write a field only when it changes, so only real changes get a clock."""
    if getattr(row, name) != value:
        setattr(row, name, value)
