"""The map pages in QtWebEngine (offscreen): offline, counts, bridge, tiles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineUrlRequestInterceptor

from fieldapp.core.db import Store
from fieldapp.maps.build import build_map
from fieldapp.maps.data import MapData, load_map_data
from fieldapp.ui.mapview import MapView, TileService
from tests.maps.conftest import LOCAL_SCHEMES, FakeTileServer, run_js

pytestmark = pytest.mark.gui

WAIT = 30000  # generous: a loaded 2-core machine


class Recorder(QWebEngineUrlRequestInterceptor):
    """Records every request a page makes and blocks any that leaves the machine."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.external: list[str] = []

    def interceptRequest(self, info: Any) -> None:
        url = info.requestUrl()
        self.urls.append(url.toString())
        local = url.scheme() in LOCAL_SCHEMES or (
            url.scheme() in ("http", "https", "ws") and url.host() in ("127.0.0.1", "localhost")
        )
        if not local:
            self.external.append(url.toString())
            info.block(True)  # the network is "off" for anything else


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    rec = Recorder()
    QWebEngineProfile.defaultProfile().setUrlRequestInterceptor(rec)
    yield rec
    QWebEngineProfile.defaultProfile().setUrlRequestInterceptor(None)


@pytest.fixture
def view(qtbot: Any) -> Iterator[MapView]:
    v = MapView()
    qtbot.addWidget(v)
    v.resize(1000, 700)
    v.show()
    yield v
    v.cleanup()


def load(qtbot: Any, view: MapView, data: MapData, **kwargs: Any) -> None:
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.show_page(build_map(data, **kwargs), data.doors.ids)


def counts(qtbot: Any, view: MapView) -> list[Any]:
    return run_js(qtbot, view, "[typeof L, FA.doorCount(), FA.turfCount(), FA.eventCount(),"
                  " FA.errors.length]")


@pytest.mark.parametrize("fitted", [True, False])
def test_the_doors_are_painted_once_as_the_page_loads(
    qtbot: Any, view: MapView, demo_store: Store, fitted: bool,
) -> None:
    """Every door is painted once on a first draw (each paint of 100,000 doors costs
    tens of milliseconds), whether the page fits its view or is given one."""
    from fieldapp.maps.build import View

    data = load_map_data(demo_store)
    south, west, north, east = data.bounds()  # type: ignore[misc]
    given = None if fitted else View((south + north) / 2, (west + east) / 2, 16)
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.show_page(build_map(data, interactive=True, view=given), data.doors.ids)
    assert run_js(qtbot, view, "[FA.doors.paints, FA.errors.length]") == [1, 0]
    # Turfs are drawn too (the same canvas): a turf's inside is not left transparent.
    colour = run_js(qtbot, view, """(function () {
        var c = FA.doors._renderer._ctx, t = FA.turfs.getLayers()[0];
        var p = FA.map.latLngToLayerPoint(t.getCenter()).subtract(FA.doors._renderer._bounds.min);
        var r = window.devicePixelRatio || 1;
        return Array.from(c.getImageData(p.x * r, p.y * r, 1, 1).data); })()""")
    assert colour[3] > 0


@pytest.mark.parametrize("kind", ["app-no-tiles", "app-with-tiles", "exported"])
def test_each_map_kind_loads_with_no_external_request(
    qtbot: Any, view: MapView, recorder: Recorder, demo_store: Store, tile_server: FakeTileServer,
    tmp_path: Path, kind: str,
) -> None:
    data = load_map_data(demo_store)
    assert len(data.doors) == 300 and len(data.turfs) > 1 and data.events
    if kind == "exported":
        page = tmp_path / "export.html"
        page.write_text(build_map(data, assets="inline"), encoding="utf-8")
        with qtbot.waitSignal(view.loadFinished, timeout=WAIT):
            view.load(QUrl.fromLocalFile(str(page)))
        qtbot.waitUntil(lambda: run_js(qtbot, view, "!!(window.FA && FA.drawn)"), timeout=WAIT)
    else:
        TileService.instance().configure(
            template=tile_server.template if kind == "app-with-tiles" else "", mbtiles="")
        load(qtbot, view, data, interactive=True,
             tiles=TileService.instance().tile_source())
    polygons = sum(1 for t in data.turfs if t.polygon)
    assert counts(qtbot, view) == ["object", 300, polygons, len(data.events), 0]
    if kind == "app-with-tiles":
        qtbot.waitUntil(lambda: len(tile_server.requests) > 0, timeout=WAIT)
        assert any(u.startswith("fieldapp-tile:") for u in recorder.urls)
    has_note = run_js(qtbot, view, "!!document.querySelector('.fa-note')")
    assert has_note == (kind != "app-with-tiles")
    assert recorder.urls, "the interceptor saw nothing: the test would prove nothing"
    assert recorder.external == []


