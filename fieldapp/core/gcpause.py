"""The cyclic garbage collector paused for bulk work.

A voter import makes tens of millions of short-lived tuples. Each time the young
generation fills, the collector walks it, and every so often it walks everything
the process holds: unpickling a batch took 5 us a row with it and 1.5 without, and
the import makes almost no reference cycles (reference counting frees its rows). So the bulk work runs with the collector
paused::

    with gcpause.paused():
        ...load a million rows...

On leaving, the collector runs again if it ran before (the outermost pause decides);
the app's GUI-thread collector (``fieldapp.ui.collector``) also waits while a pause
is on, whichever thread holds it.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


def is_paused() -> bool:
    """Whether bulk work in this process has paused the collector."""
    return _pauses > 0


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No automatic cyclic collection inside the block (any thread, nested or not)."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()


def enable() -> None:
    """Automatic collection on: now, or when the pause in progress ends."""
    global _was_enabled
    with _lock:
        if _pauses:
            _was_enabled = True
        else:
            gc.enable()
