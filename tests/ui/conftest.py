"""GUI fixtures: an offscreen QApplication with the app's look, and an app context.

Everything here runs headless (``QT_QPA_PLATFORM=offscreen``). Screenshots go to
``$FIELDAPP_SHOTS`` when set (for a person to look at), else to a temp folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

import pytest

from fieldapp.core.db import Store


@pytest.fixture
def app(qapp):  # type: ignore[no-untyped-def]
    """The QApplication with Field App's names, look and English strings.

    Cyclic garbage is collected on the GUI thread, as in the app (a worker thread that
    collects a window's leftovers can hang on a QObject's destructor); the test's own
    leftovers are collected here before the next test runs.
    """
    import gc

    from fieldapp import app as fieldapp_app
    from fieldapp.ui.collector import collector

    fieldapp_app.make_app()
    fieldapp_app.load_translations(qapp, "en")
    collector().start()
    yield qapp
    fieldapp_app.load_translations(qapp, "en")
    gc.collect()
    collector().stop()


@pytest.fixture
def ctx(app, demo_store: Store, qtbot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """An AppContext on the 300-door demo store; its worker stops after the test."""
    from fieldapp.ui.context import AppContext

    context = AppContext(demo_store)
    yield context
    context.tasks.shutdown(wait=True)


@pytest.fixture
def window(ctx, qtbot):  # type: ignore[no-untyped-def]
    from fieldapp.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def shots_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("FIELDAPP_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
