"""Record ids: UUIDs made where the row is born, as 36-character strings."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def new_id() -> str:
    """A fresh random UUID (version 4) in canonical lower-case form."""
    return str(uuid.uuid4())


def new_ids(count: int) -> list[str]:
    """``count`` fresh version-4 UUIDs, like :func:`new_id` but cheaper each.

    An import of a million rows makes a million and a half ids; one read of
    the system's random source and plain hex formatting cost about a fifth of
    ``uuid.uuid4()`` per id.
    """
    raw = os.urandom(16 * count).hex()
    out = []
    for i in range(0, 32 * count, 32):
        h = raw[i : i + 32]
        # version nibble 4; variant bits 10 (RFC 4122): 8, 9, a or b
        out.append(f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}")
    return out


_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


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
