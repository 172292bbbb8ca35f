"""The main window: a sidebar of pages and a stack that shows one at a time.

Pages are modules ``fieldapp.ui.pages.<name>`` exposing ``class Page(QWidget)``
with ``__init__(self, ctx, parent=None)``, a class attribute ``key`` and a
``title()`` method. :data:`PAGE_MODULES` is the sidebar order; adding or
replacing a page is a one-line change there.

Every page is built when the window is (so the sidebar can show its title):
keep ``Page.__init__`` cheap and load data in ``showEvent`` or on first use
(heavy widgets such as web views too). A page module that fails to import is
logged and replaced by a page that says so, so one broken page never keeps
the app from opening.
"""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp import APP_TITLE
from fieldapp.ui import queries, theme
from fieldapp.ui.context import AppContext

log = logging.getLogger(__name__)

PAGE_MODULES = ["dashboard", "map", "turfs", "doors", "canvass", "people", "events", "sync", "settings"]


class BrokenPage(QWidget):
    """Stands in for a page whose module failed to load."""

    def __init__(self, key: str, error: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("This page could not be opened: {error}\n"
                               "The details are in the log file.").format(error=error))
        label.setObjectName("emptyState")
        label.setWordWrap(True)
        layout.addWidget(label)

    def title(self) -> str:
        return self.key.capitalize()


class MainWindow(QMainWindow):
    """Sidebar + pages. ``show_page("doors")`` switches; ``page("doors")`` finds one."""

    page_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.resize(1280, 820)
        self.setMinimumSize(960, 600)

        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        side = QWidget()
        side.setObjectName("sidebarColumn")
        side.setFixedWidth(216)
        side.setStyleSheet(f"QWidget#sidebarColumn {{ background: {theme.SIDEBAR}; }}")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        brand = QLabel(APP_TITLE)
        brand.setObjectName("brand")
        self.campaign_label = QLabel("")
        self.campaign_label.setObjectName("brandSub")
        self.campaign_label.setWordWrap(True)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        side_layout.addWidget(brand)
        side_layout.addWidget(self.campaign_label)
        side_layout.addWidget(self.sidebar, 1)

        self.stack = QStackedWidget()
        self.stack.setObjectName("pageArea")
        outer.addWidget(side)
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.pages: dict[str, QWidget] = {}
        for number, name in enumerate(PAGE_MODULES, start=1):
            page = self._make_page(name)
            key = str(getattr(page, "key", name))
            self.pages[key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(theme.icon(key), page.title())  # type: ignore[attr-defined]
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{page.title()}  (Ctrl+{number})")  # type: ignore[attr-defined]
            self.sidebar.addItem(item)
            if number <= 9:
                shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
                shortcut.activated.connect(lambda k=key: self.show_page(k))
        self.sidebar.currentRowChanged.connect(self._on_row)
        self.sidebar.setCurrentRow(0)

        self.statusBar().showMessage(self.tr("Store: {where}").format(where=ctx.store.url))
        ctx.store_changed.connect(self._on_store_changed)
        self.update_title()

    # ------------------------------------------------------------ pages

    def _make_page(self, name: str) -> QWidget:
        try:
            module = importlib.import_module(f"fieldapp.ui.pages.{name}")
            page: QWidget = module.Page(self.ctx, self.stack)
        except Exception as exc:  # one broken page must not keep the app closed
            log.exception("page %s failed to load", name)
            page = BrokenPage(name, exc, self.stack)
        page.setObjectName("page")
        return page

    def _on_row(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        key = self.current_key()
        log.debug("page: %s", key)
        self.page_changed.emit(key)

    def show_page(self, key: str) -> QWidget:
        """Switch to the page ``key`` and return it."""
        keys = list(self.pages)
        self.sidebar.setCurrentRow(keys.index(key))
        return self.pages[key]

    def page(self, key: str) -> QWidget:
        return self.pages[key]

    def current_key(self) -> str:
        return list(self.pages)[self.stack.currentIndex()]

    # ------------------------------------------------------------ title

    def update_title(self) -> None:
        name = queries.campaign_name(self.ctx.store)
        self.setWindowTitle(f"{APP_TITLE} — {name}" if name else APP_TITLE)
        self.campaign_label.setText(name or self.tr("No campaign yet"))

    def _on_store_changed(self, what: str) -> None:
        if what in ("", "campaigns"):
            self.update_title()
