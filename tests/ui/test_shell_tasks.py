"""The task runner: one worker thread, results on the GUI thread, errors shown."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QApplication

from fieldapp.errors import CancelledError, InputError
from fieldapp.ui import errordialog
from fieldapp.ui.tasks import WORKER_NAME, TaskRunner


@pytest.fixture
def runner(app, qtbot):  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    r.shutdown(wait=True)


def test_work_runs_on_the_worker_and_results_come_back_on_the_gui_thread(runner, qtbot) -> None:
    seen: dict[str, object] = {}

    def work(progress):  # type: ignore[no-untyped-def]
        seen["work_thread"] = threading.current_thread().name
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["done_thread"] = threading.current_thread()

    runner.run(work, label="sum", on_done=done)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert str(seen["work_thread"]).startswith(WORKER_NAME)
    assert seen["result"] == 42
    assert seen["done_thread"] is threading.main_thread()


def test_tasks_run_one_at_a_time_in_order(runner, qtbot) -> None:
    order: list[int] = []
    running = []

    def make(i: int):  # type: ignore[no-untyped-def]
        def work(progress):  # type: ignore[no-untyped-def]
            running.append(i)
            assert len(running) == 1, "two tasks ran at once"
            time.sleep(0.01)
            order.append(i)
            running.remove(i)
        return work

    for i in range(5):
        runner.run(make(i), label=f"task {i}")
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert order == [0, 1, 2, 3, 4]


def test_field_app_error_is_shown_readably(runner, qtbot, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(errordialog, "show_problem", lambda parent, exc, title="": shown.append(str(exc)))

    def work(progress):  # type: ignore[no-untyped-def]
        raise InputError("bad ZIP code", where="doors.csv:12 field 'zip'")

    runner.run(work, label="import")
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert shown == ["doors.csv:12 field 'zip': bad ZIP code"]


def test_on_error_receives_the_field_app_error(runner, qtbot) -> None:
    errors: list[BaseException] = []
    runner.run(lambda p: (_ for _ in ()).throw(InputError("nope")), label="x",
               on_error=errors.append)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert len(errors) == 1 and isinstance(errors[0], InputError)


def test_unexpected_error_is_logged_and_shown(runner, qtbot, monkeypatch, caplog) -> None:
    shown: list[str] = []
    monkeypatch.setattr(errordialog, "show_unexpected",
                        lambda parent, t, e, tb, doing="": shown.append(f"{doing}: {e}"))

    def work(progress):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("boom")

    runner.run(work, label="counting doors")
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert shown == ["counting doors: boom"]
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)


def test_slow_task_shows_a_progress_dialog_and_cancel_stops_it(runner, qtbot) -> None:
    runner.dialog_delay_ms = 50
    errors: list[BaseException] = []
    started = threading.Event()

    def work(progress):  # type: ignore[no-untyped-def]
        started.set()
        for i in range(500):
            progress.update(i, 500, "Working")
            progress.check()
            time.sleep(0.01)
        return "finished"

    done: list[str] = []
    task = runner.run(work, label="Long work", on_done=done.append, on_error=errors.append)
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=3000)
    assert task.dialog.labelText() in ("Long work", "Long work\nWorking")
    task.dialog.canceled.emit()  # the user presses Cancel
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert done == []
    assert len(errors) == 1 and isinstance(errors[0], CancelledError)
    assert task.dialog is None


def test_quick_task_shows_no_dialog(runner, qtbot) -> None:
    task = runner.run(lambda p: 1, label="quick")
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    qtbot.wait(300)
    assert task.dialog is None


def test_run_sync_returns_the_result(runner) -> None:
    assert runner.run_sync(lambda p: p.cancelled) is False


def test_work_submitted_after_shutdown_is_dropped(app, qtbot) -> None:
    runner = TaskRunner()
    runner.shutdown()
    done: list[int] = []
    task = runner.run(lambda p: 1, label="late", on_done=done.append)
    qtbot.wait(50)
    assert task.done and done == [] and not runner.busy


def test_emitting_signals_keeps_the_reference_count_of_true() -> None:
    """PySide6 6.12.0 dropped a reference to True on every emit: the app aborted at exit.

    The task runner emits for every progress update, so this guards the pin in
    pyproject.toml (``PySide6 != 6.12.0``). It runs in a fresh interpreter: in the
    suite's process, objects other tests leave behind are freed while it counts.
    """
    import subprocess
    import sys

    code = """if True:
        import gc, sys
        from PySide6.QtCore import QCoreApplication, QObject, Signal
        app = QCoreApplication([])
        class Emitter(QObject):
            fired = Signal(str)
        emitter = Emitter()
        emitter.fired.connect(lambda _text: None)
        gc.collect()
        before = sys.getrefcount(True)
        for _ in range(2000):
            emitter.fired.emit("x")
        gc.collect()
        print(before - sys.getrefcount(True))
    """
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    lost = int(proc.stdout.split()[-1])
    assert lost < 50, f"{lost} references to True lost over 2,000 emits"


def test_a_flood_of_progress_reports_is_drawn_a_few_times_a_second(runner, qtbot,
                                                                   monkeypatch) -> None:
    runner.dialog_delay_ms = 10
    draws: list[tuple[int, int | None, str]] = []
    draw = runner._draw
    monkeypatch.setattr(runner, "_draw", lambda task: (draws.append(task.last), draw(task)))

    def work(progress):  # type: ignore[no-untyped-def]
        for i in range(1, 100_001):
            progress.update(i, 100_000, "Importing")
            if i % 10_000 == 0:
                time.sleep(0.06)

    task = runner.run(work, label="import")
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.value() >= 50_000,
                    timeout=10000)
    assert task.dialog.maximum() == 100_000
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    assert 1 <= len(draws) < 60  # 100,000 reports, a redraw every 100 ms


def test_a_progress_message_with_fields_is_shown_in_spanish(runner, qtbot) -> None:
    """A service says "Sending 2 of 5" in English; the Spanish dialog shows its
    translated template with the figures filled in."""
    from fieldapp import app as fieldapp_app
    from fieldapp.services.progress import Text

    fieldapp_app.load_translations(QApplication.instance(), "es")
    try:
        runner.dialog_delay_ms = 10
        release = threading.Event()
        message = Text("Sending {n} of {m}", n=2, m=5)
        assert message == "Sending 2 of 5"  # what the CLI prints

        def work(progress):  # type: ignore[no-untyped-def]
            progress.update(1, 5, message)
            release.wait(5)

        task = runner.run(work, label="Enviando a la sede")
        qtbot.waitUntil(lambda: task.dialog is not None
                        and "Enviando 2 de 5" in task.dialog.labelText(), timeout=5000)
        release.set()
        qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    finally:
        fieldapp_app.load_translations(QApplication.instance(), "en")
