"""Putting doors in the turf that contains them, and importing turfs from a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core.db import Store
from fieldapp.core.models import Door, Turf
from fieldapp.core.stamping import bulk_update
from fieldapp.services.turfs.files import read_turf_file
from fieldapp.services.turfs.finding import _default_campaign


def assign_doors(
    session: Session, turf_ids: list[str] | None = None, *, only_unassigned: bool = False
) -> int:
    """Put each located live door in the turf whose polygon contains it.

    ``turf_ids`` limits the turfs considered (default: every live turf with a
    polygon); a door outside all of them keeps its turf. Returns how many
    doors changed turf.
    """
    q = select(Turf.id, Turf.polygon).where(Turf.deleted.is_(False), Turf.polygon.is_not(None))
    if turf_ids is not None:
        q = q.where(Turf.id.in_(turf_ids))
    turfs = [(tid, shape(poly)) for tid, poly in session.execute(q) if poly]
    if not turfs:
        return 0
    dq = select(Door.id, Door.lat, Door.lon, Door.turf_id).where(
        Door.deleted.is_(False), Door.merged_into_id.is_(None),
        Door.lat.is_not(None), Door.lon.is_not(None),
    )
    if only_unassigned:
        dq = dq.where(Door.turf_id.is_(None))
    doors = session.execute(dq).all()
    if not doors:
        return 0
    tree = shapely.STRtree([g for _, g in turfs])
    points = shapely.points(
        np.array([d.lon for d in doors], dtype=float), np.array([d.lat for d in doors], dtype=float)
    )
    door_idx, turf_idx = tree.query(points, predicate="intersects")
    chosen: dict[int, int] = {}
    for d_i, t_i in zip(door_idx.tolist(), turf_idx.tolist(), strict=True):
        if d_i not in chosen or t_i < chosen[d_i]:
            chosen[d_i] = t_i
    changes = {
        doors[d_i].id: {"turf_id": turfs[t_i][0]}
        for d_i, t_i in chosen.items()
        if doors[d_i].turf_id != turfs[t_i][0]
    }
    return bulk_update(session, Door, changes)


@dataclass
class TurfImportReport:
    file: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    doors_assigned: int = 0
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"Imported turfs from {Path(self.file).name}: {len(self.created)} new, "
            f"{len(self.updated)} updated; {self.doors_assigned:,} doors placed in them"
        ]
        out += [f"  new:     {n}" for n in self.created]
        out += [f"  updated: {n}" for n in self.updated]
        out += [f"warning: {w}" for w in self.warnings]
        return out


def import_turfs(
    store: Store, path: str | Path, *, campaign_id: str | None = None
) -> TurfImportReport:
    """Create (or update, by name) turfs from a file and put doors in them."""
    shapes = read_turf_file(path)
    report = TurfImportReport(file=str(path))
    with store.transaction() as session:
        if campaign_id is None:
            campaign_id = _default_campaign(session)
        existing = {
            t.name.lower(): t
            for t in session.scalars(select(Turf).where(Turf.deleted.is_(False)))
        }
        ids = []
        for s in shapes:
            turf = existing.get(s.name.lower())
            if turf is None:
                turf = Turf(name=s.name, polygon=s.geometry, campaign_id=campaign_id, status="open")
                session.add(turf)
                existing[s.name.lower()] = turf
                report.created.append(s.name)
            else:
                if turf.polygon != s.geometry:
                    turf.polygon = s.geometry
                report.updated.append(s.name)
            session.flush()
            ids.append(turf.id)
        report.doors_assigned = assign_doors(session, ids)
        swapped = _swapped_hint(session, [shape(sh.geometry) for sh in shapes])
        if swapped:
            report.warnings.append(swapped)
    return report


def _swapped_hint(session: Session, polygons: list[Any]) -> str:
    """A warning when the polygons contain no door but would with x and y swapped."""
    rows = session.execute(
        select(Door.lat, Door.lon).where(Door.deleted.is_(False), Door.merged_into_id.is_(None),
                                         Door.lat.is_not(None), Door.lon.is_not(None)).limit(200_000)
    ).all()
    if not rows or not polygons:
        return ""
    points = shapely.points(np.array([r.lon for r in rows], dtype=float),
                            np.array([r.lat for r in rows], dtype=float))
    if len(shapely.STRtree(polygons).query(points, predicate="intersects")[0]):
        return ""
    flipped = [shapely.transform(g, lambda xy: xy[:, ::-1]) for g in polygons]
    inside = len(set(shapely.STRtree(flipped).query(points, predicate="intersects")[0].tolist()))
    if not inside:
        return ""
    return (f"the turf polygons contain no doors, but {inside:,} doors would fall inside them "
            "with latitude and longitude swapped: the file seems to list points as "
            "latitude,longitude where GeoJSON and KML want longitude,latitude; fix the file and "
            "import it again")

