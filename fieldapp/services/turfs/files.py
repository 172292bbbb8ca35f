"""Reading turf polygons from GeoJSON and KML files (invalid polygons are refused by name)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.validation import explain_validity

from fieldapp.errors import InputError


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

