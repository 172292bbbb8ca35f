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


def _rows(session: Session, head: str, tail: str, keys: list[str]) -> Iterator[Any]:
    """``head`` + ``IN (keys...)`` + ``tail``, chunk by chunk."""
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    for chunk in _chunks(keys):
        marks = ", ".join([mark] * len(chunk))
        yield from connection.exec_driver_sql(f"{head} IN ({marks}) {tail}", tuple(chunk))


def live_doors(session: Session, keys: list[str]) -> dict[str, tuple[Any, ...]]:
    """Address key -> (door id, *DOOR_COMPARED values) among live, unmerged doors;
    the oldest-born wins."""
    found: dict[str, tuple[Any, ...]] = {}
    head = (f"SELECT address_key, id, {', '.join(DOOR_COMPARED)} FROM doors "
            "WHERE NOT deleted AND merged_into_id IS NULL AND address_key")
    for key, *values in _rows(session, head, "ORDER BY born_hlc", keys):
        if key not in found:
            found[key] = tuple(values)
    return found


def live_people(session: Session, voter_ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """Voter id -> (person id, door id, *PERSON_FIELDS values) among live, unmerged
    people; the oldest-born wins. ``districts`` is as the driver gives it (JSON text
    on SQLite)."""
    found: dict[str, tuple[Any, ...]] = {}
    head = (f"SELECT id, door_id, {', '.join(PERSON_FIELDS)} FROM people "
            "WHERE NOT deleted AND merged_into_id IS NULL AND voter_id")
    vid_at = 2 + PERSON_FIELDS.index("voter_id")
    for row in _rows(session, head, "ORDER BY born_hlc", voter_ids):
        if row[vid_at] not in found:
            found[row[vid_at]] = tuple(row)
    return found


def people_at(session: Session, doors: list[str]) -> Iterator[tuple[str, str, str, str, str, Any]]:
    """(person id, door id, first, last, voter id, birth year) of the live, unmerged
    people at ``doors``, oldest first within each chunk."""
    head = ("SELECT id, door_id, first_name, last_name, voter_id, birth_year FROM people "
            "WHERE NOT deleted AND merged_into_id IS NULL AND door_id")
    yield from _rows(session, head, "ORDER BY born_hlc", doors)
