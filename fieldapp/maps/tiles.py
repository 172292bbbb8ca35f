"""Basemap tiles that keep working offline: an MBTiles cache and polite fetching.

The cache is one SQLite file in the MBTiles layout (``metadata`` and ``tiles``
tables, TMS row order) in the user cache folder, plus a ``fieldapp_tile_info``
table with each tile's freshness (the server's ``Cache-Control``/``Expires``,
``ETag``, ``Last-Modified``), so a tile is fetched again only when the server
says it is stale, and then with a conditional request.

Tiles come from, in order: an MBTiles file the user opened (read-only), the
cache, and (when a tile server is configured) the network, through the cache.
Fetching is blocking: callers run it off the GUI thread.

Saving an area for offline use is a bulk download, which some providers
forbid: openstreetmap.org's own tile servers do (their tile usage policy), so
:func:`check_bulk_allowed` refuses them whatever the user says.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import math
import re
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from fieldapp import __version__, paths, settings
from fieldapp.errors import FieldAppError, InputError
from fieldapp.services.progress import Progress

log = logging.getLogger(__name__)

USER_AGENT = f"FieldApp/{__version__} (offline-first field organizing desktop app)"
DEFAULT_MAX_AGE = 7 * 86400  # when a server gives no cache rule
MAX_SAVE_TILES = 25_000
NO_BULK_HOSTS = ("openstreetmap.org",)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS metadata (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS tiles (
    zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB,
    PRIMARY KEY (zoom_level, tile_column, tile_row)
);
CREATE TABLE IF NOT EXISTS fieldapp_tile_info (
    zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,
    fetched_at REAL, expires_at REAL, etag TEXT, last_modified TEXT,
    PRIMARY KEY (zoom_level, tile_column, tile_row)
);
"""


class TileError(FieldAppError):
    """A tile source cannot be used (bad MBTiles file, refused bulk download...)."""


@dataclass
class Tile:
    data: bytes
    expires_at: float | None = None  # None: never expires (an opened MBTiles file)
    etag: str = ""
    last_modified: str = ""

    def fresh(self, now: float | None = None) -> bool:
        return self.expires_at is None or self.expires_at > (time.time() if now is None else now)


def tms_row(z: int, y: int) -> int:
    """MBTiles stores rows bottom-up (TMS); Leaflet counts top-down (XYZ)."""
    return (1 << z) - 1 - y


