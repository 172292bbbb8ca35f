"""The one place that stamps writes.

Every flush of a session opened by :class:`fieldapp.core.db.Store` passes
through :func:`_stamp_flush`: new synced rows get a fresh clock stamp and the
site id, changed mutable rows get a stamp on each changed field, append-only
facts refuse changes, and deleting a synced row is refused (set ``deleted``
to leave a tombstone instead). Callers never stamp by hand.

The sync merge writes rows that already carry their clocks; it opens its
session with ``info["merging"] = True`` so that nothing is re-stamped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Protocol, cast

from sqlalchemy import JSON, Table, bindparam, event, insert, inspect, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session, UOWTransaction

from fieldapp.core.hlc import HybridLogicalClock, format_hlc
from fieldapp.core.models import Fact, Mutable, StoreMeta, Synced
from fieldapp.errors import FieldAppError


class StampSource(Protocol):
    site_id: str
    clock: HybridLogicalClock


class AppendOnlyError(FieldAppError):
    """An append-only fact was changed or a synced row was hard-deleted."""


def field_clock(stamp: int, site_id: str) -> str:
    """How one field's clock is written in ``Mutable.clocks``."""
    return f"{format_hlc(stamp)}:{site_id}"


def parse_field_clock(text: str) -> tuple[int, str]:
    stamp, _, site = text.partition(":")
    return int(stamp, 16), site


def stamp_new(obj: Synced, stamp: int, site_id: str) -> None:
    obj.hlc = stamp
    obj.site_id = site_id
    if isinstance(obj, Mutable):
        obj.born_hlc = stamp
        obj.born_site = site_id
        obj.clocks = {}
        if obj.deleted is None:
            obj.deleted = False


def changed_fields(obj: Mutable) -> list[str]:
    state = inspect(obj)
    changed = []
    for key in type(obj).data_fields():
        if state.attrs[key].history.has_changes():
            changed.append(key)
    return changed


