"""Long work off the GUI thread: one database worker, a progress dialog, Cancel.

Like Anki's ``aqt/taskman.py``, every task runs on the SAME single worker
thread, so two pieces of database work never run at once and SQLite never sees
two writers from this process. A task is ``fn(progress) -> result``; it gets ids
or plain data (never an ORM object or a Session from the GUI thread) and opens
its own session. Results and errors come back to the GUI thread through a
queued Qt signal.

If a task is still running after :data:`DIALOG_DELAY_MS`, a progress dialog with
a Cancel button appears; Cancel calls ``progress.cancel()`` and the task stops at
its next ``progress.check()`` (services raise :class:`CancelledError` there and
roll back, so nothing is half-written).

Errors: a :class:`FieldAppError` goes to ``on_error`` or a readable dialog; a
:class:`CancelledError` goes to ``on_error`` or is only logged (the user asked
for it); anything else is a bug, logged with its traceback and shown.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from fieldapp.errors import CancelledError, FieldAppError
from fieldapp.log import redact
from fieldapp.services.progress import CallbackProgress, Progress, Text
from fieldapp.ui import errordialog

log = logging.getLogger(__name__)

T = TypeVar("T")
DIALOG_DELAY_MS = 200
REDRAW_MS = 100
WORKER_NAME = "fieldapp-db"


def translate_progress(message: str) -> str:
    """A service's progress message in the user's language: a plain text is looked up
    as it is; a :class:`Text` by its template, then its fields are filled in."""
    if not isinstance(message, Text):
        return QCoreApplication.translate("Progress", message)
    return QCoreApplication.translate("Progress", message.template).format(**message.fields)


def _words(text: str) -> list[str]:
    """The words of a label, for telling "Seeding demo campaign" from a new message."""
    return [w for w in text.lower().replace("…", " ").replace(".", " ").split()
            if w not in ("the", "a", "an")]


class _Invoker(QObject):
    """Runs callables on the thread this object lives in (the GUI thread)."""

    call = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        fn()


class Task(Generic[T]):
    """One submitted piece of work; :attr:`progress` can cancel it."""

    def __init__(self, label: str, progress: Progress) -> None:
        self.label = label
        self.progress = progress
        self.future: Future[T] | None = None
        self.dialog: QProgressDialog | None = None
        self.done = False
        self.last: tuple[int, int | None, str] = (0, None, "")

    def cancel(self) -> None:
        self.progress.cancel()


class TaskRunner(QObject):
    """The one database worker thread of the app (see the module docstring)."""

    task_started = Signal(str)
    task_finished = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=WORKER_NAME)
        self._invoker = _Invoker(self)
        self._active: list[Task[Any]] = []
        self.dialog_delay_ms = DIALOG_DELAY_MS
        self._closed = False

    # ------------------------------------------------------------------ public

    @property
    def busy(self) -> bool:
        """True while a task is queued or running (tests wait on this)."""
        return bool(self._active)

    def run(
        self,
        fn: Callable[[Progress], T],
        *,
        label: str,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        parent: QWidget | None = None,
        show_progress: bool = True,
    ) -> Task[T]:
        """Run ``fn(progress)`` on the worker; ``on_done(result)`` on the GUI thread.

        ``show_progress=False`` never shows the dialog (short background reads).
        """
        task: Task[T] = Task(label, Progress())
        if self._closed:
            # The app is quitting: late work (a page's timer, say) is dropped, not run.
            log.info("task not started, the worker has stopped: %s", label)
            task.done = True
            return task
        task.progress = CallbackProgress(lambda d, t, m: self._report(task, d, t, m))
        self._active.append(task)
        self.task_started.emit(label)
        log.debug("task started: %s", label)
        started = time.monotonic()

        def work() -> T:
            return fn(task.progress)

        def finished(future: Future[T]) -> None:
            self._invoker.call.emit(lambda: self._finish(task, future, on_done, on_error,
                                                         parent, started))

        if show_progress:
            QTimer.singleShot(self.dialog_delay_ms,
                              lambda: self._maybe_show_dialog(task, parent))
        task.future = self._executor.submit(work)
        task.future.add_done_callback(finished)
        return task

    def run_sync(self, fn: Callable[[Progress], T]) -> T:
        """Run ``fn`` right here and return its result (tests, and the CLI-like paths)."""
        return fn(Progress())

    def shutdown(self, wait: bool = True) -> None:
        """Cancel what runs and stop the worker (the app calls this on quit)."""
        self._closed = True
        for task in list(self._active):
            task.cancel()
        self._executor.shutdown(wait=wait, cancel_futures=True)

    # ------------------------------------------------------------------ inside

    def _report(self, task: Task[Any], done: int, total: int | None, message: str) -> None:
        # Called on the worker thread: only remember the figures (one tuple assignment).
        # The dialog reads them on a GUI timer, so a service may report every row of a
        # 100,000-row import without flooding the GUI thread with events.
        task.last = (done, total, message)

    def _draw(self, task: Task[Any]) -> None:
        dialog = task.dialog
        if dialog is None or task.done:
            return
        done, total, message = task.last
        if total:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, total))
        else:
            dialog.setMaximum(0)
        if not task.progress.cancelled:
            # The task's own (translated) label stays; a service's message goes below it.
            text = task.label
            if message and _words(message) != _words(task.label):
                text += "\n" + translate_progress(message)
            dialog.setLabelText(text)

    def _maybe_show_dialog(self, task: Task[Any], parent: QWidget | None) -> None:
        if task.done or task.dialog is not None:
            return
        dialog = QProgressDialog(task.label, self.tr("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(self.tr("Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal if parent is not None
                                 else Qt.WindowModality.ApplicationModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(380)
        dialog.canceled.disconnect()  # keep the dialog open until the work has stopped
        dialog.canceled.connect(lambda: self._cancel(task))
        task.dialog = dialog
        timer = QTimer(dialog)
        timer.setInterval(REDRAW_MS)
        timer.timeout.connect(lambda: self._draw(task))
        timer.start()
        self._draw(task)
        dialog.show()

    def _cancel(self, task: Task[Any]) -> None:
        log.info("task cancelled by the user: %s", task.label)
        task.cancel()
        if task.dialog is not None:
            task.dialog.setLabelText(self.tr("Stopping…"))
            task.dialog.setCancelButtonText("")  # an empty text removes the button

    def _finish(
        self,
        task: Task[T],
        future: Future[T],
        on_done: Callable[[T], None] | None,
        on_error: Callable[[BaseException], None] | None,
        parent: QWidget | None,
        started: float,
    ) -> None:
        task.done = True
        if task.dialog is not None:
            task.dialog.hide()
            task.dialog.deleteLater()
            task.dialog = None
        if task in self._active:
            self._active.remove(task)
        elapsed = time.monotonic() - started
        self.task_finished.emit(task.label)
        exc = future.exception() if not future.cancelled() else CancelledError("cancelled")
        if exc is None:
            log.debug("task done in %.2fs: %s", elapsed, task.label)
            if on_done is not None:
                on_done(future.result())
            return
        if isinstance(exc, CancelledError):
            log.info("task stopped: %s (%s)", task.label, exc)
            if on_error is not None:
                on_error(exc)
            return
        if isinstance(exc, FieldAppError):
            log.info("task failed: %s: %s", task.label, redact(str(exc)))
            if on_error is not None:
                on_error(exc)
            else:
                errordialog.show_problem(parent, exc)
            return
        log.error("task crashed: %s", task.label, exc_info=(type(exc), exc, exc.__traceback__))
        if on_error is not None:
            on_error(exc)
        else:
            errordialog.show_unexpected(parent, type(exc), exc, exc.__traceback__,
                                        doing=task.label)
