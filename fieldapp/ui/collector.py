"""Cyclic garbage is collected on the GUI thread only.

Python runs its cyclic collector on whichever thread happens to allocate when a
threshold is crossed. In the app that is often the database worker or an import
thread, and the garbage it finds can hold Qt objects (a dialog's wrappers left in a
reference cycle). Destroying a QObject off the GUI thread is not allowed, and here it
hung: a worker collecting a window's leftovers waited in ``QObject::~QObject`` for
the GIL the GUI thread was waiting on.

So the app turns automatic collection off and collects from a timer on the GUI thread,
with the interpreter's own thresholds: generation 0 when it has more allocations than
its threshold, the older ones when their counts say so (the recipe calibre and other
long-lived Qt apps use). Reference counting still frees everything that is not in a
cycle at once; a cycle waits at most one tick.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

from fieldapp.core import gcpause

log = logging.getLogger(__name__)

TICK_MS = 500
"""How often the GUI thread looks at the collector's counts."""


class MainThreadCollector(QObject):
    """Collects cyclic garbage from a timer on the thread it lives on (the GUI thread)."""

    def __init__(self, parent: QObject | None = None, tick_ms: int = TICK_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.collections = [0, 0, 0]
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.check)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Automatic collection off; collect on this thread from now on."""
        gc.disable()
        if not self._timer.isActive():
            self._timer.start()
            log.debug("cyclic garbage collected on the GUI thread every %d ms",
                      self._timer.interval())

    def stop(self) -> None:
        """Back to the interpreter's own collection (on any thread)."""
        self._timer.stop()
        gcpause.enable()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds (not while bulk
        work has paused collection, ``core.gcpause``)."""
        if gcpause.is_paused():
            return
        counts = gc.get_count()
        generation = -1
        for level in range(3):
            if counts[level] <= self.thresholds[level]:
                break
            generation = level
        if generation >= 0:
            gc.collect(generation)
            self.collections[generation] += 1


def collector() -> MainThreadCollector:
    """The application's collector (made on first use, owned by the QCoreApplication)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("the garbage collector's timer needs a QApplication")
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("the garbage collector's timer is started from the GUI thread")
    found = app.findChild(MainThreadCollector, "fieldapp-collector")
    if isinstance(found, MainThreadCollector):
        return found
    made = MainThreadCollector(app)
    made.setObjectName("fieldapp-collector")
    return made
