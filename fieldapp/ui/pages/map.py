"""Map (placeholder): the map helper replaces this module."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fieldapp.ui.context import AppContext
from fieldapp.ui.widgets import EmptyState, PageHeader, page_layout


class Page(QWidget):
    key = "map"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = page_layout(self)
        layout.addWidget(PageHeader(self.title(), ""))
        layout.addWidget(EmptyState(self.tr(
            "The map is coming: turfs, doors and events drawn over the street map, "
            "working with no internet connection, where you will also cut new turf.")), 1)

    def title(self) -> str:
        return self.tr("Map")