@event.listens_for(Session, "before_flush")
def _stamp_flush(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    source: StampSource | None = session.info.get("store")
    if source is None or session.info.get("merging"):
        return
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise AppendOnlyError(
                f"{type(obj).__tablename__} rows are never deleted: "
                "set deleted=True to leave a tombstone"
            )
    stamped = False
    for obj in session.new:
        if isinstance(obj, Synced):
            stamp_new(obj, source.clock.now(), source.site_id)
            stamped = True
    for obj in session.dirty:
        if not isinstance(obj, Synced) or not session.is_modified(obj):
            continue
        if isinstance(obj, Fact):
            raise AppendOnlyError(
                f"{type(obj).__tablename__} are append-only: record a correction that "
                "supersedes the old one instead of changing it"
            )
        assert isinstance(obj, Mutable)
        fields = changed_fields(obj)
        if not fields:
            continue
        stamp = source.clock.now()
        clocks = dict(obj.clocks or {})
        for key in fields:
            clocks[key] = field_clock(stamp, source.site_id)
        obj.clocks = clocks
        obj.hlc = stamp
        obj.site_id = source.site_id
        stamped = True
    if stamped:
        session.connection().execute(
            update(StoreMeta)
            .where(StoreMeta.key == "hlc_last")
            .values(value=str(source.clock.last))
        )


def stamp_row(model: type[Synced], row: dict[str, Any], stamp: int, site_id: str) -> None:
    """Stamp a row dict for a bulk insert as a new record (same as a new object)."""
    row["hlc"] = stamp
    row["site_id"] = site_id
    if issubclass(model, Mutable):
        row["born_hlc"] = stamp
        row["born_site"] = site_id
        row["clocks"] = {}
        row.setdefault("deleted", False)


def bulk_insert(session: Session, model: type[Synced], rows: list[dict[str, Any]]) -> None:
    """Insert many new records at once, stamped by the session's store.

    For imports and seeding where building ORM objects would be too slow.
    Rows may differ in which keys they give: a column a row leaves out gets
    the column's default (or NULL), as an ORM insert would.
    """
    source: StampSource | None = session.info.get("store")
    if source is None:
        raise RuntimeError("bulk_insert needs a session opened by a Store")
    if not rows:
        return
    if not session.info.get("merging"):
        for row in rows:
            stamp_row(model, row, source.clock.now(), source.site_id)
        session.connection().execute(
            update(StoreMeta)
            .where(StoreMeta.key == "hlc_last")
            .values(value=str(source.clock.last))
        )
    table = cast(Table, model.__table__)
    connection = session.connection()
    plan = _insert_plan(table, connection.dialect, frozenset().union(*rows))
    if plan is None:
        # A default the plain path cannot compute (a sequence, a SQL expression):
        # let SQLAlchemy fill it row by row.
        connection.execute(insert(table), rows)
        return
    connection.exec_driver_sql(plan.sql, plan.tuples(rows))


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

    def tuples(self, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        keys, processors, constants, generated = (
            self.keys, self.processors, self.constants, self.generated)
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
            if processors:
                listed = list(values)
                for index, process in processors:
                    listed[index] = process(listed[index])
                values = tuple(listed)
            if constants:
                values += constants
            if generated:
                values += tuple(make() for make in generated)
            out.append(values)
        return out

    def _fill(self, key: str) -> Any:
        make = self.missing.get(key)
        return make() if make is not None else None


_PLANS: dict[tuple[int, str, frozenset[str]], _InsertPlan | None] = {}


def _insert_plan(table: Table, dialect: Dialect, given: frozenset[str]) -> _InsertPlan | None:
    cache_key = (id(table), f"{dialect.name}+{dialect.driver}:{dialect.paramstyle}", given)
    if cache_key not in _PLANS:
        _PLANS[cache_key] = _make_plan(table, dialect, given)
    return _PLANS[cache_key]


def _make_plan(table: Table, dialect: Dialect, given: frozenset[str]) -> _InsertPlan | None:
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
    for column in table.columns:
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
    columns = given_columns + constant_columns + generated_columns
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
    )


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


def bulk_update(
    session: Session, model: type[Mutable], changes: dict[str, dict[str, Any]]
) -> int:
    """Set fields on many existing records at once, stamped like an ORM update.

    ``changes`` maps a record id to ``{field: value}``. Each changed field gets
    its own clock in ``clocks`` (so a sync merge keeps the newest value), and
    the record's ``hlc``/``site_id`` move on; values that are already equal are
    left alone. Returns how many records changed. For turf assignment and
    imports, where loading thousands of ORM objects would be too slow. ORM
    objects of these records already loaded in the session are not refreshed.
    """
    source: StampSource | None = session.info.get("store")
    if source is None:
        raise RuntimeError("bulk_update needs a session opened by a Store")
    if session.info.get("merging"):
        raise RuntimeError("bulk_update stamps writes; the sync merge writes rows itself")
    if not changes:
        return 0
    fields = sorted({key for values in changes.values() for key in values})
    allowed = set(model.data_fields())
    for key in fields:
        if key not in allowed:
            raise ValueError(f"{model.__tablename__} has no data field {key!r}")
    table = cast(Table, model.__table__)
    columns = [table.c.id, table.c.clocks, *(table.c[k] for k in fields)]
    ids = sorted(changes)
    params: list[dict[str, Any]] = []
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for row in session.connection().execute(select(*columns).where(table.c.id.in_(chunk))):
            current = row._mapping
            wanted = changes[current["id"]]
            changed = {k: v for k, v in wanted.items() if current[k] != v}
            if not changed:
                continue
            stamp = source.clock.now()
            clocks = dict(current["clocks"] or {})
            for key in changed:
                clocks[key] = field_clock(stamp, source.site_id)
            values = {k: current[k] for k in fields}
            values.update(changed)
            params.append(
                {"b_id": current["id"], "clocks": clocks, "hlc": stamp,
                 "site_id": source.site_id, **values}
            )
    if not params:
        return 0
    stmt = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values({k: bindparam(k) for k in ["clocks", "hlc", "site_id", *fields]})
    )
    session.connection().execute(stmt, params)
    session.connection().execute(
        update(StoreMeta).where(StoreMeta.key == "hlc_last").values(value=str(source.clock.last))
    )
    return len(params)
