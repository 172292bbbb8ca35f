"""The voter ids an import into an empty store has given, as hashes in memory.

Into an empty store every person a row's voter id can match is one this import
made. Most voter ids come once, and a repeat close behind its first row is
merged in memory (the writer's pending keys), so the people-by-voter-id index
need not be kept up row by row during the load (a scattered insert per person,
beyond the page cache on a state file): it is built once, sorted, at the end
(``core.fastinsert.bulk_load``). Meanwhile the 64-bit hash of each voter id given
is kept, 8 bytes a voter, in a sorted numpy array (the latest in a set, merged in
now and then). A voter id whose hash is not there belongs to no stored person.
When one is there and the writer cannot place it in memory (a repeat far behind,
or two voter ids with one hash), or beyond :data:`KEPT` voter ids, the set is
let go and the index built then: from there the store answers.
"""

from __future__ import annotations

from collections.abc import Iterable

from fieldapp.services.importing.doormap import sorted_hits

RECENT = 50_000
"""Hashes kept in the set before they are merged into the sorted array."""

KEPT = 2_000_000
"""Voter ids remembered at most (16 MB, and twice that while merging); beyond, the
people-by-voter-id index is built and the store answers."""


class VoterSet:
    def __init__(self) -> None:
        import numpy as np

        self.np = np
        self.hashes = np.empty(0, dtype=np.int64)  # sorted
        self.recent: set[int] = set()

    def add(self, voter_ids: Iterable[str]) -> bool:
        """Remember voter ids now on stored people; False when more than :data:`KEPT`
        are kept (then let the set go)."""
        recent = self.recent
        recent.update(map(hash, voter_ids))
        if len(recent) >= RECENT:
            np = self.np
            merged = np.concatenate([self.hashes, np.fromiter(recent, np.int64, len(recent))])
            merged.sort()
            self.hashes = merged
            self.recent = set()
        return len(self.hashes) + len(self.recent) <= KEPT

    def maybe_stored(self, voter_ids: list[str]) -> list[str]:
        """The voter ids that may be on a stored person (their hash is kept): every
        one that is, and now and then one that shares a hash with one that is."""
        hashes = list(map(hash, voter_ids))
        recent, kept = self.recent, self.hashes
        out = [] if recent.isdisjoint(hashes) else [
            vid for vid, h in zip(voter_ids, hashes, strict=True) if h in recent]
        if len(kept) and hashes:
            hits, _ = sorted_hits(self.np, kept, hashes)
            out += [voter_ids[i] for i in hits.tolist()]
        return out
