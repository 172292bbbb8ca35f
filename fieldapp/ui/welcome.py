"""The welcome screen, shown when the store is empty.

Three ways to start: the demo campaign (seeded on the worker thread with a
progress dialog), a new empty campaign (a small dialog), or a sync bundle from
the office (handed to the Sync page's ``open_bundle()`` once it has one). The
screen emits :attr:`WelcomeWindow.ready` once the store has something to show,
and :attr:`WelcomeWindow.bundle_requested` to open the window on the Sync page.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import APP_TITLE
from fieldapp import settings as app_settings
from fieldapp.errors import FieldAppError
from fieldapp.services.newcampaign import create_campaign
from fieldapp.services.progress import Progress
from fieldapp.ui import errordialog
from fieldapp.ui.context import AppContext

log = logging.getLogger(__name__)

DEMO_DOORS = 2000


class NewCampaignDialog(QDialog):
    """Campaign name, organization name and short code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New campaign"))
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Fair Rent 2026"))
        self.organization = QLineEdit()
        self.organization.setPlaceholderText(self.tr("e.g. Riverwest Neighbors United"))
        self.short_code = QLineEdit()
        self.short_code.setPlaceholderText(self.tr("optional, e.g. RNU"))
        self.short_code.setMaxLength(20)
        form.addRow(self.tr("Campaign name:"), self.name)
        form.addRow(self.tr("Your organization:"), self.organization)
        form.addRow(self.tr("Short code:"), self.short_code)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if not self.name.text().strip() or not self.organization.text().strip():
            QMessageBox.warning(self, self.tr("New campaign"),
                                self.tr("Please give the campaign and your organization a name."))
            return
        self.accept()


