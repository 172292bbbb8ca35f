"""Table models that keep ids and load rows lazily, for tables of any size.

The shape follows Anki's browser table model (``qt/aqt/browser/table/model.py``),
windowed so that a million rows cost no more than a thousand: the model asks
for the first window of ids, then, apart and only when that window is full,
for the number of matching rows (``SELECT count(*) ... WHERE <search>``, on the
database worker), and for the ids of other windows only when the view shows them
(``SELECT id ... WHERE <search> ORDER BY <column>, id LIMIT n OFFSET k``);
the values shown in a row are fetched a page at a time too, and both are kept
in bounded caches. Searching and sorting happen in SQL, and each sortable
column of the big tables has an index in its sort order, so opening, sorting
and searching read the count and the first window, never every id.

To make a table, describe it with a :class:`RowSource`::

    class TurfSource(RowSource):
        def columns(self):
            return [Column("name", tr("Name"), sort=[Turf.name]), ...]
        def id_query(self, search):
            return select(Turf.id).where(Turf.deleted.is_(False))
        def fetch(self, session, ids):
            return {row.id: (row.name, ...) for row in session.execute(...)}

    model = LazyTableModel(ctx.store, TurfSource(), tasks=ctx.tasks)
    view.setModel(model); view.setSortingEnabled(True)

and call :meth:`LazyTableModel.refresh` when ``ctx.store_changed`` names the
table. The model counts its queries (:attr:`LazyTableModel.stats`) so tests can
check that scrolling does not fetch every row.

A window far down a big table is found with OFFSET, which steps over the rows
before it in the index (about a tenth of a second per 500,000); windows next
to a loaded one are as quick as the first.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from fieldapp.core.db import Store
from fieldapp.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

IdRole = Qt.ItemDataRole.UserRole + 1
"""``index.data(IdRole)``: the id of the row's record."""
SortValueRole = Qt.ItemDataRole.UserRole + 2
"""``index.data(SortValueRole)``: the raw value behind the displayed text."""

_Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


@dataclass
class Column:
    """One column: its title and how to order by it in SQL.

    ``sort`` is a list of SQL expressions for ORDER BY (ascending; the model
    flips them for descending); an empty list makes the column unsortable.
    ``fmt`` turns the fetched value into the displayed text (default: ``str``,
    ``None`` shows as empty). A value kept in another table (a door's people
    count in ``door_rollups``) names it in ``join``: ``(table, on clause)``,
    joined to the id query when sorting by the column, and ``tiebreak``
    replaces the source's so that the order matches that table's index.
    ``windowed=False`` marks an order no index can give: sorted that way, the
    model reads every id in one query, as re-sorting for each window would
    cost more.
    """

    key: str
    title: str
    sort: list[Any] = field(default_factory=list)
    align: Qt.AlignmentFlag = LEFT
    fmt: Callable[[Any], str] | None = None
    tooltip: str = ""
    windowed: bool = True
    join: tuple[Any, Any] | None = None
    tiebreak: list[Any] | None = None


