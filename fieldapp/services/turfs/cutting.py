"""Cutting compact turfs of about N doors by recursive weighted bisection of buildings."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box, mapping
from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core.db import Store
from fieldapp.core.ids import new_id
from fieldapp.core.models import Door, Turf
from fieldapp.core.stamping import bulk_insert, bulk_update
from fieldapp.errors import FieldAppError, InputError
from fieldapp.services.progress import Progress
from fieldapp.services.turfs.finding import _default_campaign, find_turf

M_PER_DEG_LAT = 110_574.0
TOLERANCE = 0.15


@dataclass
class CutReport:
    turfs: list[tuple[str, int]] = field(default_factory=list)  # (name, doors)
    doors_without_coordinates: int = 0
    oversized_buildings: int = 0
    parent: str | None = None

    def lines(self, target: int) -> list[str]:
        sizes = [n for _, n in self.turfs]
        out = [f"Cut {len(self.turfs)} turfs of about {target} doors"
               + (f" from {self.parent!r} (now retired)" if self.parent else "")]
        if sizes:
            out.append(f"  sizes: smallest {min(sizes)}, largest {max(sizes)}")
        out += [f"  {name}: {n} doors" for name, n in self.turfs]
        if self.doors_without_coordinates:
            out.append(f"  {self.doors_without_coordinates:,} doors have no coordinates and were "
                       "not cut: run fieldapp geocode first")
        if self.oversized_buildings:
            out.append(f"  {self.oversized_buildings} buildings hold more than "
                       f"{int(target * (1 + TOLERANCE))} doors and form turfs of their own")
        return out


def _project(lat: np.ndarray, lon: np.ndarray, lat0: float) -> tuple[np.ndarray, np.ndarray]:
    k = M_PER_DEG_LAT * math.cos(math.radians(lat0))
    return lon * k, lat * M_PER_DEG_LAT


def choose_turf_count(total: int, per_turf: int) -> int:
    """How many turfs make sizes nearest ``per_turf`` (relative error)."""
    if total <= 0:
        return 0
    low = max(1, total // per_turf)
    best = min((low, low + 1), key=lambda k: abs(total / k - per_turf) / per_turf)
    return best


def partition(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray, parts: int
) -> list[tuple[np.ndarray, tuple[float, float, float, float]]]:
    """Split weighted points into ``parts`` compact cells of equal weight.

    Recursive bisection along the wider side at the weighted quantile that
    matches the turf counts of the two halves. Returns (indices, cell bounds).
    """
    result: list[tuple[np.ndarray, tuple[float, float, float, float]]] = []
    pad = 30.0
    bounds0 = (float(x.min()) - pad, float(y.min()) - pad, float(x.max()) + pad, float(y.max()) + pad)
    stack = [(np.arange(len(x)), parts, bounds0)]
    while stack:
        idx, k, bounds = stack.pop()
        if k <= 1 or len(idx) <= 1:
            result.append((idx, bounds))
            continue
        xs, ys = x[idx], y[idx]
        use_x = (xs.max() - xs.min()) >= (ys.max() - ys.min())
        coord = xs if use_x else ys
        order = np.argsort(coord, kind="stable")
        cum = np.cumsum(weight[idx][order])
        k1 = k // 2
        target = cum[-1] * k1 / k
        cut = int(np.searchsorted(cum, target))
        # choose the nearer of the two boundaries around the target
        if cut > 0 and abs(cum[cut - 1] - target) <= abs(cum[min(cut, len(cum) - 1)] - target):
            cut -= 1
        cut = min(max(cut, 0), len(idx) - 2)
        left, right = idx[order[: cut + 1]], idx[order[cut + 1 :]]
        split = float((coord[order[cut]] + coord[order[cut + 1]]) / 2)
        x0, y0, x1, y1 = bounds
        if use_x:
            lb, rb = (x0, y0, split, y1), (split, y0, x1, y1)
        else:
            lb, rb = (x0, y0, x1, split), (x0, split, x1, y1)
        stack.append((right, k - k1, rb))
        stack.append((left, k1, lb))
    return result


def cut_turfs(
    store: Store,
    doors_per_turf: int,
    *,
    within: str | None = None,
    name_prefix: str | None = None,
    progress: Progress | None = None,
) -> CutReport:
    """Cut turfs of about ``doors_per_turf`` doors.

    Without ``within``: the located doors that have no turf yet. With
    ``within`` (a turf name or id): that turf's doors; the old turf is retired
    (tombstoned) and its new parts inherit its campaign.
    """
    if doors_per_turf < 1:
        raise InputError("--doors-per-turf must be at least 1")
    progress = progress or Progress()
    report = CutReport()
    with store.transaction() as session:
        parent, campaign_id, located = _doors_to_cut(session, within, report)
        progress.update(0, 3, "Cutting turfs")
        b_of, lat, lon, weight, bx, by, lat0 = _buildings(located)
        report.oversized_buildings = int((weight > doors_per_turf * (1 + TOLERANCE)).sum())
        parts = choose_turf_count(len(located), doors_per_turf)
        cells = partition(bx, by, weight, parts)
        progress.update(1, 3, "Cutting turfs")
        progress.check()
        new_turfs, changes = _new_turfs(
            session, located, cells, b_of, lat, lon, lat0,
            parent=parent, campaign_id=campaign_id, name_prefix=name_prefix,
            doors_per_turf=doors_per_turf, report=report,
        )
        bulk_insert(session, Turf, new_turfs)
        progress.update(2, 3, "Cutting turfs")
        progress.check()
        bulk_update(session, Door, changes)
        if parent is not None:
            parent.deleted = True
        progress.update(3, 3, "Cutting turfs")
        progress.check()
    return report


def _doors_to_cut(
    session: Session, within: str | None, report: CutReport
) -> tuple[Turf | None, str | None, list[Any]]:
    """The parent turf (if ``within``), the campaign of the new turfs and the located doors.

    Counts the doors without coordinates in ``report``; refuses when no door
    is located.
    """
    campaign_id = _default_campaign(session)
    parent: Turf | None = None
    q = select(Door.id, Door.lat, Door.lon, Door.building_key, Door.street_name).where(
        Door.deleted.is_(False), Door.merged_into_id.is_(None)
    )
    if within:
        parent = find_turf(session, within)
        q = q.where(Door.turf_id == parent.id)
        campaign_id = parent.campaign_id
        report.parent = parent.name
    else:
        q = q.where(Door.turf_id.is_(None))
    rows = session.execute(q).all()
    located = [r for r in rows if r.lat is not None and r.lon is not None]
    report.doors_without_coordinates = len(rows) - len(located)
    if not located:
        raise FieldAppError(
            "no located doors to cut"
            + (f" in turf {parent.name!r}" if parent else " (every door already has a turf)")
            + ("; run fieldapp geocode first" if report.doors_without_coordinates else "")
        )
    return parent, campaign_id, located


def _buildings(
    located: list[Any],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
    """Buildings, the unit of cutting.

    Returns the building of each door, the doors' lat/lon, each building's
    weight (its door count) and projected centre (x, y), and the reference
    latitude of the projection.
    """
    bkey: dict[str, int] = {}
    b_of = np.empty(len(located), dtype=np.int64)
    for i, r in enumerate(located):
        key = r.building_key or r.id
        b_of[i] = bkey.setdefault(key, len(bkey))
    lat = np.array([r.lat for r in located], dtype=float)
    lon = np.array([r.lon for r in located], dtype=float)
    nb = len(bkey)
    weight = np.bincount(b_of, minlength=nb).astype(float)
    blat = np.bincount(b_of, weights=lat, minlength=nb) / weight
    blon = np.bincount(b_of, weights=lon, minlength=nb) / weight
    lat0 = float(blat.mean())
    bx, by = _project(blat, blon, lat0)
    return b_of, lat, lon, weight, bx, by, lat0


def _new_turfs(
    session: Session,
    located: list[Any],
    cells: list[tuple[np.ndarray, tuple[float, float, float, float]]],
    b_of: np.ndarray,
    lat: np.ndarray,
    lon: np.ndarray,
    lat0: float,
    *,
    parent: Turf | None,
    campaign_id: str | None,
    name_prefix: str | None,
    doors_per_turf: int,
    report: CutReport,
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The new turf rows (polygon and name) and the doors' new turf ids, one turf a cell."""
    dx, dy = _project(lat, lon, lat0)
    doors_of_building: list[list[int]] = [[] for _ in range(int(b_of.max()) + 1 if len(b_of) else 0)]
    for i, b in enumerate(b_of.tolist()):
        doors_of_building[b].append(i)
    prefix = name_prefix or (parent.name if parent else "Turf")
    taken = {n.lower() for n in session.scalars(select(Turf.name).where(Turf.deleted.is_(False)))}
    k = M_PER_DEG_LAT * math.cos(math.radians(lat0))
    new_turfs: list[dict[str, Any]] = []
    changes: dict[str, dict[str, Any]] = {}
    number = 0
    cells.sort(key=lambda c: (-round(c[1][3] / 200), c[1][0]))  # north to south, west to east
    for b_idx, bounds in cells:
        members = [i for b in b_idx.tolist() for i in doors_of_building[b]]
        if not members:
            continue
        poly = _cell_polygon(dx[members], dy[members], bounds, k)
        streets = Counter(located[i].street_name for i in members)
        street = streets.most_common(1)[0][0] if streets else ""
        name, number = _next_name(prefix, number, parent is not None, street, taken)
        taken.add(name.lower())
        turf_id = new_id()
        new_turfs.append({
            "id": turf_id, "campaign_id": campaign_id, "name": name,
            "polygon": mapping(poly), "status": "open",
            "notes": f"Cut automatically: about {doors_per_turf} doors a turf.",
        })
        for i in members:
            changes[located[i].id] = {"turf_id": turf_id}
        report.turfs.append((name, len(members)))
    for t in new_turfs:
        t["polygon"] = json.loads(json.dumps(t["polygon"]))  # tuples -> lists
    return new_turfs, changes


def _cell_polygon(
    x: np.ndarray, y: np.ndarray, bounds: tuple[float, float, float, float], k: float
) -> Any:
    """The buffered hull of a cell's doors, clipped to the cell, back in lon/lat."""
    pts = shapely.multipoints(np.column_stack([x, y]))
    hull = shapely.convex_hull(pts).buffer(20.0, quad_segs=4)
    poly = hull.intersection(box(*bounds))
    if poly.is_empty:
        poly = hull
    poly = shapely.transform(poly, lambda c: np.column_stack([c[:, 0] / k, c[:, 1] / M_PER_DEG_LAT]))
    poly = shapely.set_precision(poly, 1e-7)
    if not isinstance(poly, Polygon | MultiPolygon):
        poly = poly.buffer(0)
    return poly


def _next_name(prefix: str, number: int, has_parent: bool, street: str, taken: set[str]) -> tuple[str, int]:
    """The next free turf name after ``number`` (and that number)."""
    while True:
        number += 1
        if has_parent:
            name = f"{prefix} · {number}"
        else:
            name = f"{prefix} {number:02d}" + (f" · {street}" if street else "")
        if name.lower() not in taken:
            return name, number
