"""The store's protection as a user meets it: Settings encrypts the open store and the
app keeps working on it; the idle lock hides every page until the right passphrase."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from fieldapp.core import cipher
from fieldapp.core.db import sqlite_path
from fieldapp.services import lock, lookup, storekey
from fieldapp.ui.store_security import IdleLock

SIZES = [(1024, 768), (1366, 768)]


def _shots() -> Path:
    folder = Path(os.environ.get("FIELDAPP_SHOTS") or "/tmp/fieldapp-shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.gui
def test_settings_encrypts_the_open_store_and_the_app_keeps_reading_it(
        ctx, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fieldapp.ui.pages.settings import Page

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    shared = storekey.key_file()
    if shared is not None:  # encrypted runs: a re-key must not touch the suite's key file
        local = tmp_path / "store.key"
        local.write_text(shared.read_text())
        monkeypatch.setenv(storekey.KEY_FILE_ENV, str(local))
    path = sqlite_path(ctx.store.engine)
    assert path is not None
    page = Page(ctx)
    qtbot.addWidget(page)
    card = page.security
    if cipher.file_state(path) == "encrypted":  # FIELDAPP_TEST_ENCRYPTED runs
        card.convert("decrypt")
    before = lookup.counts(ctx.store)
    assert cipher.file_state(path) == "plain"
    assert not card.encrypt_button.isHidden() and card.rekey_button.isHidden()
    card.convert("encrypt")
    assert cipher.file_state(path) == "encrypted"
    assert "encrypted" in card.status.text()
    assert card.encrypt_button.isHidden() and not card.rekey_button.isHidden()
    assert lookup.counts(ctx.store) == before
    card.convert("rekey")
    assert lookup.counts(ctx.store) == before
    for w, h in SIZES:
        page.resize(w, h)
        page.grab().save(str(_shots() / f"settings-security-{w}x{h}.png"))


@pytest.mark.gui
def test_idle_lock_hides_the_pages_until_the_passphrase(app, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    lock.set_lock_minutes(5)
    lock.set_lock_passphrase("red bicycle")
    window = QMainWindow()
    window.setCentralWidget(QLabel("Marisol Quintanilla, 4817 N Teutonia Ave"))
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    idle = IdleLock(window, None)
    assert idle.timer.isActive() and idle.timer.interval() == 5 * 60_000
    idle.timer.timeout.emit()  # five idle minutes later
    assert idle.locked and not window.centralWidget().isVisible()
    assert idle.screen.isVisible()
    window.grab().save(str(_shots() / "lock-screen-1024x768.png"))
    idle.screen.passphrase.setText("wrong one")
    assert not idle.screen.try_unlock()
    assert idle.locked and "not the passphrase" in idle.screen.message.text()
    idle.screen.passphrase.setText("red bicycle")
    assert idle.screen.try_unlock()
    assert not idle.locked and window.centralWidget().isVisible()
    assert not idle.screen.isVisible() and idle.timer.isActive()


def test_unlock_takes_the_store_passphrase(tmp_path: Path) -> None:
    from fieldapp.core.db import open_store

    path = tmp_path / "s.sqlite"
    open_store(path, key="correct horse battery").close()
    assert cipher.file_state(path) == "encrypted"
    assert lock.unlock("correct horse battery", path)
    assert not lock.unlock("incorrect horse", path)
    assert not lock.unlock("", path)
    lock.set_lock_passphrase("lock phrase 42")
    saved = (Path(os.environ["FIELDAPP_DATA_DIR"]) / "config" / "settings.json").read_text()
    assert "lock phrase 42" not in saved and "scrypt$" in saved
    assert lock.unlock("lock phrase 42", path)


@pytest.mark.gui
def test_idle_lock_covers_open_dialogs_and_sees_input_in_them(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Typing in a dialog is activity; once locked, a modal dialog is cancelled, a modeless
    one and a progress dialog are hidden (shown again at unlock), and one opened while
    locked is put away too."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog, QLineEdit, QProgressDialog, QVBoxLayout

    lock.set_lock_minutes(1)
    lock.set_lock_passphrase("red bicycle")
    window = QMainWindow()
    window.setCentralWidget(QLabel("doors"))
    qtbot.addWidget(window)
    window.show()
    idle = IdleLock(window, None)

    def dialog(modal: bool) -> tuple[QDialog, QLineEdit]:
        d = QDialog(window)
        field = QLineEdit(d)
        QVBoxLayout(d).addWidget(field)
        field.setText("Marisol Quintanilla 414-555-0199")
        d.setModal(modal)
        d.show()  # (a modal one as open() shows it; exec() would block the test)
        qtbot.waitExposed(d)
        return d, field

    modeless, _ = dialog(False)
    modal, typing = dialog(True)
    results: list[int] = []
    modal.finished.connect(results.append)
    progress = QProgressDialog("Importing…", "Cancel", 0, 0, window)
    cancelled: list[bool] = []
    progress.canceled.connect(lambda: cancelled.append(True))
    progress.show()

    from PySide6.QtTest import QTest

    qtbot.wait(1200)  # the lock finds newly opened windows within a second
    idle.timer.start(600)  # (minutes, in the app)
    modal.activateWindow()
    typing.setFocus()
    for _ in range(4):  # 4 x 300 ms of typing in the dialog: never idle for 600 ms
        qtbot.wait(300)
        # as a keyboard does: through the dialog's window, on to its line edit
        QTest.keyClick(modal.windowHandle(), Qt.Key.Key_A)
        assert not idle.locked, "typing in a dialog keeps the app awake"
    assert "a" in typing.text().lower()
    qtbot.waitUntil(lambda: idle.locked, timeout=3000)  # then idle long enough
    assert not modeless.isVisible() and not progress.isVisible() and not modal.isVisible()
    assert results == [QDialog.DialogCode.Rejected.value] and cancelled == []
    late, _ = dialog(False)  # e.g. a background task's window, opened behind the lock
    qtbot.waitUntil(lambda: not late.isVisible(), timeout=3000)

    idle.screen.passphrase.setText("red bicycle")
    assert idle.screen.try_unlock()
    assert modeless.isVisible() and progress.isVisible() and late.isVisible()
    assert not modal.isVisible() and cancelled == []
    for d in (modeless, modal, late, progress):
        d.close()
