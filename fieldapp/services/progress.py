"""Progress and cancellation for long work, without Qt.

Services take a :class:`Progress` and call ``step``/``check`` as they go; the
GUI passes one that forwards to Qt signals, the CLI one that prints a line.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

from fieldapp.errors import CancelledError

log = logging.getLogger(__name__)


class Text(str):
    """A progress message with fields, e.g. ``Text("Geocoding with {provider}", provider=p)``.

    As a string it is the English text (what the CLI prints). The GUI translates
    ``template`` in context "Progress" and fills in ``fields``, so a message that names
    something still has one catalogue entry (``make translations`` collects the template).
    """

    template: str
    fields: dict[str, object]

    def __new__(cls, template: str, **fields: object) -> Text:
        text = super().__new__(cls, template.format(**fields))
        text.template = template
        text.fields = fields
        return text


class Progress:
    """Does nothing but can be cancelled; the base for the others."""

    def __init__(self) -> None:
        self._cancel = threading.Event()

    def update(self, done: int, total: int | None = None, message: str = "") -> None:
        """Report ``done`` units of ``total`` (``None``: unknown) and a message."""

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`CancelledError` if the user asked to stop."""
        if self._cancel.is_set():
            raise CancelledError("cancelled: nothing was written")


class CallbackProgress(Progress):
    """Forwards updates to a function (the GUI connects a Qt signal here)."""

    def __init__(self, callback: Callable[[int, int | None, str], None]) -> None:
        super().__init__()
        self._callback = callback

    def update(self, done: int, total: int | None = None, message: str = "") -> None:
        self._callback(done, total, message)


class LineProgress(Progress):
    """Prints a progress line to a terminal, at most a few times a second."""

    def __init__(self, stream: TextIO | None = None, interval: float = 0.5) -> None:
        super().__init__()
        # Looked up now, not at import: tests and the GUI swap sys.stderr.
        self._stream = stream if stream is not None else sys.stderr
        self._interval = interval
        # Quiet for the first interval: quick work prints no progress at all.
        self._last = time.monotonic()
        self._shown = False
        self._tty = self._stream.isatty()

    def update(self, done: int, total: int | None = None, message: str = "") -> None:
        now = time.monotonic()
        final = total is not None and done >= total
        if final and not self._shown:
            return
        if not final and now - self._last < self._interval:
            return
        self._last = now
        self._shown = True
        figure = f"{done:,}/{total:,}" if total else f"{done:,}"
        text = f"{message} {figure}".strip()
        if self._tty:
            self._stream.write("\r" + text + ("\n" if final else ""))
        else:
            self._stream.write(text + "\n")
        self._stream.flush()
