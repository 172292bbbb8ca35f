"""Sync (placeholder): the sync helper replaces this module.

The welcome screen's "Open a sync bundle" calls ``Page.open_bundle()`` when the
real page defines it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fieldapp.ui.context import AppContext
from fieldapp.ui.widgets import EmptyState, PageHeader, page_layout


class Page(QWidget):
    key = "sync"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = page_layout(self)
        layout.addWidget(PageHeader(self.title(), ""))
        layout.addWidget(EmptyState(self.tr(
            "Sync is coming: export a signed, encrypted bundle of your work for the office, "
            "import bundles from other laptops, and review merge conflicts and possible "
            "duplicates.")), 1)

    def title(self) -> str:
        return self.tr("Sync")
