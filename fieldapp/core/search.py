"""Trigram text indexes for the people and doors searches (migration 0009).

A search word of 3 characters or more is looked up in an FTS5 table with the
trigram tokenizer (``person_search``, ``door_search``), which finds the rows
holding that piece of text without reading every row. The index folds case
more widely than ``LIKE`` (every alphabet, not only ASCII), so it finds a
superset of the rows ``LIKE '%word%'`` finds; the caller keeps its ``LIKE``
conditions on those rows, and the result is exactly what ``LIKE`` alone gave.
A shorter word has no trigram: it stays a plain ``LIKE``.

A phone is indexed by its digits alone (:func:`phone_digits_sql`, migration
0011): a search for ``5550042`` finds ``414-555-0042`` and ``(414) 555-0042``,
and the ``LIKE`` condition compares the same digits (:func:`phone_digits`).

Each index is contentless, keyed by a local table that gives each row a stable
integer (``person_search_keys``, ``door_search_keys``), and kept by triggers in
the same transaction as every write. A bulk insert inside
:func:`fieldapp.core.rollups.deferred` leaves its new rows to :func:`fill_sql`,
run once at the end of the block. Local, derived data: never synced. SQLite
only; on PostgreSQL (HQ) the searches keep their ``LIKE`` conditions.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from sqlalchemy import Connection, column, func, select, table, text
from sqlalchemy.sql.elements import ColumnElement

#: base table -> (keys table, key column, index table, indexed columns)
INDEXES: dict[str, tuple[str, str, str, list[str]]] = {
    "people": ("person_search_keys", "person_id", "person_search",
               ["first_name", "last_name", "email", "phone"]),
    "doors": ("door_search_keys", "door_id", "door_search", ["address_key", "zip"]),
}

#: Shortest word the trigram index can find.
MIN_LENGTH = 3

#: Most candidates a search reads through the index. The table then sorts them
#: (a few milliseconds); a word found in more rows than this (a common surname)
#: reads the sorted table index instead, whose first window fills early.
INDEX_LIMIT = 10_000

#: Most spellings of a word's start (:func:`starts`) read as ranges of a sort index.
MAX_STARTS = 64

# What the index's case folding (SQLite FTS5, Unicode, no diacritics removed) maps onto
# an ASCII letter besides its two cases: the Kelvin sign and the long s. Nothing else
# folds into ASCII.
_FOLDED_INTO = {"k": "\u212a", "s": "\u017f"}

#: What a phone is written with besides its digits; searches compare the phone without them.
PHONE_PUNCTUATION = " -().+/"


def phone_digits_sql(expression: str) -> str:
    """SQL for the phone ``expression`` without its punctuation (what the index holds)."""
    for mark in PHONE_PUNCTUATION:
        expression = f"replace({expression}, '{mark}', '')"
    return expression


def phone_digits(expression: Any) -> ColumnElement[Any]:
    """:func:`phone_digits_sql` as a SQLAlchemy expression (SQLite and PostgreSQL alike)."""
    for mark in PHONE_PUNCTUATION:
        expression = func.replace(expression, mark, "")
    return expression  # type: ignore[no-any-return]


#: What the index holds of a column, when not the column itself.
_INDEXED_AS = {"phone": phone_digits_sql}

_NOT_PAUSED = "NOT EXISTS (SELECT 1 FROM store_meta WHERE key = 'rollups_paused')"


def _values(prefix: str, columns: list[str], *, as_written: bool = False) -> str:
    """The indexed values of ``columns`` of the row ``prefix`` (NEW, OLD, an alias);
    ``as_written``: the columns themselves (the index of migration 0009)."""
    return ", ".join(f"{prefix}.{c}" if as_written else _INDEXED_AS.get(c, str)(f"{prefix}.{c}")
                     for c in columns)


def statements(base: str, *, as_written: bool = False) -> tuple[list[str], dict[str, str]]:
    """The tables and the triggers (name -> body) of the search index of ``base``
    (``as_written``: as migration 0009 made them, phones with their punctuation)."""
    keys, key, fts, columns = INDEXES[base]
    names = ", ".join(columns)
    tables = [
        f"CREATE TABLE {keys} (n INTEGER NOT NULL PRIMARY KEY, {key} VARCHAR(36) NOT NULL)",
        f"CREATE UNIQUE INDEX ux_{keys}_{key} ON {keys} ({key})",
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='', columnsize=0, tokenize='trigram')",
    ]
    add = (f"INSERT INTO {fts} (rowid, {names}) SELECT k.n, "
           f"{_values('NEW', columns, as_written=as_written)} "
           f"FROM {keys} k WHERE k.{key} = NEW.id;")
    remove = (f"INSERT INTO {fts} ({fts}, rowid, {names}) SELECT 'delete', k.n, "
              f"{_values('OLD', columns, as_written=as_written)} FROM {keys} k "
              f"WHERE k.{key} = OLD.id;")
    triggers = {
        f"tr_{fts}_insert": f"""AFTER INSERT ON {base} WHEN {_NOT_PAUSED} BEGIN
            INSERT INTO {keys} ({key}) VALUES (NEW.id);
            {add}
        END""",
        # A row inserted while the triggers are paused has no key yet: nothing
        # to change here, the bulk pass indexes its final values.
        f"tr_{fts}_update": f"""AFTER UPDATE OF {names} ON {base} BEGIN
            {remove}
            {add}
        END""",
        f"tr_{fts}_delete": f"""AFTER DELETE ON {base} BEGIN
            {remove}
            DELETE FROM {keys} WHERE {key} = OLD.id;
        END""",
    }
    return tables, triggers


def fill_sql(base: str, where: str, *, as_written: bool = False) -> list[str]:
    """Give a key to, and index, the rows of ``base`` (alias ``b``) matching ``where``
    that have none yet; the second statement takes ``:after``, the greatest key
    before the first ran."""
    keys, key, fts, columns = INDEXES[base]
    return [
        f"INSERT INTO {keys} ({key}) SELECT b.id FROM {base} b WHERE ({where}) "
        f"AND NOT EXISTS (SELECT 1 FROM {keys} k WHERE k.{key} = b.id)",
        f"INSERT INTO {fts} (rowid, {', '.join(columns)}) SELECT k.n, "
        f"{_values('b', columns, as_written=as_written)} "
        f"FROM {keys} k JOIN {base} b ON b.id = k.{key} WHERE k.n > :after",
    ]


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _part(columns: str, word: str) -> str:
    """``word`` in ``columns``. The index finds a phrase at the pace of its most
    common piece: a phone's first digits (area code, exchange) are in thousands of
    phones, its last four in few, so a number is first looked for by its last four
    (the same rows: the number holds them)."""
    found = f"{{{columns}}} : {_phrase(word)}"
    if len(word) > 4 and word.isascii() and word.isdigit():
        return f"({{{columns}}} : {_phrase(word[-4:])} AND {found})"
    return found


def match_expression(words: list[list[tuple[list[str], str]]]) -> str | None:
    """An FTS5 query: every group holds, a group being its word in one of its columns.

    ``words`` is a list of alternatives per search word: ``[(columns, word), ...]``
    lists of which each must match (words shorter than :data:`MIN_LENGTH` are left
    out: the caller's ``LIKE`` decides them). None when no word is long enough.
    """
    groups = []
    for alternatives in words:
        parts = [_part(" ".join(cols), w) for cols, w in alternatives]
        if not parts or any(len(w) < MIN_LENGTH for _cols, w in alternatives):
            continue
        groups.append("(" + " OR ".join(parts) + ")")
    return " AND ".join(groups) if groups else None


def matching_ids(base: str, expression: str) -> Any:
    """The ids of the rows of ``base`` the index finds for ``expression`` (a subquery)."""
    keys, key, fts, _columns = INDEXES[base]
    index = table(fts, column("rowid"))
    keyed = table(keys, column("n"), column(key))
    found = select(index.c.rowid).where(text(f"{fts} MATCH :expr").bindparams(expr=expression))
    return select(keyed.c[key]).where(keyed.c.n.in_(found))


def candidates(connection: Connection, base: str, expression: str, limit: int) -> int:
    """How many rows (up to ``limit + 1``) the index finds for ``expression``:
    reads the index alone, never the rows."""
    if connection.dialect.name != "sqlite":
        return limit + 1
    fts = INDEXES[base][2]
    return int(connection.exec_driver_sql(
        f"SELECT count(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH ? LIMIT ?)",
        (expression, limit + 1)).scalar() or 0)


def starts(word: str) -> list[str] | None:
    """Every text the index takes for ``word`` (ASCII), in binary order: each letter in
    both cases (and what folds into it). A row whose column starts with one of
    them is what ``^word`` finds in that column. None for a word that is not
    ASCII (``LIKE`` and the index fold other letters differently) or has more than
    :data:`MAX_STARTS` spellings."""
    if not word.isascii():
        return None
    options = [sorted({ch, ch.lower(), ch.upper(), *_FOLDED_INTO.get(ch.lower(), "")})
               for ch in word]
    if math.prod(len(o) for o in options) > MAX_STARTS:
        return None
    return sorted("".join(p) for p in itertools.product(*options))


def longest_start(word: str) -> tuple[str, list[str]] | None:
    """The longest start of ``word`` (:data:`MIN_LENGTH` characters or more) that has
    few enough spellings, and those spellings; None when there is none."""
    for size in range(len(word), MIN_LENGTH - 1, -1):
        spellings = starts(word[:size])
        if spellings is not None:
            return word[:size], spellings
    return None


def after(start: str) -> str:
    """The least text greater than every text that begins with ``start`` (binary order)."""
    return start[:-1] + chr(ord(start[-1]) + 1)


def not_starting(expression: str, column_name: str, start: str) -> str:
    """``expression``, less the rows whose ``column_name`` starts with ``start``."""
    return f"({expression}) NOT ({{{column_name}}} : ^{_phrase(start)})"


def found_ids(connection: Connection, base: str, expression: str, limit: int) -> list[str] | None:
    """The ids of the rows the index finds for ``expression``, or None when more than
    ``limit``: reads the index and the keys, never the rows."""
    keys, key, fts, _columns = INDEXES[base]
    ids = [row[0] for row in connection.exec_driver_sql(
        f"SELECT k.{key} FROM {keys} k WHERE k.n IN "
        f"(SELECT rowid FROM {fts} WHERE {fts} MATCH ? LIMIT ?)", (expression, limit + 1))]
    return None if len(ids) > limit else ids


def some_ids(connection: Connection, base: str, expression: str, limit: int) -> list[str]:
    """The ids of up to ``limit`` rows the index finds for ``expression`` (the first
    keys it holds: a sample, in no useful order)."""
    keys, key, fts, _columns = INDEXES[base]
    return [row[0] for row in connection.exec_driver_sql(
        f"SELECT k.{key} FROM {keys} k WHERE k.n IN "
        f"(SELECT rowid FROM {fts} WHERE {fts} MATCH ? LIMIT ?)", (expression, limit))]


def trigrams(word: str) -> list[str]:
    """The pieces of 3 characters of ``word`` as the index keeps them (folded: ASCII only)."""
    folded = word.lower()
    return [folded[i:i + 3] for i in range(len(folded) - 2)]


def rows_holding(connection: Connection, base: str, trigram: str) -> int:
    """How many rows of ``base`` hold ``trigram`` (folded) in any indexed column: the
    index's own count (an fts5vocab table, made for the connection), read without
    reading the rows or matching a phrase."""
    fts = INDEXES[base][2]
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{fts}_vocab USING fts5vocab(main, {fts}, row)")
    return int(connection.exec_driver_sql(
        f"SELECT doc FROM temp.{fts}_vocab WHERE term = ?", (trigram,)).scalar() or 0)


def total_keys(connection: Connection, base: str) -> int:
    """About how many rows ``base`` has (its greatest search key; never less)."""
    keys = INDEXES[base][0]
    return int(connection.exec_driver_sql(f"SELECT max(n) FROM {keys}").scalar() or 0)


def start_counts(connection: Connection, table_name: str, column_name: str,
                 spellings: list[str]) -> list[int]:
    """How many rows of ``table_name`` (deleted ones too) have ``column_name`` starting
    with each of ``spellings``: ranges of an index on the column, counted in one query."""
    one = f"(SELECT count(*) FROM {table_name} WHERE {column_name} >= ? AND {column_name} < ?)"
    row = connection.exec_driver_sql(
        "SELECT " + ", ".join([one] * len(spellings)),
        tuple(v for s in spellings for v in (s, after(s)))).one()
    return [int(n) for n in row]
