"""The main window: a sidebar of pages and a stack that shows one at a time.

Pages are modules ``fieldapp.ui.pages.<name>`` exposing ``class Page(QWidget)``
with ``__init__(self, ctx, parent=None)``, a class attribute ``key`` and a
``title()`` method. :data:`PAGE_MODULES` is the sidebar order; adding or
replacing a page is a one-line change there.

So that the first window comes up fast, only the first page is built before
the window shows; the others are built one by one once the window has painted
for the first time (one per turn of the event loop), or at once when asked for (:meth:`MainWindow.page`,
:meth:`MainWindow.show_page`, a sidebar click). The sidebar needs each title
before its page exists, so ``title()`` must use nothing but ``self.tr`` (it is
called on a stand-in that translates in the page class's context); a
``title()`` that needs more makes that page be built at once. Keep
``Page.__init__`` cheap anyway and load data in ``showEvent``.

A page module that fails to import or to build is logged and replaced by a
page that says so, so one broken page never keeps the app from opening.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
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
from fieldapp.services import lookup as queries
from fieldapp.ui import firststeps, geometry, menus, theme
from fieldapp.ui.context import AppContext

log = logging.getLogger(__name__)

TITLE_ROLE = Qt.ItemDataRole.UserRole + 1

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


class _TitleStandIn:
    """Stands in for a page instance so that ``Page.title`` can run before the page exists."""

    def __init__(self, cls: type) -> None:
        self._context = cls.__name__

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate(self._context, text, disambiguation, n)


# Each page's title as its ``title()`` writes it (translated in the context of
# its class, ``Page``), so that the sidebar is filled without importing the page
# modules (a third of a second with the services they import); a page not
# listed here is imported for its title as before.
PAGE_TITLES = {"dashboard": "Dashboard", "map": "Map", "turfs": "Turfs", "doors": "Doors",
               "canvass": "Canvass", "people": "People", "events": "Events", "sync": "Sync",
               "settings": "Settings"}


class _Slot:
    """One sidebar entry: the page class (imported when first needed), and the page once built."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.key = name  # a page's ``key`` is its module's name
        self._cls: Any = None
        self._loaded = False
        self.error: BaseException | None = None
        self.page: QWidget | None = None
        self.placeholder: QWidget | None = None
        if name not in PAGE_TITLES:
            self.key = str(getattr(self.cls, "key", name))

    @property
    def cls(self) -> Any:
        if not self._loaded:
            self._loaded = True
            try:
                module = importlib.import_module(f"fieldapp.ui.pages.{self.name}")
                self._cls = module.Page
            except Exception as exc:  # one broken page must not keep the app closed
                log.exception("page %s failed to load", self.name)
                self.error = exc
        return self._cls

    def title(self) -> str | None:
        """The title without building the page (``None`` if that is not possible)."""
        if self.name in PAGE_TITLES:
            return QCoreApplication.translate("Page", PAGE_TITLES[self.name])
        if self.cls is None:
            return self.name.capitalize()
        try:
            return str(self.cls.title(_TitleStandIn(self.cls)))
        except Exception:
            return None


