"""Turfs: import polygons, put doors in them, cut new ones, assign volunteers.

* :func:`read_turf_file` reads GeoJSON and KML polygons and multipolygons.
  A polygon that is invalid (self-intersecting, too few points, open ring) is
  reported by name and nothing is imported: a silently "fixed" turf sends
  canvassers to the wrong doors.
* :func:`assign_doors` puts each located door in the turf that contains it,
  with a shapely STRtree so a hundred thousand doors take a second.
* :func:`cut_turfs` cuts compact, contiguous turfs of about N doors by
  recursive weighted bisection of buildings (a building's units are never
  split), each with a polygon (the buffered hull of its doors, clipped to its
  cell so neighbours never overlap) and a generated name.
* :func:`assign_volunteer` records a captain or canvasser on a turf.
"""

from __future__ import annotations

import json
import logging
import math
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape
from shapely.validation import explain_validity
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.core.db import Store
from fieldapp.core.ids import is_uuid, new_id
from fieldapp.core.models import Door, Person, Turf, TurfAssignment, Volunteer
from fieldapp.core.stamping import bulk_insert, bulk_update
from fieldapp.errors import FieldAppError, InputError, NotFoundError
from fieldapp.services.progress import Progress

log = logging.getLogger(__name__)

M_PER_DEG_LAT = 110_574.0
TOLERANCE = 0.15


# --------------------------------------------------------------------------- reading files


@dataclass
class TurfShape:
    """One polygon read from a file: its name and GeoJSON geometry."""

    name: str
    geometry: dict[str, Any]
    where: str = ""


def _ring(coords: Any, where: str, name: str) -> list[list[float]]:
    if not isinstance(coords, list):
        raise InputError(f"turf {name!r}: a polygon ring must be a list of points", where=where)
    ring: list[list[float]] = []
    for point in coords:
        try:
            lon, lat = float(point[0]), float(point[1])
        except (TypeError, ValueError, IndexError):
            raise InputError(f"turf {name!r}: bad point {point!r}", where=where) from None
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise InputError(
                f"turf {name!r}: point ({lon}, {lat}) is out of range "
                "(longitude -180..180, latitude -90..90)",
                where=where,
            )
        ring.append([lon, lat])
    if len(ring) < 4:
        raise InputError(
            f"turf {name!r}: a polygon needs at least four points (a closed ring), "
            f"this one has {len(ring)}",
            where=where,
        )
    if ring[0] != ring[-1]:
        raise InputError(
            f"turf {name!r}: the polygon ring is not closed (the last point must repeat the first)",
            where=where,
        )
    return ring


def _polygon(coords: Any, where: str, name: str) -> list[list[list[float]]]:
    if not isinstance(coords, list) or not coords:
        raise InputError(f"turf {name!r}: a polygon without coordinates", where=where)
    return [_ring(r, where, name) for r in coords]


def _geometry(geom: Any, where: str, name: str) -> dict[str, Any] | None:
    if not isinstance(geom, dict):
        return None
    kind = geom.get("type")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": _polygon(geom.get("coordinates"), where, name)}
    if kind == "MultiPolygon":
        parts = geom.get("coordinates")
        if not isinstance(parts, list) or not parts:
            raise InputError(f"turf {name!r}: a multipolygon without polygons", where=where)
        return {"type": "MultiPolygon", "coordinates": [_polygon(p, where, name) for p in parts]}
    if kind == "GeometryCollection":
        polys = [g for g in (_geometry(x, where, name) for x in geom.get("geometries", [])) if g]
        return _merge_polys(polys)
    return None