def test_a_click_on_a_door_reaches_python(qtbot: Any, view: MapView, demo_store: Store) -> None:
    data = load_map_data(demo_store)
    TileService.instance().configure(template="", mbtiles="")
    load(qtbot, view, data, interactive=True)
    i = 17
    # fitBounds shows every door: click where door i is drawn.
    click = f"""(function () {{
        var p = FA.map.latLngToContainerPoint([{data.doors.lat[i]}, {data.doors.lon[i]}]);
        var box = FA.map.getContainer().getBoundingClientRect();
        var canvas = FA.doors._renderer._container;
        var at = {{clientX: box.left + p.x, clientY: box.top + p.y, bubbles: true, view: window}};
        canvas.dispatchEvent(new MouseEvent('mousedown', at));
        canvas.dispatchEvent(new MouseEvent('mouseup', at));
        canvas.dispatchEvent(new MouseEvent('click', at));
        return true; }})()"""
    with qtbot.waitSignal(view.bridge.door_clicked, timeout=WAIT) as blocker:
        run_js(qtbot, view, click)
    index = blocker.args[0]
    # Doors of one building share a point: the click finds one of the doors there.
    assert (data.doors.lat[index], data.doors.lon[index]) == (data.doors.lat[i], data.doors.lon[i])
    assert view.door_id(index) in data.doors.ids


def test_a_drawn_polygon_and_a_lasso_come_back_through_the_bridge(
    qtbot: Any, view: MapView, demo_store: Store
) -> None:
    data = load_map_data(demo_store)
    TileService.instance().configure(template="", mbtiles="")
    load(qtbot, view, data, interactive=True)
    s, w, n, e = data.bounds() or (0, 0, 0, 0)
    mid = (w + e) / 2
    ring = f"[[{s - 0.001}, {w - 0.001}], [{s - 0.001}, {mid}], [{n + 0.001}, {mid}], [{n + 0.001}, {w - 0.001}]]"
    draw = ("FA.map.fire(L.Draw.Event.CREATED, {layer: L.polygon(" + ring + "), "
            "layerType: 'polygon'}); true")
    with qtbot.waitSignal(view.bridge.polygon_drawn, timeout=WAIT) as blocker:
        run_js(qtbot, view, draw)
    geometry = blocker.args[0]
    assert geometry["type"] == "Polygon"
    assert geometry["coordinates"][0][0] == pytest.approx([w - 0.001, s - 0.001])
    run_js(qtbot, view, "FA.setDrawMode('select'); true")
    with qtbot.waitSignal(view.bridge.doors_selected, timeout=WAIT) as blocker:
        run_js(qtbot, view, draw)
    west_half = [k for k in range(len(data.doors)) if data.doors.lon[k] < mid]
    assert sorted(blocker.args[0]) == west_half and west_half


def test_tiles_come_through_the_cache_and_stay_after_the_server_stops(
    qtbot: Any, view: MapView, demo_store: Store, tile_server: FakeTileServer, qapp: Any,
) -> None:
    data = load_map_data(demo_store)
    TileService.instance().configure(template=tile_server.template, mbtiles="")
    load(qtbot, view, data, interactive=True, tiles=TileService.instance().tile_source())
    loaded = "document.querySelectorAll('img.leaflet-tile-loaded').length"
    qtbot.waitUntil(lambda: run_js(qtbot, view, loaded) >= 4, timeout=WAIT)
    qtbot.waitUntil(lambda: run_js(qtbot, view, "document.querySelectorAll("
                                   "'img.leaflet-tile:not(.leaflet-tile-loaded)').length") == 0,
                    timeout=WAIT)
    fetched = len(tile_server.requests)
    shown = run_js(qtbot, view, loaded)
    assert fetched == shown
    stack = TileService.instance().stack
    assert stack is not None and stack.cache.count() == fetched
    tile_server.stop()
    load(qtbot, view, data, interactive=True, tiles=TileService.instance().tile_source())
    qtbot.waitUntil(lambda: run_js(qtbot, view, loaded) == shown, timeout=WAIT)
    assert len(tile_server.requests) == fetched


