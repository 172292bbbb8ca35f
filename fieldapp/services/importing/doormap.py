"""The doors an import into an empty store made, found by address key in memory.

Into an empty store every door a row can match is one this import made, so the
address-key index need not be kept up row by row during the load (a scattered
insert per door, and on a state file a working set beyond the page cache): it is
built once, sorted, at the end (``core.fastinsert.bulk_load``). Meanwhile each
door made is remembered compactly, about 30 bytes a door: the hash of its
address key beside its place in a byte string of 16-byte ids, in two numpy
arrays sorted by hash (the latest doors in a small dict, merged in now and
then). A key found there is read back from the store by id and its address key
checked; one not found is a new door. Beyond :data:`KEPT` doors, or should two
keys share a hash, the map is let go and the index built then: from there the
store answers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from fieldapp.services.importing.lookup import live_doors_by_id

RECENT = 50_000
"""Doors kept in the dict before they are merged into the sorted arrays."""

KEPT = 1_000_000
"""Doors remembered at most (about 40 MB, and as much again while merging); beyond,
the address-key index is built and the store answers (a state file of 5,000,000
voters peaked at 406 MB with every door kept)."""


def sorted_hits(np: Any, kept: Any, hashes: list[int]) -> tuple[Any, Any]:
    """Which of ``hashes`` the sorted array ``kept`` holds, in one numpy pass: their
    positions in ``hashes`` and, for each, its place in ``kept``."""
    wanted = np.array(hashes, dtype=np.int64)
    at = np.minimum(np.searchsorted(kept, wanted), len(kept) - 1)
    hits = np.flatnonzero(kept[at] == wanted)
    return hits, at[hits]


class DoorMap:
    def __init__(self) -> None:
        import numpy as np

        self.np = np
        self.hashes = np.empty(0, dtype=np.int64)  # sorted
        self.places = np.empty(0, dtype=np.int64)  # each hash's id: ids[16 * place:]
        self.recent: dict[int, int] = {}
        self.ids = bytearray()

    def add(self, doors: dict[str, tuple[Any, ...]]) -> bool:
        """Remember new doors (address key -> insert values, the id first); False when
        there are more than :data:`KEPT` (then let the map go)."""
        recent, ids = self.recent, self.ids
        n = len(ids) // 16
        for key, values in doors.items():
            recent[hash(key)] = n
            ids += bytes.fromhex(values[0].replace("-", ""))
            n += 1
        if len(recent) >= RECENT:
            np = self.np
            hashes = np.concatenate([self.hashes, np.fromiter(recent, np.int64, len(recent))])
            places = np.concatenate([self.places,
                                     np.fromiter(recent.values(), np.int64, len(recent))])
            order = np.argsort(hashes, kind="stable")
            self.hashes, self.places = hashes[order], places[order]
            self.recent = {}
        return n <= KEPT

    def _places(self, keys: list[str]) -> list[tuple[str, int]]:
        """(key, place) of the keys remembered (a key that shares a hash included)."""
        hashes = list(map(hash, keys))
        recent, kept = self.recent, self.hashes
        out = [(key, n) for key, h in zip(keys, hashes, strict=True)
               if (n := recent.get(h)) is not None] if recent else []
        if len(kept) and hashes:
            hits, at = sorted_hits(self.np, kept, hashes)
            out += zip([keys[i] for i in hits.tolist()], self.places[at].tolist(), strict=True)
        return out

    def find(self, session: Session, keys: list[str]) -> dict[str, tuple[Any, ...]] | None:
        """As :func:`live_doors` for ``keys``; None if two keys share a hash (ask the store)."""
        ids = self.ids
        wanted: dict[str, str] = {}  # door id -> address key
        found_places = self._places(keys)
        for key, n in found_places:
            h = ids[n * 16 : n * 16 + 16].hex()
            wanted[f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"] = key
        if not wanted:
            return {}
        found = live_doors_by_id(session, sorted(wanted))
        if len(found_places) != len(wanted) or len(found) != len(wanted) or any(
                wanted[v[0]] != k for k, v in found.items()):
            return None  # two keys with one hash
        return found
