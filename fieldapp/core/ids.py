"""Record ids: UUIDs made where the row is born, as 36-character strings.

New ids are time-ordered (UUID version 7, RFC 9562): 48 bits of Unix
milliseconds, then a 42-bit counter that starts at a random value each
millisecond, then 32 random bits. Ids made later sort after earlier ones, as
strings too, so a bulk import appends to the end of every index on an id
instead of scattering writes over the whole B-tree. An id is still a UUID:
version-4 ids made before stay valid everywhere, and other stores and bundles
need not know which kind they hold.
"""

from __future__ import annotations

import os
import re
import threading
import time
import uuid
from collections.abc import Iterator

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

_COUNTER_BITS = 42  # 12 bits of rand_a and the top 30 of rand_b
_COUNTER_LIMIT = 1 << _COUNTER_BITS
_lock = threading.Lock()
_last = (0, 0)  # (milliseconds, counter) of the last id made in this process


def _reserve(count: int) -> tuple[int, int]:
    """A millisecond and the first of ``count`` counter values no other id used."""
    global _last
    with _lock:
        ms = time.time_ns() // 1_000_000
        last_ms, last_counter = _last
        if ms > last_ms:
            # A random start in the lower half leaves room to count upwards.
            counter = int.from_bytes(os.urandom(6), "big") >> (48 - _COUNTER_BITS + 1)
        else:  # the same millisecond, or the wall clock went back: keep counting
            ms, counter = last_ms, last_counter + 1
        if counter + count > _COUNTER_LIMIT:
            ms, counter = ms + 1, 0
        _last = (ms, counter + count - 1)
        return ms, counter


def new_id() -> str:
    """A fresh time-ordered UUID (version 7) in canonical lower-case form."""
    return new_ids(1)[0]


def new_ids(count: int) -> list[str]:
    """``count`` fresh version-7 UUIDs in increasing order (cheaper each than one by one)."""
    if count <= 0:
        return []
    ms, counter = _reserve(count)
    t = f"{ms:012x}"
    prefix = f"{t[:8]}-{t[8:]}-"
    rand = os.urandom(4 * count).hex()
    # counter bits: 12 after the version nibble, 14 after the variant bits, 16 more
    return [
        f"{prefix}{0x7000 | c >> 30:04x}-{0x8000 | (c >> 16) & 0x3FFF:04x}-{c & 0xFFFF:04x}"
        f"{rand[i : i + 8]}"
        for i, c in zip(range(0, 8 * count, 8), range(counter, counter + count), strict=True)
    ]


def id_stream(chunk: int = 4096) -> Iterator[str]:
    """An endless supply of fresh ids, made ``chunk`` at a time (for bulk work)."""
    while True:
        yield from new_ids(chunk)


def is_uuid(value: object) -> bool:
    """True for a canonical lower-case UUID string."""
    return isinstance(value, str) and _UUID_RE.match(value) is not None


def stable_id(*parts: str) -> str:
    """A UUID (version 5) derived from ``parts``: the same parts give the same id.

    Used by the demo seed so that the same seed gives the same store.
    """
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "fieldapp:" + "/".join(parts)))