def _merge_polys(polys: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not polys:
        return None
    if len(polys) == 1:
        return polys[0]
    coords: list[Any] = []
    for g in polys:
        coords.extend([g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"])
    return {"type": "MultiPolygon", "coordinates": coords}


def _feature_name(props: Any, index: int) -> str:
    if isinstance(props, dict):
        for key in ("name", "Name", "NAME", "turf", "Turf", "TURF", "title", "label", "id", "ID"):
            value = props.get(key)
            if value not in (None, ""):
                return str(value).strip()
    return f"Turf {index}"


def _read_geojson(path: Path) -> list[TurfShape]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc.reason}", where=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", where=f"{path.name}:{exc.lineno}") from exc
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
    elif isinstance(data, dict) and data.get("type") == "Feature":
        features = [data]
    elif isinstance(data, dict) and "type" in data:
        features = [{"type": "Feature", "properties": {}, "geometry": data}]
    else:
        raise InputError("not a GeoJSON FeatureCollection, Feature or geometry", where=str(path))
    shapes = []
    for i, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            continue
        name = _feature_name(feature.get("properties"), i)
        where = f"{path.name} feature {i}"
        geom = _geometry(feature.get("geometry"), where, name)
        if geom is not None:
            shapes.append(TurfShape(name, geom, where))
    return shapes


def _kml_coords(text: str | None) -> list[list[float]]:
    points = []
    for token in (text or "").split():
        parts = token.split(",")
        if len(parts) >= 2:
            points.append([parts[0], parts[1]])
    return points  # type: ignore[return-value]  # strings; checked by _ring


def _kml_polygon(poly: ET.Element) -> list[Any]:
    rings = []
    for tag in ("outerBoundaryIs", "innerBoundaryIs"):
        for boundary in poly.findall(f"{{*}}{tag}"):
            ring = boundary.find("{*}LinearRing/{*}coordinates")
            rings.append(_kml_coords(ring.text if ring is not None else ""))
    return rings


def _iter_local(element: ET.Element, name: str) -> list[ET.Element]:
    """Descendants with this local tag name, whatever the KML namespace."""
    return [e for e in element.iter() if e.tag == name or e.tag.endswith("}" + name)]


def _read_kml(path: Path) -> list[TurfShape]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else 0
        raise InputError(f"not valid KML (XML): {exc}", where=f"{path.name}:{line}") from exc
    shapes = []
    for i, placemark in enumerate(_iter_local(root, "Placemark"), start=1):
        name_el = placemark.find("{*}name")
        name = (name_el.text or "").strip() if name_el is not None else ""
        name = name or f"Turf {i}"
        where = f"{path.name} placemark {i}"
        polys = [
            {"type": "Polygon", "coordinates": _polygon(_kml_polygon(p), where, name)}
            for p in _iter_local(placemark, "Polygon")
        ]
        geom = _merge_polys(polys)
        if geom is not None:
            shapes.append(TurfShape(name, geom, where))
    return shapes


def read_turf_file(path: str | Path) -> list[TurfShape]:
    """Polygons from a GeoJSON or KML file, checked; raises :class:`InputError`.

    Every invalid polygon is named in one message; none is repaired.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", where=str(path))
    if path.stat().st_size == 0:
        raise InputError("the turf file is empty", where=str(path))
    head = path.read_bytes()[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    is_kml = path.suffix.lower() == ".kml" or head.startswith(b"<")
    shapes = _read_kml(path) if is_kml else _read_geojson(path)
    if not shapes:
        raise InputError("the turf file has no polygons", where=str(path))
    bad = []
    for s in shapes:
        geom = shape(s.geometry)
        if not geom.is_valid:
            bad.append(f"{s.name!r} ({s.where}): {explain_validity(geom)}")
    if bad:
        raise InputError(
            "invalid turf polygons (fix them in your map tool; nothing was imported): "
            + "; ".join(bad),
            where=str(path),
        )
    return shapes


# --------------------------------------------------------------------------- finding


def find_turf(session: Session, text: str) -> Turf:
    """A live turf by id, exact name (any case) or unique name prefix."""
    live = (Turf.deleted.is_(False),)
    if is_uuid(text):
        turf = session.get(Turf, text)
        if turf is not None and not turf.deleted:
            return turf
    exact = list(session.scalars(select(Turf).where(func.lower(Turf.name) == text.lower(), *live)))
    if len(exact) == 1:
        return exact[0]
    prefix = list(
        session.scalars(select(Turf).where(func.lower(Turf.name).startswith(text.lower()), *live))
    )
    if len(prefix) == 1:
        return prefix[0]
    if len(exact) > 1 or len(prefix) > 1:
        names = ", ".join(sorted(t.name for t in (exact or prefix))[:8])
        raise NotFoundError(f"{text!r} matches several turfs: {names}; give the turf id")
    raise NotFoundError(f"no turf named {text!r} (see: fieldapp turf list)")


def find_volunteer(session: Session, text: str) -> Volunteer:
    """An active volunteer by id or by the person's name ("First Last")."""
    if is_uuid(text):
        vol = session.get(Volunteer, text)
        if vol is not None and not vol.deleted:
            return vol
    folded = " ".join(text.lower().split())
    rows = session.execute(
        select(Volunteer, Person)
        .join(Person, Person.id == Volunteer.person_id)
        .where(Volunteer.deleted.is_(False))
    ).all()
    matches = [v for v, p in rows if f"{p.first_name} {p.last_name}".lower() == folded]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFoundError(f"several volunteers are named {text!r}; give the volunteer id")
    raise NotFoundError(f"no volunteer named {text!r}")


# --------------------------------------------------------------------------- assigning doors


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


def _default_campaign(session: Session) -> str | None:
    from fieldapp.core.models import Campaign

    return session.scalar(
        select(Campaign.id).where(Campaign.deleted.is_(False)).order_by(Campaign.born_hlc.desc())
    )


# --------------------------------------------------------------------------- cutting


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
        progress.update(0, 3, "Cutting turfs")
        # buildings: the unit of cutting
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
        report.oversized_buildings = int((weight > doors_per_turf * (1 + TOLERANCE)).sum())
        parts = choose_turf_count(len(located), doors_per_turf)
        cells = partition(bx, by, weight, parts)
        progress.update(1, 3, "Cutting turfs")
        progress.check()
        # polygons, names and rows
        dx, dy = _project(lat, lon, lat0)
        doors_of_building: list[list[int]] = [[] for _ in range(nb)]
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
            pts = shapely.multipoints(np.column_stack([dx[members], dy[members]]))
            hull = shapely.convex_hull(pts).buffer(20.0, quad_segs=4)
            poly = hull.intersection(box(*bounds))
            if poly.is_empty:
                poly = hull
            poly = shapely.transform(poly, lambda c: np.column_stack([c[:, 0] / k, c[:, 1] / M_PER_DEG_LAT]))
            poly = shapely.set_precision(poly, 1e-7)
            if not isinstance(poly, Polygon | MultiPolygon):
                poly = poly.buffer(0)
            streets = Counter(located[i].street_name for i in members)
            street = streets.most_common(1)[0][0] if streets else ""
            while True:
                number += 1
                if parent is not None:
                    name = f"{prefix} · {number}"
                else:
                    name = f"{prefix} {number:02d}" + (f" · {street}" if street else "")
                if name.lower() not in taken:
                    break
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
        bulk_insert(session, Turf, new_turfs)
        progress.update(2, 3, "Cutting turfs")
        progress.check()
        bulk_update(session, Door, changes)
        if parent is not None:
            parent.deleted = True
        progress.update(3, 3, "Cutting turfs")
        progress.check()
    return report


# --------------------------------------------------------------------------- people on turfs


def assign_volunteer(store: Store, turf: str, volunteer: str, role: str = "canvasser") -> str:
    """Assign a volunteer (name or id) to a turf (name or id) as captain or canvasser.

    Assigning the same person in the same role twice is a no-op. Returns a
    sentence saying what happened.
    """
    if role not in ("captain", "canvasser"):
        raise InputError(f"role must be captain or canvasser, not {role!r}")
    with store.transaction() as session:
        t = find_turf(session, turf)
        v = find_volunteer(session, volunteer)
        person = session.get(Person, v.person_id)
        who = f"{person.first_name} {person.last_name}".strip() if person else v.id
        already = session.scalar(
            select(TurfAssignment).where(
                TurfAssignment.turf_id == t.id, TurfAssignment.volunteer_id == v.id,
                TurfAssignment.role == role, TurfAssignment.deleted.is_(False),
            )
        )
        if already is not None:
            return f"{who} is already {role} of {t.name}"
        if role == "captain":
            for old in session.scalars(
                select(TurfAssignment).where(
                    TurfAssignment.turf_id == t.id, TurfAssignment.role == "captain",
                    TurfAssignment.deleted.is_(False),
                )
            ):
                old.deleted = True  # one captain per turf
        session.add(TurfAssignment(turf_id=t.id, volunteer_id=v.id, role=role))
        if t.status == "open":
            t.status = "assigned"
        return f"{who} is now {role} of {t.name}"


def unassign_volunteer(store: Store, turf: str, volunteer: str) -> str:
    with store.transaction() as session:
        t = find_turf(session, turf)
        v = find_volunteer(session, volunteer)
        rows = list(session.scalars(
            select(TurfAssignment).where(
                TurfAssignment.turf_id == t.id, TurfAssignment.volunteer_id == v.id,
                TurfAssignment.deleted.is_(False),
            )
        ))
        for row in rows:
            row.deleted = True
        return f"removed {len(rows)} assignment(s) from {t.name}"


@dataclass
class TurfSummary:
    id: str
    name: str
    status: str
    doors: int
    captain: str
    canvassers: list[str]


def list_turfs(session: Session) -> list[TurfSummary]:
    """Every live turf with its door count and the people assigned."""
    counts: dict[str, int] = {}
    for counted_turf, n in session.execute(
        select(Door.turf_id, func.count())
        .where(Door.deleted.is_(False), Door.merged_into_id.is_(None), Door.turf_id.is_not(None))
        .group_by(Door.turf_id)
    ):
        counts[str(counted_turf)] = int(n)
    people: dict[str, tuple[str, list[str]]] = {}
    for turf_id, role, first, last in session.execute(
        select(TurfAssignment.turf_id, TurfAssignment.role, Person.first_name, Person.last_name)
        .join(Volunteer, Volunteer.id == TurfAssignment.volunteer_id)
        .join(Person, Person.id == Volunteer.person_id)
        .where(TurfAssignment.deleted.is_(False))
        .order_by(Person.last_name, Person.first_name)
    ):
        captain, crew = people.setdefault(turf_id, ("", []))
        name = f"{first} {last}".strip()
        if role == "captain":
            people[turf_id] = (name, crew)
        else:
            crew.append(name)
    out = []
    for t in session.scalars(select(Turf).where(Turf.deleted.is_(False)).order_by(Turf.name)):
        captain, crew = people.get(t.id, ("", []))
        out.append(TurfSummary(t.id, t.name, t.status, int(counts.get(t.id, 0)), captain, crew))
    return out