class RowSource:
    """What a lazy table shows: columns, the id query and the row fetch."""

    #: The column sorted by when the table first opens, and its order.
    default_sort_column = 0
    default_sort_order = Qt.SortOrder.AscendingOrder

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def id_query(self, search: str) -> Select[Any]:
        """``SELECT <model>.id`` filtered by ``search``; the model adds ORDER BY."""
        raise NotImplementedError

    def tiebreak(self) -> list[Any]:
        """Expressions that make the order total (usually the id column)."""
        return []

    def prepare_search(self, session: Session, search: str) -> None:
        """Look at ``search`` in the store before its queries are built (which
        path :meth:`id_query` takes); called on each refresh with a search."""

    def first_window(self, session: Session, column: Column | None, descending: bool,
                     search: str, size: int) -> list[str] | None:
        """The first ``size`` ids in order, when the source has a quicker way to them
        than the window query (the same ids); None: the model reads the window query."""
        return None

    def fetch(self, session: Session, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        """The values of ``ids`` (one tuple per id, one value per column)."""
        raise NotImplementedError

    def role_data(self, role: int, column: int, values: tuple[Any, ...]) -> Any:
        """Extra roles (foreground, icons...) for one cell; ``None`` for none."""
        return None


def sorted_id_query(source: RowSource, column: Column | None, search: str = "", *,
                    descending: bool = False) -> Select[Any]:
    """The ids matching ``search`` in ``column``'s order (its rollup table joined when it
    has one), the tiebreak following the direction so one index serves both."""
    query = source.id_query(search)
    if column is not None and column.sort and column.join is not None:
        query = query.join(*column.join)
    return query.order_by(*order_by(source, column, descending=descending))


def order_by(source: RowSource, column: Column | None, *, descending: bool = False) -> list[Any]:
    """The ORDER BY terms for ``column`` (none: the source's tiebreak alone)."""
    if column is None or not column.sort:
        return list(source.tiebreak())
    tiebreak = source.tiebreak() if column.tiebreak is None else column.tiebreak
    return [e.desc() if descending else e.asc() for e in [*column.sort, *tiebreak]]


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, float):  # numbers in the interface language ("1,234.5" / "1234,5")
        return QLocale().toString(value, "f", 1)
    if isinstance(value, int):
        return QLocale().toString(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


@dataclass
class FetchStats:
    """How much the model has asked the database (tests assert on these)."""

    id_queries: int = 0  # first windows (one per refresh)
    counts: int = 0  # counts taken apart (only when the first window is full)
    window_fetches: int = 0  # windows of ids
    page_fetches: int = 0  # pages of row values
    rows_fetched: int = 0


class LazyTableModel(QAbstractTableModel):
    """A count, and windows of ids in sort order; row values fetched when shown."""

    PAGE = 100
    WINDOW = 500  # ids per window query
    CACHE_LIMIT = 5000
    WINDOW_LIMIT = 40  # windows of ids kept

    def __init__(self, store: Store, source: RowSource, parent: Any = None,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.tasks = tasks
        #: Queries slower than this (ms) move to the worker thread next time.
        self.async_after_ms = 50.0
        self.last_query_ms = 0.0
        self.loading = False
        #: True from a full first window until its count is in (the row count is short).
        self.counting = False
        self._generation = 0
        self.source = source
        self._columns = source.columns()
        self._count = 0
        self._windows: dict[int, list[str]] = {}
        self._cache: dict[str, tuple[Any, ...]] = {}
        self._search = ""
        self._sort_column = source.default_sort_column
        self._sort_order = source.default_sort_order
        self.stats = FetchStats()
        self._loaded = False

    # ------------------------------------------------------------ state

    @property
    def search_text(self) -> str:
        return self._search

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def ids(self) -> list[str]:
        """Every id in the current order (one query over all matching rows)."""
        with self.store.session() as session:
            return [row[0] for row in session.execute(self._id_query())]

    def id_at(self, row: int) -> str | None:
        if not 0 <= row < self._count:
            return None
        window = self._window(row // self.WINDOW)
        offset = row % self.WINDOW
        return window[offset] if offset < len(window) else None

    def row_of(self, record_id: str) -> int:
        """The row showing ``record_id``, or -1.

        A loaded window answers at once; otherwise the database numbers the
        rows in order up to this one (a scan of the index up to its place).
        """
        for number, window in self._windows.items():
            if record_id in window:
                return number * self.WINDOW + window.index(record_id)
        ordered = self._id_query().add_columns(
            func.row_number().over(order_by=self._order()).label("n")).subquery()
        with self.store.session() as session:
            found = session.execute(
                select(ordered.c.n).where(ordered.c[ordered.c.keys()[0]] == record_id)
            ).scalar()
        return -1 if found is None else int(found) - 1

    def values_at(self, row: int) -> tuple[Any, ...] | None:
        """The fetched values of a row (fetching its page if needed)."""
        record_id = self.id_at(row)
        if record_id is None:
            return None
        return self._row(row, record_id)

    # ------------------------------------------------------------ loading

    def _sorted_by(self) -> tuple[Column | None, bool]:
        column = self._columns[self._sort_column] if self._columns else None
        return column, self._sort_order == Qt.SortOrder.DescendingOrder

    def _order(self) -> list[Any]:
        column, descending = self._sorted_by()
        return order_by(self.source, column, descending=descending)

    def _id_query(self) -> Select[Any]:
        column, descending = self._sorted_by()
        return sorted_id_query(self.source, column, self._search, descending=descending)

    def count_query(self) -> Select[Any]:
        """How many rows match: counted apart from the ordered ids."""
        return select(func.count()).select_from(self.source.id_query(self._search).subquery())

    def window_query(self, number: int) -> Select[Any]:
        """The ids of window ``number`` (``WINDOW`` rows) in the current order."""
        return self._id_query().limit(self.WINDOW).offset(number * self.WINDOW)

    def first_ids(self, session: Session) -> list[str]:
        """The ids of the first window: the source's quicker way when it has one for
        this search and order (:meth:`RowSource.first_window`), else the window query."""
        return self._first_ids_now()(session)

    def _first_ids_now(self) -> Callable[[Session], list[str]]:
        """:meth:`first_ids` for the search and order as they are now (run later, maybe
        on the worker, while they may change)."""
        column, descending = self._sorted_by()
        search, size, query, source = self._search, self.WINDOW, self.window_query(0), self.source

        def first_ids(session: Session) -> list[str]:
            ids = source.first_window(session, column, descending, search, size)
            return [row[0] for row in session.execute(query)] if ids is None else ids

        return first_ids

    def refresh(self, *, wait: bool = False, then: Callable[[], object] | None = None) -> None:
        """Read the first window again (after a change, a search, a sort), then count.

        The first window comes first: a window that is not full is the whole
        answer and needs no count. Otherwise the rows of the first window show
        at once and the count is taken apart (a search reads every row to count
        its matches): on the database worker when the model has a task runner,
        the rest of the rows appearing when it is done, else here and now.
        The window query itself moves to the worker when the previous refresh
        took longer than :attr:`async_after_ms`. ``then`` runs once the rows
        (first window and count) are in place. ``wait=True`` does everything
        here and now.
        """
        if self._search:
            with self.store.session() as session:
                self.source.prepare_search(session, self._search)
        count_query, first_ids = self.count_query(), self._first_ids_now()
        store = self.store
        self._generation += 1
        generation = self._generation

        column = self._columns[self._sort_column] if self._columns else None
        whole = self._id_query() if column is not None and not column.windowed else None

        def load(_progress: object = None) -> tuple[list[str], float]:
            started = time.perf_counter()
            with store.session() as session:
                ids = ([row[0] for row in session.execute(whole)] if whole is not None
                       else first_ids(session))
            return ids, (time.perf_counter() - started) * 1000

        def count(_progress: object = None) -> int:
            with store.session() as session:
                return int(session.execute(count_query).scalar() or 0)

        def counted(total: int) -> None:
            if generation == self._generation:
                self.counting = False
                self._set_count(total)
                if then is not None:
                    then()

        def apply(result: tuple[list[str], float]) -> None:
            if generation != self._generation:
                return  # a newer search or sort was asked for meanwhile
            self.loading = False
            first, elapsed = result
            complete = whole is not None or len(first) < self.WINDOW
            self.counting = not complete
            self._apply(len(first), first, elapsed)
            if complete:
                if then is not None:
                    then()
            elif self.tasks is None or wait:
                counted(count())
            else:
                self.tasks.run(count, label="", on_done=counted, show_progress=False)

        if self.tasks is None or wait or self.last_query_ms <= self.async_after_ms:
            apply(load())
            return
        self.loading = True
        self.tasks.run(load, label="", on_done=apply, show_progress=False)

    def _set_count(self, total: int) -> None:
        """The count taken apart: rows past the first window appear (or all change)."""
        if total > self._count:
            self.beginInsertRows(QModelIndex(), self._count, total - 1)
            self._count = total
            self.endInsertRows()
        elif total < self._count:  # rows went away meanwhile: start over from the top
            self.beginResetModel()
            self._count = total
            self._windows = {0: self._windows.get(0, [])[:total]}
            self._cache.clear()
            self.endResetModel()
        self.stats.counts += 1

    def _apply(self, count: int, first: list[str], elapsed_ms: float) -> None:
        self.stats.id_queries += 1
        self.last_query_ms = elapsed_ms
        self.beginResetModel()
        self._count = count
        # ``first`` is the first window, or every id when the order is not windowed
        self._windows = {n // self.WINDOW: first[n : n + self.WINDOW]
                         for n in range(0, max(len(first), 1), self.WINDOW)}
        self._cache.clear()
        self._loaded = True
        self.endResetModel()

    def _window(self, number: int) -> list[str]:
        window = self._windows.get(number)
        if window is None:
            if len(self._windows) >= self.WINDOW_LIMIT and self._count > len(self._windows) * self.WINDOW:
                first = self._windows.get(0)
                self._windows = {} if first is None else {0: first}
            with self.store.session() as session:
                window = [row[0] for row in session.execute(self.window_query(number))]
            self.stats.window_fetches += 1
            self._windows[number] = window
        return window

    def ensure_loaded(self) -> None:
        """Load the count and first window once (pages call this when first shown)."""
        if not self._loaded:
            self.refresh()

    def set_search(self, text: str, *, wait: bool = False,
                   then: Callable[[], object] | None = None) -> None:
        text = text.strip()
        if text == self._search and self._loaded:
            if then is not None:
                then()
            return
        self._search = text
        self.refresh(wait=wait, then=then)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self._columns)) or not self._columns[column].sort:
            return
        if self._loaded and column == self._sort_column and order == self._sort_order:
            return
        self._sort_column = column
        self._sort_order = order
        if self._loaded:  # before the first load, only remember the order
            self.refresh()

    def _row(self, row: int, record_id: str) -> tuple[Any, ...]:
        values = self._cache.get(record_id)
        if values is not None:
            return values
        start = row - row % self.PAGE
        page = [i for i in (self.id_at(r) for r in range(start, min(start + self.PAGE, self._count)))
                if i is not None and i not in self._cache]
        if len(self._cache) + len(page) > self.CACHE_LIMIT:
            self._cache.clear()
        with self.store.session() as session:
            fetched = self.source.fetch(session, page)
        self.stats.page_fetches += 1
        self.stats.rows_fetched += len(fetched)
        self._cache.update(fetched)
        missing = tuple(None for _ in self._columns)
        for i in page:  # a row deleted meanwhile shows empty instead of failing
            self._cache.setdefault(i, missing)
        return self._cache.get(record_id, missing)

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self._columns)):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        record_id = self.id_at(row)
        if record_id is None:
            return None
        if role == IdRole:
            return record_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._columns[col].align
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SortValueRole):
            values = self._row(row, record_id)
            value = values[col] if col < len(values) else None
            if role == SortValueRole:
                return value
            fmt = self._columns[col].fmt or format_value
            text = fmt(value) if value is not None else ""
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > 30 else None
            return text
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole,
                    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole):
            return self.source.role_data(role, col, self._row(row, record_id))
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
