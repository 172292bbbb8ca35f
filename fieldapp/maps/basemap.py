"""A vector basemap from one PMTiles file: open it, serve byte ranges, clip turfs out of it.

A PMTiles file (https://docs.protomaps.com/pmtiles/) holds a whole tile
pyramid in one file with a directory at its start; a reader needs only byte
ranges of it. The map page's protomaps-leaflet asks for ranges through the
app's own URL scheme (``ui/mapview.py`` answers ``pmtiles/<gen>/<offset>/<length>``
from :meth:`PMTilesFile.read`),
never the network.

:func:`clip` cuts the tiles covering some turfs (with a margin) out of a
larger file, with the ``pmtiles`` package: HQ clips a county or state file
for each captain's turf packet, so a laptop that was never online still has
a street map (:func:`install_received` puts a received clip in place).
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmtiles.reader import Reader
from pmtiles.tile import (
    Compression,
    MagicNumberNotFound,
    SpecVersionUnsupported,
    TileType,
    deserialize_header,
    zxy_to_tileid,
)
from pmtiles.writer import Writer

from fieldapp import paths, settings
from fieldapp.core import files
from fieldapp.core.db import Store
from fieldapp.core.site import SitePaths
from fieldapp.errors import InputError
from fieldapp.maps.tiles import tiles_in_area

log = logging.getLogger(__name__)

SETTING = "pmtiles_file"
DEFAULT_ZOOMS = (12, 15)
MARGIN_DEG = 0.005  # about 500 m around the turfs
MAX_CLIP_TILES = 200_000
RECEIVED_NAME = "turf-basemap.pmtiles"


@dataclass(frozen=True)
class ClipResult:
    path: Path
    tiles: int
    size: int
    box: tuple[float, float, float, float]
    zooms: tuple[int, int]


class PMTilesFile:
    """One PMTiles file opened read-only; thread-safe byte ranges."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise InputError("no such PMTiles file", where=str(self.path))
        self._lock = threading.Lock()
        self._fh = self.path.open("rb")
        self.size = os.fstat(self._fh.fileno()).st_size
        try:
            self.header: Any = deserialize_header(self.read(0, 127))
        except (MagicNumberNotFound, SpecVersionUnsupported, ValueError, UnicodeDecodeError) as exc:
            self._fh.close()
            why = str(exc) or "it does not start with a PMTiles header"
            raise InputError(f"not a PMTiles file (version 3): {why}",
                             where=str(self.path)) from None
        if self.header["tile_type"] != TileType.MVT:
            self._fh.close()
            raise InputError(
                f"this PMTiles file holds {self.header['tile_type'].name.lower()} tiles; "
                "Field App draws vector (MVT) basemaps such as the Protomaps basemap",
                where=str(self.path),
            )

    def read(self, offset: int, length: int) -> bytes:
        with self._lock:
            self._fh.seek(offset)
            return self._fh.read(max(0, length))

    def close(self) -> None:
        with self._lock:
            self._fh.close()

    def __enter__(self) -> PMTilesFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def zooms(self) -> tuple[int, int]:
        return int(self.header["min_zoom"]), int(self.header["max_zoom"])

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(south, west, north, east) in degrees."""
        h = self.header
        return (h["min_lat_e7"] / 1e7, h["min_lon_e7"] / 1e7,
                h["max_lat_e7"] / 1e7, h["max_lon_e7"] / 1e7)

    def metadata(self) -> dict[str, Any]:
        meta = Reader(self.read).metadata()
        return meta if isinstance(meta, dict) else {}

    def attribution(self) -> str:
        value = self.metadata().get("attribution", "")
        return value if isinstance(value, str) else ""

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        data = Reader(self.read).get(z, x, y)
        return bytes(data) if data else None


# --------------------------------------------------------------------------- clip


def turf_box(store: Store, names: list[str], margin: float = MARGIN_DEG
             ) -> tuple[float, float, float, float]:
    """(south, west, north, east) around the named turfs' polygons (or doors), plus a margin."""
    from fieldapp.maps.data import load_map_data

    lats: list[float] = []
    lons: list[float] = []
    for name in names:
        data = load_map_data(store, turf=name)
        box = data.bounds()
        if box is None:
            raise InputError(f"turf {name!r} has no polygon and no located doors to clip around",
                             where="--turf")
        lats += [box[0], box[2]]
        lons += [box[1], box[3]]
    return (max(-85.0, min(lats) - margin), max(-180.0, min(lons) - margin),
            min(85.0, max(lats) + margin), min(180.0, max(lons) + margin))


