"""Turfs: every turf with its size, how much of it was knocked, status and people.

Actions: import turf polygons (GeoJSON/KML), cut turfs automatically, assign a
captain and canvassers, print the selected turf's walk list as a PDF, and
geocode doors (:mod:`fieldapp.ui.geocode_dialog`). Each is a services call run
on the database worker through ``ctx.tasks``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldapp import settings
from fieldapp.core.models import Turf
from fieldapp.services import lookup, walklists
from fieldapp.services import turfs as turf_service
from fieldapp.services.progress import Progress
from fieldapp.ui.context import AppContext
from fieldapp.ui.geocode_dialog import GeocodeButton
from fieldapp.ui.sources import DoorSource, TurfSource
from fieldapp.ui.tablemodel import IdRole, LazyTableModel
from fieldapp.ui.walksheet_options import WalkSheetOptions, WalkSheetOptionsDialog
from fieldapp.ui.widgets import (
    PageHeader,
    RefreshingPage,
    SearchBox,
    SectionLabel,
    count_footer,
    make_table_view,
    ok_cancel_buttons,
    page_layout,
)


class Page(RefreshingPage):
    """Turf table on top; the selected turf's doors in walk order below."""

    key = "turfs"
    watches = frozenset({"turfs", "doors", "turf_assignments", "contact_attempts"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ctx: AppContext = ctx
        layout = page_layout(self)
        self.header = PageHeader(self.title(), self.tr(
            "Areas cut for canvassing: how big each is, how much is done, who has it."))
        self.search = SearchBox(self.tr("Search turfs by name"))
        self.header.add_action(self.search)
        self.print_button = QPushButton(self.tr("Print walk list…"))
        self.cut_button = QPushButton(self.tr("Cut turfs…"))
        self.assign_button = QPushButton(self.tr("Assign…"))
        self.import_button = QPushButton(self.tr("Import turfs…"))
        self.geocode_button = GeocodeButton(self)  # doors need coordinates to go in turfs
        for button in (self.print_button, self.assign_button, self.cut_button, self.import_button,
                       self.geocode_button):
            self.header.add_action(button)
        self.print_button.clicked.connect(lambda: self.print_walklist())
        self.cut_button.clicked.connect(lambda: self.cut_turfs())
        self.assign_button.clicked.connect(lambda: self.assign())
        self.import_button.clicked.connect(lambda: self.import_turfs())
        layout.addWidget(self.header)

        self.model = LazyTableModel(ctx.store, TurfSource(), self)
        self.table = make_table_view(self.model, self, widths=[320, 80, 90, 110])

        self.door_source = DoorSource(turf_id="")
        self.doors_model = LazyTableModel(ctx.store, self.door_source, self)
        self.doors_table = make_table_view(self.doors_model, self, widths=[230, 70, 70, 0, 70])
        self.doors_table.setColumnHidden(3, True)  # every row is this turf
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 6, 0, 0)
        self.doors_label = SectionLabel(self.tr("Select a turf to see its doors."))
        lower_layout.addWidget(self.doors_label)
        lower_layout.addWidget(self.doors_table, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([420, 300])
        layout.addWidget(splitter, 1)
        self.count_label = count_footer(layout)

        self.search.search_changed.connect(self._on_search)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.modelReset.connect(self._update_count)

    def title(self) -> str:
        return self.tr("Turfs")

    # ------------------------------------------------------------------ actions

    def selected_turf(self) -> tuple[str, str] | None:
        """(id, name) of the selected turf, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return str(rows[0].data(IdRole)), str(rows[0].data())

    def select_turf(self, turf_id: str) -> None:
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if index.data(IdRole) == turf_id:
                self.table.selectRow(row)
                return

    def _need_turf(self) -> tuple[str, str] | None:
        turf = self.selected_turf()
        if turf is None:
            QMessageBox.information(self, self.title(), self.tr("Select a turf first."))
        return turf

    def _show_lines(self, title: str, lines: list[str]) -> None:
        self.last_message = "\n".join(lines)
        box = QMessageBox(QMessageBox.Icon.Information, title, lines[0] if lines else "", parent=self)
        if len(lines) > 1:
            box.setDetailedText("\n".join(lines[1:]))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def print_walklist(self, path: str | None = None, lang: str | None = None,
                       options: WalkSheetOptions | None = None) -> None:
        """Save the selected turf's walk list as a PDF (asks the options and where unless given)."""
        turf = self._need_turf()
        if turf is None:
            return
        turf_id, name = turf
        if options is None and path is None:
            dialog = WalkSheetOptionsDialog(self)
            if dialog.exec() != WalkSheetOptionsDialog.DialogCode.Accepted:
                return
            options = dialog.options()
        chosen = options or WalkSheetOptions()
        if path is None:
            safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in name).strip()
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save walk list"), str(Path.home() / f"{safe or 'walklist'}.pdf"),
                self.tr("PDF files (*.pdf)"))
            if not path:
                return
        language = lang or str(settings.get("language") or "en")
        if language not in walklists.LABELS:
            language = "en"
        store = self.ctx.store
        out = path

        def work(progress: Progress) -> walklists.WalkSheet:
            return walklists.write_walklist_pdf(store, turf_id, out, lang=language,
                                                columns=chosen.columns,
                                                include_off_list=chosen.include_off_list)

        def done(sheet: walklists.WalkSheet) -> None:
            lines = [self.tr("Saved the walk list for {turf}: {n} doors.").format(
                turf=sheet.turf_name, n=len(sheet.doors)), out]
            if sheet.not_listed:
                lines.append(sheet.not_listed)
            self._show_lines(self.tr("Walk list"), lines)

        self.ctx.tasks.run(work, label=self.tr("Printing walk list"), on_done=done, parent=self)

    def import_turfs(self, path: str | None = None) -> None:
        """Import turf polygons from GeoJSON or KML and put doors in them."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import turfs"), "",
                self.tr("Turf files (*.geojson *.json *.kml);;All files (*)"))
            if not path:
                return
        store = self.ctx.store
        file = path

        def work(progress: Progress) -> turf_service.TurfImportReport:
            return turf_service.import_turfs(store, file)

        def done(report: turf_service.TurfImportReport) -> None:
            self.ctx.notify_changed("turfs")
            self.ctx.notify_changed("doors")
            self._show_lines(self.tr("Import turfs"), self._import_lines(report))

        self.ctx.tasks.run(work, label=self.tr("Importing turfs"), on_done=done, parent=self)

    def cut_turfs(self, doors_per_turf: int | None = None, within: bool | None = None) -> None:
        """Cut turfs of about N doors: unassigned doors, or the selected turf."""
        turf = self.selected_turf()
        if doors_per_turf is None or within is None:
            dialog = CutDialog(turf[1] if turf else None, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            doors_per_turf = dialog.size_spin.value()
            within = dialog.within.isChecked()
        parent_id = turf[0] if (within and turf) else None
        store = self.ctx.store
        size = doors_per_turf

        def work(progress: Progress) -> turf_service.CutReport:
            return turf_service.cut_turfs(store, size, within=parent_id, progress=progress)

        def done(report: turf_service.CutReport) -> None:
            self.ctx.notify_changed("turfs")
            self.ctx.notify_changed("doors")
            self._show_lines(self.tr("Cut turfs"), self._cut_lines(report, size))

        self.ctx.tasks.run(work, label=self.tr("Cutting turfs"), on_done=done, parent=self)

    def _import_lines(self, report: turf_service.TurfImportReport) -> list[str]:
        """The import report in the interface language (the service's lines are the CLI's)."""
        lines = [self.tr("Imported turfs from {file}: {new} new, {updated} updated; "
                         "{doors:,} doors placed in them").format(
            file=Path(report.file).name, new=len(report.created), updated=len(report.updated),
            doors=report.doors_assigned)]
        lines += [self.tr("New: {name}").format(name=n) for n in report.created]
        lines += [self.tr("Updated: {name}").format(name=n) for n in report.updated]
        return lines

    def _cut_lines(self, report: turf_service.CutReport, target: int) -> list[str]:
        """The cut report in the interface language, pointing at the app, not the CLI."""
        if report.parent:
            head = self.tr("Cut {n} turfs of about {target} doors from {parent} (now retired)")
        else:
            head = self.tr("Cut {n} turfs of about {target} doors")
        lines = [head.format(n=len(report.turfs), target=target, parent=report.parent)]
        sizes = [n for _, n in report.turfs]
        if sizes:
            lines.append(self.tr("Sizes: smallest {low}, largest {high}").format(
                low=min(sizes), high=max(sizes)))
        lines += [self.tr("{name}: {n} doors").format(name=name, n=n) for name, n in report.turfs]
        if report.doors_without_coordinates:
            lines.append(self.tr("{n:,} doors have no coordinates and were not cut: geocode them "
                                 "first (Geocode doors… on this page).").format(n=report.doors_without_coordinates))
        if report.oversized_buildings:
            lines.append(self.tr("{n} buildings hold more than {most} doors and form turfs of "
                                 "their own").format(n=report.oversized_buildings,
                                                     most=int(target * (1 + turf_service.TOLERANCE))))
        return lines

    def assign(self, captain: str | None = None, canvassers: list[str] | None = None) -> None:
        """Assign a captain and canvassers (volunteer ids) to the selected turf."""
        turf = self._need_turf()
        if turf is None:
            return
        turf_id, _name = turf
        if captain is None and canvassers is None:
            dialog = AssignDialog(self.ctx, turf_id, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            captain, canvassers = dialog.choice()
        store = self.ctx.store
        chosen_captain, crew = captain, list(canvassers or [])

        def work(progress: Progress) -> list[str]:
            lines = []
            if chosen_captain:
                lines.append(turf_service.assign_volunteer(store, turf_id, chosen_captain, "captain"))
            for vid in crew:
                lines.append(turf_service.assign_volunteer(store, turf_id, vid, "canvasser"))
            return lines

        def done(lines: list[str]) -> None:
            self.ctx.notify_changed("turf_assignments")
            self.ctx.notify_changed("turfs")
            if lines:
                self._show_lines(self.tr("Assign"), lines)

        self.ctx.tasks.run(work, label=self.tr("Assigning volunteers"), on_done=done, parent=self)

    def reload(self) -> None:
        self.model.refresh()
        self.doors_model.refresh()

    def _on_search(self, text: str) -> None:
        self.model.set_search(text)
        self._stale = False

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%Ln turf(s)", "", self.model.rowCount()))

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        turf_id = rows[0].data(IdRole) if rows else ""
        self.door_source.turf_id = turf_id
        # Walk order: street, then house number, then unit.
        self.doors_model.sort(0, Qt.SortOrder.AscendingOrder)
        self.doors_model.refresh()
        if turf_id:
            name = rows[0].data()
            self.doors_label.setText(self.tr("Doors in {turf} ({n})").format(
                turf=name, n=self.doors_model.rowCount()))
        else:
            self.doors_label.setText(self.tr("Select a turf to see its doors."))


class CutDialog(QDialog):
    """How many doors a turf, and whether to cut only the selected turf."""

    def __init__(self, selected: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cut turfs"))
        form = QFormLayout(self)
        self.size_spin = QSpinBox()
        self.size_spin.setRange(5, 5000)
        self.size_spin.setValue(150)
        self.size_spin.setSuffix(self.tr(" doors"))
        form.addRow(self.tr("About this many doors a turf:"), self.size_spin)
        self.within = QCheckBox(
            self.tr("Cut only {turf} (it is replaced by its parts)").format(turf=selected)
            if selected else self.tr("Cut only the selected turf"))
        self.within.setEnabled(bool(selected))
        self.within.setChecked(bool(selected))
        form.addRow(self.within)
        note = QLabel(self.tr("Otherwise the doors that have no turf yet are cut. Buildings are "
                              "never split; each turf gets a polygon and a name."))
        note.setWordWrap(True)
        note.setObjectName("muted")
        form.addRow(note)
        form.addRow(ok_cancel_buttons(self))


class AssignDialog(QDialog):
    """Pick a captain and tick canvassers for a turf."""

    def __init__(self, ctx: Any, turf_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign volunteers"))
        self.resize(420, 460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.captain = QComboBox()
        self.captain.addItem(self.tr("(keep the current captain)"), "")
        self.canvassers = QListWidget()
        with ctx.store.session() as session:
            turf = session.get(Turf, turf_id)
            current = lookup.turf_canvasser_ids(session, turf_id)
            rows = lookup.active_volunteers(session, by_last_name=True)
        for vol in rows:
            vid, role, label = vol.id, vol.role, vol.name
            if role in ("captain", "staff"):
                self.captain.addItem(label, vid)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, vid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if vid in current else Qt.CheckState.Unchecked)
            self.canvassers.addItem(item)
        self.current = current
        layout.addWidget(QLabel(self.tr("Turf: {name}").format(name=turf.name if turf else "")))
        form.addRow(self.tr("Captain:"), self.captain)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Canvassers:")))
        layout.addWidget(self.canvassers, 1)
        layout.addWidget(ok_cancel_buttons(self))

    def choice(self) -> tuple[str | None, list[str]]:
        captain = self.captain.currentData() or None
        crew = []
        for i in range(self.canvassers.count()):
            item = self.canvassers.item(i)
            vid = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked and vid not in self.current:
                crew.append(vid)
        return captain, crew
