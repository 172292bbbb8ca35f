"""The map in Qt: a QWebEngineView on a page file, a QWebChannel bridge, tiles.

* The page is written to a file in the cache folder and loaded with
  ``load(QUrl.fromLocalFile(...))`` (``setHtml`` fails past 2 MB, and 100,000
  doors are more than that).
* :class:`MapBridge` is the QWebChannel object the page talks to: door clicks,
  lasso/box selections, drawn polygons, edited turfs and the current view come
  back to Python as Qt signals.
* Basemap tiles are served by :class:`TileSchemeHandler` on the
  ``fieldapp-tile:`` scheme from :class:`fieldapp.maps.tiles.TileSourceStack`
  (opened MBTiles file, cache, network through the cache). Network fetches run
  on a small thread pool, never on the GUI thread. The scheme must be
  registered before the QApplication exists: :func:`register_url_schemes`
  (called by ``fieldapp.app`` and the tests).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QObject, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from fieldapp import paths
from fieldapp import settings as app_settings
from fieldapp.maps.basemap import PMTilesFile
from fieldapp.maps.basemap import opened_path as opened_basemap_path
from fieldapp.maps.tiles import MBTiles, TileSourceStack, image_type

if TYPE_CHECKING:  # folium, branca, jinja2 and numpy load with the first map, not at start
    from fieldapp.maps.build import Basemap, TileSource, View

log = logging.getLogger(__name__)

TILE_SCHEME = b"fieldapp-tile"
TILE_URL = "fieldapp-tile:{z}/{x}/{y}"
PMTILES_PREFIX = "pmtiles/"  # fieldapp-tile:pmtiles/<generation>/<offset>/<length>


def register_url_schemes() -> bool:
    """Register the tile scheme; must run before the QApplication is created.

    Safe to call more than once. Returns False (and logs) when it is too late.
    """
    if QWebEngineUrlScheme.schemeByName(QByteArray(TILE_SCHEME)).name() == QByteArray(TILE_SCHEME):
        return True
    if QCoreApplication.instance() is not None:
        log.warning("the %s scheme is registered after the QApplication: tiles will not load",
                    TILE_SCHEME.decode())
    scheme = QWebEngineUrlScheme(QByteArray(TILE_SCHEME))
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
        | QWebEngineUrlScheme.Flag.CorsEnabled
        | QWebEngineUrlScheme.Flag.ContentSecurityPolicyIgnored
        | QWebEngineUrlScheme.Flag.FetchApiAllowed  # protomaps-leaflet fetches PMTiles ranges
    )
    QWebEngineUrlScheme.registerScheme(scheme)
    return True


# --------------------------------------------------------------------------- tiles


class TileService(QObject):
    """The app's one tile source, shared by every map view; settings can change it."""

    changed = Signal()
    _deliver = Signal(object, object)  # (job, bytes | None), from a fetch thread

    _instance: TileService | None = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="tiles")
        self._lock = threading.Lock()
        self._live: set[int] = set()
        self.stack: TileSourceStack | None = None
        self.basemap_file: PMTilesFile | None = None
        self._generation = 0
        self._deliver.connect(self._reply)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)  # no tile reply after the app is gone
        self.configure()

    @classmethod
    def instance(cls) -> TileService:
        if cls._instance is None:
            cls._instance = TileService(QCoreApplication.instance())
        return cls._instance

    def configure(self, *, template: str | None = None, mbtiles: str | None = None,
                  online: bool = True) -> None:
        """(Re)read the tile server and the opened MBTiles file (None: from settings)."""
        if self.stack is not None:
            self.stack.cache.close()
            if self.stack.opened is not None:
                self.stack.opened.close()
        url = app_settings.get("tile_url") if template is None else template
        opened_path = app_settings.get("mbtiles_file") if mbtiles is None else mbtiles
        opened = None
        if opened_path:
            try:
                opened = MBTiles(Path(opened_path), readonly=True)
            except Exception as exc:  # a moved or broken file: say so, keep going
                log.warning("cannot use MBTiles file %s: %s", opened_path, exc)
        self.stack = TileSourceStack(template=url or "", opened=opened, online=online)
        self._open_basemap()
        self.changed.emit()

    def _open_basemap(self) -> None:
        """(Re)open the PMTiles basemap named in the settings, if any."""
        if self.basemap_file is not None:
            self.basemap_file.close()
            self.basemap_file = None
        self._generation += 1
        path = opened_basemap_path()
        if path is None:
            return
        try:
            self.basemap_file = PMTilesFile(path)
        except Exception as exc:  # a moved or broken file: say so, keep going
            log.warning("cannot use PMTiles file %s: %s", path, exc)

    def basemap(self, lang: str = "en") -> Basemap | None:
        """The PMTiles vector basemap the page should draw, or None."""
        from fieldapp.maps.build import Basemap

        f = self.basemap_file
        if f is None:
            return None
        return Basemap(
            url=f"fieldapp-tile:{PMTILES_PREFIX}{self._generation}",
            lang=lang,
            attribution=f.attribution(),
            max_data_zoom=f.zooms[1],
            bounds=f.bounds,
        )

    def _reply_range(self, job: QWebEngineUrlRequestJob) -> None:
        """Answer a byte-range read of the opened PMTiles file.

        The page asks for ``pmtiles/<generation>/<offset>/<length>`` (the range is in
        the path, so the answer is a plain 200 reply with exactly those bytes).
        """
        f = self.basemap_file
        parts = job.requestUrl().path().lstrip("/").split("/")
        try:
            generation, offset, length = (int(p) for p in parts[1:4])
        except ValueError:
            job.fail(QWebEngineUrlRequestJob.Error.UrlInvalid)
            return
        if f is None or generation != self._generation or offset < 0 or length < 0:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        data = f.read(offset, min(length, max(0, f.size - offset)))
        buf = QBuffer(job)
        buf.setData(QByteArray(data))
        buf.open(QBuffer.OpenModeFlag.ReadOnly)
        job.reply(QByteArray(b"application/octet-stream"), buf)

    def tile_source(self, attribution: str = "") -> TileSource | None:
        """What the page should load, or None for a plain background."""
        stack = self.stack
        if stack is None or not stack.has_tiles:
            return None
        low, high = stack.zoom_range()
        attr = attribution or app_settings.get("tile_attribution") or ""
        if stack.opened is not None and not attr:
            attr = stack.opened.metadata().get("attribution", "")
        from fieldapp.maps.build import TileSource

        return TileSource(TILE_URL, attribution=attr, min_zoom=low, max_zoom=high)

    def handle(self, job: QWebEngineUrlRequestJob) -> None:
        if job.requestUrl().path().lstrip("/").startswith(PMTILES_PREFIX):
            self._reply_range(job)
            return
        stack = self.stack
        try:
            z, x, y = (int(p) for p in job.requestUrl().path().strip("/").split("/")[:3])
        except ValueError:
            job.fail(QWebEngineUrlRequestJob.Error.UrlInvalid)
            return
        if stack is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        hit = stack.cached(z, x, y)
        if hit is not None:
            self._reply(job, hit.data)
            return
        key = id(job)
        with self._lock:
            self._live.add(key)
        job.destroyed.connect(lambda *_a, k=key: self._forget(k))

        def fetch() -> None:
            try:
                data = stack.tile(z, x, y)
            except Exception:
                log.exception("tile %s/%s/%s failed", z, x, y)
                data = None
            self._deliver.emit(job, data)

        self._pool.submit(fetch)

    def _forget(self, key: int) -> None:
        with self._lock:
            self._live.discard(key)

    @Slot(object, object)
    def _reply(self, job: QWebEngineUrlRequestJob, data: bytes | None) -> None:
        try:
            if not data:
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
                return
            buf = QBuffer(job)
            buf.setData(QByteArray(data))
            buf.open(QBuffer.OpenModeFlag.ReadOnly)
            job.reply(QByteArray(image_type(data).encode()), buf)
        except RuntimeError:  # the page went away while the tile was fetched
            log.debug("tile request gone before its reply")

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class TileSchemeHandler(QWebEngineUrlSchemeHandler):
    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        TileService.instance().handle(job)


