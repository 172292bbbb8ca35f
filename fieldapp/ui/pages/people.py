"""People: everyone in the store, searchable by name, phone or email, with detail."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QWidget

from fieldapp.ui.context import AppContext
from fieldapp.ui.details import PersonDetailPane
from fieldapp.ui.sources import PersonSource
from fieldapp.ui.tablemodel import IdRole, LazyTableModel
from fieldapp.ui.widgets import PageHeader, RefreshingPage, SearchBox, make_table_view, page_layout


class Page(RefreshingPage):
    """A lazy table of people + a detail pane (history, events, affiliations)."""

    key = "people"
    watches = frozenset({"people", "doors", "contact_attempts", "signups", "volunteers",
                         "person_organizations"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ctx: AppContext = ctx
        layout = page_layout(self)
        self.header = PageHeader(self.title(), self.tr(
            "Residents, supporters and volunteers, with their consent flags."))
        self.search = SearchBox(self.tr("Search by name, phone or email"))
        self.header.add_action(self.search)
        layout.addWidget(self.header)

        self.model = LazyTableModel(ctx.store, PersonSource(), self, tasks=ctx.tasks)
        self.table = make_table_view(self.model, self, widths=[160, 110, 200, 88, 170, 80],
                                     stretch=[2, 4])
        self.detail = PersonDetailPane(ctx.store, self)
        self.detail.setMinimumWidth(300)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 340])
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
        self.detail.door_activated.connect(self._open_door)

    def title(self) -> str:
        return self.tr("People")

    def reload(self) -> None:
        selected = self.detail.current_id
        if selected:
            self.model.refresh(then=lambda: self.select_person(selected))
        else:
            self.model.refresh()

    def _on_search(self, text: str) -> None:
        self.model.set_search(text)
        self._stale = False

    def _update_count(self) -> None:
        n = self.model.rowCount()
        if self.model.search_text:
            self.count_label.setText(self.tr("{n:,} people match").format(n=n))
        else:
            self.count_label.setText(self.tr("{n:,} people").format(n=n))

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.detail.show_person(rows[0].data(IdRole) if rows else None)

    def select_person(self, person_id: str) -> bool:
        """Select and show ``person_id`` (clearing a search that hides them)."""
        if self._stale:
            self._stale = False
            self.model.refresh(wait=True)
        row = self.model.row_of(person_id)
        if row < 0 and self.model.search_text:
            self.search.blockSignals(True)
            self.search.setText("")
            self.search.blockSignals(False)
            self.model.set_search("", wait=True)
            row = self.model.row_of(person_id)
        if row < 0:
            self.detail.show_person(person_id)
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _open_door(self, door_id: str) -> None:
        window = self.window()
        show = getattr(window, "show_page", None)
        if show is None:
            return
        page = show("doors")
        select = getattr(page, "select_door", None)
        if select is not None:
            select(door_id)
