"""Local sort helpers for the Doors and People tables: values from other tables, kept
by database triggers (:mod:`fieldapp.core.rollups`, migration 0007). Not synced."""

from __future__ import annotations

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.core.models.base import Base


class DoorRollup(Base):
    """A door's values from other tables, for sorting the doors table. Not synced.

    Kept by database triggers (migration 0007) in the same transaction as every
    write to doors, people, turfs and contact attempts; each store computes its
    own from its rows, so they never travel in a bundle.
    """

    __tablename__ = "door_rollups"
    __table_args__ = (
        Index("ix_door_rollups_people", "people_count", "door_id"),
        Index("ix_door_rollups_last_result", "last_result", "door_id"),
        Index("ix_door_rollups_turf_name", "turf_name", "door_id"),
    )

    door_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    people_count: Mapped[int] = mapped_column(Integer, server_default="0")
    """The door's live people."""
    last_result: Mapped[str | None] = mapped_column(String(40))
    """Its latest result (:func:`fieldapp.services.rules.door_latest_result_sql`)."""
    turf_name: Mapped[str | None] = mapped_column(String(200))


class PersonRollup(Base):
    """A person's door address as one sortable text, for the people table. Not synced.

    Kept by database triggers like :class:`DoorRollup`.
    """

    __tablename__ = "person_rollups"
    __table_args__ = (Index("ix_person_rollups_door_sort", "door_sort", "person_id"),)

    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    door_sort: Mapped[str | None] = mapped_column(String(600))


class PersonSearchKey(Base):
    """A person's stable integer in the ``person_search`` text index. Not synced.

    Kept by database triggers (migration 0009) like :class:`DoorRollup`
    (:mod:`fieldapp.core.search`).
    """

    __tablename__ = "person_search_keys"
    __table_args__ = (Index("ux_person_search_keys_person_id", "person_id", unique=True),)

    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[str] = mapped_column(String(36))


class DoorSearchKey(Base):
    """A door's stable integer in the ``door_search`` text index. Not synced."""

    __tablename__ = "door_search_keys"
    __table_args__ = (Index("ux_door_search_keys_door_id", "door_id", unique=True),)

    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    door_id: Mapped[str] = mapped_column(String(36))
