"""The store's protection in the GUI: encryption, the passphrase prompt, the idle lock.

* :func:`ask_passphrase`: the passphrase dialog (where no credential store exists);
* :class:`StoreSecurityCard`: encrypt / decrypt / new key and the lock settings,
  shown on the Settings page and (compact) on the welcome screen;
* :class:`IdleLock` and :class:`LockScreen`: after N idle minutes every page is
  hidden behind a passphrase screen.

Everything a button does is a services call (:mod:`fieldapp.services.storecrypt`,
:mod:`fieldapp.services.lock`) that the CLI and tests make too.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core import cipher
from fieldapp.core.db import sqlite_path
from fieldapp.errors import FieldAppError, InputError
from fieldapp.services import lock, retention, storecrypt, storekey
from fieldapp.ui import errordialog
from fieldapp.ui.context import AppContext
from fieldapp.ui.widgets import SectionLabel

log = logging.getLogger(__name__)

MIN_PASSPHRASE = 10


class PassphraseDialog(QDialog):
    """One passphrase, or a new one typed twice."""

    def __init__(self, store_name: str, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(self.tr("Store passphrase"))
        self.setMinimumWidth(440)
        form = QFormLayout(self)
        text = (self.tr("Choose a passphrase for the store {name} (at least {n} characters). "
                        "Without it nobody can read the store, you included: keep it safe.")
                if new else
                self.tr("The store {name} is encrypted. Type its passphrase."))
        intro = QLabel(text.format(name=store_name, n=MIN_PASSPHRASE))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase:"), self.first)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            form.addRow(self.tr("Again:"), self.second)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if self.new and len(self.first.text()) < MIN_PASSPHRASE:
            QMessageBox.warning(self, self.windowTitle(), self.tr(
                "The passphrase needs at least {n} characters.").format(n=MIN_PASSPHRASE))
            return
        if self.new and self.first.text() != self.second.text():
            QMessageBox.warning(self, self.windowTitle(), self.tr("The two passphrases differ."))
            return
        self.accept()


def ask_passphrase(path: Path, new: bool) -> str | None:
    """The GUI's passphrase prompt (a :data:`fieldapp.services.storekey.Prompt`)."""
    dialog = PassphraseDialog(path.name, new, QApplication.activeWindow())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.first.text() or None


# --------------------------------------------------------------------------- the card


