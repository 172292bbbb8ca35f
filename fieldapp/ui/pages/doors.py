"""Doors: every household in the store, searchable and sortable, with detail."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QWidget

from fieldapp.ui.context import AppContext
from fieldapp.ui.details import DoorDetailPane
from fieldapp.ui.sources import DoorSource
from fieldapp.ui.tablemodel import IdRole, LazyTableModel
from fieldapp.ui.widgets import PageHeader, RefreshingPage, SearchBox, make_table_view, page_layout


class Page(RefreshingPage):
    """A lazy table of doors (ids in SQL order, rows fetched as shown) + a detail pane."""

    key = "doors"
    watches = frozenset({"doors", "people", "turfs", "contact_attempts"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ctx: AppContext = ctx
        layout = page_layout(self)
        self.header = PageHeader(self.title(), "")
        self.search = SearchBox(self.tr("Search by address or ZIP (e.g. 2417 Vliet)"))
        self.header.add_action(self.search)
        self.import_button = QPushButton(self.tr("Import voter file…"))
        self.import_button.clicked.connect(self.open_import_wizard)
        self.header.add_action(self.import_button)
        layout.addWidget(self.header)

        self.model = LazyTableModel(ctx.store, DoorSource(), self, tasks=ctx.tasks)
        self.table = make_table_view(self.model, self, widths=[170, 72, 72, 200, 84, 130],
                                     stretch=[0, 3])
        self.detail = DoorDetailPane(ctx.store, self)
        self.detail.setMinimumWidth(320)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 360])
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
        self.detail.person_activated.connect(self._open_person)
        ctx.door_focused.connect(self._on_door_focused)

    def title(self) -> str:
        return self.tr("Doors")

    def open_import_wizard(self) -> None:
        from fieldapp.ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()

    def reload(self) -> None:
        selected = self.detail.current_id
        if selected:
            self.model.refresh(then=lambda: self.select_door(selected))
        else:
            self.model.refresh()

    def _on_search(self, text: str) -> None:
        self.model.set_search(text)
        self._stale = False

    def _update_count(self) -> None:
        n = self.model.rowCount()
        if self.model.search_text:
            text = self.tr("{n:,} doors match").format(n=n)
        else:
            text = self.tr("{n:,} doors").format(n=n)
        self.count_label.setText(text)
        self.header.set_subtitle(self.tr("Every household to knock, with who lives there "
                                         "and what happened at the door."))

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        door_id = rows[0].data(IdRole) if rows else None
        self.detail.show_door(door_id)
        if door_id:
            self.ctx.door_focused.emit(door_id, self.key)

    def _on_door_focused(self, door_id: str, source: str) -> None:
        if source != self.key:
            self.select_door(door_id)

    def select_door(self, door_id: str) -> bool:
        """Select and show ``door_id`` (clearing a search that hides it)."""
        if self._stale:
            self._stale = False
            self.model.refresh(wait=True)
        row = self.model.row_of(door_id)
        if row < 0 and self.model.search_text:
            self.search.blockSignals(True)
            self.search.setText("")
            self.search.blockSignals(False)
            self.model.set_search("", wait=True)
            row = self.model.row_of(door_id)
        if row < 0:
            self.detail.show_door(door_id)
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _open_person(self, person_id: str) -> None:
        window = self.window()
        show = getattr(window, "show_page", None)
        if show is None:
            return
        page = show("people")
        select = getattr(page, "select_person", None)
        if select is not None:
            select(person_id)
