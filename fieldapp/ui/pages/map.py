"""Map: turfs, doors and events over the basemap, with door detail beside it.

The page reads the store on the worker (``fieldapp.maps.data``), renders the
page there too (pure Python), and shows it in a :class:`MapView`. It follows
the store: a change reloads the map (debounced, only while the page is seen)
and keeps the centre and zoom. Drawing on the map creates or reshapes turfs
and moves selected doors, through ``fieldapp.maps.edit``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import settings as app_settings
from fieldapp.core.db import Store
from fieldapp.maps import tiles as map_tiles
from fieldapp.maps.basemap import open_basemap
from fieldapp.maps.data import CATEGORIES, load_map_data
from fieldapp.maps.streets import street_sketch

if TYPE_CHECKING:  # folium (maps.build) and shapely/numpy (maps.edit) load with the first map
    from fieldapp.maps import edit as map_edit
from fieldapp.services.progress import Progress
from fieldapp.ui.context import AppContext
from fieldapp.ui.details import DoorDetailPane
from fieldapp.ui.mapview import MapView, TileService
from fieldapp.ui.widgets import PageHeader, RefreshingPage, ok_cancel_buttons, page_layout

log = logging.getLogger(__name__)


class Page(RefreshingPage):
    key = "map"
    watches = frozenset({"doors", "turfs", "contact_attempts", "events"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ctx: AppContext = ctx
        self.selected_ids: list[str] = []
        self._loading = False
        self._again = False
        self._action = ""  # the last thing the user did here (kept across reloads)
        self._info = ""
        layout = page_layout(self)
        self.header = PageHeader(self.title(), self.tr(
            "Turfs coloured by progress, doors by their latest result. Draw a shape to cut "
            "a new turf or to select doors."))
        self.tiles_button = QToolButton()
        self.tiles_button.setText(self.tr("Map tiles"))
        self.tiles_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.tiles_button)
        menu.addAction(self.tr("Tile server…"), self.set_tile_server)
        menu.addAction(self.tr("Open an MBTiles file…"), self.open_mbtiles)
        self.close_mbtiles_action = menu.addAction(self.tr("Stop using the MBTiles file"),
                                                   self.close_mbtiles)
        menu.addAction(self.tr("Open a PMTiles basemap…"), self.open_pmtiles)
        menu.addAction(self.tr("Stop using the PMTiles basemap"), self.close_pmtiles)
        menu.addAction(self.tr("Save this area for offline use…"), self.save_area)
        self.tiles_button.setMenu(menu)
        self.header.add_action(self.tiles_button)
        layout.addWidget(self.header)

        self.view = MapView(self)
        self.detail = DoorDetailPane(ctx.store, self)
        self.detail.setMinimumWidth(280)  # the map gets the room on a 1024-pixel screen
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.selection_bar = QWidget()
        bar = QHBoxLayout(self.selection_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.selection_label = QLabel("")
        self.move_combo = QComboBox()
        self.move_button = QPushButton(self.tr("Move to turf"))
        self.clear_button = QPushButton(self.tr("Clear"))
        bar.addWidget(self.selection_label, 1)
        bar.addWidget(self.move_combo)
        bar.addWidget(self.move_button)
        bar.addWidget(self.clear_button)
        self.selection_bar.hide()
        side_layout.addWidget(self.selection_bar)
        side_layout.addWidget(self.detail, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 300])
        layout.addWidget(splitter, 1)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self._start_load)
        self.turfs: list[tuple[str, str]] = []  # (id, name) of the turfs on the map

        self._focus_id: str | None = None  # a door picked elsewhere, shown once drawn
        self.view.loaded.connect(self._on_drawn)
        b = self.view.bridge
        b.door_clicked.connect(self._on_door_clicked)
        b.doors_selected.connect(self._on_doors_selected)
        b.polygon_drawn.connect(self._on_polygon_drawn)
        b.turf_edited.connect(self._on_turf_edited)
        self.move_button.clicked.connect(self._move_selected)
        self.clear_button.clicked.connect(self.clear_selection)
        focus = getattr(ctx, "door_focused", None)
        if focus is not None:
            focus.connect(self._on_door_focused)
        TileService.instance().changed.connect(self.mark_stale)

    def title(self) -> str:
        return self.tr("Map")

    def labels(self) -> dict[str, Any]:
        """The page's words, translated (the map page itself has no Qt)."""
        cats = {
            "not_knocked": self.tr("Not knocked yet"),
            "strong_support": self.tr("Strong support (1)"),
            "lean_support": self.tr("Leaning support (2)"),
            "undecided": self.tr("Undecided (3)"),
            "opposed": self.tr("Opposed (4-5)"),
            "talked": self.tr("Talked, no score"),
            "not_home": self.tr("Not home / come back"),
            "refused": self.tr("Refused / hostile"),
            "unreachable": self.tr("Do not knock / unreachable"),
        }
        assert set(cats) == {c[0] for c in CATEGORIES}
        return {
            "doors": self.tr("Doors"), "turfs": self.tr("Turfs"), "events": self.tr("Events"),
            "basemap": self.tr("Basemap"), "sketch": self.tr("Street sketch"),
            "no_tiles_sketch": self.tr(
                "Streets sketched from the doors' addresses. For a full street map, open a "
                "PMTiles file (Map tiles menu)."),
            "progress": self.tr("Turf progress (doors with a result)"),
            "search": self.tr("Find an address"), "unit": self.tr("Unit"),
            "drawing": self.tr("A drawn shape"), "mode_turf": self.tr("becomes a new turf"),
            "mode_select": self.tr("selects doors"), "turf": self.tr("Turf"),
            "turf_progress": self.tr("Progress"),
            "no_tiles": self.tr(
                "No basemap tiles here: turfs, doors and events are drawn on a plain "
                "background. To see streets, set a tile server or open an MBTiles file "
                "in the Map tiles menu (top right)."),
            "categories": cats,
        }

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        self._debounce.start()

    def _start_load(self) -> None:
        if self._loading:
            self._again = True
            return
        self._loading = True
        store: Store = self.ctx.store
        view = self.view.current_view
        tiles = TileService.instance().tile_source()
        basemap = TileService.instance().basemap(QLocale().name().split("_")[0] or "en")
        labels = self.labels()

        def work(_p: Progress) -> tuple[str, list[str], list[tuple[str, str]], str]:
            from fieldapp.maps.build import build_map

            data = load_map_data(store)
            page = build_map(data, tiles=tiles, view=view, interactive=True, labels=labels,
                             streets=street_sketch(store, data), basemap=basemap)
            missing = data.doors_without_location
            note = ""
            if missing:
                note = f"{missing}"
            return page, data.doors.ids, [(t.id, t.name) for t in data.turfs], note

        self.ctx.tasks.run(work, label=self.tr("Drawing the map…"), on_done=self._loaded,
                           on_error=self._load_failed, parent=self)

    def _loaded(self, result: tuple[str, list[str], list[tuple[str, str]], str]) -> None:
        page, ids, turfs, missing = result
        self._loading = False
        self.turfs = turfs
        self.view.show_page(page, ids)
        self._fill_move_combo()
        parts = [self.tr("%Ln door(s)", "", len(ids)) + ", " + self.tr("%Ln turf(s) on the map.", "", len(turfs))]
        if missing:
            parts.append(self.tr("{n} doors have no location yet.").format(n=missing))
        stack = TileService.instance().stack
        pmtiles = TileService.instance().basemap_file
        if pmtiles is not None:
            parts.append(self.tr("Basemap from {file}.").format(file=pmtiles.path.name))
        elif stack is not None and stack.opened is not None:
            parts.append(self.tr("Tiles from {file}.").format(file=stack.opened.path.name))
        elif stack is not None and stack.template:
            parts.append(self.tr("Tiles from the tile server, kept for offline use."))
        else:
            parts.append(self.tr("No basemap: streets sketched from the doors."))
        self._info = " ".join(parts)
        self._show_status()
        if self._again:
            self._again = False
            self._debounce.start()

    def _say(self, text: str) -> None:
        self._action = text
        self._show_status()

    def _show_status(self) -> None:
        self.status.setText(" ".join(t for t in (self._action, self._info) if t))

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self._say(self.tr("The map could not be drawn: {error}").format(error=exc))
        log.error("map load failed: %s", exc)

    def cleanup(self) -> None:
        self.view.cleanup()

    # ------------------------------------------------------------ doors

    def _on_door_clicked(self, index: int) -> None:
        door_id = self.view.door_id(index)
        if door_id is None:
            return
        self._focus_id = door_id
        self.detail.show_door(door_id)
        focus = getattr(self.ctx, "door_focused", None)
        if focus is not None:
            focus.emit(door_id, self.key)

    def _on_door_focused(self, door_id: str, source: str) -> None:
        if source == self.key:
            return
        self.show_door(door_id)

    def _on_drawn(self, count: int) -> None:
        log.info("map drawn: %d doors", count)
        if self._focus_id:
            self.view.highlight_door(self._focus_id, fly=False)

    def show_door(self, door_id: str) -> bool:
        """Highlight a door on the map and show its detail (other pages call this)."""
        self._focus_id = door_id
        self.detail.show_door(door_id)
        return self.view.highlight_door(door_id, fly=True)

    # ------------------------------------------------------------ selection

    def _fill_move_combo(self) -> None:
        current = self.move_combo.currentData()
        self.move_combo.clear()
        for tid, name in self.turfs:
            self.move_combo.addItem(name, tid)
        self.move_combo.addItem(self.tr("(no turf)"), None)
        if current is not None:
            i = self.move_combo.findData(current)
            if i >= 0:
                self.move_combo.setCurrentIndex(i)

    def _on_doors_selected(self, indexes: list[int]) -> None:
        self.selected_ids = [d for d in (self.view.door_id(i) for i in indexes) if d]
        n = len(self.selected_ids)
        self.selection_label.setText(self.tr("{n:,} doors selected").format(n=n))
        self.selection_bar.setVisible(n > 0)

    def clear_selection(self) -> None:
        self.selected_ids = []
        self.selection_bar.hide()
        self.view.clear_pending()

    def _move_selected(self) -> None:
        ids = list(self.selected_ids)
        turf_id = self.move_combo.currentData()
        if not ids:
            return
        store = self.ctx.store

        def done(moved: int) -> None:
            self._say(self.tr("{n:,} doors moved to {turf}.").format(
                n=moved, turf=self.move_combo.currentText()))
            self.clear_selection()
            self.ctx.notify_changed("doors")

        from fieldapp.maps import edit as map_edit

        self.ctx.tasks.run(lambda _p: map_edit.move_doors(store, ids, turf_id),
                           label=self.tr("Moving doors…"), on_done=done, parent=self)

    # ------------------------------------------------------------ drawing turfs

    def ask_turf_name(self) -> str | None:
        """The new turf's name (tests replace this); None when cancelled."""
        name, ok = QInputDialog.getText(self, self.tr("New turf"),
                                        self.tr("Name of the new turf:"))
        return name if ok else None

    def _on_polygon_drawn(self, geometry: dict[str, Any]) -> None:
        name = self.ask_turf_name()
        if not name or not name.strip():
            self.view.clear_pending()
            return
        store = self.ctx.store

        def done(result: map_edit.TurfEdit) -> None:
            self._say(self.tr("Turf {name} created with {n:,} doors.").format(
                name=result.name, n=result.doors_in))
            self.ctx.notify_changed("turfs")
            self.ctx.notify_changed("doors")

        def failed(exc: BaseException) -> None:
            self.view.clear_pending()
            QMessageBox.warning(self, self.tr("New turf"), str(exc))

        from fieldapp.maps import edit as map_edit

        self.ctx.tasks.run(lambda _p: map_edit.create_turf(store, name, geometry),
                           label=self.tr("Creating the turf…"), on_done=done, on_error=failed,
                           parent=self)

    def _on_turf_edited(self, turf_id: str, geometry: dict[str, Any]) -> None:
        store = self.ctx.store

        def done(result: map_edit.TurfEdit) -> None:
            self._say(self.tr(
                "Turf {name} reshaped: {a:,} doors came in, {b:,} left it.").format(
                name=result.name, a=result.doors_in, b=result.doors_out))
            self.ctx.notify_changed("turfs")
            self.ctx.notify_changed("doors")

        def failed(exc: BaseException) -> None:
            QMessageBox.warning(self, self.tr("Reshape turf"), str(exc))
            self.mark_stale()

        from fieldapp.maps import edit as map_edit

        self.ctx.tasks.run(lambda _p: map_edit.reshape_turf(store, turf_id, geometry),
                           label=self.tr("Reshaping the turf…"), on_done=done, on_error=failed,
                           parent=self)

    # ------------------------------------------------------------ tiles

    def set_tile_server(self) -> None:
        """Where basemap tiles come from while online (kept in the cache for offline use)."""
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Tile server"))
        form = QVBoxLayout(dialog)
        note = QLabel(self.tr(
            "A tile URL with {z}, {x} and {y}, e.g. https://tiles.example.org/{z}/{x}/{y}.png. "
            "Tiles you look at are kept for offline use. Follow your provider's usage policy "
            "and credit it below; openstreetmap.org's own servers allow normal viewing but "
            "not saving whole areas."))
        note.setWordWrap(True)
        form.addWidget(note)
        url = QLineEdit(app_settings.get("tile_url") or "")
        url.setPlaceholderText("https://…/{z}/{x}/{y}.png")
        attribution = QLineEdit(app_settings.get("tile_attribution") or "")
        attribution.setPlaceholderText(self.tr("Credit shown on the map, e.g. © OpenStreetMap contributors"))
        form.addWidget(QLabel(self.tr("Tile URL (empty: no tile server)")))
        form.addWidget(url)
        form.addWidget(QLabel(self.tr("Attribution")))
        form.addWidget(attribution)
        form.addWidget(ok_cancel_buttons(dialog))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        template = url.text().strip()
        if template and not (template.startswith(("http://", "https://"))
                             and all(k in template for k in ("{z}", "{x}", "{y}"))):
            QMessageBox.warning(self, self.tr("Tile server"), self.tr(
                "The tile URL must start with http:// or https:// and contain {z}, {x} and {y}."))
            return
        app_settings.set_value("tile_url", template)
        app_settings.set_value("tile_attribution", attribution.text().strip())
        TileService.instance().configure()

    def open_mbtiles(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Open an MBTiles file"), "",
                self.tr("MBTiles files (*.mbtiles);;All files (*)"))
            if not path:
                return False
        try:
            map_tiles.MBTiles(Path(path), readonly=True).close()
        except Exception as exc:
            QMessageBox.warning(self, self.tr("Open an MBTiles file"), str(exc))
            return False
        app_settings.set_value("mbtiles_file", str(path))
        TileService.instance().configure()
        return True

    def close_mbtiles(self) -> None:
        app_settings.set_value("mbtiles_file", "")
        TileService.instance().configure()

    def open_pmtiles(self, path: str | None = None) -> bool:
        """Use a PMTiles vector basemap (a county or state extract, or a turf packet's clip)."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Open a PMTiles basemap"), "",
                self.tr("PMTiles files (*.pmtiles);;All files (*)"))
            if not path:
                return False
        try:
            open_basemap(path)
        except Exception as exc:
            QMessageBox.warning(self, self.tr("Open a PMTiles basemap"), str(exc))
            return False
        TileService.instance().configure()
        return True

    def close_pmtiles(self) -> None:
        open_basemap(None)
        TileService.instance().configure()

    def save_area(self) -> None:
        stack = TileService.instance().stack
        template = stack.template if stack is not None else ""
        title = self.tr("Save this area for offline use")
        if not template:
            QMessageBox.information(self, title, self.tr(
                "No tile server is set. Choose one with Map tiles > Tile server…, or open an "
                "MBTiles file made elsewhere."))
            return
        if map_tiles.is_osm_tile_server(template):
            QMessageBox.information(self, title, self.tr(
                "openstreetmap.org's tile servers do not allow saving whole areas (their tile "
                "usage policy forbids bulk downloads). The tiles you look at while online are "
                "still kept for offline use. To save whole areas, use a tile provider that "
                "allows it, or open an MBTiles file."))
            return

        def got_view(v: Any) -> None:
            if not isinstance(v, dict):
                return
            self._save_area_dialog(stack, (v["s"], v["w"], v["n"], v["e"]), int(v["z"]))

        self.view.js("(function(){var b=FA.map.getBounds();return {s:b.getSouth(),"
                     "w:b.getWest(),n:b.getNorth(),e:b.getEast(),z:FA.map.getZoom()};})()",
                     got_view)

    def _save_area_dialog(self, stack: Any, box: tuple[float, float, float, float],
                          zoom: int) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Save this area for offline use"))
        form = QVBoxLayout(dialog)
        form.addWidget(QLabel(self.tr("Zoom levels to save, from the current view:")))
        row = QHBoxLayout()
        low, high = QSpinBox(), QSpinBox()
        low.setRange(0, 19)
        high.setRange(0, 19)
        low.setValue(max(0, zoom - 2))
        high.setValue(min(18, zoom + 2))
        row.addWidget(low)
        row.addWidget(QLabel("–"))
        row.addWidget(high)
        form.addLayout(row)
        count = QLabel("")
        form.addWidget(count)

        def recount() -> None:
            n = map_tiles.count_area(*box, low.value(), high.value())
            count.setText(self.tr("{n:,} tiles").format(n=n))

        low.valueChanged.connect(recount)
        high.valueChanged.connect(recount)
        recount()
        allowed = QCheckBox(self.tr("My tile provider's usage policy allows bulk downloads"))
        form.addWidget(allowed)
        form.addWidget(ok_cancel_buttons(dialog))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        lo, hi, ok = low.value(), high.value(), allowed.isChecked()

        def done(saved: int) -> None:
            self._say(self.tr("{n:,} tiles saved for offline use.").format(n=saved))

        self.ctx.tasks.run(
            lambda p: map_tiles.save_area(stack, box, lo, hi, provider_allows=ok, progress=p),
            label=self.tr("Saving map tiles…"), on_done=done, parent=self)
