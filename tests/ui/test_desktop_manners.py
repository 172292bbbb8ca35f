"""Desktop manners: the title, the menu bar and its shortcuts, About, the window restored as left."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QSplitter

from fieldapp import APP_TITLE, __version__
from fieldapp import settings as app_settings
from fieldapp.ui.main_window import MainWindow


def _new_window(ctx, qtbot) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_title_is_campaign_then_app(window) -> None:
    # Qt appends the application display name: "Fair Rent Milwaukee 2026 — Field App".
    assert window.windowTitle() == "Fair Rent Milwaukee 2026"
    assert QGuiApplication.applicationDisplayName() == APP_TITLE


def test_menu_bar_has_the_usual_menus_and_shortcuts(window) -> None:
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Go", "Help"]
    shortcuts = {a.shortcut().toString(): a.text() for a in window.actions() if not a.shortcut().isEmpty()}
    assert shortcuts["Ctrl+Q"] == "Quit"
    assert shortcuts["Ctrl+F"] == "Find on this page"
    assert shortcuts["Ctrl+,"] == "Settings…"
    assert shortcuts["F1"] == "Keyboard help"
    assert shortcuts["Ctrl+5"] == "Canvass"


def test_ctrl_f_puts_the_cursor_in_the_page_search(ctx, window, qtbot) -> None:
    ctx.tasks.dialog_delay_ms = 60_000  # no progress dialog taking the keyboard
    qtbot.waitUntil(lambda: not ctx.tasks.busy and len(window.built_pages()) == len(window.pages), timeout=20_000)
    window.show_page("doors")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit) and focused.objectName() == "searchBox"
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "settings"


def test_about_names_version_store_and_log_folder(ctx, window) -> None:
    from fieldapp import paths
    from fieldapp.ui.menus import AboutDialog

    about = AboutDialog(ctx, window)
    text = about.text.text()
    assert __version__ in text and "Qt" in text and "Python" in text and "AGPL" in text
    assert str(paths.dirs().logs) in text
    assert ctx.store.site_id in text


def test_window_opens_inside_a_small_screen(ctx, qtbot) -> None:
    win = _new_window(ctx, qtbot)
    area = win.screen().availableGeometry()
    assert area.contains(win.frameGeometry()) or area.contains(win.geometry())
    assert win.minimumWidth() <= 1024 * 0.8 and win.minimumHeight() <= 768 * 0.8  # 1024x768 at 125%


def test_size_position_page_and_splitters_are_restored(ctx, qtbot) -> None:
    win = _new_window(ctx, qtbot)
    win.resize(780, 540)  # the offscreen screen is 800x600
    win.move(10, 20)
    page = win.show_page("doors")
    splitter = page.findChildren(QSplitter)[0]
    splitter.setSizes([300, 500])
    wanted = splitter.sizes()
    win.close()
    saved = app_settings.get("window")
    assert saved["page"] == "doors" and saved["splitters"]["doors.0"] == wanted

    again = _new_window(ctx, qtbot)
    assert again.current_key() == "doors"
    assert (again.width(), again.height()) == (780, 540)
    assert again.findChildren(QSplitter)  # the page was built and its splitter restored
    assert again.page("doors").findChildren(QSplitter)[0].sizes() == wanted
    again.close()


def test_a_geometry_bigger_than_the_screen_is_fitted(ctx, qtbot) -> None:
    from fieldapp.ui import geometry

    win = _new_window(ctx, qtbot)
    area: QRect = win.screen().availableGeometry()
    win.resize(area.width() + 400, area.height() + 300)
    win.move(area.right() - 50, area.bottom() - 50)
    geometry.fit_inside(win)
    assert win.width() <= area.width() and win.height() <= area.height()
    assert area.contains(win.geometry().topLeft())


def test_language_change_offers_restart_now(ctx, qtbot, monkeypatch) -> None:
    from fieldapp.ui import restart
    from fieldapp.ui.pages.settings import Page

    page = Page(ctx)
    qtbot.addWidget(page)
    page.show()
    assert not page.restart_button.isVisible()
    page.language.setCurrentIndex(page.language.findData("es"))
    assert page.restart_button.isVisible() and app_settings.get("language") == "es"
    started: list[list[str]] = []
    monkeypatch.setattr(restart.QProcess, "startDetached", lambda program, args: started.append([program, *args]) or True)
    monkeypatch.setattr(restart.QApplication, "quit", lambda: None)
    page.restart_button.click()
    assert started and started[0][1:3] == ["-m", "fieldapp"]


def test_language_on_the_welcome_screen_applies_at_once(app, qtbot, tmp_path) -> None:
    from fieldapp import app as fieldapp_app

    launcher = fieldapp_app.Launcher(str(tmp_path / "empty.sqlite"))
    launcher.start()
    try:
        qtbot.waitUntil(lambda: launcher.welcome is not None, timeout=10000)
        first = launcher.welcome
        box = first.language_box
        box.setCurrentIndex(box.findData("es"))
        box.activated.emit(box.currentIndex())
        assert launcher.welcome is not first
        assert launcher.welcome.windowTitle().startswith("Bienvenid")
        assert app_settings.get("language") == "es"
        launcher.welcome.close()
    finally:
        launcher.shutdown()
