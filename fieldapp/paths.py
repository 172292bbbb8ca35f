"""Where files live: the store, config (keys), logs and caches.

platformdirs gives the per-user folders. ``--data-dir DIR`` or the
``FIELDAPP_DATA_DIR`` environment variable puts all of them under one folder
instead (tests always do). ``--db URL`` or ``FIELDAPP_DB`` points at any store.

That is the process default :class:`~fieldapp.core.site.SitePaths`, the one
the app and the CLI run as. A store opened with another ``SitePaths`` (a test
playing several sites) carries it, and the sync services use the store's.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from fieldapp import APP_NAME
from fieldapp.core.site import STORE_FILE, SitePaths

if TYPE_CHECKING:
    from fieldapp.core.db import Store

# The process's own site (the app's and the CLI's), set once at start-up by
# ``--data-dir``. Nothing switches it to play another site: a second site is a
# second SitePaths, carried by its store or passed as ``site=``.
_data_dir: SitePaths | None = None


def set_data_dir(path: str | Path | None) -> None:
    """At start-up (``--data-dir``): put the process's folders under ``path``.

    ``None`` goes back to ``FIELDAPP_DATA_DIR`` or platformdirs.
    """
    global _data_dir
    _data_dir = SitePaths.under(path) if path else None


def default(db: str | None = None) -> SitePaths:
    """This process's site: ``--data-dir``, else ``FIELDAPP_DATA_DIR``, else platformdirs.

    Its store is ``db``, else ``FIELDAPP_DB``, else the file in its data folder.
    """
    site = _data_dir
    if site is None and os.environ.get("FIELDAPP_DATA_DIR"):
        site = SitePaths.under(os.environ["FIELDAPP_DATA_DIR"])
    if site is None:
        site = SitePaths(
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        )
    return site.with_store(db or os.environ.get("FIELDAPP_DB") or None)


def dirs() -> SitePaths:
    """The process default site's folders."""
    return default()


def resolve(site: SitePaths | None) -> SitePaths:
    """The site given, else the process default."""
    return site if site is not None else default()


def site_of(store: Store) -> SitePaths:
    """The site a store was opened for, else the process default."""
    return resolve(store.site)


def ensure(path: Path, *, private: bool = False) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if private:
        path.chmod(0o700)
    return path


def default_store_path() -> Path:
    return dirs().data / STORE_FILE


def store_target(db: str | None = None) -> str:
    """The store to open: ``--db``, else ``FIELDAPP_DB``, else the default file."""
    return default(db).store_target


def keys_dir(site: SitePaths | None = None) -> Path:
    """Private keys: owner-only, in the config folder, never in the store."""
    return ensure(resolve(site).keys, private=True)


def resources_dir() -> Path:
    """``fieldapp/resources``: icons, vendored web assets, compiled translations.

    They live inside the package and are found through ``importlib.resources``, so a
    source checkout, an installed wheel and the frozen build (which ships them at
    ``fieldapp/resources`` under its own folder) all read the same place.
    """
    from importlib.resources import files

    return Path(str(files("fieldapp") / "resources"))
