"""The welcome screen, shown when the store is empty.

Three ways to start: the demo campaign (seeded on the worker thread with a
progress dialog), a new empty campaign (a small dialog), or a sync bundle from
the office (handed to the Sync page's ``open_bundle()`` once it has one). The
screen emits :attr:`WelcomeWindow.ready` once the store has something to show,
and :attr:`WelcomeWindow.bundle_requested` to open the window on the Sync page.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import APP_TITLE
from fieldapp.errors import FieldAppError
from fieldapp.services.demo import seed_demo
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

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("welcome")
        self.setWindowTitle(self.tr("Welcome to {app}").format(app=APP_TITLE))
        self.resize(640, 520)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.setSpacing(14)
        title = QLabel(self.tr("Welcome to Field App"))
        title.setObjectName("pageTitle")
        intro = QLabel(self.tr(
            "Field App keeps your turfs, doors, people, door knocks and events on this "
            "computer, works without internet, and trades data with your office through "
            "sync bundles. How do you want to start?"))
        intro.setWordWrap(True)
        intro.setObjectName("pageSubtitle")
        outer.addWidget(title)
        outer.addWidget(intro)

        self.demo_button = self._choice(
            outer, self.tr("Explore the demo campaign"),
            self.tr("A living campaign in Milwaukee: three coalition groups, turfs, "
                    "{n:,} doors, people, a week of door knocks and upcoming events.").format(
                n=DEMO_DOORS), primary=True)
        self.new_button = self._choice(
            outer, self.tr("Start a new campaign"),
            self.tr("An empty campaign for your organization; import doors and cut turf next."))
        self.bundle_button = self._choice(
            outer, self.tr("Open a sync bundle from your office"),
            self.tr("A turf packet or a bundle a coordinator sent you (.fieldbundle)."))
        from fieldapp.ui.store_security import StoreSecurityCard  # issue 14's card

        self.security = StoreSecurityCard(ctx, compact=True)
        outer.addWidget(self.security)
        outer.addStretch(1)
        self.demo_button.clicked.connect(self.start_demo)
        self.new_button.clicked.connect(self.start_new)
        self.bundle_button.clicked.connect(self.open_bundle)

    def _choice(self, layout: QVBoxLayout, title: str, text: str,
                primary: bool = False) -> QPushButton:
        box = QFrame()
        box.setObjectName("card")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(18, 14, 18, 14)
        button = QPushButton(title)
        if primary:
            button.setObjectName("primary")
        button.setMinimumHeight(36)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setObjectName("muted")
        inner.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(label)
        layout.addWidget(box)
        return button

    def _set_busy(self, busy: bool) -> None:
        for button in (self.demo_button, self.new_button, self.bundle_button):
            button.setEnabled(not busy)

    def start_demo(self, doors: int = DEMO_DOORS) -> None:
        """Seed the demo campaign on the worker thread, then open the app."""
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
