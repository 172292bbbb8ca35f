"""Big reads straight through the driver's own cursor.

SQLAlchemy builds a row object per row (and runs each column's result
processor), which for 100,000 doors costs more than the query. The few reads
that return a whole table's worth of values go through here instead: plain
tuples, values as the driver gives them (times as ISO text on SQLite).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection


def plain_rows(conn: Connection, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows as plain tuples (``?`` marks the parameters on every database)."""
    if conn.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()  # type: ignore[no-any-return]
    finally:
        cursor.close()


def json_array(conn: Connection, expr: str, *, where: str | None = None,
               order: str | None = None) -> str:
    """An aggregate that gives the values of ``expr`` as the text of one JSON array.

    Every such aggregate of one SELECT lists the rows in the same order, so
    several of them are parallel columns. ``where`` keeps some rows only (a
    FILTER clause); ``order`` is the order PostgreSQL lists them in (SQLite
    feeds every aggregate of a query the same rows in one pass).
    """
    keep = f" FILTER (WHERE {where})" if where else ""
    if conn.dialect.name == "postgresql":
        by = f" ORDER BY {order}" if order else ""
        return f"COALESCE((json_agg({expr}{by}){keep})::text, '[]')"
    return f"json_group_array({expr}){keep}"
