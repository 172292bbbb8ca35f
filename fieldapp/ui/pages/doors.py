"""Doors: every household in the store, searchable and sortable, with detail."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from fieldapp.ui.context import AppContext
from fieldapp.ui.details import DoorDetailPane
from fieldapp.ui.geocode_dialog import GeocodeButton
from fieldapp.ui.sources import DoorSource
from fieldapp.ui.widgets import SearchTableDetailPage


class Page(SearchTableDetailPage):
    """A lazy table of doors (ids in SQL order, rows fetched as shown) + a detail pane."""

    key = "doors"
    watches = frozenset({"doors", "people", "turfs", "contact_attempts"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ctx: AppContext = ctx
        self.detail = DoorDetailPane(ctx.store, self)
        self.build(
            subtitle=self.tr("Every household to knock, with who lives there "
                             "and what happened at the door."),
            placeholder=self.tr("Search by address or ZIP (e.g. 2417 Vliet)"),
            source=DoorSource(), detail=self.detail, widths=[170, 72, 72, 200, 84, 130],
            stretch=[0, 3], sizes=[760, 360], detail_min_width=270,
        )
        self.import_button = QPushButton(self.tr("Import voter file…"))
        self.import_button.clicked.connect(self.open_import_wizard)
        self.header.add_action(self.import_button)
        self.header.add_action(GeocodeButton(self))
        self.detail.person_activated.connect(
            lambda person_id: self.open_on_page("people", "select_person", person_id))
        ctx.door_focused.connect(self._on_door_focused)

    def title(self) -> str:
        return self.tr("Doors")

    def open_import_wizard(self) -> None:
        from fieldapp.ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()

    def show_detail(self, record_id: str | None) -> None:
        self.detail.show_door(record_id)

    def shown_id(self) -> str | None:
        return self.detail.current_id

    def count_text(self, n: int, matching: bool) -> str:
        if matching:
            return self.tr("%Ln door(s) match", "", n)
        return self.tr("%Ln door(s)", "", n)

    def record_selected(self, record_id: str) -> None:
        self.ctx.door_focused.emit(record_id, self.key)

    def _on_door_focused(self, door_id: str, source: str) -> None:
        if source != self.key:
            self.select_door(door_id)

    def select_door(self, door_id: str) -> bool:
        """Select and show ``door_id`` (clearing a search that hides it)."""
        return self.select_record(door_id)
