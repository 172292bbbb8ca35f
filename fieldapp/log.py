"""Logging: a rotating file in the user log folder, warnings to stderr."""

from __future__ import annotations

import logging
import logging.handlers

from fieldapp import paths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup(verbose: bool = False) -> None:
    root = logging.getLogger()
    if getattr(root, "_fieldapp_configured", False):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        folder = paths.ensure(paths.dirs().logs)
        file_handler = logging.handlers.RotatingFileHandler(
            folder / "fieldapp.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        file_handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(file_handler)
    except OSError:
        pass  # a read-only home must not stop the app; stderr still gets warnings
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root.addHandler(console)
    root._fieldapp_configured = True  # type: ignore[attr-defined]
