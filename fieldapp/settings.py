"""User settings: a small JSON file in the config folder (language, tiles...)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from fieldapp import paths
from fieldapp.core.files import write_text

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "language": "system",  # follow the computer until the user picks one
    "tile_url": "",
    "tile_attribution": "",
    "geocoder": "nominatim",
    "store_encryption": True,  # new laptop stores are SQLCipher-encrypted (issue 14)
    "lock_minutes": 0,  # lock the window after this many idle minutes; 0: never
}


def _file() -> Path:
    return paths.dirs().config / "settings.json"


def load() -> dict[str, Any]:
    values = dict(DEFAULTS)
    try:
        values.update(json.loads(_file().read_text(encoding="utf-8")))
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable settings file %s: %s", _file(), exc)
    return values


def get(key: str) -> Any:
    return load().get(key, DEFAULTS.get(key))


def save(values: dict[str, Any]) -> None:
    path = _file()
    paths.ensure(path.parent)
    write_text(path, json.dumps(values, indent=2, sort_keys=True))


def set_value(key: str, value: Any) -> None:
    values = load()
    values[key] = value
    save(values)
