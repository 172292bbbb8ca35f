"""Start-up: the welcome screen, the excepthook, translations, the launcher."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from sqlalchemy import func, select

from fieldapp import app as fieldapp_app
from fieldapp import paths
from fieldapp.core.models import Campaign, Door, Organization
from fieldapp.ui import errordialog
from fieldapp.ui.main_window import TITLE_ROLE


def _launch(qtbot, target: Path, **kwargs):  # type: ignore[no-untyped-def]
    launcher = fieldapp_app.Launcher(str(target), **kwargs)
    launcher.start()
    return launcher


def test_empty_store_shows_welcome_and_the_demo_seeds(app, qtbot, tmp_path, shots_dir) -> None:
    launcher = _launch(qtbot, tmp_path / "empty.sqlite")
    try:
        qtbot.waitUntil(lambda: launcher.welcome is not None, timeout=10000)
        assert launcher.window is None
        welcome = launcher.welcome
        welcome.show()
        assert welcome.grab().save(str(shots_dir / "welcome.png"))
        welcome.start_demo(doors=150)
        qtbot.waitUntil(lambda: launcher.window is not None, timeout=30000)
        with launcher.store.session() as s:
            assert s.scalar(select(func.count()).select_from(Door)) == 150
        assert launcher.window.windowTitle() == "Fair Rent Milwaukee 2026"
        assert launcher.window.show_page("doors").model.rowCount() == 150
        launcher.window.close()
    finally:
        launcher.shutdown()


def test_new_campaign_from_the_welcome_screen(app, qtbot, tmp_path) -> None:
    launcher = _launch(qtbot, tmp_path / "new.sqlite")
    try:
        qtbot.waitUntil(lambda: launcher.welcome is not None, timeout=10000)
        launcher.welcome.create_new_campaign("Clean Air 2027", "Southside Tenants Union")
        qtbot.waitUntil(lambda: launcher.window is not None, timeout=10000)
        assert launcher.window.windowTitle() == "Clean Air 2027"
        with launcher.store.session() as s:
            org = s.scalars(select(Organization)).one()
            campaign = s.scalars(select(Campaign)).one()
        assert (org.name, org.short_code) == ("Southside Tenants Union", "STU")
        assert campaign.organization_id == org.id
        launcher.window.close()
    finally:
        launcher.shutdown()


def test_seed_demo_if_empty_opens_the_window_directly(app, qtbot, tmp_path) -> None:
    launcher = _launch(qtbot, tmp_path / "run.sqlite", seed_demo_if_empty=True, demo_doors=120)
    try:
        qtbot.waitUntil(lambda: launcher.window is not None, timeout=30000)
        assert launcher.welcome is None
        launcher.window.close()
    finally:
        launcher.shutdown()


def test_a_store_that_cannot_open_is_reported(app, qtbot, tmp_path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(errordialog, "show_problem",
                        lambda parent, exc, title="": shown.append(str(exc)))
    (tmp_path / "not-a-db.sqlite").write_text("this is not a database " * 100)
    launcher = _launch(qtbot, tmp_path / "not-a-db.sqlite")
    try:
        qtbot.waitUntil(lambda: bool(shown), timeout=10000)
        assert launcher.exit_code == 1
        assert "cannot open the store" in shown[0]
        assert launcher.window is None
    finally:
        launcher.shutdown()


def test_excepthook_logs_and_shows_a_dialog(app, qtbot, monkeypatch) -> None:
    from fieldapp import log as applog

    applog.setup()
    shown: list[tuple[str, str]] = []

    class FakeBox:
        Icon = errordialog.QMessageBox.Icon
        StandardButton = errordialog.QMessageBox.StandardButton

        def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
            self.texts: dict[str, str] = {}

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            def setter(*args):  # type: ignore[no-untyped-def]
                if args and isinstance(args[0], str):
                    self.texts[name] = args[0]
            return setter

        def exec(self) -> int:
            shown.append((self.texts.get("setText", ""), self.texts.get("setDetailedText", "")))
            return 0

    monkeypatch.setattr(errordialog, "QMessageBox", FakeBox)
    try:
        raise RuntimeError("the sidebar fell over")
    except RuntimeError as exc:
        fieldapp_app.excepthook(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1
    text, details = shown[0]
    assert "did not expect" in text
    assert "RuntimeError: the sidebar fell over" in details
    log_text = (paths.dirs().logs / "fieldapp.log").read_text(encoding="utf-8")
    assert "uncaught exception" in log_text and "the sidebar fell over" in log_text


def test_spanish_translation_loads(app, ctx, qtbot) -> None:
    fieldapp_app.load_translations(app, "es")
    from fieldapp.ui.main_window import MainWindow

    assert QCoreApplication.translate("Labels", "Not home") == "No está en casa"
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    titles = [win.sidebar.item(i).data(TITLE_ROLE) for i in range(win.sidebar.count())]
    assert "Puertas" in titles and "Personas" in titles
    assert win.page("doors").search.placeholderText().startswith("Buscar")
    # Event times name the weekday in Spanish, in the event's own time zone.
    import datetime as dt

    from fieldapp.ui import labels

    starts = dt.datetime(2026, 11, 28, 16, 0, tzinfo=dt.UTC)
    text = labels.event_when(starts, starts + dt.timedelta(hours=4), "America/Chicago")
    assert text == "sáb 2026-11-28 10:00–14:00 CST"


def test_language_choice_follows_settings_then_system(monkeypatch) -> None:
    assert fieldapp_app.choose_language("es") == "es"
    assert fieldapp_app.choose_language("en") == "en"
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("es_MX")))
    assert fieldapp_app.choose_language("system") == "es"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("fr_FR")))
    assert fieldapp_app.choose_language("system") == "en"


def test_open_bundle_hands_over_to_the_sync_page(app, qtbot, tmp_path, monkeypatch) -> None:
    from fieldapp.ui.pages import sync

    opened: list[object] = []
    monkeypatch.setattr(sync.Page, "open_bundle", lambda self: opened.append(self),
                        raising=False)
    launcher = _launch(qtbot, tmp_path / "bundle.sqlite")
    try:
        qtbot.waitUntil(lambda: launcher.welcome is not None, timeout=10000)
        launcher.welcome.bundle_button.click()
        assert launcher.window is not None
        assert launcher.window.current_key() == "sync"
        assert opened == [launcher.window.page("sync")]
        launcher.window.close()
    finally:
        launcher.shutdown()


def test_open_bundle_says_it_is_coming_without_a_sync_import(app, qtbot, tmp_path,
                                                             monkeypatch) -> None:
    from fieldapp.ui import welcome
    from fieldapp.ui.pages import sync

    if callable(getattr(sync.Page, "open_bundle", None)):
        monkeypatch.delattr(sync.Page, "open_bundle")
    told: list[str] = []
    monkeypatch.setattr(welcome.QMessageBox, "information",
                        lambda parent, title, text: told.append(text))
    launcher = _launch(qtbot, tmp_path / "nobundle.sqlite")
    try:
        qtbot.waitUntil(lambda: launcher.welcome is not None, timeout=10000)
        launcher.welcome.bundle_button.click()
        assert launcher.window is None
        assert told and "coming soon" in told[0]
    finally:
        launcher.shutdown()


def test_cancel_while_the_store_opens_closes_the_app(app, qtbot, tmp_path, monkeypatch) -> None:
    import time

    real_open = fieldapp_app.open_store

    def slow_open(target):  # type: ignore[no-untyped-def]
        time.sleep(0.3)  # a schema upgrade of a big store
        return real_open(target)

    monkeypatch.setattr(fieldapp_app, "open_store", slow_open)
    launcher = fieldapp_app.Launcher(str(tmp_path / "slow.sqlite"), seed_demo_if_empty=True)
    try:
        with qtbot.waitSignal(launcher.cancelled, timeout=10000):
            launcher.start()
            launcher._open_task.cancel()  # the user pressed Cancel in the progress dialog
        assert launcher.window is None and launcher.welcome is None
    finally:
        launcher.shutdown()


def test_page_option_opens_the_window_on_that_page(app, qtbot, tmp_path) -> None:
    """`fieldapp gui --page events` (the desktop entry's sign-in table action)."""
    launcher = _launch(qtbot, tmp_path / "page.sqlite", seed_demo_if_empty=True, demo_doors=60,
                       page="events")
    try:
        qtbot.waitUntil(lambda: launcher.window is not None, timeout=30000)
        assert launcher.window.current_key() == "events"
        launcher.window.close()
    finally:
        launcher.shutdown()


def test_a_revoked_laptop_hides_the_window_tells_and_closes(app, qtbot, tmp_path,  # type: ignore[no-untyped-def]
                                                            monkeypatch) -> None:
    """When the background sender reports a revoke, the window goes away at once (the
    store is gone), the dialog says what happened, and the app leaves its event loop."""
    from PySide6.QtWidgets import QApplication

    from fieldapp.services.campaign.revoke import RevokeReport
    from fieldapp.ui import campaign

    told: list[object] = []
    exits: list[int] = []
    monkeypatch.setattr(campaign, "show_revoked", lambda parent, rev: told.append(rev))
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exits.append(code)))
    launcher = _launch(qtbot, tmp_path / "rev.sqlite", seed_demo_if_empty=True, demo_doors=60)
    try:
        qtbot.waitUntil(lambda: launcher.window is not None, timeout=30000)
        window = launcher.window
        assert window.isVisible()
        rev = RevokeReport(campaign="C", final="sent", wiped=True)
        campaign.background_sync(launcher.ctx).revoked.emit(rev)
        assert told == [rev] and exits == [0]
        assert not window.isVisible() and launcher.idle_lock is None
    finally:
        launcher.shutdown()


