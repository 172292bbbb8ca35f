"""What every page is given: the open store, the task runner, change signals."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from fieldapp.core.db import Store
from fieldapp.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class AppContext(QObject):
    """The shared state of one open store in the GUI.

    Pages read with short sessions of ``ctx.store`` on the GUI thread when the
    read is fast, and run long or writing work through ``ctx.tasks``. After a
    write, call :meth:`notify_changed` with the table name (``"doors"``) or
    ``""`` for everything, so that every page listening to
    :attr:`store_changed` refreshes itself.
    """

    store_changed = Signal(str)
    # A door was picked on one page (door id, page key): the Map and Doors pages follow.
    door_focused = Signal(str, str)

    def __init__(self, store: Store, tasks: TaskRunner | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.tasks = tasks if tasks is not None else TaskRunner(self)

    def notify_changed(self, what: str = "") -> None:
        """Tell the pages that ``what`` (a table name, or ``""``: anything) changed."""
        log.debug("store changed: %s", what or "everything")
        self.store_changed.emit(what)
