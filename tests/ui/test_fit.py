"""Every page fits a 1024x768 laptop, in English and in Spanish: no text cut, nothing out of reach.

The window gets what a 1024x768 screen leaves under a desktop panel and a
title bar (see :mod:`tests.ui.screenshots`); :mod:`tests.ui.fitcheck` says
what counts as cut or out of reach.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from fieldapp import app as fieldapp_app
from fieldapp.ui.main_window import PAGE_MODULES, MainWindow
from tests.ui.fitcheck import problems
from tests.ui.screenshots import window_size


def _settle(ctx, qtbot) -> None:
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=30_000)
    for _ in range(3):
        QApplication.processEvents()


# A 1024x768 screen at 100%, and at 125% (819x614 logical pixels, the same layout problem as
# a QT_SCALE_FACTOR of 1.25 gives), each less a panel and a title bar.
SCREENS = {"100%": window_size((1024, 768)), "125%": (819, 614 - 55)}


@pytest.mark.parametrize("scale", sorted(SCREENS))
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_fits_1024x768(app, ctx, qtbot, language: str, scale: str) -> None:
    fieldapp_app.load_translations(app, language)
    ctx.tasks.dialog_delay_ms = 600_000
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*SCREENS[scale])
    window.show()
    qtbot.waitExposed(window)
    found: list[str] = []
    for key in PAGE_MODULES:
        if key == "map":
            continue  # a web view: its text is Leaflet's; the page's own bar is checked by the map tests
        page = window.show_page(key)
        _settle(ctx, qtbot)
        found += [f"{key}: {p}" for p in problems(page)]
    window.close()
    assert found == []


def test_the_check_sees_a_cut_button_and_a_widget_off_the_edge(app, qtbot) -> None:
    """The fit check itself: a squeezed button and a label placed past its parent's edge are caught."""
    root = QWidget()
    qtbot.addWidget(root)
    root.resize(300, 100)
    button = QPushButton("Print the walk list for this turf…", root)
    button.setGeometry(0, 0, 60, 30)
    label = QLabel("Save", root)
    label.setGeometry(280, 50, 80, 20)
    root.show()
    found = [str(p) for p in problems(root)]
    assert any("QPushButton" in f and "text needs" in f for f in found)
    assert any("QLabel" in f and "outside" in f for f in found)


@pytest.mark.parametrize("language", ["en", "es"])
def test_welcome_screen_fits(app, store, qtbot, language: str) -> None:
    from fieldapp.ui.context import AppContext
    from fieldapp.ui.welcome import WelcomeWindow

    fieldapp_app.load_translations(app, language)
    ctx = AppContext(store)
    try:
        welcome = WelcomeWindow(ctx)
        qtbot.addWidget(welcome)
        welcome.show()
        qtbot.waitExposed(welcome)
        assert welcome.height() <= 768 - 68
        assert [str(p) for p in problems(welcome)] == []
    finally:
        ctx.tasks.shutdown(wait=True)