@pytest.fixture
def gc_paused(app):  # type: ignore[no-untyped-def]
    """The collector paused as ``fieldapp.cli.cmd_gui`` pauses it for start-up."""
    import gc

    from fieldapp.ui.collector import collector

    collector().stop()
    gc.disable()
    yield collector()
    collector().start()


@pytest.mark.parametrize("seeded", [True, False])
def test_the_garbage_collector_runs_again_once_the_first_window_is_up(
        app, qtbot, tmp_path, gc_paused, seeded) -> None:  # type: ignore[no-untyped-def]
    import gc

    from fieldapp.core.db import open_store
    from fieldapp.services.demo import seed_demo

    target = tmp_path / "s.sqlite"
    if seeded:
        store = open_store(target)
        seed_demo(store, doors=50, seed=2)
        store.close()
    launcher = _launch(qtbot, target)
    try:
        qtbot.waitUntil(lambda: (launcher.window or launcher.welcome) is not None, timeout=30000)
        qtbot.waitUntil(lambda: gc_paused.running, timeout=10000)
        assert not gc.isenabled()  # collected by the GUI thread's timer, not by any thread
    finally:
        launcher.shutdown()


def test_the_garbage_collector_runs_again_when_the_store_cannot_open(
        app, qtbot, tmp_path, monkeypatch, gc_paused) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(errordialog, "show_problem", lambda parent, exc, title="": None)
    (tmp_path / "not-a-db.sqlite").write_text("this is not a database " * 100)
    launcher = _launch(qtbot, tmp_path / "not-a-db.sqlite")
    try:
        qtbot.waitUntil(lambda: launcher.exit_code == 1, timeout=10000)
        assert gc_paused.running
    finally:
        launcher.shutdown()


def test_the_gui_command_pauses_the_collector_for_start_up(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import gc

    from fieldapp import cli

    seen: list[bool] = []
    monkeypatch.setattr(fieldapp_app, "run_gui",
                        lambda db, seed_demo_if_empty, page=None: seen.append(gc.isenabled()) or 0)
    try:
        assert cli.main(["--db", str(tmp_path / "s.sqlite"), "gui"]) == 0
    finally:
        gc.enable()
    assert seen == [False]
