"""Turfs: every turf with its size, how much of it was knocked, status and people."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from fieldapp.ui.context import AppContext
from fieldapp.ui.sources import DoorSource, TurfSource
from fieldapp.ui.tablemodel import IdRole, LazyTableModel
from fieldapp.ui.widgets import (
    PageHeader,
    RefreshingPage,
    SearchBox,
    SectionLabel,
    make_table_view,
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
        footer = QHBoxLayout()
        self.count_label = QLabel("")
        self.count_label.setObjectName("muted")
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        layout.addLayout(footer)

        self.search.search_changed.connect(self._on_search)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.modelReset.connect(self._update_count)

    def title(self) -> str:
        return self.tr("Turfs")

    def reload(self) -> None:
        self.model.refresh()
        self.doors_model.refresh()

    def _on_search(self, text: str) -> None:
        self.model.set_search(text)
        self._stale = False

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{n:,} turfs").format(n=self.model.rowCount()))

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
