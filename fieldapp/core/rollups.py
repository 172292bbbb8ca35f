"""The tables' sort values (``door_rollups``, ``person_rollups``) during a bulk write.

Database triggers (migration 0007) keep each door's people count, latest result
and turf name and each person's address key right on every write. Row by row
that doubles the cost of a voter import, so a bulk writer can leave the rows
it *inserts* to one set-based pass at the end of its transaction::

    with store.transaction() as session, rollups.deferred(session.connection()):
        ...insert a million doors and people...

Inside the block the insert triggers of doors and people do nothing: a flag row
in ``store_meta`` that their ``WHEN`` clause reads, and, since even that check cost
about 2.5 s per million rows, the triggers themselves dropped for the block and
made again from their own SQL at its end (all in the same transaction: no other
connection ever sees either, and a rollback brings the triggers back and takes the
flag away with the rows). Updates and deletes still run their triggers. When the
block ends, the rollups of the doors and people stamped since it began, and of the
doors those people live at, are recomputed by the same SQL the triggers use, and
those people and doors are put in the search indexes (:mod:`fieldapp.core.search`)
in one pass. On PostgreSQL the block does nothing (its trigger functions always run).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import Connection, text

from fieldapp.core import search

PAUSE_KEY = "rollups_paused"

_DOORS = """INSERT OR REPLACE INTO door_rollups (door_id, people_count, last_result, turf_name)
    SELECT d.id,
        (SELECT count(*) FROM people p WHERE p.door_id = d.id AND p.deleted = 0),
        (SELECT a.result_code FROM contact_attempts a
            WHERE a.door_id = d.id AND a.channel = 'door'
              AND NOT EXISTS (SELECT 1 FROM contact_attempts n WHERE n.supersedes_id = a.id)
            ORDER BY a.attempted_at DESC, a.hlc DESC, a.id DESC LIMIT 1),
        (SELECT t.name FROM turfs t WHERE t.id = d.turf_id)
    FROM doors d"""
_DOORS_SINCE = """
    WHERE d.hlc > :mark
       OR d.id IN (SELECT p.door_id FROM people p WHERE p.hlc > :mark)"""
_PEOPLE = """INSERT OR REPLACE INTO person_rollups (person_id, door_sort)
    SELECT p.id, d.street_name || char(31) || CASE WHEN d.house_number IS NULL THEN ''
            ELSE printf('%015d', d.house_number) END || char(31) || d.street_number
            || char(31) || d.unit
    FROM people p LEFT JOIN doors d ON d.id = p.door_id
    WHERE p.hlc > :mark"""

# the triggers the pause silences (their WHEN clause names its key), in schema order
_PAUSED_TRIGGERS = ("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                    "AND sql LIKE :k ORDER BY rowid")


@contextlib.contextmanager
def deferred(connection: Connection) -> Iterator[None]:
    """Recompute the rollups of the rows inserted in the block once, at its end."""
    if connection.dialect.name != "sqlite":
        yield
        return
    mark = int(connection.exec_driver_sql(
        "SELECT max(coalesce((SELECT max(hlc) FROM doors), 0),"
        " coalesce((SELECT max(hlc) FROM people), 0))").scalar() or 0)
    connection.execute(text("INSERT OR REPLACE INTO store_meta (key, value) VALUES (:k, '1')"),
                       {"k": PAUSE_KEY})
    paused = connection.execute(text(_PAUSED_TRIGGERS), {"k": f"%'{PAUSE_KEY}'%"}).all()
    for name, _sql in paused:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    try:
        yield
    finally:
        connection.execute(text("DELETE FROM store_meta WHERE key = :k"), {"k": PAUSE_KEY})
        for _name, sql in paused:
            connection.exec_driver_sql(sql)
    # (into empty tables every door is new: no need to find which)
    connection.execute(text(_DOORS + (_DOORS_SINCE if mark else "")), {"mark": mark})
    connection.execute(text(_PEOPLE), {"mark": mark})
    for base, (keys, *_rest) in search.INDEXES.items():
        after = connection.exec_driver_sql(f"SELECT coalesce(max(n), 0) FROM {keys}").scalar()
        for sql in search.fill_sql(base, "b.hlc > :mark"):
            connection.execute(text(sql), {"mark": mark, "after": after})
