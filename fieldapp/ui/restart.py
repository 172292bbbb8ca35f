"""Restart Field App (after a language change): the same command, started again."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


def restart_command() -> list[str]:
    """The command that started this app: the frozen executable, or ``python -m fieldapp``."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *sys.argv[1:]]
    return [sys.executable, "-m", "fieldapp", *sys.argv[1:]]


def restart() -> bool:
    """Start a new Field App, then close this one (windows first, so they save their place)."""
    program, *args = restart_command()
    if not QProcess.startDetached(program, args):
        log.warning("could not restart: %s did not start", program)
        return False
    log.info("restarting")
    QApplication.closeAllWindows()
    QApplication.quit()
    return True
