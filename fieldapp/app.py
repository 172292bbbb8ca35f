"""Start the GUI: QApplication, translations, excepthook, the store, the window.

Start-up order (after Vorta's ``__main__``): logging is already set up by the
CLI; install the excepthook first so nothing later can fail silently; make the
QApplication and its look; load the translation the user chose (or the
system's); open the store on the database worker (a store that needs a schema
upgrade can take a while, and the progress dialog says so); then show the main
window, or the welcome screen when the store is empty.
"""

# ruff: noqa: I001  (the store before PySide6: see the comment there)
from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Sequence
from types import TracebackType
from typing import Any

# The store (SQLAlchemy and the models) is imported before PySide6 on purpose: once
# PySide6 is loaded, its import hook reads the source of every module imported after it
# (looking for PySide6 features), about a tenth of a second of CPU for these alone.
from fieldapp.core.db import Store, open_store

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QObject,
    QtMsgType,
    QTimer,
    QTranslator,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QWidget

from fieldapp import APP_NAME, APP_TITLE, __version__, paths
from fieldapp import settings as app_settings
from fieldapp.errors import FieldAppError
from fieldapp.log import redact

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("en", "es")
_START = time.perf_counter()


# --------------------------------------------------------------------------- errors

_showing_error = False


def excepthook(exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    """Log any uncaught exception with its traceback and show a readable dialog."""
    global _showing_error
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, FieldAppError):
        log.info("uncaught expected error: %s", redact(str(exc)))
    else:
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
    app = QApplication.instance()
    if app is None or _showing_error or threading.current_thread() is not threading.main_thread():
        return
    from fieldapp.ui import errordialog

    _showing_error = True
    try:
        if isinstance(exc, FieldAppError):
            errordialog.show_problem(None, exc)
        else:
            errordialog.show_unexpected(None, exc_type, exc, tb)
    finally:
        _showing_error = False


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    log.critical("uncaught exception in thread %s", args.thread.name if args.thread else "?",
                 exc_info=(args.exc_type, args.exc_value, args.exc_traceback))  # type: ignore[arg-type]


def install_excepthook() -> None:
    sys.excepthook = excepthook
    threading.excepthook = _thread_excepthook


