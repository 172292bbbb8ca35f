"""voter file fields; address keys from USPS Publication 28 tables

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

People gain what a state voter file says about them: registration status,
registration date, precinct, ward and districts. Door keys are recomputed with
the USPS Publication 28 suffix, directional and unit tables (so "123 Oak Trail"
and "123 OAK TRL" are one door), and doors whose keys now coincide are merged:
the oldest-born door is kept, the others point at it (``merged_into_id``) and are
tombstoned, and their people move to the kept door. Contact attempts keep the
door they were made at (they are append-only), as a merge in the Sync page does.

Every store computes the same keys from the same address fields, so the
recomputed keys are not stamped as edits.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

def _new_people_columns() -> tuple[sa.Column[Any], ...]:
    return (
        sa.Column("voter_status", sa.String(length=20), nullable=False, server_default=""),
        sa.Column("registration_date", sa.String(length=10), nullable=False, server_default=""),
        sa.Column("precinct", sa.String(length=60), nullable=False, server_default=""),
        sa.Column("ward", sa.String(length=60), nullable=False, server_default=""),
        sa.Column("districts", sa.JSON(), nullable=False, server_default=sa.text("'{}'")),
    )


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        for column in _new_people_columns():
            batch.add_column(column)
    recompute_door_keys(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        for column in _new_people_columns():
            batch.drop_column(column.name)


def recompute_door_keys(conn: sa.Connection) -> tuple[int, int]:
    """New keys for every door; merge live doors that now share one. (changed, merged)."""
    # The key functions are the importer's own, so keys never disagree with new imports
    # (a migration is the one place the core reaches for a service function).
    from fieldapp.services.addresses import address_key, building_key  # noqa: PLC0415

    doors = sa.table(
        "doors", sa.column("id"), sa.column("street_number"), sa.column("street_name"),
        sa.column("unit"), sa.column("city"), sa.column("state"), sa.column("address_key"),
        sa.column("building_key"), sa.column("born_hlc"), sa.column("deleted"),
        sa.column("merged_into_id"), sa.column("lat"), sa.column("lon"), sa.column("turf_id"),
        sa.column("notes"), sa.column("geocode_source"), sa.column("geocode_quality"),
    )
    rows = conn.execute(sa.select(doors).order_by(doors.c.born_hlc, doors.c.id)).mappings().all()
    changed = 0
    keep_of: dict[str, dict[str, Any]] = {}
    merges: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for row in rows:
        bkey = building_key(row["street_number"], row["street_name"], row["city"], row["state"])
        akey = address_key(row["street_number"], row["street_name"], row["unit"], row["city"],
                           row["state"])
        if (akey, bkey) != (row["address_key"], row["building_key"]):
            conn.execute(doors.update().where(doors.c.id == row["id"])
                         .values(address_key=akey, building_key=bkey))
            changed += 1
        if row["deleted"] or row["merged_into_id"] is not None:
            continue
        keep = keep_of.setdefault(akey, dict(row))
        if keep["id"] != row["id"]:
            merges.append((keep, dict(row)))
    for keep, other in merges:
        _merge(conn, doors, keep, other)
    return changed, len(merges)


def _merge(conn: sa.Connection, doors: Any, keep: dict[str, Any], other: dict[str, Any]) -> None:
    fill = {name: other[name] for name in ("lat", "lon", "turf_id", "notes", "geocode_source",
                                           "geocode_quality")
            if keep[name] in (None, "") and other[name] not in (None, "")}
    if fill.get("lat") is None or fill.get("lon") is None:
        for name in ("lat", "lon", "geocode_source", "geocode_quality"):
            fill.pop(name, None)
    if fill:
        conn.execute(doors.update().where(doors.c.id == keep["id"]).values(**fill))
        keep.update(fill)
    conn.execute(doors.update().where(doors.c.id == other["id"])
                 .values(merged_into_id=keep["id"], deleted=True))
    people = sa.table("people", sa.column("door_id"))
    conn.execute(people.update().where(people.c.door_id == other["id"])
                 .values(door_id=keep["id"]))
