"""``make screenshots``: every page, in English and Spanish, on 1024x768 and 1366x768 screens.

Writes ``docs/screenshots/<lang>-<screen>-<page>.png`` (and the welcome
screen) from a demo campaign, offscreen, and prints what the fit check finds
on each page (text cut, widgets out of reach). The window gets what such a
screen leaves once a desktop panel and a title bar are drawn: the full width
and 68 pixels less height.

    QT_QPA_PLATFORM=offscreen python -m tests.ui.screenshots [--out DIR] [--doors N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

SCREENS = ((1024, 768), (1366, 768))
LANGUAGES = ("en", "es")
CHROME = 68  # a desktop panel and a window title bar
DEMO_DAY = dt.date(2026, 11, 20)


def window_size(screen: tuple[int, int]) -> tuple[int, int]:
    return screen[0], screen[1] - CHROME


def _settle(app: object, ctx: object, until: Callable[[], bool] | None = None, seconds: float = 20) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        busy = getattr(getattr(ctx, "tasks", None), "busy", False)
        if not busy and (until is None or until()):
            for _ in range(5):
                QApplication.processEvents()
                time.sleep(0.02)
            return
        time.sleep(0.02)


def shoot(out: Path, doors: int = 300) -> list[str]:
    """Make every picture; return the fit problems found, one line each."""
    from PySide6.QtWidgets import QApplication

    from fieldapp import app as fieldapp_app
    from fieldapp import paths
    from fieldapp.core.db import open_store
    from fieldapp.services.demo import seed_demo
    from fieldapp.ui.context import AppContext
    from fieldapp.ui.main_window import PAGE_MODULES, MainWindow
    from tests.ui.fitcheck import problems

    tmp = Path(tempfile.mkdtemp(prefix="fieldapp-shots-"))
    os.environ["FIELDAPP_DATA_DIR"] = str(tmp / "data")
    paths.set_data_dir(None)
    app = fieldapp_app.make_app([sys.argv[0]])
    store = open_store(tmp / "demo.sqlite")
    seed_demo(store, doors=doors, seed=7, today=DEMO_DAY)
    empty = open_store(tmp / "empty.sqlite")
    out.mkdir(parents=True, exist_ok=True)
    found: list[str] = []
    for lang in LANGUAGES:
        fieldapp_app.load_translations(app, lang)
        for screen in SCREENS:
            tag = f"{lang}-{screen[0]}x{screen[1]}"
            ctx = AppContext(store)
            ctx.tasks.dialog_delay_ms = 600_000
            window = MainWindow(ctx)
            window.resize(*window_size(screen))
            window.show()
            for key in PAGE_MODULES:
                page = window.show_page(key)
                _settle(app, ctx, seconds=30 if key == "map" else 10)
                window.grab().save(str(out / f"{tag}-{key}.png"))
                found += [f"{tag} {key}: {p}" for p in problems(page)]
            window.close()
            ctx.tasks.shutdown(wait=True)
            window.deleteLater()
            QApplication.processEvents()
        found += _welcome(app, empty, out, lang)
    store.close()
    empty.close()
    return found


def _welcome(app: object, store: object, out: Path, lang: str) -> list[str]:
    from fieldapp.ui.context import AppContext
    from fieldapp.ui.welcome import WelcomeWindow
    from tests.ui.fitcheck import problems

    ctx = AppContext(store)  # type: ignore[arg-type]
    welcome = WelcomeWindow(ctx)
    welcome.show()
    _settle(app, ctx, seconds=2)
    welcome.grab().save(str(out / f"{lang}-welcome.png"))
    found = [f"{lang} welcome: {p}" for p in problems(welcome)]
    welcome.close()
    ctx.tasks.shutdown(wait=True)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--doors", type=int, default=300)
    args = parser.parse_args()
    found = shoot(args.out, args.doors)
    for line in found:
        sys.stdout.write(line + "\n")
    sys.stdout.write(f"{len(found)} fit problem(s); pictures in {args.out}\n")
    sys.stdout.flush()
    os._exit(0)  # QtWebEngine can crash while tearing down offscreen; the pictures are written


if __name__ == "__main__":
    sys.exit(main())
