"""Settings: the interface language, and where this computer keeps its data."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import __version__, paths
from fieldapp import settings as app_settings
from fieldapp.core.db import sqlite_path
from fieldapp.ui import restart
from fieldapp.ui.context import AppContext
from fieldapp.ui.widgets import PageHeader, SectionLabel, scrolling_page_layout

log = logging.getLogger(__name__)

LANGUAGE_CHOICES = ("system", "en", "es")


def saved_language() -> str:
    """The chosen interface language: "en", "es" or "system" (the computer's)."""
    value = app_settings.get("language")
    return value if value in LANGUAGE_CHOICES else "system"


class Page(QWidget):
    """Language choice (applies at the next start) and the folders in use."""

    key = "settings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = scrolling_page_layout(self)  # scrolls on a small screen (125% on 1024x768)
        layout.addWidget(PageHeader(self.title(), self.tr(
            "Choices for this computer. Nothing here travels in sync bundles.")))

        lang_card, lang_layout = self._card(self.tr("Language"))
        row = QHBoxLayout()
        self.language = QComboBox()
        names = {"system": self.tr("Same as this computer"), "en": "English", "es": "Español"}
        for code in LANGUAGE_CHOICES:
            self.language.addItem(names[code], code)
        self.language.setCurrentIndex(LANGUAGE_CHOICES.index(saved_language()))
        self.language.currentIndexChanged.connect(self._on_language)
        row.addWidget(QLabel(self.tr("Interface language:")))
        row.addWidget(self.language)
        row.addStretch(1)
        lang_layout.addLayout(row)
        note_row = QHBoxLayout()
        self.language_note = QLabel("")
        self.language_note.setObjectName("muted")
        self.language_note.setWordWrap(True)
        note_row.addWidget(self.language_note, 1)
        self.restart_button = QPushButton(self.tr("Restart now"))
        self.restart_button.setVisible(False)
        self.restart_button.clicked.connect(restart.restart)
        note_row.addWidget(self.restart_button)
        lang_layout.addLayout(note_row)
        layout.addWidget(lang_card)

        folders_card, folders_layout = self._card(self.tr("Where your data lives"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        dirs = paths.dirs()
        store_file = sqlite_path(ctx.store.engine)
        rows: list[tuple[str, str, Path | None]] = [
            (self.tr("Store"), ctx.store.url if store_file is None else str(store_file),
             store_file.parent if store_file else None),
            (self.tr("Data folder"), str(dirs.data), dirs.data),
            (self.tr("Settings and keys"), str(dirs.config), dirs.config),
            (self.tr("Log files"), str(dirs.logs), dirs.logs),
            (self.tr("Caches (map tiles, geocoding)"), str(dirs.cache), dirs.cache),
        ]
        self.folder_labels: dict[str, QLabel] = {}
        for i, (caption, value, folder) in enumerate(rows):
            name = QLabel(caption)
            name.setObjectName("sectionLabel")
            name.setWordWrap(True)  # long Spanish captions take two lines on a small screen
            text = QLabel(value)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setWordWrap(True)
            self.folder_labels[caption] = text
            grid.addWidget(name, i, 0)
            grid.addWidget(text, i, 1)
            if folder is not None:
                button = QPushButton(self.tr("Open"))
                button.clicked.connect(lambda _=False, f=folder: self._open(f))
                grid.addWidget(button, i, 2)
        grid.setColumnStretch(1, 1)
        folders_layout.addLayout(grid)
        layout.addWidget(folders_card)

        from fieldapp.ui.store_security import StoreSecurityCard  # issue 14's card

        self.security = StoreSecurityCard(ctx)
        layout.addWidget(self.security)

        about_card, about_layout = self._card(self.tr("About"))
        about = QLabel(self.tr("Field App {version} · this computer's site id: {site}").format(
            version=__version__, site=ctx.store.site_id))
        about.setObjectName("muted")
        about_layout.addWidget(about)
        layout.addWidget(about_card)
        layout.addStretch(1)

    def _card(self, caption: str) -> tuple[QFrame, QVBoxLayout]:
        box = QFrame()
        box.setObjectName("card")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(18, 12, 18, 14)
        inner.addWidget(SectionLabel(caption))
        return box, inner

    def title(self) -> str:
        return self.tr("Settings")

    def _on_language(self, index: int) -> None:
        code = self.language.itemData(index)
        app_settings.set_value("language", code)
        log.info("interface language set to %s", code)
        self.language_note.setText(self.tr("The new language applies the next time you "
                                           "open Field App."))
        self.restart_button.setVisible(True)

    def _open(self, folder: Path) -> None:
        paths.ensure(folder)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