def test_the_search_box_finds_an_address_and_flies_there(
    qtbot: Any, view: MapView, demo_store: Store
) -> None:
    data = load_map_data(demo_store)
    TileService.instance().configure(template="", mbtiles="")
    load(qtbot, view, data, interactive=True)
    i = 123
    number, street = data.doors.number[i], data.doors.streets[data.doors.street[i]]
    typed = f"{number} {street}".lower()
    run_js(qtbot, view, f"FA.searchInput.value = {typed!r};"
           " FA.searchInput.dispatchEvent(new Event('input')); 1")
    hits = run_js(qtbot, view, "Array.from(document.querySelectorAll('.fa-results a'))"
                  ".map(function (a) { return a.textContent; })")
    assert hits and all(h.lower().startswith(typed) for h in hits)
    with qtbot.waitSignal(view.bridge.door_clicked, timeout=WAIT) as blocker:
        run_js(qtbot, view, "document.querySelector('.fa-results a').click(); 1")
    found = blocker.args[0]
    assert (data.doors.number[found], data.doors.street[found]) == (number, data.doors.street[i])
    centre = "[FA.map.getCenter().lat, FA.map.getCenter().lng, FA.map.getZoom()]"
    want = [data.doors.lat[found], data.doors.lon[found]]
    # flyTo animates: wait until it lands on the door, zoomed in to street level.
    qtbot.waitUntil(lambda: run_js(qtbot, view, centre) == pytest.approx([*want, 17], abs=1e-4),
                    timeout=WAIT)
    assert run_js(qtbot, view, "FA.doors._highlight") == found


def test_an_opened_mbtiles_file_is_the_basemap(
    qtbot: Any, view: MapView, demo_store: Store, recorder: Recorder, tmp_path: Path
) -> None:
    from fieldapp.maps.tiles import MBTiles, tms_row
    from tests.maps.conftest import PNG

    data = load_map_data(demo_store)
    s, w, n, e = data.bounds() or (0, 0, 0, 0)
    path = tmp_path / "milwaukee.mbtiles"
    import sqlite3

    from fieldapp.maps.tiles import tiles_in_area
    with sqlite3.connect(path) as db:
        db.executescript("CREATE TABLE metadata (name TEXT, value TEXT);"
                         "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                         " tile_row INTEGER, tile_data BLOB);")
        db.execute("INSERT INTO metadata VALUES ('attribution', 'Tiles made for the test')")
        db.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", [
            (z, x, tms_row(z, y), PNG) for z, x, y in tiles_in_area(s - .01, w - .01, n + .01,
                                                                    e + .01, 14, 17)])
    MBTiles(path, readonly=True).close()
    TileService.instance().configure(template="", mbtiles=str(path))
    source = TileService.instance().tile_source()
    assert source is not None and (source.min_zoom, source.max_zoom) == (14, 17)
    load(qtbot, view, data, interactive=True, tiles=source)
    loaded = "document.querySelectorAll('img.leaflet-tile-loaded').length"
    qtbot.waitUntil(lambda: run_js(qtbot, view, loaded) >= 4, timeout=WAIT)
    assert "Tiles made for the test" in run_js(
        qtbot, view, "document.querySelector('.leaflet-control-attribution').textContent")
    assert recorder.external == []
    TileService.instance().configure(template="", mbtiles="")


def test_an_empty_store_draws_an_empty_map(qtbot: Any, view: MapView, store: Store) -> None:
    TileService.instance().configure(template="", mbtiles="")
    load(qtbot, view, load_map_data(store), interactive=True)
    assert counts(qtbot, view) == ["object", 0, 0, 0, 0]
