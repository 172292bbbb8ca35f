"""The main window's menu bar (File, Edit, View, Go, Help) and the About box.

Every action has its usual shortcut: Ctrl+Q quits, Ctrl+F searches the page
shown, Ctrl+, opens Settings, F1 opens the keyboard help, Ctrl+1..9 go to a
page. The menus only call methods of the window and its pages.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import Any, Protocol

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenuBar,
    QVBoxLayout,
    QWidget,
)

from fieldapp import APP_TITLE, __version__, paths
from fieldapp.core.db import sqlite_path
from fieldapp.ui.context import AppContext


class Window(Protocol):
    """What the menus need of the main window."""

    ctx: AppContext

    def show_page(self, key: str) -> QWidget: ...

    def current_page(self) -> QWidget: ...

    def page_titles(self) -> list[tuple[str, str]]: ...


def build(window: QMainWindow, target: Window) -> QMenuBar:
    """Fill ``window``'s menu bar; return it."""
    bar = window.menuBar()

    def add(menu_title: str, entries: list[tuple[str, str | None, Any]]) -> None:
        menu = bar.addMenu(menu_title)
        for text, keys, slot in entries:
            if text == "-":
                menu.addSeparator()
                continue
            action = QAction(text, window)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            action.setObjectName(f"action:{text}")
            menu.addAction(action)
            window.addAction(action)  # shortcuts work with the menu bar hidden too

    add(QCoreApplication.translate("Menus", "&File"), [
        (QCoreApplication.translate("Menus", "Open a sync bundle…"), "Ctrl+O", lambda: _open_bundle(target)),
        (QCoreApplication.translate("Menus", "Settings…"), "Ctrl+,", lambda: target.show_page("settings")),
        ("-", None, None),
        (QCoreApplication.translate("Menus", "Quit"), "Ctrl+Q", window.close),
    ])
    add(QCoreApplication.translate("Menus", "&Edit"), [
        (QCoreApplication.translate("Menus", "Find on this page"), "Ctrl+F", lambda: focus_search(target.current_page())),
    ])
    add(QCoreApplication.translate("Menus", "&View"), [
        (QCoreApplication.translate("Menus", "Full screen"), "F11", lambda: _toggle_full_screen(window)),
    ])
    add(QCoreApplication.translate("Menus", "&Go"), [
        (title, f"Ctrl+{n}" if n <= 9 else None, lambda _c=False, k=key: target.show_page(k))
        for n, (key, title) in enumerate(target.page_titles(), start=1)
    ])
    add(QCoreApplication.translate("Menus", "&Help"), [
        (QCoreApplication.translate("Menus", "Keyboard help"), "F1", lambda: show_help(window, target)),
        (QCoreApplication.translate("Menus", "Open the log folder"), None, lambda: _open_folder(paths.dirs().logs)),
        ("-", None, None),
        (QCoreApplication.translate("Menus", "About Field App"), None, lambda: AboutDialog(target.ctx, window).exec()),
    ])
    return bar


def focus_search(page: QWidget) -> bool:
    """Put the cursor in the page's search box (the first one shown); False if it has none."""
    for edit in page.findChildren(QLineEdit):
        if edit.objectName() == "searchBox" and edit.isVisible():
            edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            edit.selectAll()
            return True
    return False


def _open_bundle(target: Window) -> None:
    page = target.show_page("sync")
    opener = getattr(page, "open_bundle", None)
    if callable(opener):
        opener()


def _toggle_full_screen(window: QMainWindow) -> None:
    window.showNormal() if window.isFullScreen() else window.showFullScreen()


def _open_folder(folder: Path) -> None:
    paths.ensure(folder)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def show_help(parent: QWidget, target: Window) -> None:
    """The keys that matter, and what the page shown says about its own."""
    page = target.current_page()
    header = page.findChild(QLabel, "pageSubtitle")
    lines = [
        QCoreApplication.translate("Menus", "Ctrl+1 … Ctrl+9: go to a page (the order of the sidebar)"),
        QCoreApplication.translate("Menus", "Ctrl+F: search the page · Ctrl+, : settings · Ctrl+Q: quit · F11: full screen"),
        QCoreApplication.translate("Menus", "Tab / Shift+Tab: move between fields · Enter: the main button · Esc: cancel"),
        QCoreApplication.translate("Menus", "Canvass: number keys pick the result, the person, support and answers; Enter saves and "
            "moves on; Page Up / Page Down change doors; F2 corrects an attempt; F4 changes the canvasser"),
    ]
    if header is not None and header.text():
        lines.append(header.text())
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("Menus", "Keyboard help"))
    layout = QVBoxLayout(dialog)
    for line in lines:
        label = QLabel(line)
        label.setWordWrap(True)
        layout.addWidget(label)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(560, dialog.sizeHint().height())
    dialog.open()


class AboutDialog(QDialog):
    """Version, store, Qt and Python versions, licenses, the log folder."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Field App"))
        layout = QVBoxLayout(self)
        store_file = sqlite_path(ctx.store.engine)
        logs = paths.dirs().logs
        rows = [
            (self.tr("Version"), __version__),
            (self.tr("Store"), str(store_file) if store_file else ctx.store.url),
            (self.tr("Site id"), ctx.store.site_id),
            (self.tr("Qt"), f"{qVersion()} (PySide6 {pyside_version})"),
            (self.tr("Python"), f"{platform.python_version()} ({sys.platform})"),
            (self.tr("License"), self.tr("GNU AGPL 3.0 or later; Qt and PySide6 under the LGPL 3.0; "
                                         "Leaflet under the BSD 2-clause license")),
            (self.tr("Log folder"), str(logs)),
        ]
        title = QLabel(f"<b>{APP_TITLE}</b>")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.text = QLabel("<br>".join(f"<b>{caption}:</b> {_escape(value)}" for caption, value in rows))
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        open_logs = buttons.addButton(self.tr("Open the log folder"), QDialogButtonBox.ButtonRole.ActionRole)
        open_logs.clicked.connect(lambda: _open_folder(logs))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