class WelcomeWindow(QWidget):
    """First screen on an empty store."""

    ready = Signal()
    bundle_requested = Signal()
    language_chosen = Signal(str)
    """A language picked here ("en", "es"): saved already; the launcher retranslates."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("welcome")
        self.setWindowTitle(self.tr("Welcome to {app}").format(app=APP_TITLE))
        self.resize(860, 520)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        outer.setSpacing(10)
        title = QLabel(self.tr("Welcome to Field App"))
        title.setObjectName("pageTitle")
        intro = QLabel(self.tr(
            "Field App keeps your turfs, doors, people, door knocks and events on this "
            "computer, works without internet, and trades data with your office through "
            "sync bundles. How do you want to start?"))
        intro.setWordWrap(True)
        intro.setObjectName("pageSubtitle")
        outer.addLayout(self._language_row())
        outer.addWidget(title)
        outer.addWidget(intro)

        # The four ways to start in two columns: with the data-protection card below they
        # fit a 768-pixel-high laptop screen in both languages.
        grid = QGridLayout()
        grid.setSpacing(10)
        outer.addLayout(grid)
        self.demo_button = self._choice(
            grid, self.tr("Explore the demo campaign"),
            self.tr("A living campaign in Milwaukee: three coalition groups, turfs, "
                    "{n} doors, people, a week of door knocks and upcoming events.").format(
                n=QLocale().toString(DEMO_DOORS)), primary=True)
        self.new_button = self._choice(
            grid, self.tr("Start a new campaign"),
            self.tr("An empty campaign for your organization; import doors and cut turf next."))
        self.bundle_button = self._choice(
            grid, self.tr("Open a sync bundle from your office"),
            self.tr("A turf packet or a bundle a coordinator sent you (.fieldbundle)."))
        self.join_button = self._choice(
            grid, self.tr("Join a campaign"),
            self.tr("With the join file or printed code from HQ: your work then goes to HQ "
                    "by itself whenever there is a connection."))
        from fieldapp.ui.store_security import StoreSecurityCard  # issue 14's card

        self.security = StoreSecurityCard(ctx, compact=True)
        outer.addWidget(self.security)
        outer.addStretch(1)
        self.join_button.clicked.connect(self.join_campaign)
        self.demo_button.clicked.connect(self.start_demo)
        self.new_button.clicked.connect(self.start_new)
        self.bundle_button.clicked.connect(self.open_bundle)
        # Tall enough for every card's text (Spanish runs longer), and never taller than the screen.
        self.resize(860, max(520, self.heightForWidth(860) if self.hasHeightForWidth() else 0,
                             self.sizeHint().height()))

    def _language_row(self) -> QHBoxLayout:
        """The interface language, first thing on the first screen (English or Spanish)."""
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Language:")))
        self.language_box = QComboBox()
        self.language_box.addItem("English", "en")
        self.language_box.addItem("Español", "es")
        current = QLocale().name().split("_")[0]
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(current)))
        self.language_box.activated.connect(self._on_language)
        row.addWidget(self.language_box)
        return row

    def _on_language(self, index: int) -> None:
        code = str(self.language_box.itemData(index))
        app_settings.set_value("language", code)
        log.info("interface language set to %s on the welcome screen", code)
        self.language_chosen.emit(code)

    def _choice(self, grid: QGridLayout, title: str, text: str,
                primary: bool = False) -> QPushButton:
        """A card with a button and what it does, in the next cell of the two-column grid."""
        box = QFrame()
        box.setObjectName("card")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(16, 10, 16, 10)
        inner.setSpacing(4)
        button = QPushButton(title)
        if primary:
            button.setObjectName("primary")
        button.setMinimumHeight(36)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setObjectName("muted")
        inner.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(label)
        inner.addStretch(1)
        n = grid.count()
        grid.addWidget(box, n // 2, n % 2)
        return button

    def _set_busy(self, busy: bool) -> None:
        for button in (self.demo_button, self.new_button, self.bundle_button):
            button.setEnabled(not busy)

    def start_demo(self, doors: int = DEMO_DOORS) -> None:
        """Seed the demo campaign on the worker thread, then open the app."""
        # imported here, not with the welcome screen: the demo's address normalizer
        # and voter-file vocabulary take a twentieth of a second to import
        from fieldapp.services.demo import seed_demo

        store = self.ctx.store

        def work(progress: Progress) -> None:
            seed_demo(store, doors=doors, progress=progress)

        def done(_result: None) -> None:
            self.ctx.notify_changed("")
            self.ready.emit()

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            if isinstance(exc, FieldAppError):
                errordialog.show_problem(self, exc)
            else:
                errordialog.show_unexpected(self, type(exc), exc, exc.__traceback__,
                                            doing=self.tr("seeding the demo campaign"))

        self._set_busy(True)
        self.ctx.tasks.run(work, label=self.tr("Seeding the demo campaign…"),
                           on_done=done, on_error=failed, parent=self)

    def start_new(self) -> None:
        dialog = NewCampaignDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.create_new_campaign(dialog.name.text(), dialog.organization.text(), dialog.short_code.text())

    def create_new_campaign(self, name: str, organization: str, short_code: str = "") -> None:
        store = self.ctx.store

        def work(_progress: Progress) -> None:
            create_campaign(store, name, organization, short_code)

        def done(_result: None) -> None:
            self.ctx.notify_changed("")
            self.ready.emit()

        self.ctx.tasks.run(work, label=self.tr("Creating the campaign…"), on_done=done,
                           parent=self)

    def join_campaign(self) -> None:
        from fieldapp.ui.campaign import pick_and_join

        pick_and_join(self, self.ctx)

    def open_bundle(self) -> None:
        """Hand over to the Sync page: the main window opens on it and asks for a bundle.

        The Sync page takes this over by defining ``Page.open_bundle(self)`` (a file
        dialog, keys or passphrase, the import through the task runner). Until it
        does, the button says that this is coming.
        """
        try:
            from fieldapp.ui.pages import sync
        except Exception:  # a broken sync page must not break the welcome screen
            log.exception("the sync page failed to load")
            sync = None  # type: ignore[assignment]
        if sync is not None and callable(getattr(sync.Page, "open_bundle", None)):
            self.bundle_requested.emit()
            return
        QMessageBox.information(self, self.tr("Sync bundles"), self.tr(
            "Opening sync bundles is coming soon. For now, start with the demo or a new "
            "campaign; the Sync page will import bundles."))