_handlers: dict[int, TileSchemeHandler] = {}


def install_tile_handler(profile: QWebEngineProfile) -> None:
    """Serve ``fieldapp-tile:`` on ``profile`` (once per profile)."""
    if id(profile) in _handlers:
        return
    handler = TileSchemeHandler(profile)
    profile.installUrlSchemeHandler(QByteArray(TILE_SCHEME), handler)
    _handlers[id(profile)] = handler


# --------------------------------------------------------------------------- bridge


class MapBridge(QObject):
    """What the page tells Python (the ``bridge`` object of the QWebChannel)."""

    door_clicked = Signal(int)
    doors_selected = Signal(list)
    polygon_drawn = Signal(dict)
    turf_edited = Signal(str, dict)
    view_changed = Signal(float, float, int)
    doors_drawn = Signal(int)
    page_ready = Signal(int, int, int)
    js_error = Signal(str)

    @Slot(int)
    def doorClicked(self, index: int) -> None:
        self.door_clicked.emit(int(index))

    @Slot(str)
    def doorsSelected(self, indexes: str) -> None:
        self.doors_selected.emit([int(i) for i in json.loads(indexes)])

    @Slot(str)
    def polygonDrawn(self, geometry: str) -> None:
        self.polygon_drawn.emit(json.loads(geometry))

    @Slot(str, str)
    def turfEdited(self, turf_id: str, geometry: str) -> None:
        self.turf_edited.emit(turf_id, json.loads(geometry))

    @Slot(float, float, int)
    def viewChanged(self, lat: float, lon: float, zoom: int) -> None:
        self.view_changed.emit(float(lat), float(lon), int(zoom))

    @Slot(int)
    def doorsDrawn(self, count: int) -> None:
        self.doors_drawn.emit(int(count))

    @Slot(int, int, int)
    def pageReady(self, doors: int, turfs: int, events: int) -> None:
        self.page_ready.emit(int(doors), int(turfs), int(events))

    @Slot(str)
    def jsError(self, text: str) -> None:
        log.error("map page error: %s", text)
        self.js_error.emit(text)


