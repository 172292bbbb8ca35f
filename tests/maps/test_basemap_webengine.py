"""The map page in QtWebEngine with the street sketch and with a PMTiles basemap, offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWebEngineCore import QWebEngineProfile

from fieldapp.core.db import Store
from fieldapp.core.models import Door
from fieldapp.maps.basemap import open_basemap
from fieldapp.maps.build import build_map
from fieldapp.maps.data import load_map_data
from fieldapp.maps.streets import street_sketch
from fieldapp.ui.mapview import MapView, TileService
from tests.maps.conftest import run_js
from tests.maps.pmtiles_fixture import write_pmtiles
from tests.maps.street_store import add_three_streets
from tests.maps.test_webengine import WAIT, Recorder

pytestmark = pytest.mark.gui

STREETS = [
    ("Oak Street", [(-75.1705, 39.9500), (-75.1665, 39.9500)]),
    ("Elm Avenue", [(-75.1660, 39.9460), (-75.1660, 39.9495)]),
    ("Maple Court", [(-75.1690, 39.9530), (-75.1670, 39.9545)]),
]


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


@pytest.fixture
def no_basemap() -> Iterator[None]:
    open_basemap(None)
    TileService.instance().configure(template="", mbtiles="")
    yield
    open_basemap(None)
    TileService.instance().configure(template="", mbtiles="")


def test_sketch_draws_three_named_streets_with_the_network_off(
    qtbot: Any, view: MapView, recorder: Recorder, store: Store, no_basemap: None,
) -> None:
    add_three_streets(store)
    data = load_map_data(store)
    page = build_map(data, streets=street_sketch(store, data), interactive=True)
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.show_page(page, data.doors.ids)
    got = run_js(qtbot, view, "FA.map.setZoom(17, {animate: false});"
                 "[FA.streetCount(), FA.map.hasLayer(FA.streets),"
                 " FA.streets._lines.map(function (l) { return l.name; }), FA.errors.length]")
    assert got[0] == 6 and got[1] is True and got[3] == 0
    assert sorted(set(got[2])) == ["Elm Avenue", "Maple Court", "Oak Street"]
    # the layer control hides it
    hidden = run_js(qtbot, view, "FA.map.removeLayer(FA.streets); FA.map.hasLayer(FA.streets)")
    assert hidden is False
    assert recorder.external == []


def test_pmtiles_basemap_shows_its_streets_with_the_network_off(
    qtbot: Any, view: MapView, recorder: Recorder, store: Store, tmp_path: Path,
    no_basemap: None,
) -> None:
    turf_id = add_three_streets(store)
    with store.session() as s, s.begin():  # a street the basemap file does not cover
        for n in (2, 4, 6, 8):
            s.add(Door(street_number=str(n), house_number=n, street_name="Far Lane",
                       lat=39.9600, lon=-75.1700 + n * 0.0002, turf_id=turf_id))
    pm = tmp_path / "city.pmtiles"
    write_pmtiles(pm, STREETS, (12, 16))
    open_basemap(pm)
    TileService.instance().configure(template="", mbtiles="")
    basemap = TileService.instance().basemap("en")
    assert basemap is not None
    data = load_map_data(store)
    page = build_map(data, streets=street_sketch(store, data), basemap=basemap, interactive=True)
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.show_page(page, data.doors.ids)
    run_js(qtbot, view, "FA.map.setView([39.950, -75.1685], 16, {animate: false}); 1")

    def names_near(lng: float, lat: float) -> list[str]:
        picked = run_js(qtbot, view,
                        f"var m = FA.basemap.queryTileFeaturesDebug({lng}, {lat}, 24);"
                        "var out = []; m.forEach(function (list) { list.forEach(function (p) {"
                        " if (p.feature.props.name) out.push(p.feature.props.name); }); }); out")
        return picked or []

    qtbot.waitUntil(lambda: "Oak Street" in names_near(-75.1685, 39.9500), timeout=WAIT)
    assert "Elm Avenue" in names_near(-75.1660, 39.9480)
    # the sketch draws only where the basemap does not reach; hiding the basemap shows it all
    shown = "FA.streets.shown().map(function (l) { return l.name; })"
    assert run_js(qtbot, view, shown) == ["Far Lane"]
    run_js(qtbot, view, "FA.map.removeLayer(FA.basemap); 1")
    assert len(run_js(qtbot, view, shown)) == 7
    assert run_js(qtbot, view, "FA.errors.length") == 0
    assert any(u.startswith("fieldapp-tile:pmtiles/") for u in recorder.urls)
    assert recorder.external == []


def test_over_raster_tiles_the_sketch_starts_hidden(
    qtbot: Any, view: MapView, recorder: Recorder, store: Store, no_basemap: None,
    tile_server: Any,
) -> None:
    from fieldapp.maps.build import TileSource

    add_three_streets(store)
    data = load_map_data(store)
    page = build_map(data, streets=street_sketch(store, data),
                     tiles=TileSource(tile_server.template), interactive=True)
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.show_page(page, data.doors.ids)
    assert run_js(qtbot, view, "[FA.streetCount(), FA.map.hasLayer(FA.streets)]") == [6, False]
