"""The street sketch the maps draw, built from the store's doors and cached.

The lines themselves come from :func:`fieldapp.services.streetsketch.street_lines`
(one smoothed line per street and side through its doors in house-number
order). Here they are cached per store and per door selection, keyed by a
fingerprint of the doors table (row count and latest HLC stamp): an import, a
merge, a geocode or an edit changes the fingerprint, so the next map draws a
fresh sketch; a map redrawn with nothing changed reuses it.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import text

from fieldapp.core.db import Store
from fieldapp.maps.data import MapData
from fieldapp.services.streetsketch import StreetLine, street_lines_indexed

log = logging.getLogger(__name__)

_CACHE_SIZE = 8
_cache: OrderedDict[tuple[Any, ...], list[StreetLine]] = OrderedDict()
_lock = threading.Lock()


def doors_fingerprint(store: Store) -> tuple[int, int]:
    """(rows, latest HLC) of the doors table: changes with every import, merge and edit."""
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT COUNT(*), MAX(hlc) FROM doors")).one()
    return int(row[0] or 0), int(row[1] or 0)


def lines_for(data: MapData) -> list[StreetLine]:
    """The sketch of the doors in ``data`` (no cache)."""
    d = data.doors
    return street_lines_indexed(d.lat, d.lon, d.number, d.street, d.streets)


def street_sketch(store: Store, data: MapData) -> list[StreetLine]:
    """The sketch for ``data`` (as loaded from ``store``), from the cache when still fresh."""
    key = (
        str(store.engine.url),
        id(store.engine),
        doors_fingerprint(store),
        len(data.doors),
        tuple(t.id for t in data.turfs),
    )
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    lines = lines_for(data)
    with _lock:
        _cache[key] = lines
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    log.debug("street sketch: %d lines from %d doors", len(lines), len(data.doors))
    return lines


def forget() -> None:
    """Drop every cached sketch (tests, or after replacing a store file)."""
    with _lock:
        _cache.clear()


def sketch_payload(lines: list[StreetLine]) -> list[list[Any]]:
    """Compact arrays for the page: [name, side, [lat, lon, lat, lon, ...], low, high]."""
    return [[s.name, s.side, s.coords, s.low, s.high] for s in lines]
