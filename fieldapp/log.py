"""Logging: a rotating file in the user log folder, warnings to stderr.

``setup`` may run more than once in a process (tests call the CLI's ``main``
with different data folders): each call replaces the handlers the previous
one added, so the log file always follows the current data folder.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys

from fieldapp import paths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_OURS = "_fieldapp_handler"
FILE_ONLY = "fieldapp_file_only"  # extra={FILE_ONLY: True}: a record for the log file, not stderr


def _not_file_only(record: logging.LogRecord) -> bool:
    return not getattr(record, FILE_ONLY, False)


def log_file() -> str | None:
    """The log file the current handlers write, if any."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, _OURS, False) and isinstance(handler, logging.FileHandler):
            return handler.baseFilename
    return None


def setup(verbose: bool = False) -> None:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        folder = paths.ensure(paths.dirs().logs)
        file_handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "fieldapp.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        file_handler.setFormatter(logging.Formatter(FORMAT))
        setattr(file_handler, _OURS, True)
        root.addHandler(file_handler)
    except OSError:
        pass  # a read-only home must not stop the app; stderr still gets warnings
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    console.addFilter(_not_file_only)
    setattr(console, _OURS, True)
    root.addHandler(console)