class _Pages(Mapping[str, QWidget]):
    """``window.pages``: page key -> page, in sidebar order; a page is built when read."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def __getitem__(self, key: str) -> QWidget:
        return self._window.page(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._window._slots)

    def __len__(self) -> int:
        return len(self._window._slots)


class MainWindow(QMainWindow):
    """Sidebar + pages. ``show_page("doors")`` switches; ``page("doors")`` finds one."""

    page_changed = Signal(str)
    SIDEBAR_WIDE, SIDEBAR_COMPACT = 196, 60
    COMPACT_BELOW = 1200
    """Narrower windows (a 1024-pixel laptop) show the sidebar as icons, to leave the page its room."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self._painted = False  # before anything: Qt sends events from within __init__
        self._sync_indicator: QLabel | None = None
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("mainWindow")
        # Small enough for a 1024x768 screen at 125% (819x614 logical pixels).
        self.setMinimumSize(760, 520)

        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        side = QWidget()
        side.setObjectName("sidebarColumn")
        side.setFixedWidth(self.SIDEBAR_WIDE)
        self._side, self._compact = side, False
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
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_layout.addWidget(brand)
        self._brand = brand
        side_layout.addWidget(self.campaign_label)
        side_layout.addWidget(self.sidebar, 1)

        self.stack = QStackedWidget()
        self.stack.setObjectName("pageArea")
        outer.addWidget(side)
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._slots: dict[str, _Slot] = {}
        self._titles: list[tuple[str, str]] = []
        self._first_steps: list[firststeps.FirstSteps] = []
        for number, name in enumerate(PAGE_MODULES, start=1):
            slot = _Slot(name)
            self._slots[slot.key] = slot
            title = slot.title()
            if title is None:
                title = self._build(slot).title()  # type: ignore[attr-defined]
            else:
                slot.placeholder = QWidget()
                self.stack.addWidget(slot.placeholder)
            item = QListWidgetItem(theme.icon(slot.key), title)
            item.setData(Qt.ItemDataRole.UserRole, slot.key)
            item.setData(TITLE_ROLE, title)  # the title, also while the sidebar shows icons only
            item.setToolTip(f"{title}  (Ctrl+{number})")
            self.sidebar.addItem(item)
            self._titles.append((slot.key, title))
        self.pages: Mapping[str, QWidget] = _Pages(self)
        self.sidebar.currentRowChanged.connect(self._on_row)
        self.sidebar.setCurrentRow(0)
        menus.build(self, self)
        geometry.restore_window(self)
        last = geometry.saved().get("page")
        if isinstance(last, str) and last in self._slots:
            self.show_page(last)

        self.statusBar().showMessage(self.tr("Store: {where}").format(where=ctx.store.url))
        ctx.store_changed.connect(self._on_store_changed)
        self.update_title()

    # ------------------------------------------------------------ after the first paint

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if not self._painted and event.type() == QEvent.Type.Paint:
            # What the first look does not need waits until it is on screen: a timer
            # started before the paint would run first (Qt paints after posted calls).
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)
        return handled

    def _after_first_paint(self) -> None:
        """The sync indicator (it lists the outbox), then the other pages one by one."""
        _ = self.sync_indicator
        self._build_next()

    @property
    def sync_indicator(self) -> QLabel:
        """The status bar's sync state (made after the first paint, or when first asked for)."""
        if self._sync_indicator is None:
            from fieldapp.ui.campaign import SyncIndicator, background_sync

            self._sync_indicator = SyncIndicator(background_sync(self.ctx))
            self.statusBar().addPermanentWidget(self._sync_indicator)
        return self._sync_indicator

    # ------------------------------------------------------------ pages

    def _build(self, slot: _Slot) -> QWidget:
        """Build the page of ``slot`` (once) and put it in its place in the stack."""
        if slot.page is not None:
            return slot.page
        page: QWidget
        if slot.cls is None:
            page = BrokenPage(slot.name, slot.error or RuntimeError("no Page class"), self.stack)
        else:
            try:
                page = slot.cls(self.ctx, self.stack)
            except Exception as exc:  # one broken page must not keep the app closed
                log.exception("page %s failed to build", slot.name)
                page = BrokenPage(slot.name, exc, self.stack)
        page.setObjectName("page")
        slot.page = page
        geometry.restore_splitters(page, slot.key)
        self._add_first_steps(slot.key, page)
        if slot.placeholder is None:
            self.stack.addWidget(page)
        else:
            index = self.stack.indexOf(slot.placeholder)
            current = self.stack.currentIndex()
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(slot.placeholder)
            slot.placeholder.deleteLater()
            slot.placeholder = None
            if current == index:
                self.stack.setCurrentIndex(index)
        return page

    def _add_first_steps(self, key: str, page: QWidget) -> None:
        """A new campaign's pages say what to do first (see :mod:`fieldapp.ui.firststeps`)."""
        layout = page.layout()
        if key not in firststeps.PAGES or not isinstance(layout, QVBoxLayout):
            return
        card = firststeps.FirstSteps(key, self.first_step, page)
        layout.insertWidget(1 if layout.count() > 1 else 0, card)  # under the page header
        card.update_state(queries.setup_state(self.ctx.store))
        self._first_steps.append(card)

    def first_step(self, what: str) -> None:
        """A first-step button: import a voter file, cut or import turfs, join a campaign."""
        if what == "import":
            opener = getattr(self.show_page("doors"), "open_import_wizard", None)
            if callable(opener):
                opener()
        elif what == "turfs":
            self.show_page("turfs")
        else:  # joining a campaign happens on the Sync page
            self.show_page("sync")

    def _build_next(self) -> None:
        """Build the next page not built yet, then come back on the next event-loop turn."""
        if not self.isVisible():
            return  # closed (or never shown): pages are built when asked for
        for slot in self._slots.values():
            if slot.page is None:
                self._build(slot)
                QTimer.singleShot(0, self._build_next)
                return
        log.debug("every page is built")

    def built_pages(self) -> list[str]:
        """Keys of the pages built so far (the rest are built soon after start)."""
        return [key for key, slot in self._slots.items() if slot.page is not None]

    def _on_row(self, row: int) -> None:
        if row < 0:
            return
        key = list(self._slots)[row]
        self._build(self._slots[key])
        self.stack.setCurrentIndex(row)
        log.debug("page: %s", key)
        self.page_changed.emit(key)

    def show_page(self, key: str) -> QWidget:
        """Switch to the page ``key`` and return it."""
        keys = list(self._slots)
        page = self._build(self._slots[key])
        self.sidebar.setCurrentRow(keys.index(key))
        return page

    def page(self, key: str) -> QWidget:
        """The page ``key`` (built now if it was not yet)."""
        return self._build(self._slots[key])

    def current_key(self) -> str:
        return list(self._slots)[self.stack.currentIndex()]

    def current_page(self) -> QWidget:
        return self.page(self.current_key())

    def page_titles(self) -> list[tuple[str, str]]:
        """(key, title) of every page, in sidebar order (the Go menu)."""
        return list(self._titles)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.set_compact_sidebar(event.size().width() < self.COMPACT_BELOW)
        super().resizeEvent(event)

    def set_compact_sidebar(self, compact: bool) -> None:
        """Icons only (titles in tooltips) or icons with titles."""
        if compact == self._compact:
            return
        self._compact = compact
        self._side.setFixedWidth(self.SIDEBAR_COMPACT if compact else self.SIDEBAR_WIDE)
        self._brand.setVisible(not compact)
        self.campaign_label.setVisible(not compact)
        for row, (_key, title) in enumerate(self._titles):
            item = self.sidebar.item(row)
            if item is not None:
                item.setText("" if compact else title)

    def closeEvent(self, event: QCloseEvent) -> None:
        built = {key: slot.page for key, slot in self._slots.items() if slot.page is not None}
        geometry.save_window(self, self.current_key(), built)
        super().closeEvent(event)

    # ------------------------------------------------------------ title

    def update_title(self) -> None:
        name = queries.campaign_name(self.ctx.store)
        # Qt adds " — Field App" (the application display name): "Campaign — Field App".
        self.setWindowTitle(name or "")
        self.campaign_label.setText(name or self.tr("No campaign yet"))

    def _on_store_changed(self, what: str) -> None:
        if what in ("", "campaigns"):
            self.update_title()
        if what in ("", "doors", "turfs") and self._first_steps:
            state = queries.setup_state(self.ctx.store)
            for card in self._first_steps:
                card.update_state(state)
