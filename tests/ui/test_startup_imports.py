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