class _LoggingPage(QWebEnginePage):
    def javaScriptConsoleMessage(self, level: Any, message: str, line: int, source: str) -> None:
        log.log(logging.WARNING if "Error" in str(level) else logging.DEBUG,
                "map js: %s (%s:%s)", message, source.rsplit("/", 1)[-1], line)


# --------------------------------------------------------------------------- the view


def remove_stale_pages(folder: Path) -> int:
    """Delete map pages written by Field App runs that are gone (a crash leaves them)."""
    removed = 0
    for page in folder.glob("map-*.html"):
        pid = page.name.split("-")[1]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue
        if pid.isdigit() and int(pid) == os.getpid():
            continue
        page.unlink(missing_ok=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


class MapView(QWebEngineView):
    """Shows one map page file and maps door indexes on the page to door ids."""

    loaded = Signal(int)  # doors drawn (the page is ready for use)

    _counter = 0

    def __init__(self, parent: QWidget | None = None,
                 profile: QWebEngineProfile | None = None) -> None:
        super().__init__(parent)
        profile = profile or QWebEngineProfile.defaultProfile()
        install_tile_handler(profile)
        self.setPage(_LoggingPage(profile, self))
        self.bridge = MapBridge(self)
        self.channel = QWebChannel(self)
        self.channel.registerObject("bridge", self.bridge)
        self.page().setWebChannel(self.channel)
        self.bridge.view_changed.connect(self._remember_view)
        self.bridge.doors_drawn.connect(self.loaded)
        self.ids: list[str] = []
        self._index: dict[str, int] | None = {}
        self.current_view: View | None = None
        MapView._counter += 1
        # The page holds door addresses and results: an owner-only folder, owner-only
        # files, removed when the view goes (and those a crashed run left, at the next).
        folder = paths.ensure(paths.dirs().cache / "maps", private=True)
        if MapView._counter == 1:
            remove_stale_pages(folder)
        self.page_file = folder / f"map-{os.getpid()}-{MapView._counter}.html"
        page_file = self.page_file
        self.destroyed.connect(lambda *_a: page_file.unlink(missing_ok=True))
        self.setMinimumSize(300, 240)

    def show_page(self, page_html: str, ids: list[str]) -> None:
        """Write the page and load it (ids: the door id of each page index)."""
        from fieldapp.core.files import write_text

        write_text(self.page_file, page_html, private=True)
        self.set_ids(ids)
        self.load(QUrl.fromLocalFile(str(self.page_file)))

    def show_file(self, page_file: Path, ids: list[str]) -> None:
        self.set_ids(ids)
        self.load(QUrl.fromLocalFile(str(page_file)))

    def set_ids(self, ids: list[str]) -> None:
        self.ids = ids
        self._index = None  # made when first needed

    def door_id(self, index: int) -> str | None:
        return self.ids[index] if 0 <= index < len(self.ids) else None

    def index_of(self, door_id: str) -> int:
        if self._index is None:
            self._index = dict(zip(self.ids, range(len(self.ids)), strict=True))
        return self._index.get(door_id, -1)

    def _remember_view(self, lat: float, lon: float, zoom: int) -> None:
        from fieldapp.maps.build import View

        self.current_view = View(lat, lon, zoom)

    def js(self, script: str, callback: Callable[[Any], None] | None = None) -> None:
        if callback is None:
            self.page().runJavaScript(script, 0)
        else:
            self.page().runJavaScript(script, 0, callback)

    def highlight_door(self, door_id: str | None, *, fly: bool = True) -> bool:
        i = self.index_of(door_id) if door_id else -1
        self.js(f"FA.highlightDoor({i}, {'true' if fly else 'false'})")
        return i >= 0

    def select_doors(self, door_ids: list[str]) -> None:
        idx = [i for i in map(self.index_of, door_ids) if i >= 0]
        self.js(f"FA.selectDoors({json.dumps(idx)})")

    def clear_pending(self) -> None:
        self.js("FA.pending && FA.pending.clearLayers(); FA.clearSelection();")

    def set_draw_mode(self, mode: str) -> None:
        self.js(f"FA.setDrawMode({json.dumps(mode)})")

    def cleanup(self) -> None:
        try:
            self.page_file.unlink(missing_ok=True)
        except OSError:
            pass
