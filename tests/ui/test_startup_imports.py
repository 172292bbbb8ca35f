"""The first window does not wait for the map's libraries, numpy, shapely or httpx.

folium (with branca and jinja2) is imported when the first map is drawn, not
through the URL scheme registration that runs before the app, nor through the
map page's module when the main window builds its pages.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import sys
from PySide6.QtCore import QTimer
from fieldapp import app as fapp
qapp = fapp.make_app(["test"])
launcher = fapp.Launcher(sys.argv[1])
def shown(window):
    def report():
        heavy = [m for m in ("folium", "branca", "jinja2", "numpy", "shapely", "httpx", "alembic")
                 if m in sys.modules]
        sys.stdout.write("HEAVY " + ",".join(heavy) + "\n"); sys.stdout.flush(); qapp.quit()
    QTimer.singleShot(0, report)
launcher.window_shown.connect(shown)
launcher.failed.connect(lambda message: (sys.stderr.write(message), qapp.exit(1)))
launcher.start()
code = qapp.exec()
launcher.shutdown()
sys.exit(code)
"""


def test_first_window_shows_without_folium(tmp_path: Path) -> None:
    from fieldapp.core.db import open_store
    from fieldapp.services.demo import seed_demo

    store = open_store(tmp_path / "store.sqlite")  # not empty: the main window, not the welcome
    seed_demo(store, doors=50, seed=1, today=dt.date(2026, 11, 20))
    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FIELDAPP_DATA_DIR=str(tmp_path / "data"))
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    env.pop("FIELDAPP_DB", None)
    proc = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "store.sqlite")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("HEAVY"))
    assert line == "HEAVY ", line


PAINT_CHILD = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from fieldapp import app as fapp
qapp = fapp.make_app(["test"])
launcher = fapp.Launcher(sys.argv[1])
seen = []
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not seen:
            window = launcher.window
            seen.append(1)
            loaded = [m for m in ("fieldapp.services.campaign.outbox", "fieldapp.services.sync.bundle",
                                  "fieldapp.ui.pages.map") if m in sys.modules]
            sys.stdout.write("AT-PAINT built=" + ",".join(window.built_pages())
                             + " loaded=" + ",".join(loaded)
                             + " indicator=" + str(window._sync_indicator is not None) + "\n")
            def later():
                if len(window.built_pages()) < len(window.pages):
                    QTimer.singleShot(20, later)
                    return
                sys.stdout.write("LATER indicator=" + window.sync_indicator.text() + "\n")
                sys.stdout.flush(); qapp.quit()
            QTimer.singleShot(0, later)
        return False
watcher = FirstPaint()
launcher.window_shown.connect(lambda window: window.installEventFilter(watcher))
launcher.failed.connect(lambda message: (sys.stderr.write(message), qapp.exit(1)))
launcher.start()
code = qapp.exec()
launcher.shutdown()
sys.exit(code)
"""


def test_first_paint_comes_before_the_other_pages_and_the_sync_services(tmp_path: Path) -> None:
    """The window paints with its first page only; the rest (the map page, the outbox
    listing behind the status bar's sync text) follows right after, and is all there."""
    from fieldapp.core.db import open_store
    from fieldapp.services.demo import seed_demo

    store = open_store(tmp_path / "store.sqlite")
    seed_demo(store, doors=50, seed=1, today=dt.date(2026, 11, 20))
    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FIELDAPP_DATA_DIR=str(tmp_path / "data"))
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    env.pop("FIELDAPP_DB", None)
    proc = subprocess.run([sys.executable, "-c", PAINT_CHILD, str(tmp_path / "store.sqlite")],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    at_paint = next(ln for ln in proc.stdout.splitlines() if ln.startswith("AT-PAINT"))
    assert at_paint == "AT-PAINT built=dashboard loaded= indicator=False", at_paint
    later = next(ln for ln in proc.stdout.splitlines() if ln.startswith("LATER"))
    assert later == "LATER indicator=Not joined to a campaign", later
