"""The Map page in the main window: follows the store, door detail, draw to edit turfs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from fieldapp.ui.mapview import register_url_schemes

register_url_schemes()  # before any QApplication (collection time)

from shapely.geometry import Point, shape  # noqa: E402
from sqlalchemy import select  # noqa: E402

from fieldapp.core.models import Door, Turf  # noqa: E402
from fieldapp.ui.mapview import TileService  # noqa: E402
from tests.maps.conftest import FakeTileServer, run_js  # noqa: E402

pytestmark = pytest.mark.gui

WAIT = 30000


@pytest.fixture
def map_page(window: Any, qtbot: Any) -> Any:
    TileService.instance().configure(template="", mbtiles="")
    page = window.page("map")
    with qtbot.waitSignal(page.view.loaded, timeout=WAIT):
        window.show_page("map")
    yield page
    page.cleanup()


def reloaded(qtbot: Any, page: Any, action: Any) -> None:
    """Run ``action`` and wait for the map to be drawn again."""
    with qtbot.waitSignal(page.view.loaded, timeout=WAIT):
        action()


def door_turfs(ctx: Any) -> dict[str, str | None]:
    with ctx.store.session() as s:
        return dict(s.execute(select(Door.id, Door.turf_id).where(Door.deleted.is_(False))).all())


def test_the_map_page_shows_turfs_doors_and_events(map_page: Any, qtbot: Any) -> None:
    got = run_js(qtbot, map_page.view, "[typeof L, FA.doorCount(), FA.turfCount(), "
                 "FA.eventCount(), !!document.querySelector('.fa-note'), FA.errors.length]")
    assert got == ["object", 300, len(map_page.turfs), 5, True, 0]
    assert "300 doors" in map_page.status.text()


def test_a_door_click_opens_its_detail_and_selects_it_in_the_doors_table(
    window: Any, map_page: Any, qtbot: Any
) -> None:
    view = map_page.view
    door_id = view.ids[40]
    # Street level, so that the houses across the street are well apart.
    run_js(qtbot, view, "FA.map.setView([FA.data.lat[40], FA.data.lon[40]], 18,"
           " {animate: false}); 1")
    qtbot.waitUntil(lambda: run_js(qtbot, view, "FA.map.getZoom()") == 18, timeout=WAIT)
    with qtbot.waitSignal(view.bridge.door_clicked, timeout=WAIT):
        run_js(qtbot, view, """(function () {
            var i = 40, p = FA.doors._px[i], q = FA.doors._py[i];
            var pt = FA.map.layerPointToContainerPoint([p, q]);
            var box = FA.map.getContainer().getBoundingClientRect();
            var at = {clientX: box.left + pt.x, clientY: box.top + pt.y, bubbles: true};
            var c = FA.doors._renderer._container;
            ['mousedown', 'mouseup', 'click'].forEach(function (t) {
                c.dispatchEvent(new MouseEvent(t, at)); });
            return true; })()""")
    clicked = map_page.detail.current_id
    # Units of one building share a point: the click picks one of them.
    with window.ctx.store.session() as s:
        a, b = s.get(Door, clicked), s.get(Door, door_id)
        assert a is not None and b is not None and a.building_key == b.building_key
    assert "Contact history" in map_page.detail.text()
    assert window.page("doors").detail.current_id == clicked


def test_selecting_a_door_row_highlights_it_on_the_map(
    window: Any, map_page: Any, qtbot: Any
) -> None:
    doors = window.page("doors")
    window.show_page("doors")
    doors.table.selectRow(5)
    door_id = doors.detail.current_id
    assert door_id
    index = map_page.view.index_of(door_id)
    qtbot.waitUntil(lambda: run_js(qtbot, map_page.view, "FA.doors._highlight") == index,
                    timeout=WAIT)
    assert map_page.detail.current_id == door_id


def test_a_drawn_polygon_becomes_a_turf_with_the_doors_inside(
    window: Any, map_page: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = window.ctx
    monkeypatch.setattr(map_page, "ask_turf_name", lambda: "Drawn on the map")
    zoom = run_js(qtbot, map_page.view, "FA.map.getZoom()")
    lat = sorted(run_js(qtbot, map_page.view, "FA.data.lat"))
    lon = sorted(run_js(qtbot, map_page.view, "FA.data.lon"))
    s, n = lat[len(lat) // 4], lat[3 * len(lat) // 4]
    w, e = lon[len(lon) // 4], lon[3 * len(lon) // 4]
    ring = f"[[{s}, {w}], [{s}, {e}], [{n}, {e}], [{n}, {w}]]"
    reloaded(qtbot, map_page, lambda: run_js(
        qtbot, map_page.view,
        f"FA.map.fire(L.Draw.Event.CREATED, {{layer: L.polygon({ring}), layerType: 'polygon'}}); 1"))
    with ctx.store.session() as sess:
        turf = sess.scalars(select(Turf).where(Turf.name == "Drawn on the map")).one()
        poly = shape(turf.polygon)
        located = sess.execute(select(Door.id, Door.lat, Door.lon, Door.turf_id)).all()
    inside = {d.id for d in located if poly.intersects(Point(d.lon, d.lat))}
    assert inside and {d.id for d in located if d.turf_id == turf.id} == inside
    assert "created with" in map_page.status.text()
    # The map followed the store without losing its view.
    assert run_js(qtbot, map_page.view, "FA.turfCount()") == len(map_page.turfs)
    assert run_js(qtbot, map_page.view, "FA.map.getZoom()") == zoom

    # Editing its vertices re-assigns doors: shrink it to its western half.
    mid = (w + e) / 2
    half = f"[[{s}, {w}], [{s}, {mid}], [{n}, {mid}], [{n}, {w}]]"
    reloaded(qtbot, map_page, lambda: run_js(qtbot, map_page.view, f"""(function () {{
        var layer = FA.turfs.getLayers().filter(function (l) {{
            return l.feature.properties.id === {turf.id!r}; }})[0];
        layer.setLatLngs({half});
        FA.map.fire(L.Draw.Event.EDITED, {{layers: L.layerGroup([layer])}});
        return 1; }})()"""))
    now = door_turfs(ctx)
    western = {d.id for d in located if d.id in inside and d.lon <= mid}
    assert {d for d, t in now.items() if t == turf.id} == western
    assert all(now[d] is None for d in inside - western)
    assert "reshaped" in map_page.status.text()


def test_a_lasso_selection_moves_doors_to_another_turf(
    window: Any, map_page: Any, qtbot: Any
) -> None:
    view = map_page.view
    lat = sorted(run_js(qtbot, view, "FA.data.lat"))
    lon = sorted(run_js(qtbot, view, "FA.data.lon"))
    s, n, w, e = lat[0] - 1e-4, lat[len(lat) // 3], lon[0] - 1e-4, lon[len(lon) // 3]
    run_js(qtbot, view, "FA.setDrawMode('select'); 1")
    with qtbot.waitSignal(view.bridge.doors_selected, timeout=WAIT):
        run_js(qtbot, view, f"FA.map.fire(L.Draw.Event.CREATED, {{layer: L.rectangle("
               f"[[{s}, {w}], [{n}, {e}]]), layerType: 'rectangle'}}); 1")
    chosen = list(map_page.selected_ids)
    assert chosen and not map_page.selection_bar.isHidden()
    target_id, target_name = map_page.turfs[-1]
    map_page.move_combo.setCurrentIndex(map_page.move_combo.findData(target_id))
    reloaded(qtbot, map_page, map_page.move_button.click)
    now = door_turfs(window.ctx)
    assert all(now[d] == target_id for d in chosen)
    assert map_page.selection_bar.isHidden()
    assert target_name in map_page.status.text()


def _tile_png() -> bytes:
    """A 256 px tile that looks like a street map (so a screenshot shows tiles)."""
    from PySide6.QtCore import QBuffer, QByteArray
    from PySide6.QtGui import QColor, QImage, QPainter, QPen

    img = QImage(256, 256, QImage.Format.Format_RGB32)
    img.fill(QColor("#ece6da"))
    p = QPainter(img)
    p.setPen(QPen(QColor("#ffffff"), 10))
    for k in (40, 168):
        p.drawLine(0, k, 256, k)
        p.drawLine(k, 0, k, 256)
    p.setPen(QPen(QColor("#c9c1b0"), 1))
    p.drawRect(0, 0, 255, 255)
    p.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QBuffer.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(data.data())


def test_screenshots_with_and_without_tiles(
    window: Any, map_page: Any, qtbot: Any, shots_dir: Path
) -> None:
    folder = Path(os.environ.get("FIELDAPP_SHOTS") or shots_dir)
    window.resize(1400, 900)
    qtbot.wait(300)
    shot = window.grab()
    shot.save(str(folder / "map_page_no_tiles.png"))
    assert not shot.isNull()
    with qtbot.waitSignal(map_page.view.bridge.door_clicked, timeout=WAIT):
        run_js(qtbot, map_page.view, "FA.highlightDoor(60, true); FA.bridge.doorClicked(60); 1")
    qtbot.waitUntil(lambda: run_js(qtbot, map_page.view, "FA.map.getZoom()") == 17,
                    timeout=WAIT)
    qtbot.wait(300)
    window.grab().save(str(folder / "map_page_door_detail.png"))
    server = FakeTileServer(body=_tile_png())
    try:
        TileService.instance().configure(template=server.template, mbtiles="")
        with qtbot.waitSignal(map_page.view.loaded, timeout=WAIT):
            pass  # the tile service change reloads the visible map
        loaded = "document.querySelectorAll('img.leaflet-tile-loaded').length"
        qtbot.waitUntil(lambda: run_js(qtbot, map_page.view, loaded) >= 4, timeout=WAIT)
        qtbot.wait(500)
        window.grab().save(str(folder / "map_page_with_tiles.png"))
        assert not run_js(qtbot, map_page.view, "!!document.querySelector('.fa-note')")
    finally:
        server.stop()
        TileService.instance().configure(template="", mbtiles="")


def test_saving_an_area_from_openstreetmap_org_is_refused_with_the_reason(
    map_page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    TileService.instance().configure(
        template="https://tile.openstreetmap.org/{z}/{x}/{y}.png", mbtiles="")
    try:
        map_page.save_area()
    finally:
        TileService.instance().configure(template="", mbtiles="")
    assert said and "openstreetmap.org" in said[0] and "bulk downloads" in said[0]


def test_opening_an_mbtiles_file_shows_its_tiles(
    map_page: Any, qtbot: Any, tmp_path: Path
) -> None:
    from tests.maps.test_tiles import make_mbtiles

    path = make_mbtiles(tmp_path / "area.mbtiles")
    with qtbot.waitSignal(map_page.view.loaded, timeout=WAIT):
        assert map_page.open_mbtiles(str(path))
    assert "area.mbtiles" in map_page.status.text()
    assert not run_js(qtbot, map_page.view, "!!document.querySelector('.fa-note')")
    with qtbot.waitSignal(map_page.view.loaded, timeout=WAIT):
        map_page.close_mbtiles()
    assert run_js(qtbot, map_page.view, "!!document.querySelector('.fa-note')")
