"""Build small PMTiles vector basemaps for tests (and screenshots, benchmarks).

A few streets, as GeoJSON lines, are encoded to Mapbox Vector Tiles in the
Protomaps basemap schema (``earth`` land polygons, ``roads`` with ``kind`` and
``name``) with ``mapbox-vector-tile`` and written with the ``pmtiles`` writer.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Sequence
from pathlib import Path

import mapbox_vector_tile
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import write
from shapely.geometry import LineString, box, mapping

Street = tuple[str, Sequence[tuple[float, float]]]  # name, [(lon, lat), ...]


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) of an XYZ tile, in degrees."""
    n = 1 << z

    def lat(row: int) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / n))))

    return x / n * 360 - 180, lat(y + 1), (x + 1) / n * 360 - 180, lat(y)


def tile_xy(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 1 << z
    rad = math.radians(lat)
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(rad)) / math.pi) / 2 * n)


def encode_tile(z: int, x: int, y: int, streets: Sequence[Street]) -> bytes | None:
    west, south, east, north = tile_bounds(z, x, y)
    area = box(west, south, east, north)
    roads = []
    for name, coords in streets:
        part = LineString(coords).intersection(area.buffer((east - west) * 0.05))
        if not part.is_empty:
            roads.append({"geometry": mapping(part),
                          "properties": {"kind": "minor_road", "kind_detail": "residential",
                                         "name": name, "min_zoom": 12}})
    if not roads:
        return None
    layers = [
        {"name": "earth", "features": [{"geometry": mapping(area), "properties": {"kind": "earth"}}]},
        {"name": "roads", "features": roads},
    ]
    raw: bytes = mapbox_vector_tile.encode(
        layers, default_options={"quantize_bounds": (west, south, east, north), "extents": 4096})
    return raw


def write_pmtiles(path: Path, streets: Sequence[Street], zooms: tuple[int, int] = (12, 16),
                  *, gzip_tiles: bool = True, pad: float = 0.002) -> int:
    """Write a PMTiles file with the streets at every zoom in ``zooms``; returns tiles written."""
    lons = [p[0] for _n, c in streets for p in c]
    lats = [p[1] for _n, c in streets for p in c]
    w, s, e, n = min(lons), min(lats), max(lons), max(lats)
    tiles = []
    # the file's declared area: the streets plus about 200 m, like an extract's --bbox
    bw, bs, be, bn = w - pad, s - pad, e + pad, n + pad
    for z in range(zooms[0], zooms[1] + 1):
        x0, y0 = tile_xy(w, n, z)
        x1, y1 = tile_xy(e, s, z)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                data = encode_tile(z, x, y, streets)
                if data is not None:
                    tiles.append((zxy_to_tileid(z, x, y), gzip.compress(data) if gzip_tiles else data))
    tiles.sort()
    with write(str(path)) as writer:
        for tile_id, data in tiles:
            writer.write_tile(tile_id, data)
        writer.finalize(
            {
                "tile_type": TileType.MVT,
                "tile_compression": Compression.GZIP if gzip_tiles else Compression.NONE,
                "min_zoom": zooms[0], "max_zoom": zooms[1],
                "min_lon_e7": int(bw * 1e7), "min_lat_e7": int(bs * 1e7),
                "max_lon_e7": int(be * 1e7), "max_lat_e7": int(bn * 1e7),
                "center_zoom": zooms[0], "center_lon_e7": int((w + e) / 2 * 1e7),
                "center_lat_e7": int((s + n) / 2 * 1e7),
            },
            {"name": "test streets", "attribution": "test data",
             "vector_layers": [{"id": "earth", "fields": {}}, {"id": "roads", "fields": {}}]},
        )
    return len(tiles)
