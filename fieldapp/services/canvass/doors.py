"""Looking up a door, its household and its campaign (shared by recording and flags)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core.models import Campaign, Door, Person, Turf
from fieldapp.errors import NotFoundError


def _door(session: Session, door_id: str) -> Door:
    door = session.get(Door, door_id)
    if door is None or door.deleted:
        raise NotFoundError(f"no door with id {door_id}")
    return door


def household(session: Session, door_id: str) -> list[Person]:
    """The live people at a door, by name."""
    return list(
        session.scalars(
            select(Person)
            .where(Person.door_id == door_id, Person.deleted.is_(False), Person.merged_into_id.is_(None))
            .order_by(Person.last_name, Person.first_name, Person.id)
        )
    )


def _campaign_for_door(session: Session, door: Door) -> str | None:
    if door.turf_id:
        turf = session.get(Turf, door.turf_id)
        if turf is not None and turf.campaign_id:
            return turf.campaign_id
    return session.scalar(
        select(Campaign.id).where(Campaign.deleted.is_(False)).order_by(Campaign.born_hlc).limit(1)
    )

