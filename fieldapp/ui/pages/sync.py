"""The Sync page: export and import bundles, review conflicts and duplicates.

Every action is a call into :mod:`fieldapp.services.sync` run on the database
worker (``ctx.tasks``), with a progress dialog for long work. Bundles can be
picked with a file dialog or dropped on the page. A conflict shows both values
with who wrote each and when; choosing the other value is an ordinary (synced)
edit. A possible duplicate is merged into one door (a synced write) or marked
distinct.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldAppError
from fieldapp.maps.basemap import keep_packet_basemap
from fieldapp.maps.basemap import opened_path as opened_basemap_path
from fieldapp.services.progress import Progress
from fieldapp.services.sync import keys, review
from fieldapp.services.sync.bundle import SUFFIX, BundleError, export_bundle
from fieldapp.services.sync.merge import (
    ImportResult,
    accept_bundle,
    import_bundle,
    resolve_conflict,
    resolve_duplicate,
)
from fieldapp.ui import errordialog
from fieldapp.ui.accept_dialog import AcceptBundleBox
from fieldapp.ui.context import AppContext
from fieldapp.ui.mapview import TileService
from fieldapp.ui.widgets import PageHeader, RefreshingPage, page_layout

log = logging.getLogger(__name__)


def _value_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("Page", "yes")
        return QCoreApplication.translate("Page", "no")
    return str(value)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table

def _review_tab(table: QTableWidget, note_text: str, buttons: list[QPushButton]) -> QWidget:
    """A review tab: the table, then an explaining note beside the action buttons."""
    tab = QWidget()
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 8, 0, 0)
    layout.addWidget(table, 1)
    row = QHBoxLayout()
    note = QLabel(note_text)
    note.setObjectName("muted")
    note.setWordWrap(True)
    row.addWidget(note, 1)
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    return tab


def _item(text: str, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


class ExportDialog(QDialog):
    """What to export, for whom, and where."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export a bundle"))
        self.setMinimumWidth(480)
        form = QFormLayout(self)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("Everything this laptop knows"), False)
        self.scope.addItem(self.tr("Only what changed since the last bundle"), True)
        form.addRow(self.tr("Export:"), self.scope)
        self.recipients = QListWidget()
        self.recipients.setMaximumHeight(110)
        self._fill_recipients()
        form.addRow(self.tr("Encrypt for:"), self.recipients)
        self.use_passphrase = QCheckBox(self.tr("Use a passphrase instead (for offices without keys)"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setEnabled(False)
        self.use_passphrase.toggled.connect(self.passphrase.setEnabled)
        self.use_passphrase.toggled.connect(self.recipients.setDisabled)
        form.addRow("", self.use_passphrase)
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        if self.recipients.count() == 0:
            self._offer_join(form)
        folder_row = QHBoxLayout()
        from fieldapp.services.campaign.outbox import outbox_dir
        from fieldapp.services.campaign.state import load_state

        joined = load_state() is not None
        self.folder = QLineEdit(str(outbox_dir() if joined else Path.home()))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form.addRow(self.tr("Save in:"), folder_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _fill_recipients(self) -> None:
        self.recipients.clear()
        for site in keys.load_trust():
            item = QListWidgetItem(site.name)
            item.setData(Qt.ItemDataRole.UserRole, site.fingerprint)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if site.recipient else Qt.CheckState.Unchecked)
            self.recipients.addItem(item)

    def _offer_join(self, form: QFormLayout) -> None:
        """No office key: say so, offer Join or a passphrase (never export to this laptop alone)."""
        self.no_office_note = QLabel(self.tr(
            "No office key yet: nobody but this laptop could open the bundle. Join your "
            "campaign with the file from HQ, or protect the bundle with a passphrase."))
        self.no_office_note.setWordWrap(True)
        self.no_office_note.setObjectName("warning")
        join = QPushButton(self.tr("Join a campaign…"))
        join.clicked.connect(self._join)
        form.insertRow(1, self.no_office_note)
        form.insertRow(2, "", join)
        self.use_passphrase.setChecked(True)

    def _join(self) -> None:
        from fieldapp.ui.campaign import pick_and_join

        if pick_and_join(self):
            self._fill_recipients()
            self.use_passphrase.setChecked(False)
            self.no_office_note.setText(self.tr("Joined: the bundle is encrypted to HQ."))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save the bundle in"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def chosen_recipients(self) -> list[str]:
        out = []
        for i in range(self.recipients.count()):
            item = self.recipients.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out


class Page(RefreshingPage):
    key = "sync"
    watches = frozenset({"sync_bundles", "sync_conflicts", "possible_duplicates"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ctx: AppContext = ctx
        self.setAcceptDrops(True)
        self.last_results: list[ImportResult | FieldAppError] = []
        self._ahead: dict[str, int | None] = {}  # quarantined bundle id -> lead now (ms)
        layout = page_layout(self)
        self._build_header(layout)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_history(), self.tr("History"))
        self.tabs.addTab(self._build_conflicts(), self.tr("Conflicts"))
        self.tabs.addTab(self._build_duplicates(), self.tr("Possible duplicates"))
        from fieldapp.ui.campaign import OutboxPanel

        self.outbox_panel = OutboxPanel(ctx)  # joined campaign, what waits for HQ, Send now
        self.tabs.addTab(self.outbox_panel, self.tr("Outbox"))
        from fieldapp.ui.hq_inbox import InboxPanel, is_hq

        if is_hq(ctx):  # the store behind `hq serve`: what the laptops sent
            self.inbox_panel = InboxPanel(ctx)
            self.tabs.addTab(self.inbox_panel, self.tr("HQ inbox"))

    def _build_header(self, layout: QVBoxLayout) -> None:
        """The title with Export and Import, the store's status and the last result."""
        self.header = PageHeader(self.title(), self.tr(
            "Bundles carry your work to the office and back: signed, encrypted files for a USB "
            "stick or e-mail. Drop .fieldbundle files here to import them."))
        self.export_button = QPushButton(self.tr("Export bundle…"))
        self.export_button.setObjectName("primary")
        self.import_button = QPushButton(self.tr("Import bundles…"))
        self.export_button.clicked.connect(self.open_export_dialog)
        self.import_button.clicked.connect(self.choose_import)
        self.header.add_action(self.import_button)
        self.header.add_action(self.export_button)
        layout.addWidget(self.header)
        self.status_label = QLabel()
        self.status_label.setObjectName("muted")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setVisible(False)
        layout.addWidget(self.result_label)

    def _build_history(self) -> QWidget:
        """Every bundle in and out; a quarantined one can be accepted from here."""
        history = QWidget()
        hl = QVBoxLayout(history)
        hl.setContentsMargins(0, 8, 0, 0)
        self.history_table = _table([self.tr("When"), self.tr("Direction"), self.tr("Status"),
                                     self.tr("Site"), self.tr("No."), self.tr("Records"),
                                     self.tr("File")])
        for i, w in enumerate((140, 95, 120, 170, 50, 80)):
            self.history_table.setColumnWidth(i, w)
        hl.addWidget(self.history_table, 1)
        row = QHBoxLayout()
        self.history_note = QLabel()
        self.history_note.setObjectName("muted")
        self.history_note.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("Accept quarantined bundle"))
        self.accept_button.setEnabled(False)
        self.accept_button.clicked.connect(self.accept_selected)
        row.addWidget(self.history_note, 1)
        row.addWidget(self.accept_button)
        hl.addLayout(row)
        self.history_table.itemSelectionChanged.connect(self._history_selected)
        return history

    def _build_conflicts(self) -> QWidget:
        self.conflict_table = _table([self.tr("Record"), self.tr("Field"), self.tr("Kept value"),
                                      self.tr("Written by"), self.tr("Other value"),
                                      self.tr("Written by")])
        for i, w in enumerate((170, 110, 170, 210, 170)):
            self.conflict_table.setColumnWidth(i, w)
        self.keep_button = QPushButton(self.tr("Keep this value"))
        self.use_other_button = QPushButton(self.tr("Use the other value"))
        self.keep_button.clicked.connect(lambda: self.resolve_selected_conflict("winner"))
        self.use_other_button.clicked.connect(lambda: self.resolve_selected_conflict("loser"))
        return _review_tab(
            self.conflict_table,
            self.tr("The newer write was kept. Nothing is lost: choose the other "
                    "value to write it back (it then travels like any edit)."),
            [self.keep_button, self.use_other_button],
        )

    def _build_duplicates(self) -> QWidget:
        self.dup_table = _table([self.tr("Door A"), self.tr("Door B"), self.tr("Why")])
        for i, w in enumerate((380, 380)):
            self.dup_table.setColumnWidth(i, w)
        self.merge_a_button = QPushButton(self.tr("Merge, keep A"))
        self.merge_b_button = QPushButton(self.tr("Merge, keep B"))
        self.distinct_button = QPushButton(self.tr("Keep both"))
        self.merge_a_button.clicked.connect(lambda: self.resolve_selected_duplicate("merge", "a"))
        self.merge_b_button.clicked.connect(lambda: self.resolve_selected_duplicate("merge", "b"))
        self.distinct_button.clicked.connect(lambda: self.resolve_selected_duplicate("distinct", ""))
        return _review_tab(
            self.dup_table,
            self.tr("The same address was entered on two laptops. Merging keeps one "
                    "door and moves its people; keeping both marks them distinct."),
            [self.merge_a_button, self.merge_b_button, self.distinct_button],
        )

    def title(self) -> str:
        return self.tr("Sync")

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        store = self.ctx.store
        try:
            rows = review.history(store)
            conflicts = review.conflicts(store)
            dups = review.duplicates(store)
        except FieldAppError as exc:  # e.g. an unreadable trust store
            self.status_label.setText(str(exc))
            return
        self._fill_history(rows)
        self._fill_conflicts(conflicts)
        self._fill_duplicates(dups)
        self.tabs.setTabText(1, self.tr("Conflicts (%n)", "", len(conflicts)))
        self.tabs.setTabText(2, self.tr("Possible duplicates (%n)", "", len(dups)))
        if keys.keys_exist():
            own = keys.load_keys()
            trusted = len(keys.load_trust())
            self.status_label.setText(self.tr(
                "This laptop: {name}, key {fp}. Trusted sites: {n}.").format(
                    name=own.name, fp=own.fingerprint[:16], n=trusted))
        else:
            self.status_label.setText(self.tr(
                "This laptop has no keys yet: they are made with the first export."))

    def _fill_history(self, rows: list[review.HistoryRow]) -> None:
        t = self.history_table
        t.setRowCount(len(rows))
        labels = {"in": self.tr("In"), "out": self.tr("Out")}
        statuses = {"merged": self.tr("Merged"), "written": self.tr("Written"),
                    "quarantined": self.tr("Quarantined"), "partial": self.tr("Merged in part")}
        self._ahead = {r.bundle_id: r.ahead_ms for r in rows if r.status == "quarantined"}
        for i, r in enumerate(rows):
            t.setItem(i, 0, _item(f"{r.when.astimezone():%Y-%m-%d %H:%M}", r.bundle_id))
            t.setItem(i, 1, _item(labels.get(r.direction, r.direction)))
            status = _item(statuses.get(r.status, r.status), r.status)
            if r.message:
                status.setToolTip(r.message)
            t.setItem(i, 2, status)
            t.setItem(i, 3, _item(r.site))
            t.setItem(i, 4, _item(str(r.seq)))
            t.setItem(i, 5, _item(f"{r.records:,}"))
            t.setItem(i, 6, _item(Path(r.file_name).name))
        self.history_note.setText(self.tr("No bundles yet.") if not rows else "")

    def _fill_conflicts(self, rows: list[review.ConflictRow]) -> None:
        t = self.conflict_table
        t.setRowCount(len(rows))
        for i, c in enumerate(rows):
            t.setItem(i, 0, _item(c.label, c.pk))
            t.setItem(i, 1, _item(c.field))
            t.setItem(i, 2, _item(_value_text(c.kept)))
            t.setItem(i, 3, _item(f"{c.kept_by}, {c.kept_at.astimezone():%Y-%m-%d %H:%M}"))
            t.setItem(i, 4, _item(_value_text(c.other)))
            t.setItem(i, 5, _item(f"{c.other_by}, {c.other_at.astimezone():%Y-%m-%d %H:%M}"))
        for b in (self.keep_button, self.use_other_button):
            b.setEnabled(bool(rows))

    def _fill_duplicates(self, rows: list[review.DuplicateRow]) -> None:
        t = self.dup_table
        t.setRowCount(len(rows))
        for i, d in enumerate(rows):
            t.setItem(i, 0, _item(d.a_label, (d.pk, d.a_id, d.b_id)))
            t.setItem(i, 1, _item(d.b_label))
            t.setItem(i, 2, _item(self.tr("Same address") if d.reason.startswith("same address")
                                  else d.reason))
        for b in (self.merge_a_button, self.merge_b_button, self.distinct_button):
            b.setEnabled(bool(rows))

    def _history_selected(self) -> None:
        row = self.history_table.currentRow()
        item = self.history_table.item(row, 2) if row >= 0 else None
        quarantined = item is not None and item.data(Qt.ItemDataRole.UserRole) == "quarantined"
        self.accept_button.setEnabled(quarantined)
        self.history_note.setText(item.toolTip() if quarantined and item is not None else "")

    # ------------------------------------------------------------------ export

    def open_export_dialog(self) -> None:
        dialog = ExportDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        passphrase = dialog.passphrase.text() if dialog.use_passphrase.isChecked() else None
        if passphrase is not None and not passphrase:
            errordialog.show_problem(self, self.tr("Type a passphrase, or untick the passphrase box."))
            return
        self.export_to(dialog.folder.text(), since_last=bool(dialog.scope.currentData()),
                       to=dialog.chosen_recipients(), passphrase=passphrase)

    def export_to(self, folder: str, *, since_last: bool = False, to: list[str] | None = None,
                  passphrase: str | None = None) -> None:
        """Export on the worker; the result shows on the page (tests call this)."""
        store = self.ctx.store
        secret = passphrase.encode("utf-8") if passphrase is not None else None
        recipients = list(to or [])

        def work(progress: Progress) -> tuple[str, int]:
            result = export_bundle(store, folder, since_last=since_last, to=recipients,
                                   passphrase=secret, progress=progress)
            return str(result.path), result.manifest.total_records

        def done(result: tuple[str, int]) -> None:
            path, count = result
            self._show_result(self.tr("Exported {n} records to {path}").format(n=f"{count:,}", path=path))
            self.ctx.notify_changed("sync_bundles")

        self.ctx.tasks.run(work, label=self.tr("Exporting a bundle…"), on_done=done, parent=self)

    # ------------------------------------------------------------------ import

    def choose_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import bundles"), str(Path.home()),
            self.tr("Field App bundles (*{suffix});;All files (*)").format(suffix=SUFFIX))
        if files:
            self.import_files(files)

    def open_bundle(self) -> None:
        """The welcome screen's "open a sync bundle": pick files and import them."""
        self.choose_import()

    def import_files(self, files: list[str], passphrase: str | None = None) -> None:
        """Import each file on the worker; one summary afterwards (tests call this)."""
        store = self.ctx.store
        secret = passphrase.encode("utf-8") if passphrase is not None else None

        def work(progress: Progress) -> list[ImportResult | FieldAppError]:
            out: list[ImportResult | FieldAppError] = []
            for f in files:
                progress.check()
                try:
                    result = import_bundle(store, f, passphrase=secret, progress=progress)
                    out.append(result)
                    # a turf packet's street map becomes this laptop's basemap
                    keep_packet_basemap(store, f, result.status, passphrase=secret)
                except FieldAppError as exc:
                    out.append(exc)
            return out

        self.ctx.tasks.run(work, label=self.tr("Importing bundles…"),
                           on_done=lambda results: self._imported(files, results, passphrase),
                           parent=self)

    def _imported(self, files: list[str], results: list[ImportResult | FieldAppError],
                  passphrase: str | None) -> None:
        self.last_results = results
        tiles = TileService.instance()
        shown = tiles.basemap_file.path if tiles.basemap_file is not None else None
        if opened_basemap_path() != shown:  # a packet brought a street map
            tiles.configure()
        needs_pass = [f for f, r in zip(files, results, strict=True)
                      if isinstance(r, BundleError) and "protected by a passphrase" in str(r)]
        lines = []
        for f, r in zip(files, results, strict=True):
            if f in needs_pass:
                continue
            lines.append(self._describe(f, r))
        if lines:
            self._show_result("\n".join(lines))
        if any(isinstance(r, ImportResult) for r in results):
            self.ctx.notify_changed("")
        errors = [r for f, r in zip(files, results, strict=True)
                  if isinstance(r, FieldAppError) and f not in needs_pass]
        if errors and self.isVisible():
            errordialog.show_problem(self, "\n\n".join(str(e) for e in errors),
                                     title=self.tr("Some bundles were not imported"))
        if needs_pass and passphrase is None and self.isVisible():
            text, ok = QInputDialog.getText(
                self, self.tr("Passphrase"),
                self.tr("These bundles are protected by a passphrase:\n{files}").format(
                    files="\n".join(Path(f).name for f in needs_pass)),
                QLineEdit.EchoMode.Password)
            if ok and text:
                self.import_files(needs_pass, passphrase=text)

    def _describe(self, path: str, r: ImportResult | FieldAppError) -> str:
        name = Path(path).name
        if isinstance(r, FieldAppError):
            return self.tr("{file}: not imported: {why}").format(
                file=name, why=getattr(r, "detail", str(r)))
        if r.status in ("merged", "partial"):
            t = r.total()
            text = self.tr("{file}: {new} new, {updated} updated, {unchanged} unchanged, "
                           "{conflicts} conflicts").format(
                file=name, new=f"{t.new:,}", updated=f"{t.updated:,}",
                unchanged=f"{t.unchanged:,}", conflicts=f"{t.conflicts:,}")
            if r.duplicates:
                text += self.tr(", {n} possible duplicates").format(n=r.duplicates)
            if r.message:
                text += " — " + r.message
            return text
        return f"{name}: {r.message}"

    def _show_result(self, text: str) -> None:
        self.result_label.setText(text)
        self.result_label.setVisible(True)

    def accept_selected(self) -> None:
        item = self.history_table.item(self.history_table.currentRow(), 0)
        if item is None:
            return
        bundle_id = str(item.data(Qt.ItemDataRole.UserRole))
        if self.isVisible() and not AcceptBundleBox(self, self._ahead.get(bundle_id)).confirmed():
            return
        store = self.ctx.store

        def work(progress: Progress) -> ImportResult:
            return accept_bundle(store, bundle_id, progress=progress)

        def done(result: ImportResult) -> None:
            self._show_result(self._describe(result.path, result))
            self.ctx.notify_changed("")

        self.ctx.tasks.run(work, label=self.tr("Merging the bundle…"), on_done=done, parent=self)

    # ------------------------------------------------------------------ review

    def resolve_selected_conflict(self, use: str) -> None:
        item = self.conflict_table.item(self.conflict_table.currentRow(), 0)
        if item is None:
            return
        pk = int(item.data(Qt.ItemDataRole.UserRole))
        store = self.ctx.store
        self.ctx.tasks.run(lambda _p: resolve_conflict(store, pk, use),
                           label=self.tr("Saving…"), parent=self,
                           on_done=lambda _r: self.ctx.notify_changed(""))

    def resolve_selected_duplicate(self, action: str, keep: str) -> None:
        item = self.dup_table.item(self.dup_table.currentRow(), 0)
        if item is None:
            return
        pk, a_id, b_id = item.data(Qt.ItemDataRole.UserRole)
        keep_id = {"a": a_id, "b": b_id}.get(keep)
        store = self.ctx.store
        self.ctx.tasks.run(lambda _p: resolve_duplicate(store, int(pk), action, keep_id),
                           label=self.tr("Saving…"), parent=self,
                           on_done=lambda _r: self.ctx.notify_changed(""))

    # ------------------------------------------------------------------ drag and drop

    @staticmethod
    def dropped_files(event: QDragEnterEvent | QDropEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls()
                if u.isLocalFile() and u.toLocalFile().endswith(SUFFIX)]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self.dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.import_files(files)

