"""Cyclic garbage is collected on the GUI thread, never on a worker that allocates."""

from __future__ import annotations

import gc
import threading

import pytest

from fieldapp.ui.collector import MainThreadCollector, collector


class _Cycle:
    """Half of a reference cycle that says on which thread it was finalised."""

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen
        self.partner: _Cycle | None = None

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def _make_cycle(seen: list[str]) -> None:
    a, b = _Cycle(seen), _Cycle(seen)
    a.partner, b.partner = b, a


def _worker_makes_garbage(seen: list[str], kept: list[object]) -> None:
    def work() -> None:
        _make_cycle(seen)
        # Far more allocations than generation 0's threshold, kept alive: with automatic
        # collection on, the interpreter collects the cycle here, on this thread.
        kept.append([[i] for i in range(50_000)])

    worker = threading.Thread(target=work, name="db-worker")
    worker.start()
    worker.join()


def test_garbage_made_on_a_worker_is_collected_on_the_gui_thread(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert collector().running and not gc.isenabled()
    gc.collect()
    seen: list[str] = []
    kept: list[object] = []
    _worker_makes_garbage(seen, kept)
    assert seen == []  # the worker did not collect
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert set(seen) == {threading.main_thread().name}


def test_without_the_timer_the_worker_collects(app) -> None:  # type: ignore[no-untyped-def]
    """What the timer prevents: the interpreter collecting on the allocating thread."""
    gc.collect()
    seen: list[str] = []
    kept: list[object] = []
    collector().stop()
    try:
        _worker_makes_garbage(seen, kept)
    finally:
        collector().start()
    assert seen == ["db-worker", "db-worker"]


def test_each_generation_is_collected_when_its_count_passes_its_threshold(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    gc.collect()
    made = MainThreadCollector(tick_ms=10_000)  # ticked by hand below
    made.thresholds = (100, 1, 1)
    try:
        made.start()
        made.check()
        assert made.collections == [0, 0, 0]  # nothing allocated since the last collection
        for expected in ([1, 0, 0], [2, 0, 0], [2, 1, 0], [3, 1, 0], [4, 1, 0], [4, 2, 0],
                         [5, 2, 0], [6, 2, 0], [6, 2, 1]):
            keep = [[i] for i in range(200)]  # past generation 0's threshold
            made.check()
            assert made.collections == expected
            del keep
    finally:
        made.stop()
        made.deleteLater()
        collector().start()


def test_the_collector_belongs_to_the_gui_thread(app) -> None:  # type: ignore[no-untyped-def]
    assert collector() is collector()
    errors: list[BaseException] = []

    def elsewhere() -> None:
        try:
            collector()
        except RuntimeError as exc:
            errors.append(exc)

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert len(errors) == 1 and "GUI thread" in str(errors[0])


def test_stopping_hands_collection_back_to_the_interpreter(app) -> None:  # type: ignore[no-untyped-def]
    try:
        collector().stop()
        assert gc.isenabled() and not collector().running
    finally:
        collector().start()
    assert not gc.isenabled()


pytestmark = pytest.mark.gui


def test_no_collection_while_bulk_work_has_paused_it(app) -> None:  # type: ignore[no-untyped-def]
    from fieldapp.core import gcpause

    made = MainThreadCollector(tick_ms=10_000)
    made.thresholds = (100, 1, 1)
    try:
        made.start()
        with gcpause.paused():
            keep = [[i] for i in range(200)]
            made.check()
            assert made.collections == [0, 0, 0]
            made.stop()
            assert not gc.isenabled()  # (on again when the pause ends)
        assert gc.isenabled()
        del keep
    finally:
        made.deleteLater()
        collector().start()
