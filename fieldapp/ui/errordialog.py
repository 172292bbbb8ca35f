"""Readable error dialogs, shared by the excepthook and the task runner."""

from __future__ import annotations

import logging
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from fieldapp import paths
from fieldapp.errors import FieldAppError
from fieldapp.log import redact, redact_traceback

log = logging.getLogger(__name__)


def _parent(parent: QWidget | None) -> QWidget | None:
    if parent is not None:
        return parent
    return QApplication.activeWindow()


def show_problem(parent: QWidget | None, error: FieldAppError | str, title: str = "") -> None:
    """An expected problem (a :class:`FieldAppError`): its message is the whole story."""
    box = QMessageBox(_parent(parent))
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("ErrorDialog", "Field App"))
    box.setText(str(error))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def show_unexpected(
    parent: QWidget | None,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    doing: str = "",
) -> None:
    """A bug: say so plainly, point at the log, keep the details one click away.

    The caller logs the traceback; this only shows it.
    """
    # Redacted: people send screenshots of this dialog; it names the error and where,
    # never the value (a name, an address, a phone) it happened on.
    details = redact_traceback("".join(traceback.format_exception(exc_type, exc, tb)))
    box = QMessageBox(_parent(parent))
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Something went wrong"))
    if doing:
        text = QCoreApplication.translate("ErrorDialog", "Field App ran into a problem while: {doing}.").format(doing=doing)
    else:
        text = QCoreApplication.translate("ErrorDialog", "Field App ran into a problem it did not expect.")
    box.setText(text)
    box.setInformativeText(
        QCoreApplication.translate(
            "ErrorDialog",
            "Your saved data is safe: every change is written in one piece or not at all. "
            "The details are in the log file in {folder}; please send it to your data "
            "team.\n\n{error}"
        ).format(folder=paths.dirs().logs, error=f"{exc_type.__name__}: {redact(str(exc))}")
    )
    box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