def _qt_message(mode: QtMsgType, _context: object, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(mode, logging.INFO)
    if level == logging.WARNING:
        # Qt's warnings (no GPU, no D-Bus, a style sheet it skipped) rarely mean anything
        # to an organizer at a terminal: they go to the log file, not to stderr.
        level = logging.INFO
    logging.getLogger("qt").log(level, "%s", message)


# --------------------------------------------------------------------------- app + language


def choose_language(setting: str | None = None) -> str:
    """"en" or "es": the Settings choice, else the system locale's language."""
    value = setting if setting is not None else app_settings.get("language")
    if value in SUPPORTED_LANGUAGES:
        return str(value)
    system = QLocale.system().name().split("_")[0]
    return system if system in SUPPORTED_LANGUAGES else "en"


def load_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Install Field App's and Qt's own translations for ``language`` (English: its plural forms)."""
    for old in getattr(app, "_fieldapp_translators", []):
        app.removeTranslator(old)
    installed: list[QTranslator] = []
    folder = paths.resources_dir() / "translations"
    ours = QTranslator(app)
    # English has a file too: the plural forms of "%n door(s)" ("1 door", "2 doors").
    if ours.load(f"fieldapp_{language}", str(folder)):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no %s translation in %s", language, folder)
    if language != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            installed.append(qt)
    QLocale.setDefault(QLocale(language))
    log.info("interface language: %s (%d translation files)", language, len(installed))
    app._fieldapp_translators = installed  # type: ignore[attr-defined]
    return installed


def make_app(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (made once), with the app's names, look and language."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        from fieldapp.ui.mapview import register_url_schemes

        register_url_schemes()  # the map's tile scheme: only possible before the app exists
        app = QApplication(list(argv) if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    from fieldapp.ui import theme

    theme.apply(app)
    app.setWindowIcon(theme.icon("app"))
    load_translations(app, choose_language())
    return app


# --------------------------------------------------------------------------- launch

RESUME_GC_AFTER_MS = 1000
"""The cyclic garbage collector, paused for start-up by ``fieldapp.cli.cmd_gui``, runs
again this long after the first window is shown (after its first paint)."""


def resume_gc() -> None:
    """Collect cyclic garbage again, from now on on the GUI thread only.

    Start-up runs with the collector paused; from here a timer on the GUI thread
    collects (:mod:`fieldapp.ui.collector`), so no worker thread ever destroys a Qt
    object it finds in a cycle. A no-op when that timer already runs.
    """
    from fieldapp.ui.collector import collector

    found = collector()
    if not found.running:
        found.start()
        log.debug("garbage collector resumed %.2fs after start", time.perf_counter() - _START)


def _may_ask_passphrase(url: str) -> bool:
    """True when opening ``url`` may need the passphrase dialog (a GUI-thread job)."""
    from sqlalchemy.engine import make_url

    from fieldapp.core.cipher import file_state
    from fieldapp.services import storekey

    database = make_url(url).database or ""
    if not url.startswith("sqlite") or not database or database == ":memory:":
        return False
    from pathlib import Path

    state = file_state(Path(database))
    if state == "encrypted":
        return True
    if state != "missing" or not storekey.encrypt_new_stores():
        return False  # a plain store opens without asking keyring anything
    return storekey.key_file() is None and not storekey.credential_store_available()


class Launcher(QObject):
    """Opens the store off the GUI thread, then the welcome screen or the window.

    Tests drive it directly: ``Launcher(target).start()`` and wait for
    :attr:`window` (or :attr:`welcome`).
    """

    window_shown = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, target: str, *, seed_demo_if_empty: bool = False,
                 demo_doors: int = 2000, page: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.page = page
        from fieldapp.ui.tasks import TaskRunner

        self.target = target
        self.seed_demo_if_empty = seed_demo_if_empty
        self.demo_doors = demo_doors
        self.tasks = TaskRunner(self)
        self.ctx: object | None = None
        self.window: QWidget | None = None
        self.welcome: QWidget | None = None
        self.store: Store | None = None
        self.idle_lock: QObject | None = None
        self.exit_code = 0
        self._open_task: Any = None
        self._gc_timer = QTimer(self)  # resumes the collector paused for start-up
        self._gc_timer.setSingleShot(True)
        self._gc_timer.setInterval(RESUME_GC_AFTER_MS)
        self._gc_timer.timeout.connect(resume_gc)

    def start(self) -> None:
        from fieldapp.core.db import store_key_for, url_for

        target = self.target
        key = None
        try:  # on this thread when the key may need a passphrase dialog
            if _may_ask_passphrase(url_for(target)):
                key = store_key_for(url_for(target))
        except FieldAppError as exc:
            self._open_failed(exc)
            return
        self._open_task = self.tasks.run(
            lambda _p: open_store(target) if key is None else open_store(target, key=key),
            label=self.tr("Opening the store…"),
            on_done=self._opened, on_error=self._open_failed)

    def _open_failed(self, exc: BaseException) -> None:
        from fieldapp.ui import errordialog

        resume_gc()
        self.exit_code = 1
        if isinstance(exc, FieldAppError):
            errordialog.show_problem(None, exc, title=self.tr("Cannot open the store"))
        else:
            errordialog.show_unexpected(None, type(exc), exc, exc.__traceback__,
                                        doing=self.tr("opening the store"))
        self.failed.emit(str(exc))

    def _opened(self, store: Store) -> None:
        from fieldapp.services import lookup as queries
        from fieldapp.ui.context import AppContext

        self.store = store
        if self._open_task is not None and self._open_task.progress.cancelled:
            # Cancel during a long open (an upgrade is all-or-nothing, so it finished):
            # the user wanted out, so close instead of showing the window.
            log.info("opening cancelled by the user; closing")
            self.cancelled.emit()
            return
        ctx = AppContext(store, self.tasks, self)
        self.ctx = ctx
        log.info("store open: %s (%.2fs after start)", store.url, time.perf_counter() - _START)
        if not queries.store_is_empty(store):
            self.show_main()
            return
        if self.seed_demo_if_empty:
            self._seed_demo()
            return
        self._show_welcome()
        log.info("empty store: welcome screen shown")

    def _show_welcome(self) -> None:
        from fieldapp.ui.context import AppContext
        from fieldapp.ui.welcome import WelcomeWindow

        assert isinstance(self.ctx, AppContext)
        old = self.welcome
        self.welcome = WelcomeWindow(self.ctx)
        self.welcome.ready.connect(self.show_main)
        self.welcome.bundle_requested.connect(self._open_bundle)
        self.welcome.language_chosen.connect(self._change_language)
        if old is not None:
            self.welcome.setGeometry(old.geometry())
        self.welcome.show()
        self._gc_timer.start()  # after the first paint
        if old is not None:
            old.close()
            old.deleteLater()

    def _change_language(self, language: str) -> None:
        """A language picked on the welcome screen applies at once: nothing else is open yet."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            load_translations(app, language)
        self._show_welcome()

    def _seed_demo(self) -> None:
        from fieldapp.services.demo import seed_demo
        from fieldapp.ui.context import AppContext

        ctx = self.ctx
        assert isinstance(ctx, AppContext)
        resume_gc()  # seeding is long work, not start-up
        store, doors = ctx.store, self.demo_doors

        def done(_result: object) -> None:
            ctx.notify_changed("")
            self.show_main()

        self.tasks.run(lambda p: seed_demo(store, doors=doors, progress=p),
                       label=self.tr("Seeding the demo campaign…"), on_done=done,
                       on_error=self._open_failed)

    def show_main(self) -> None:
        from fieldapp.ui.context import AppContext
        from fieldapp.ui.main_window import MainWindow

        assert isinstance(self.ctx, AppContext)
        window = MainWindow(self.ctx)
        self.window = window
        from fieldapp.core.cipher import is_raw_key
        from fieldapp.core.db import engine_key, sqlite_path
        from fieldapp.ui.store_security import IdleLock

        key = engine_key(self.ctx.store.engine)
        self.idle_lock = IdleLock(window, sqlite_path(self.ctx.store.engine),
                                  store_passphrase=key is not None and not is_raw_key(key))
        from fieldapp.ui.campaign import background_sync

        background_sync(self.ctx).revoked.connect(self._after_revoke)
        window.show()
        self._gc_timer.start()  # after the first paint
        if self.page:
            if self.page in list(window.pages):  # the keys, without building pages
                window.show_page(self.page)
            else:
                log.warning("no page %r: opening on the first page", self.page)
        if self.welcome is not None:
            self.welcome.close()
            self.welcome.deleteLater()
            self.welcome = None
        log.info("main window shown %.2fs after start", time.perf_counter() - _START)
        self.window_shown.emit(window)

    def _after_revoke(self, rev: Any) -> None:
        """HQ revoked this laptop and its data is gone: say what happened, then close."""
        from fieldapp.ui.campaign import show_revoked

        if self.idle_lock is not None:
            self.idle_lock.deleteLater()  # nothing left to lock
            self.idle_lock = None
        for shown in (self.window, self.welcome):
            if shown is not None:
                shown.hide()
        show_revoked(None, rev)
        app = QApplication.instance()
        if app is not None:  # the dialog said it all; `fieldapp sync` has the exit codes
            app.exit(0)

    def _open_bundle(self) -> None:
        """The welcome screen's third choice: the window on the Sync page, asking for a file."""
        self.show_main()
        assert self.window is not None
        page = self.window.show_page("sync")  # type: ignore[attr-defined]
        page.open_bundle()

    def shutdown(self) -> None:
        self._gc_timer.stop()
        resume_gc()
        self.tasks.shutdown(wait=True)
        if self.store is not None:
            self.store.close()
            self.store = None


def run_gui(db: str | None, seed_demo_if_empty: bool, page: str | None = None) -> int:
    """The GUI's main loop (``fieldapp gui``); returns the exit code."""
    install_excepthook()
    from fieldapp.ui import startup

    problem = startup.platform_problem()
    if problem is not None:  # Qt would abort with a message that names no cause
        startup.tell(problem)
        return 1
    qInstallMessageHandler(_qt_message)
    app = make_app(sys.argv)
    from fieldapp.services import storekey
    from fieldapp.ui.store_security import ask_passphrase

    storekey.install(ask_passphrase)
    target = paths.store_target(db)
    log.info("Field App %s starting on %s", __version__, target)
    launcher = Launcher(target, seed_demo_if_empty=seed_demo_if_empty, page=page)
    app.aboutToQuit.connect(launcher.shutdown)
    launcher.failed.connect(lambda _message: app.exit(1))
    launcher.cancelled.connect(lambda: app.exit(0))
    launcher.start()
    code = app.exec()
    return code or launcher.exit_code