def clip(
    source: str | Path,
    out: str | Path,
    box: tuple[float, float, float, float],
    zooms: tuple[int, int] = DEFAULT_ZOOMS,
) -> ClipResult:
    """Write the tiles of ``source`` that cover ``box`` at ``zooms`` into a new PMTiles file.

    Tiles are copied as stored (same compression); tiles the source does not
    have stay absent. The file is written beside ``out`` and renamed into
    place, so a failed clip leaves nothing under the final name.
    """
    lo, hi = zooms
    south, west, north, east = box
    target = Path(out)
    with PMTilesFile(source) as src:
        hi = min(hi, src.zooms[1])
        lo = min(max(lo, src.zooms[0]), hi)
        wanted = sorted(
            (zxy_to_tileid(z, x, y), z, x, y)
            for z, x, y in tiles_in_area(south, west, north, east, lo, hi)
        )
        if len(wanted) > MAX_CLIP_TILES:
            raise InputError(f"that area needs {len(wanted):,} tiles (at most "
                             f"{MAX_CLIP_TILES:,}): lower the highest zoom", where="--zooms")
        reader = Reader(src.read)
        paths.ensure(target.parent)
        count = 0
        with files.atomic_path(target) as part, part.open("wb") as fh:  # atomic-exempt: its temp file
            writer = Writer(fh)
            for tile_id, z, x, y in wanted:
                data = reader.get(z, x, y)
                if data:
                    writer.write_tile(tile_id, bytes(data))
                    count += 1
            header = _clip_header(src.header, box, (lo, hi))
            meta = src.metadata()
            meta["fieldapp_clip"] = {"box": list(box), "zooms": [lo, hi],
                                     "source": src.path.name}
            writer.finalize(header, meta)
    size = target.stat().st_size
    log.info("clipped %d tiles (zoom %d-%d) into %s (%d bytes)", count, lo, hi, target.name, size)
    return ClipResult(target, count, size, box, (lo, hi))


def _clip_header(source: Any, box: tuple[float, float, float, float],
                 zooms: tuple[int, int]) -> dict[str, Any]:
    south, west, north, east = box
    return {
        "tile_type": source["tile_type"],
        "tile_compression": source["tile_compression"],
        "internal_compression": Compression.GZIP,
        "min_zoom": zooms[0],
        "max_zoom": zooms[1],
        "min_lon_e7": int(west * 1e7),
        "min_lat_e7": int(south * 1e7),
        "max_lon_e7": int(east * 1e7),
        "max_lat_e7": int(north * 1e7),
        "center_zoom": zooms[0],
        "center_lon_e7": int((west + east) / 2 * 1e7),
        "center_lat_e7": int((south + north) / 2 * 1e7),
    }


# --------------------------------------------------------------------------- opened file


def opened_path() -> Path | None:
    """The PMTiles basemap the maps use (settings), if it is still there."""
    value = settings.get(SETTING)
    if not value:
        return None
    path = Path(value)
    return path if path.is_file() else None


def open_basemap(path: str | Path | None) -> Path | None:
    """Use ``path`` as the maps' basemap (checked first); None stops using one."""
    if path is None or str(path) == "":
        settings.set_value(SETTING, "")
        return None
    resolved = Path(path).expanduser().resolve()
    with PMTilesFile(resolved):  # refuse a file that is not a vector PMTiles
        pass
    settings.set_value(SETTING, str(resolved))
    return resolved


def received_dir() -> Path:
    return paths.ensure(paths.dirs().data / "basemaps")


def install_received(data_path: Path, *, use: bool = True) -> Path:
    """Keep a basemap clip that arrived in a turf packet; use it unless told otherwise."""
    target = received_dir() / RECEIVED_NAME
    with PMTilesFile(data_path):
        pass
    files.write_with(target, lambda tmp: shutil.copyfile(data_path, tmp))
    if use:
        settings.set_value(SETTING, str(target))
    log.info("installed a received basemap clip (%d bytes)", target.stat().st_size)
    return target


def describe(path: Path) -> str:
    with PMTilesFile(path) as f:
        s, w, n, e = f.bounds
        lo, hi = f.zooms
        return (f"{path} ({f.size / 1e6:.1f} MB, zoom {lo}-{hi}, "
                f"area {s:.4f},{w:.4f},{n:.4f},{e:.4f})")



# --------------------------------------------------------------------------- turf packets

PACKET_ATTACHMENT = "basemap.pmtiles"


def packet_clip(store: Store, turfs: list[str], folder: Path,
                zooms: tuple[int, int] = DEFAULT_ZOOMS) -> ClipResult | None:
    """The clip a turf packet carries: the turfs' area from the opened basemap (None: none open)."""
    source = opened_path()
    if source is None or not turfs:
        return None
    return clip(source, folder / PACKET_ATTACHMENT, turf_box(store, turfs), zooms)


def install_from_bundle(path: str | Path, *, passphrase: bytes | None = None,
                        store_site_id: str | None = None,
                        site: SitePaths | None = None) -> Path | None:
    """After a turf packet is imported: keep and use the basemap clip it carries, if any."""
    import tempfile

    from fieldapp.services.sync.attachments import extract, listed
    from fieldapp.services.sync.bundle import open_bundle

    with open_bundle(path, passphrase=passphrase, store_site_id=store_site_id,
                     scan=False, site=site) as opened:
        if PACKET_ATTACHMENT not in listed(opened.manifest.scope):
            return None
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / PACKET_ATTACHMENT
            extract(opened.zip_path, opened.manifest.scope, PACKET_ATTACHMENT, target)
            return install_received(target)


def keep_packet_basemap(store: Store, path: str | Path, status: str, *,
                        passphrase: bytes | None = None) -> Path | None:
    """After ``bundle import`` (CLI or Sync page): install the clip of a merged packet."""
    if status not in ("merged", "partial", "already"):
        return None
    return install_from_bundle(path, passphrase=passphrase, store_site_id=store.site_id,
                               site=store.site)
