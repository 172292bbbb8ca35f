"""The Sync page's "HQ inbox" tab, for the store behind ``fieldapp hq serve``: uploads the
laptops sent, merged or held (and why), with Retry for a held one after staff fixed the
cause. Shown only in a store that has invited laptops. All reads and writes are
:mod:`fieldapp.services.hq.inbox` calls."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldAppError
from fieldapp.services.hq import inbox, laptops
from fieldapp.ui import errordialog
from fieldapp.ui.context import AppContext


def is_hq(ctx: AppContext) -> bool:
    """Whether this store invited laptops (it is an HQ store)."""
    return bool(laptops.list_laptops(ctx.store))


class InboxPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Received"), self.tr("Laptop"),
                                              self.tr("Status"), self.tr("Records"),
                                              self.tr("Why held")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for i, w in enumerate((140, 160, 90, 80)):
            self.table.setColumnWidth(i, w)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        note = QLabel(self.tr("Laptops send to `fieldapp hq serve`; a held upload waits here "
                              "until it is fixed and retried."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("Retry held upload"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        row.addWidget(note, 1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.retry_button)
        layout.addLayout(row)
        self.ids: list[str] = []
        self.reload()

    def reload(self) -> None:
        names = {lap.id: lap.name for lap in laptops.list_laptops(self.ctx.store)}
        rows = list(reversed(inbox.inbox(self.ctx.store)))
        counts = inbox.counts(self.ctx.store)
        self.summary.setText(self.tr("{merged} merged, {held} held, {waiting} waiting").format(
            merged=counts["merged"], held=counts["held"],
            waiting=counts["receiving"] + counts["stored"] + counts["merging"]))
        self.table.setRowCount(len(rows))
        self.ids = [r.id for r in rows]
        for i, r in enumerate(rows):
            values = [r.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                      names.get(r.laptop_id, r.laptop_id[:8]), r.status, f"{r.records:,}",
                      r.message if r.status == "held" else ""]
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(i, j, item)

    def retry_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            errordialog.show_problem(self, self.tr("Select a held upload first."))
            return
        try:
            inbox.retry(self.ctx.store, self.ids[row])
        except FieldAppError as exc:
            errordialog.show_problem(self, exc)
            return
        self.reload()