def image_type(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


def cache_path() -> Path:
    return paths.dirs().cache / "tiles.mbtiles"


class MBTiles:
    """One MBTiles file. Thread-safe (one connection, one lock)."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.Lock()
        if readonly:
            if not self.path.is_file():
                raise InputError("no such MBTiles file", where=str(self.path))
            uri = self.path.resolve().as_uri().replace("file://", "file:", 1) + "?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            try:
                names = {
                    r[0]
                    for r in self._conn.execute(
                        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                    )
                }
            except sqlite3.DatabaseError as exc:
                self._conn.close()
                raise InputError(f"not an MBTiles file ({exc})", where=str(self.path)) from exc
            if not {"tiles", "metadata"} <= names:
                self._conn.close()
                raise InputError(
                    "not an MBTiles file (it has no 'tiles' and 'metadata' tables)",
                    where=str(self.path),
                )
            fmt = self.metadata().get("format", "png").lower()
            if fmt in ("pbf", "mvt"):
                self._conn.close()
                raise InputError(
                    "this MBTiles file holds vector tiles (pbf); Field App shows raster "
                    "MBTiles (png, jpg, webp) only: for a vector basemap, open a PMTiles "
                    "file (fieldapp tiles open FILE.pmtiles)",
                    where=str(self.path),
                )
        else:
            paths.ensure(self.path.parent)
            self._conn = sqlite3.connect(str(self.path), check_same_thread=False)
            self._conn.executescript(_SCHEMA)
            self._conn.execute("PRAGMA journal_mode=WAL")
            with self._conn:
                self._conn.executemany(
                    "INSERT OR IGNORE INTO metadata (name, value) VALUES (?, ?)",
                    [("name", "Field App tile cache"), ("format", "png"), ("type", "baselayer"),
                     ("version", "1.1")],
                )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def metadata(self) -> dict[str, str]:
        with self._lock:
            return {str(k): str(v) for k, v in self._conn.execute("SELECT name, value FROM metadata")}

    def zoom_range(self) -> tuple[int, int] | None:
        with self._lock:
            row = self._conn.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
        if row is None or row[0] is None:
            return None
        return int(row[0]), int(row[1])

    def count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM tiles").fetchone()[0])

    def get(self, z: int, x: int, y: int) -> Tile | None:
        key = (z, x, tms_row(z, y))
        with self._lock:
            row = self._conn.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                key,
            ).fetchone()
            if row is None:
                return None
            info = None
            if not self.readonly:
                info = self._conn.execute(
                    "SELECT expires_at, etag, last_modified FROM fieldapp_tile_info "
                    "WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                    key,
                ).fetchone()
        if info is None:
            return Tile(bytes(row[0]))
        return Tile(bytes(row[0]), info[0], info[1] or "", info[2] or "")

    def put(self, z: int, x: int, y: int, tile: Tile) -> None:
        if self.readonly:
            raise TileError(f"{self.path} is read-only")
        key = (z, x, tms_row(z, y))
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data) "
                "VALUES (?, ?, ?, ?)",
                (*key, sqlite3.Binary(tile.data)),
            )
            self._conn.execute(
                "INSERT OR REPLACE INTO fieldapp_tile_info VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*key, time.time(), tile.expires_at, tile.etag, tile.last_modified),
            )

    def refresh(self, z: int, x: int, y: int, expires_at: float) -> None:
        """The server said 304 Not Modified: the cached tile is good until ``expires_at``."""
        with self._lock, self._conn:
            self._conn.execute(
                "UPDATE fieldapp_tile_info SET expires_at=?, fetched_at=? "
                "WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                (expires_at, time.time(), z, x, tms_row(z, y)),
            )


def expiry(headers: dict[str, str], now: float | None = None) -> float:
    """When a tile goes stale, from the server's Cache-Control or Expires headers."""
    if now is None:
        now = time.time()
    cc = headers.get("cache-control", "").lower()
    if "no-store" in cc or "no-cache" in cc:
        return now
    m = re.search(r"max-age\s*=\s*(\d+)", cc)
    if m:
        return now + int(m.group(1))
    if headers.get("expires"):
        try:
            when = email.utils.parsedate_to_datetime(headers["expires"])
            if when.tzinfo is None:
                when = when.replace(tzinfo=dt.UTC)
            return when.timestamp()
        except (TypeError, ValueError):
            return now
    return now + DEFAULT_MAX_AGE


def tile_url(template: str, z: int, x: int, y: int) -> str:
    return (
        template.replace("{s}", "a").replace("{r}", "").replace("{z}", str(z))
        .replace("{x}", str(x)).replace("{y}", str(y))
    )


def is_osm_tile_server(template: str) -> bool:
    host = (urlparse(template.replace("{s}", "a")).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in NO_BULK_HOSTS)


def check_bulk_allowed(template: str, *, provider_allows: bool) -> None:
    """Refuse a bulk download the provider's usage policy does not allow."""
    if not template:
        raise TileError("no tile server is set: choose one first (Map tiles > Tile server…)")
    if is_osm_tile_server(template):
        raise TileError(
            "openstreetmap.org's tile servers do not allow saving areas for offline use "
            "(their tile usage policy forbids bulk downloads). Tiles you look at while "
            "online are still kept; for whole areas use a provider that allows it or open "
            "an MBTiles file."
        )
    if not provider_allows:
        raise TileError(
            "saving an area downloads many tiles at once: confirm that your tile provider's "
            "usage policy allows bulk downloads"
        )


class TileSourceStack:
    """Where tiles come from: an opened MBTiles file, the cache, then the network."""

    def __init__(
        self,
        cache: MBTiles | None = None,
        *,
        template: str | None = None,
        opened: MBTiles | None = None,
        online: bool = True,
        timeout: float = 10.0,
    ) -> None:
        self.cache = cache if cache is not None else MBTiles(cache_path())
        self.template = settings.get("tile_url") if template is None else template
        self.opened = opened
        self.online = online
        self.timeout = timeout
        self.fetched = 0  # network fetches made (for the status line and tests)

    @property
    def has_tiles(self) -> bool:
        """Whether a basemap can be shown at all (else a plain background)."""
        return bool(self.template) or self.opened is not None or self.cache.count() > 0

    def zoom_range(self) -> tuple[int, int]:
        if self.opened is not None and not self.template:
            rng = self.opened.zoom_range()
            if rng:
                return rng
        return (0, 19)

    def cached(self, z: int, x: int, y: int) -> Tile | None:
        """A tile that needs no network: from the opened file, or fresh in the cache."""
        if self.opened is not None:
            tile = self.opened.get(z, x, y)
            if tile is not None:
                return tile
        tile = self.cache.get(z, x, y)
        if tile is not None and (tile.fresh() or not (self.online and self.template)):
            return tile
        return None

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile's bytes, fetching through the cache when needed (blocking)."""
        hit = self.cached(z, x, y)
        if hit is not None:
            return hit.data
        stale = self.cache.get(z, x, y)
        if not (self.online and self.template):
            return stale.data if stale else None
        try:
            return self._fetch(z, x, y, stale)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            log.info("tile %s/%s/%s not fetched: %s", z, x, y, exc)
            return stale.data if stale else None

    def _fetch(self, z: int, x: int, y: int, stale: Tile | None) -> bytes | None:
        assert self.template
        request = urllib.request.Request(tile_url(self.template, z, x, y))
        request.add_header("User-Agent", USER_AGENT)
        if stale is not None and stale.etag:
            request.add_header("If-None-Match", stale.etag)
        if stale is not None and stale.last_modified:
            request.add_header("If-Modified-Since", stale.last_modified)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                data: bytes = resp.read()
                headers = {k.lower(): v for k, v in resp.headers.items()}
        except urllib.error.HTTPError as exc:
            if exc.code == 304 and stale is not None:
                headers = {k.lower(): v for k, v in exc.headers.items()}
                self.cache.refresh(z, x, y, expiry(headers))
                return stale.data
            if exc.code == 404:
                return None
            raise
        self.fetched += 1
        if not data:
            return stale.data if stale else None
        self.cache.put(
            z, x, y,
            Tile(data, expiry(headers), headers.get("etag", ""), headers.get("last-modified", "")),
        )
        return data


def tiles_in_area(
    south: float, west: float, north: float, east: float, min_zoom: int, max_zoom: int
) -> Iterator[tuple[int, int, int]]:
    """Every (z, x, y) tile covering a box, zoom by zoom."""
    for z in range(min_zoom, max_zoom + 1):
        x0, y0 = _tile_xy(north, west, z)
        x1, y1 = _tile_xy(south, east, z)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                yield z, x, y


def _tile_xy(lat: float, lon: float, z: int) -> tuple[int, int]:
    n = 1 << z
    lat = max(min(lat, 85.0511), -85.0511)
    x = int((lon + 180.0) / 360.0 * n)
    rad = math.radians(lat)
    y = int((1.0 - math.asinh(math.tan(rad)) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def count_area(south: float, west: float, north: float, east: float,
               min_zoom: int, max_zoom: int) -> int:
    total = 0
    for z in range(min_zoom, max_zoom + 1):
        x0, y0 = _tile_xy(north, west, z)
        x1, y1 = _tile_xy(south, east, z)
        total += (x1 - x0 + 1) * (y1 - y0 + 1)
    return total


def save_area(
    source: TileSourceStack,
    box: tuple[float, float, float, float],
    min_zoom: int,
    max_zoom: int,
    *,
    provider_allows: bool,
    progress: Progress | None = None,
) -> int:
    """Fetch every tile of an area into the cache, for offline use; returns tiles saved.

    Refused for providers whose policy forbids bulk downloads. Tiles already
    fresh in the cache are not fetched again.
    """
    progress = progress or Progress()
    check_bulk_allowed(source.template or "", provider_allows=provider_allows)
    south, west, north, east = box
    total = count_area(south, west, north, east, min_zoom, max_zoom)
    if total > MAX_SAVE_TILES:
        raise TileError(
            f"that area needs {total:,} tiles (at most {MAX_SAVE_TILES:,} at once): "
            "zoom in or lower the highest zoom level"
        )
    saved = 0
    for done, (z, x, y) in enumerate(tiles_in_area(south, west, north, east, min_zoom, max_zoom)):
        progress.update(done, total, "Saving map tiles for offline use")
        progress.check()
        if source.tile(z, x, y) is not None:
            saved += 1
    progress.update(total, total, "Saving map tiles for offline use")
    return saved
