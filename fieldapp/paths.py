"""Where files live: the store, config (keys), logs and caches.

platformdirs gives the per-user folders. ``--data-dir DIR`` or the
``FIELDAPP_DATA_DIR`` environment variable puts all of them under one folder
instead (tests always do). ``--db URL`` or ``FIELDAPP_DB`` points at any store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from fieldapp import APP_NAME

_override: Path | None = None


def set_data_dir(path: str | Path | None) -> None:
    """Put every folder under ``path`` (``None`` goes back to the defaults)."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


@dataclass(frozen=True)
class Dirs:
    data: Path
    config: Path
    logs: Path
    cache: Path


def dirs() -> Dirs:
    root = _override
    if root is None and os.environ.get("FIELDAPP_DATA_DIR"):
        root = Path(os.environ["FIELDAPP_DATA_DIR"]).expanduser().resolve()
    if root is not None:
        return Dirs(root / "data", root / "config", root / "logs", root / "cache")
    return Dirs(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )


def ensure(path: Path, *, private: bool = False) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if private:
        path.chmod(0o700)
    return path


def default_store_path() -> Path:
    return dirs().data / "fieldapp.sqlite"


def store_target(db: str | None = None) -> str:
    """The store to open: ``--db``, else ``FIELDAPP_DB``, else the default file."""
    return db or os.environ.get("FIELDAPP_DB") or str(default_store_path())


def keys_dir() -> Path:
    """Private keys: owner-only, in the config folder, never in the store."""
    return ensure(dirs().config / "keys", private=True)


def resources_dir() -> Path:
    """``fieldapp/resources``: icons, vendored web assets, compiled translations.

    They live inside the package and are found through ``importlib.resources``, so a
    source checkout, an installed wheel and the frozen build (which ships them at
    ``fieldapp/resources`` under its own folder) all read the same place.
    """
    from importlib.resources import files

    return Path(str(files("fieldapp") / "resources"))
