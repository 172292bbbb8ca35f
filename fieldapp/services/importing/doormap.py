"""The doors an import into an empty store made, found by address key in memory.

Into an empty store every door a row can match is one this import made, so the
address-key index need not be kept up row by row during the load (a scattered
insert per door, and on a state file a working set beyond the page cache): it is
built once, sorted, at the end (``core.fastinsert.bulk_load``). Meanwhile each
door made is remembered compactly: the hash of its address key -> its place in a
byte string of 16-byte ids (about 110 bytes a door). A key found there is read
back from the store by id (and its address key checked); one not found is a new
door. Beyond :data:`KEPT` doors, or should two keys share a hash, the map is let
go and the index built then: from there the store answers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from fieldapp.services.importing.lookup import live_doors_by_id

KEPT = 1_000_000
"""Doors remembered at most (about 110 MB); beyond, the address-key index is built."""


class DoorMap:
    def __init__(self) -> None:
        self.place: dict[int, int] = {}  # hash(address key) -> index of its id in ids
        self.ids = bytearray()

    def add(self, doors: dict[str, tuple[Any, ...]]) -> bool:
        """Remember new doors (address key -> insert values, the id first). False
        when there are too many to keep (then forget them all)."""
        place, ids = self.place, self.ids
        n = len(place)
        for key, values in doors.items():
            place[hash(key)] = n
            ids += bytes.fromhex(values[0].replace("-", ""))
            n += 1
        if n > KEPT:
            self.place, self.ids = {}, bytearray()
            return False
        return True

    def find(self, session: Session, keys: list[str]) -> dict[str, tuple[Any, ...]] | None:
        """As :func:`live_doors` for ``keys``; None if two keys share a hash (ask the store)."""
        place, ids = self.place, self.ids
        wanted: dict[str, str] = {}  # door id -> address key
        hits = 0
        for key in keys:
            n = place.get(hash(key))
            if n is not None:
                h = ids[n * 16 : n * 16 + 16].hex()
                wanted[f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"] = key
                hits += 1
        if not wanted:
            return {}
        found = live_doors_by_id(session, sorted(wanted))
        if hits != len(wanted) or len(found) != len(wanted) or any(
                wanted[v[0]] != k for k, v in found.items()):
            return None  # two keys with one hash
        return found

