"""What drawing on the map does to the store: new turfs, reshaped turfs, moved doors.

Each function is one transaction, so a half-done edit never lands. Door
assignment itself is the turfs service's (:func:`fieldapp.services.turfs.assign_doors`,
a shapely STRtree); this module adds what the map needs around it: checking a
drawn shape, and taking doors that a reshaped turf no longer covers out of it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping, shape
from shapely.validation import explain_validity
from sqlalchemy import func, select

from fieldapp.core.db import Store
from fieldapp.core.models import Campaign, Door, Turf
from fieldapp.core.stamping import bulk_update
from fieldapp.errors import InputError, NotFoundError

log = logging.getLogger(__name__)


@dataclass
class TurfEdit:
    turf_id: str
    name: str
    doors_in: int = 0  # doors now in the turf that were not before
    doors_out: int = 0  # doors taken out (outside the new shape)


def clean_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    """A drawn Polygon/MultiPolygon, checked: valid and with an area."""
    try:
        geom = shape(geometry)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"the drawn shape is not a polygon ({exc})") from exc
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise InputError(f"a turf must be a polygon, not a {geom.geom_type}")
    if geom.is_empty:
        raise InputError("the drawn shape has no area")
    if not geom.is_valid:
        raise InputError(f"the drawn shape crosses itself ({explain_validity(geom)})")
    if geom.area <= 0:
        raise InputError("the drawn shape has no area")
    return dict(mapping(geom))


def create_turf(store: Store, name: str, geometry: dict[str, Any]) -> TurfEdit:
    """A new turf from a drawn polygon, with the located doors inside it moved in."""
    from fieldapp.services.turfs import assign_doors

    name = " ".join(name.split())
    if not name:
        raise InputError("give the new turf a name")
    polygon = clean_geometry(geometry)
    with store.transaction() as session:
        taken = session.scalar(
            select(func.count()).select_from(Turf).where(
                Turf.deleted.is_(False), func.lower(Turf.name) == name.lower()
            )
        )
        if taken:
            raise InputError(f"there is already a turf named {name!r}")
        campaigns = list(session.scalars(select(Campaign.id).where(Campaign.deleted.is_(False))))
        turf = Turf(
            name=name, polygon=polygon, status="open",
            campaign_id=campaigns[0] if len(campaigns) == 1 else None,
        )
        session.add(turf)
        session.flush()
        moved = assign_doors(session, [turf.id])
        return TurfEdit(turf.id, name, doors_in=moved)


def reshape_turf(store: Store, turf_id: str, geometry: dict[str, Any]) -> TurfEdit:
    """A turf's new outline: doors inside come in, its doors now outside leave it."""
    from fieldapp.services.turfs import assign_doors

    polygon = clean_geometry(geometry)
    with store.transaction() as session:
        turf = session.get(Turf, turf_id)
        if turf is None or turf.deleted:
            raise NotFoundError(f"no turf with id {turf_id}")
        turf.polygon = polygon
        session.flush()
        moved_in = assign_doors(session, [turf.id])
        rows = session.execute(
            select(Door.id, Door.lat, Door.lon).where(
                Door.turf_id == turf.id, Door.deleted.is_(False),
                Door.lat.is_not(None), Door.lon.is_not(None),
            )
        ).all()
        outside: dict[str, dict[str, Any]] = {}
        if rows:
            geom = shape(polygon)
            pts = shapely.points(
                np.array([r[2] for r in rows], dtype=float),
                np.array([r[1] for r in rows], dtype=float),
            )
            inside = shapely.intersects(geom, pts)
            outside = {rows[i][0]: {"turf_id": None} for i in np.flatnonzero(~inside).tolist()}
        moved_out = bulk_update(session, Door, outside)
        return TurfEdit(turf.id, turf.name, doors_in=moved_in, doors_out=moved_out)


def move_doors(store: Store, door_ids: list[str], turf_id: str | None) -> int:
    """Put the given doors in another turf (``None``: in no turf); returns doors moved."""
    with store.transaction() as session:
        if turf_id is not None:
            turf = session.get(Turf, turf_id)
            if turf is None or turf.deleted:
                raise NotFoundError(f"no turf with id {turf_id}")
        return bulk_update(session, Door, {d: {"turf_id": turf_id} for d in door_ids})
