"""Registration status: what the voter file says, and who stays off lists.

One rule in one place: the import turns a file's status codes into one of
:data:`STATUSES`, and walk lists, canvass lists and call lists leave out the
people :func:`listable` rejects (removed, cancelled and deceased voters) unless
asked to include them. Inactive voters stay on lists and are marked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldapp.core.statuses import VOTER_STATUSES

if TYPE_CHECKING:  # (the import's reader process uses this module without SQLAlchemy)
    from sqlalchemy import ColumnElement

    from fieldapp.core.models import Person

STATUSES: tuple[str, ...] = VOTER_STATUSES
OFF_LISTS: tuple[str, ...] = ("removed", "cancelled", "deceased")
"""Statuses left off walk, canvass and call lists by default."""

_GENERIC: dict[str, str] = {
    "A": "active", "ACT": "active", "ACTIVE": "active", "ACTIVE-ACTIVE": "active",
    "I": "inactive", "INA": "inactive", "INACT": "inactive", "INACTIVE": "inactive",
    "CONFIRMATION": "inactive", "ACTIVE-CONFIRMATION": "inactive", "SUSPENSE": "inactive",
    "R": "removed", "REMOVED": "removed", "PURGED": "removed", "DENIED": "removed",
    "CAN": "cancelled", "CANCELLED": "cancelled", "CANCELED": "cancelled",
    "D": "deceased", "DEC": "deceased", "DECEASED": "deceased",
    "CONF": "confidential", "CONFIDENTIAL": "confidential", "PROTECTED": "confidential",
}


def normalize_status(raw: str, table: dict[str, str] | None = None) -> str | None:
    """The status a file's code stands for (``""`` for none), or None if unknown.

    ``table`` is the layout's own codes (upper case), tried before the usual words.
    """
    code = raw.strip().upper()
    if not code:
        return ""
    if table and code in table:
        return table[code]
    if code.lower() in STATUSES:
        return code.lower()
    return _GENERIC.get(code)


def listable(person: type[Person]) -> ColumnElement[bool]:
    """SQL condition: the person belongs on walk, canvass and call lists."""
    from sqlalchemy import not_

    return not_(person.voter_status.in_(OFF_LISTS))


def is_listable(status: str) -> bool:
    return status not in OFF_LISTS
