"""Fast executemany INSERTs of plain row dicts, on SQLite and PostgreSQL.

SQLAlchemy's executemany processes every parameter of every row through
generic machinery, which cost about half of a voter-file import. Here one
INSERT is compiled per table and set of keys, each value is converted by its
column type's own bind processor, and plain tuples go straight to the DBAPI
cursor. :func:`fieldapp.core.stamping.bulk_insert` stamps rows and calls this.

:func:`bulk_load` is the store side of a big import on SQLite: a larger page
cache while it runs and, when the tables start empty, the indexes the import
does not look rows up by dropped for the load and built once at the end (one
sorted pass instead of a million scattered inserts into each); those it looks
rows up by only now and then dropped too and built when first asked for.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Column, Connection, Index, Table, insert, select
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)


def insert_rows(
    connection: Connection,
    table: Table,
    rows: list[dict[str, Any]],
    same: dict[str, Any] | None = None,
) -> None:
    """Insert ``rows``; a column a row leaves out gets its default (or NULL).

    ``same`` gives columns whose value is the same for every row (a batch's
    clock stamp and site): converted once and added to each tuple, rather than
    written into every row dict first.
    """
    if not rows:
        return
    given = frozenset().union(*rows)
    same = {k: v for k, v in (same or {}).items() if k not in given}
    plan = _insert_plan(table, connection.dialect, given, tuple(sorted(same)))
    if plan is None:
        # A default the plain path cannot compute (a sequence, a SQL expression):
        # let SQLAlchemy fill it row by row.
        connection.execute(insert(table), [{**row, **same} for row in rows])
        return
    sql, constants = plan.with_constants(plan.convert_same(same))
    _execute(connection, sql, plan.tuples(rows, constants))


def insert_tuples(
    connection: Connection,
    table: Table,
    keys: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    same: dict[str, Any] | None = None,
    *,
    stamp_keys: tuple[str, ...] = (),
    first_stamp: int = 0,
    converted: bool = False,
) -> None:
    """Insert ``rows``, each a tuple of the ``keys`` columns' values in that order.

    No dict per row (a voter import's millions of rows): the tuples only get
    their columns' bind processing (JSON dumped...) and ``same`` and the other
    columns' defaults added. Every key must be a column. The ``stamp_keys``
    columns (a clock stamp) of row *n* get ``first_stamp + n``, added in the
    same step. With ``converted`` the values are already as the driver takes
    them (floats for floats, no JSON to dump...): no bind processing.
    """
    if not rows:
        return
    same = same or {}
    all_keys = (*keys, *stamp_keys)
    plan = _insert_plan(table, connection.dialect, frozenset(all_keys), tuple(sorted(same)),
                        all_keys)
    stamps = range(first_stamp, first_stamp + len(rows))
    if plan is None:
        connection.execute(insert(table), [
            {**dict(zip(keys, row, strict=True)), **dict.fromkeys(stamp_keys, stamp), **same}
            for row, stamp in zip(rows, stamps, strict=True)])
        return
    sql, constants = plan.with_constants(plan.convert_same(same))
    connection.exec_driver_sql(sql, plan.from_tuples(rows, constants, stamps, len(stamp_keys),
                                                     converted=converted))


# The import's page cache: with the non-lookup indexes built after the load the
# working set is the lookup indexes and the pages being appended to (into an empty
# store, the voter-id index and the pages appended to).
# SQLite's sorter building each index at the end takes about as much again: an import
# of 1,000,000 voters peaked at 279 MB of RSS with 64 MB (361 MB with 128 MB), and at
# 311 MB with 64 MB once the import kept its door map (numpy, 11 MB) during the load.
IMPORT_CACHE_KIB = 48 * 1024


@contextlib.contextmanager
def import_cache(connection: Connection) -> Iterator[None]:
    """The import's page cache on ``connection`` (SQLite) for the block, then the one it had."""
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")


class Deferred:
    """What :func:`bulk_load` yields: whether the tables started empty, and a way to
    have a dropped on-demand index built at once (the load is about to look rows
    up by its column)."""

    def __init__(self, connection: Connection | None = None, empty: bool = False) -> None:
        self.connection = connection
        self.empty = empty
        self.later: list[Index] = []  # built when the block ends
        self.on_demand: dict[str, Index] = {}  # "table.column" -> its dropped index

    def require(self, column: Column[Any]) -> None:
        """Build now the on-demand index of ``column`` if it was dropped (else nothing)."""
        index = self.on_demand.pop(f"{column.table.name}.{column.key}", None)
        if index is not None and self.connection is not None:
            index.create(self.connection)
            self.later.remove(index)
            log.info("bulk load: built %s on demand", index.name)


@contextlib.contextmanager
def bulk_load(connection: Connection, tables: Iterable[Table],
              lookups: Iterable[Column[Any]] = (),
              on_demand: Iterable[Column[Any]] = ()) -> Iterator[Deferred]:
    """The store side of a big import into ``tables`` on SQLite (elsewhere: nothing).

    While it runs the connection has the import's page cache (48 MB). If every table is
    empty when it starts, each non-unique index whose first column is not one
    of ``lookups`` (the columns the import finds rows by while it loads) is
    dropped and, when the block ends without an error, built again: one sorted
    pass each instead of scattered inserts row by row. The index of an
    ``on_demand`` column (one the load looks rows up by only now and then) is
    dropped too, and built at once when the caller says it needs it
    (:meth:`Deferred.require`). All inside the caller's transaction: an error or
    a cancel rolls the drops back with the rows.
    """
    if connection.dialect.name != "sqlite":
        yield Deferred()
        return
    tables = list(tables)
    deferred = Deferred(connection)
    with import_cache(connection):
        if all(connection.execute(select(1).select_from(t).limit(1)).first() is None
               for t in tables):
            deferred.empty = True
            deferred.later = _deferrable(tables, {c.key for c in lookups},
                                         {c.table.name for c in lookups})
            wanted = {f"{c.table.name}.{c.key}" for c in on_demand}
            for index in deferred.later:
                first = f"{index.table.name}.{next(iter(index.columns)).key}"  # type: ignore[union-attr]
                if first in wanted:
                    deferred.on_demand[first] = index
                index.drop(connection)
        yield deferred
        for index in list(deferred.later):
            index.create(connection)
        if deferred.later:
            log.info("bulk load: built %s indexes after the load", len(deferred.later))


def _deferrable(tables: list[Table], lookup_keys: set[str], lookup_tables: set[str]) -> list[Index]:
    out = []
    for table in tables:
        for index in sorted(table.indexes, key=lambda ix: str(ix.name)):
            first = next(iter(index.columns), None)
            if index.unique or first is None:
                continue
            if table.name in lookup_tables and first.key in lookup_keys:
                continue
            out.append(index)
    return out


@dataclass(frozen=True)
class _InsertPlan:
    """One compiled INSERT and how to turn row dicts into its parameter tuples.

    SQLAlchemy's executemany processes every parameter of every row through
    generic machinery (about half an import's time); here each column's value
    is fetched, defaulted and converted by the column type's own bind
    processor (JSON dumped, datetimes made naive UTC, booleans made 0/1 where
    the database needs it) and the tuples go straight to the DBAPI cursor.

    Columns come in three groups, in this order: those the rows give
    (``keys``), those no row gives whose default is a constant (converted once:
    ``constants``), and those no row gives whose default is made per row
    (``generated``, e.g. a fresh id).
    """

    sql: str
    keys: tuple[str, ...]
    processors: tuple[tuple[int, Callable[[Any], Any]], ...]
    constants: tuple[Any, ...]
    generated: tuple[Callable[[], Any], ...]
    missing: dict[str, Callable[[], Any]]  # a given column a row leaves out: its default
    extra_keys: bool  # some rows carry keys that are not columns
    same: tuple[tuple[str, Callable[[Any], Any] | None], ...] = ()  # per-call constants
    inline: bool = False  # constants may be written into the statement (SQLite)

    def convert_same(self, values: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(
            (process(values[key]) if process else values[key]) for key, process in self.same)

    def with_constants(self, same: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
        """The INSERT, and the constant values each row binds after its own (``same``,
        then the columns' constant defaults). On SQLite the constants are written
        into the statement when each can be (no bind per row: about half the cost of
        a wide row), and none is left to bind."""
        constants = same + self.constants
        if not self.inline or not constants:
            return self.sql, constants
        key = (self.sql, constants)
        try:
            sql = _INLINED.get(key)
        except TypeError:  # an unhashable constant: bound
            return self.sql, constants
        if sql is None:
            literals = [literal for value in constants if (literal := _literal(value)) is not None]
            if len(literals) != len(constants):
                return self.sql, constants
            marks = ["?"] * len(self.keys) + literals + ["?"] * len(self.generated)
            sql = f"{self.sql.partition(' VALUES ')[0]} VALUES ({', '.join(marks)})"
            if len(_INLINED) > 256:
                _INLINED.clear()
            _INLINED[key] = sql
        return sql, ()

    def tuples(self, rows: list[dict[str, Any]], constants: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """The parameters of ``rows``; ``constants`` as :meth:`with_constants` gives."""
        keys = self.keys
        width = len(keys)
        fetch = itemgetter(*keys) if width else None
        check = self.extra_keys
        out: list[tuple[Any, ...]] = []
        for row in rows:
            # Unless extra keys were given, every key of a row is one of
            # ``keys``: a row of full width lacks nothing.
            if len(row) != width or check:
                row = {k: row[k] if k in row else self._fill(k) for k in keys}
            if width > 1:
                values = fetch(row)  # type: ignore[misc]
            elif width:
                values = (fetch(row),)  # type: ignore[misc]
            else:
                values = ()
            out.append(self._finish(values, (), constants))
        return out

    def from_tuples(self, rows: list[tuple[Any, ...]], constants: tuple[Any, ...] = (),
                    stamps: range = range(0), copies: int = 0, *,
                    converted: bool = False) -> list[tuple[Any, ...]]:
        """The parameters of rows given as tuples in ``keys`` order, each followed by
        ``copies`` times its stamp from ``stamps`` (one tuple built per row), then
        ``constants`` (as :meth:`with_constants` gives); ``converted``: no processing."""
        processors, generated = () if converted else self.processors, self.generated
        if not processors and not generated:
            if copies == 2:
                return [(*row, s, s, *constants) for row, s in zip(rows, stamps, strict=True)]
            if copies == 1:
                return [(*row, s, *constants) for row, s in zip(rows, stamps, strict=True)]
            if not copies:
                return [row + constants for row in rows] if constants else rows
        if not copies:
            return [self._finish(row, (), constants, processors) for row in rows]
        return [self._finish(row, (stamps[n],) * copies, constants, processors)
                for n, row in enumerate(rows)]

    def _finish(self, values: tuple[Any, ...], stamps: tuple[Any, ...],
                constants: tuple[Any, ...],
                processors: tuple[tuple[int, Callable[[Any], Any]], ...] | None = None,
                ) -> tuple[Any, ...]:
        """One row's parameters: ``values`` through the column processors, then its
        stamps, the constants and the generated defaults."""
        processors = self.processors if processors is None else processors
        if processors:
            listed = list(values)
            for index, process in processors:
                listed[index] = process(listed[index])
            values = tuple(listed)
        values += stamps
        if constants:
            values += constants
        if self.generated:
            values += tuple(make() for make in self.generated)
        return values

    def _fill(self, key: str) -> Any:
        make = self.missing.get(key)
        return make() if make is not None else None


_PlanKey = tuple[int, str, frozenset[str], tuple[str, ...], tuple[str, ...]]
_PLANS: dict[_PlanKey, _InsertPlan | None] = {}


def _insert_plan(table: Table, dialect: Dialect, given: frozenset[str],
                 same: tuple[str, ...] = (), order: tuple[str, ...] = ()) -> _InsertPlan | None:
    """The plan for rows giving the ``given`` columns (in ``order`` when rows are
    tuples; in table order when they are dicts)."""
    cache_key = (id(table), f"{dialect.name}+{dialect.driver}:{dialect.paramstyle}", given, same,
                 order)
    if cache_key not in _PLANS:
        _PLANS[cache_key] = _make_plan(table, dialect, given, same, order)
    return _PLANS[cache_key]


def _make_plan(table: Table, dialect: Dialect, given: frozenset[str],
               same: tuple[str, ...] = (), order: tuple[str, ...] = ()) -> _InsertPlan | None:
    if dialect.paramstyle == "qmark":
        mark = "?"
    elif dialect.paramstyle in ("format", "pyformat"):
        mark = "%s"
    else:  # a named or numeric driver: leave it to SQLAlchemy
        return None
    processors: dict[str, Callable[[Any], Any]] = {}
    for column in table.columns:
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors[column.key] = (
                _reuse_empty(process) if isinstance(column.type, JSON) else process
            )
    given_columns, constant_columns, generated_columns = [], [], []
    constants: list[Any] = []
    generated: list[Callable[[], Any]] = []
    missing: dict[str, Callable[[], Any]] = {}
    same_columns = [table.c[key] for key in same]
    for column in table.columns:
        if column.key in same:
            continue
        maker = None
        if column.default is not None:
            maker = _default_maker(column.default)
            if maker is None:
                return None
        if column.key in given:
            given_columns.append(column)
            if maker is not None:
                missing[column.key] = maker
        elif maker is None:
            continue  # NULL, or the server default
        elif getattr(column.default, "is_scalar", False):
            constant_columns.append(column)
            value = maker()
            convert = processors.get(column.key)
            constants.append(convert(value) if convert else value)
        else:
            generated_columns.append(column)
            convert = processors.get(column.key)
            generated.append(_processed(maker, convert) if convert else maker)
    if order:
        if len(given_columns) != len(order):
            raise ValueError(f"not columns of {table.name}: {sorted(given - set(table.c.keys()))}")
        given_columns.sort(key=lambda c: order.index(c.key))
    columns = given_columns + same_columns + constant_columns + generated_columns
    quote = dialect.identifier_preparer
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote.format_table(table),
        ", ".join(quote.format_column(c) for c in columns),
        ", ".join([mark] * len(columns)),
    )
    return _InsertPlan(
        sql=sql,
        keys=tuple(c.key for c in given_columns),
        processors=tuple(
            (i, processors[c.key]) for i, c in enumerate(given_columns) if c.key in processors
        ),
        constants=tuple(constants),
        generated=tuple(generated),
        missing=missing,
        # Keys that are not columns are ignored, as SQLAlchemy's executemany ignores them.
        extra_keys=bool(given - {c.key for c in table.columns}),
        same=tuple((c.key, processors.get(c.key)) for c in same_columns),
        inline=dialect.name == "sqlite",
    )


_INLINED: dict[tuple[str, tuple[Any, ...]], str] = {}  # (statement, constants) -> inlined


def _literal(value: Any) -> str | None:
    """A constant as an SQLite literal, or None where it is better bound (a float, whose
    text SQLite may read back a bit off; bytes; a string with a NUL)."""
    if value is None:
        return "NULL"
    if type(value) is bool:
        return "1" if value else "0"
    if type(value) is int:
        return str(value)
    if type(value) is str and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"
    return None


def _processed(make: Callable[[], Any], process: Callable[[Any], Any]) -> Callable[[], Any]:
    return lambda: process(make())


def _default_maker(default: Any) -> Callable[[], Any] | None:
    """A no-argument function giving a column default's value, if it is a plain one."""
    if getattr(default, "is_scalar", False):
        value = default.arg
        return lambda: value
    if getattr(default, "is_callable", False):
        fn = default.arg  # SQLAlchemy wraps it to take an execution context
        return lambda: fn(None)
    return None


def _reuse_empty(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A JSON bind processor that dumps ``{}`` and ``[]`` once, not once a row."""
    empty: dict[type, Any] = {dict: process({}), list: process([])}

    def dump(value: Any) -> Any:
        if not value and type(value) in empty:
            return empty[type(value)]
        return process(value)

    return dump


# From this many rows on, PostgreSQL gets the rows through COPY: one stream instead of a
# bind and execute per row, about a third less work for the importer and the server.
COPY_MIN_ROWS = 10


def _execute(connection: Connection, sql: str, tuples: list[tuple[Any, ...]]) -> None:
    """Run a compiled INSERT for every tuple: COPY on PostgreSQL, executemany elsewhere."""
    if connection.dialect.name != "postgresql" or len(tuples) < COPY_MIN_ROWS:
        connection.exec_driver_sql(sql, tuples)
        return
    head, _, _ = sql.partition(" VALUES ")  # INSERT INTO t (a, b) -> COPY t (a, b) FROM STDIN
    copy_sql = "COPY " + head.removeprefix("INSERT INTO ") + " FROM STDIN"
    dbapi = connection.dialect.loaded_dbapi
    raw: Any = connection.connection.driver_connection
    try:
        with raw.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for values in tuples:
                copy.write_row(values)
    except dbapi.Error as exc:  # as SQLAlchemy would raise it (IntegrityError...)
        raise DBAPIError.instance(copy_sql, None, exc, dbapi.Error, dialect=connection.dialect) from exc
