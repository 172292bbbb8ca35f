"""What the store already holds for a batch of file rows: doors by address key,
people by voter id, with the values a re-import compares.

Plain driver SQL, in chunks under SQLite's bound-parameter limit: a state file
asks these questions a few hundred times, and building each ``IN`` list through
SQLAlchemy's expression machinery cost more than the lookups themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from fieldapp.services.importing.parser import PERSON_FIELDS

CHUNK = 900
DOOR_COMPARED = ("zip", "lat", "lon", "geocode_source", "geocode_quality")
"""The door values a row can change, in the order :func:`live_doors` gives them."""


def _chunks(items: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rows_in(session: Session, head: str, keys: list[str]) -> Iterator[Any]:
    """The rows of ``head`` + ``IN (keys...)``, chunk by chunk, as the driver's tuples."""
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    cursor = connection.connection.cursor()  # in the session's transaction
    try:
        for chunk in _chunks(keys):
            cursor.execute(f"{head} IN ({', '.join([mark] * len(chunk))})", tuple(chunk))
            yield from cursor.fetchall()
    finally:
        cursor.close()


def live_doors(session: Session, keys: list[str], by: str = "address_key") -> dict[str, tuple[Any, ...]]:
    """Address key -> (door id, *DOOR_COMPARED values) among live, unmerged doors;
    the oldest-born wins. ``keys`` are address keys, or door ids with ``by="id"``."""
    found: dict[str, tuple[Any, ...]] = {}
    born: dict[str, int] = {}
    head = (f"SELECT address_key, born_hlc, id, {', '.join(DOOR_COMPARED)} FROM doors "
            f"WHERE NOT deleted AND merged_into_id IS NULL AND {by}")
    for key, stamp, *values in rows_in(session, head, keys):
        if key not in found or stamp < born[key]:
            found[key], born[key] = tuple(values), stamp
    return found


def live_doors_by_id(session: Session, ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """As :func:`live_doors`, for the doors of ``ids``."""
    return live_doors(session, ids, by="id")


def live_people(session: Session, voter_ids: list[str],
                fields: tuple[str, ...] = PERSON_FIELDS) -> dict[str, tuple[Any, ...]]:
    """Voter id -> (born stamp, person id, door id, *values of ``fields``) among live,
    unmerged people; the oldest-born wins. ``fields`` must hold ``voter_id``; only the
    fields a file gives are worth reading. ``districts`` is as the driver gives it
    (JSON text on SQLite)."""
    found: dict[str, tuple[Any, ...]] = {}
    born: dict[str, int] = {}
    head = (f"SELECT born_hlc, id, door_id, {', '.join(fields)} FROM people "
            "WHERE NOT deleted AND merged_into_id IS NULL AND voter_id")
    vid_at = 3 + fields.index("voter_id")
    for row in rows_in(session, head, voter_ids):
        vid = row[vid_at]
        if vid not in found or row[0] < born[vid]:
            found[vid], born[vid] = tuple(row), row[0]
    return found


def people_at(session: Session, doors: list[str]) -> list[tuple[str, str, str, str, str, Any]]:
    """(person id, door id, first, last, voter id, birth year) of the live, unmerged
    people at ``doors``, oldest first."""
    head = ("SELECT born_hlc, id, door_id, first_name, last_name, voter_id, birth_year "
            "FROM people WHERE NOT deleted AND merged_into_id IS NULL AND door_id")
    return [row[1:] for row in sorted(rows_in(session, head, doors), key=lambda r: r[0])]
