"""Record ids: UUIDs made where the row is born, as 36-character strings."""

from __future__ import annotations

import re
import uuid

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def new_id() -> str:
    """A fresh random UUID (version 4) in canonical lower-case form."""
    return str(uuid.uuid4())


def is_uuid(value: object) -> bool:
    """True for a canonical lower-case UUID string."""
    return isinstance(value, str) and _UUID_RE.match(value) is not None


def stable_id(*parts: str) -> str:
    """A UUID (version 5) derived from ``parts``: the same parts give the same id.

    Used by the demo seed so that the same seed gives the same store.
    """
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "fieldapp:" + "/".join(parts)))