class StoreSecurityCard(QFrame):
    """Encryption of this computer's store, and the idle lock."""

    converted = Signal(bool)  # encrypted or not, after a conversion

    def __init__(self, ctx: AppContext, *, compact: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("card")
        inner = QVBoxLayout(self)
        inner.setContentsMargins(18, 12, 18, 14)
        inner.addWidget(SectionLabel(self.tr("Protection of this computer's data")))
        self.status = QLabel("")
        self.status.setWordWrap(True)
        inner.addWidget(self.status)
        row = QHBoxLayout()
        self.encrypt_button = QPushButton(self.tr("Encrypt the store"))
        self.encrypt_button.setObjectName("primary")
        self.rekey_button = QPushButton(self.tr("New key"))
        self.decrypt_button = QPushButton(self.tr("Decrypt…"))
        for button in (self.encrypt_button, self.rekey_button, self.decrypt_button):
            row.addWidget(button)
        row.addStretch(1)
        inner.addLayout(row)
        self.encrypt_button.clicked.connect(lambda: self.convert("encrypt"))
        self.rekey_button.clicked.connect(lambda: self.convert("rekey"))
        self.decrypt_button.clicked.connect(self._confirm_decrypt)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setSpecialValueText(self.tr("never"))
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.setValue(lock.lock_minutes())
        self.lock_minutes.valueChanged.connect(lock.set_lock_minutes)
        self.lock_button = QPushButton(self.tr("Set lock passphrase…"))
        self.lock_button.clicked.connect(self._set_lock_passphrase)
        lock_row = QHBoxLayout()
        lock_row.addWidget(QLabel(self.tr("Lock the window after idle minutes:")))
        lock_row.addWidget(self.lock_minutes)
        lock_row.addWidget(self.lock_button)
        lock_row.addStretch(1)
        self.auto_purge = QCheckBox(self.tr("Drop confirmed details after each sync"))
        self.auto_purge_note = QLabel(self.tr(
            "Phones, emails, notes and contact results of people outside the newest turf "
            "packet, once HQ has confirmed it holds them. Off until a packet has arrived."))
        self.auto_purge_note.setObjectName("muted")
        self.auto_purge_note.setWordWrap(True)
        self.auto_purge.setChecked(retention.auto_purge_enabled())
        self.auto_purge.toggled.connect(retention.set_auto_purge)
        if not compact:
            inner.addLayout(lock_row)
            inner.addWidget(self.auto_purge)
            inner.addWidget(self.auto_purge_note)
        self.refresh()

    def store_file(self) -> Path | None:
        return sqlite_path(self.ctx.store.engine)

    def refresh(self) -> None:
        path = self.store_file()
        state = cipher.file_state(path) if path is not None else "server"
        if state == "encrypted":
            where = (self.tr("a key file") if storekey.key_file() is not None
                     else self.tr("this computer's credential store")
                     if path is not None and storekey.keyring_get(path)
                     else self.tr("your passphrase"))
            text = self.tr("The store is encrypted. Its key is kept in {where}.").format(where=where)
        elif state == "server":
            text = self.tr("This store is on a database server; protect it on the server.")
        else:
            text = self.tr("The store is not encrypted: anyone with this computer's disk "
                           "can read every name, address and phone number in it.")
        self.status.setText(text)
        self.encrypt_button.setVisible(state in ("plain", "missing"))
        self.rekey_button.setVisible(state == "encrypted")
        self.decrypt_button.setVisible(state == "encrypted")

    def _confirm_decrypt(self) -> None:
        answer = QMessageBox.question(self, self.tr("Decrypt the store"), self.tr(
            "Anyone with this computer's disk will be able to read the store. "
            "An encrypted backup is kept beside it. Decrypt?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.convert("decrypt")

    def convert(self, action: str) -> None:
        """Encrypt, decrypt or re-key the open store (waits for running work first)."""
        if self.ctx.tasks.busy:
            QMessageBox.information(self, self.tr("Store"), self.tr(
                "Field App is still working on something; try again when it has finished."))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            conv = storecrypt.convert_open_store(self.ctx.store, action, prompt=ask_passphrase)
        except FieldAppError as exc:
            QApplication.restoreOverrideCursor()
            errordialog.show_problem(self, exc)
            return
        QApplication.restoreOverrideCursor()
        log.info("store %s done from the GUI", action)
        self.refresh()
        QMessageBox.information(self, self.tr("Store"), self.tr(
            "Done. A backup of the store, encrypted, was written to {path}.").format(
            path=str(conv.backup)))
        self.converted.emit(conv.encrypted)

    def _set_lock_passphrase(self) -> None:
        dialog = PassphraseDialog(self.tr("lock screen"), True, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            lock.set_lock_passphrase(dialog.first.text())
        except InputError as exc:
            errordialog.show_problem(self, exc)


# --------------------------------------------------------------------------- the lock


class LockScreen(QWidget):
    """Covers the whole window; the pages underneath are hidden while it shows."""

    unlocked = Signal()

    def __init__(self, store_file: Path | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.store_file = store_file
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)  # the window's background: nothing shows through
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QVBoxLayout()
        title = QLabel(self.tr("Field App is locked"))
        title.setObjectName("pageTitle")
        hint = QLabel(self.tr("Type the lock passphrase or the store's passphrase to go on."))
        hint.setObjectName("muted")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setMinimumWidth(320)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.message = QLabel("")
        button = QPushButton(self.tr("Unlock"))
        button.setObjectName("primary")
        button.clicked.connect(self.try_unlock)
        for widget in (title, hint, self.passphrase, button, self.message):
            box.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addLayout(box)
        outer.addStretch(2)
        self.hide()

    def try_unlock(self) -> bool:
        if lock.unlock(self.passphrase.text(), self.store_file):
            self.passphrase.clear()
            self.message.setText("")
            self.unlocked.emit()
            return True
        self.passphrase.clear()
        self.message.setText(self.tr("That is not the passphrase."))
        return False


class IdleLock(QObject):
    """Locks ``window`` after the idle minutes set in Settings (re-read each time).

    Input in any of the app's windows and dialogs counts as activity. While locked, every
    other window is put away: a modal dialog is closed as if Cancel was pressed (nothing
    it was about to write is written), a progress dialog or a modeless window is hidden
    and shown again at unlock, and anything opened while locked is put away too.
    """

    locked_changed = Signal(bool)
    ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                QEvent.Type.Wheel)

    def __init__(self, window: QWidget, store_file: Path | None, *,
                 store_passphrase: bool = False) -> None:
        super().__init__(window)
        self.window = window
        # Armed only when someone can unlock: a lock passphrase is set, or the store
        # itself opens with a passphrase (a random key in the credential store is not
        # something a person can type).
        self.store_passphrase = store_passphrase
        self.screen = LockScreen(store_file, window)
        self.screen.unlocked.connect(self.unlock)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.sweeper = QTimer(self)  # while locked: put away windows that open meanwhile
        self.sweeper.setInterval(300)
        self.sweeper.timeout.connect(self._put_away_windows)
        self.locked = False
        self._hidden: list[QWidget] = []
        # Input is watched where it arrives, on each top-level window's QWindow (the main
        # window and every dialog, found as they appear): a key typed into a dialog's
        # field counts too. Not an application-wide filter: that one is handed every
        # object's events, half-destroyed ones included, and crashed PySide in tests.
        window.installEventFilter(self)
        self.finder = QTimer(self)
        self.finder.timeout.connect(self._watch_windows)
        self.finder.start(1000)
        self._watch_windows()
        self.restart()

    def restart(self) -> None:
        minutes = lock.lock_minutes()
        armed = lock.has_lock_passphrase() or self.store_passphrase
        if minutes and armed and not self.locked:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def _watch_windows(self) -> None:
        for widget in QApplication.topLevelWidgets():
            handle = widget.windowHandle() if widget.isVisible() else None
            if handle is not None:
                handle.installEventFilter(self)  # installing twice keeps one

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and watched is self.window:
            self._watch_windows()
        if kind not in self.ACTIVITY or self.locked:
            return False
        if self.timer.isActive():
            self.timer.start()
        elif kind == QEvent.Type.KeyPress:
            self.restart()  # picks up a lock switched on in Settings since
        return False

    def _put_away_windows(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget is self.window or not widget.isVisible():
                continue
            if isinstance(widget, QProgressDialog) or not isinstance(widget, QDialog) \
                    or not widget.isModal():
                widget.hide()  # shown again at unlock (a finished task deletes its own)
                if widget.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog) \
                        and widget not in self._hidden:
                    self._hidden.append(widget)
                    widget.destroyed.connect(lambda _o=None, w=widget: self._forget(w))
            else:
                log.info("lock: a modal dialog was closed as cancelled")
                widget.reject()

    def _forget(self, widget: QWidget) -> None:
        if widget in self._hidden:
            self._hidden.remove(widget)

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self._put_away_windows()
        self.sweeper.start()
        central = getattr(self.window, "centralWidget", None)
        if callable(central) and central() is not None:
            central().hide()
        menu = getattr(self.window, "menuBar", None)
        if callable(menu):
            menu().setEnabled(False)  # no menu opens a dialog behind the lock screen
        self.screen.setGeometry(self.window.rect())
        self.screen.show()
        self.screen.raise_()
        self.screen.passphrase.setFocus()
        log.info("window locked after idle minutes")
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        self.locked = False
        self.sweeper.stop()
        central = getattr(self.window, "centralWidget", None)
        if callable(central) and central() is not None:
            central().show()
        menu = getattr(self.window, "menuBar", None)
        if callable(menu):
            menu().setEnabled(True)
        self.screen.hide()
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        log.info("window unlocked")
        self.locked_changed.emit(False)
        self.restart()
