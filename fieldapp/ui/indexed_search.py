"""Doors and people searches that find their first window quickly at any size.

:class:`IndexedSearch` is mixed into a :class:`~fieldapp.ui.tablemodel.RowSource`
whose search words may be looked up in a trigram index (``fieldapp.core.search``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, tuple_
from sqlalchemy.orm import Session

from fieldapp.core import search as text_search
from fieldapp.ui.tablemodel import Column


class IndexedSearch:
    """A source whose search may find its candidates in a trigram index (core.search).

    :meth:`prepare_search` asks the index how many rows hold the words; up to
    ``index_limit`` the id query keeps only those (then sorted: a few
    milliseconds), more and it reads the table's sort index as before, whose
    first window fills early. Either way the ``LIKE`` conditions decide, so the
    rows are the same.
    """

    base = ""
    index_limit = text_search.INDEX_LIMIT
    #: Rows of the sort index read first, before looking for a late-sorting word's rows.
    PROBE_ROWS = 20_000
    #: Most rows read by id for a late-sorting word (those not found by their column's start).
    rest_limit = text_search.INDEX_LIMIT
    _indexed: tuple[str, str] | None = None
    # Given by the RowSource it is mixed into.
    id_query: Callable[[str], Select[Any]]
    tiebreak: Callable[[], list[Any]]

    def search_words(self, search: str) -> list[list[tuple[list[str], str]]]:
        raise NotImplementedError

    def prepare_search(self, session: Session, search: str) -> None:
        self._indexed = None
        expression = text_search.match_expression(self.search_words(search))
        if expression is not None and text_search.candidates(
                session.connection(), self.base, expression, self.index_limit) <= self.index_limit:
            self._indexed = (search, expression)

    def first_window(self, session: Session, column: Column | None, descending: bool,
                     search: str, size: int) -> list[str] | None:
        """The first ``size`` ids in ``column``'s order for words in too many rows for
        the index path, when the order starts with a column a word is looked for in.

        Reading the sort index from its start until ``size`` rows match takes long
        when the matches sort late (the surname "Ruiz" at 2,000,000 people: every
        name from A to R first). Instead, after the first rows of the sort index
        (:attr:`PROBE_ROWS`, where a word early in the order or in first names
        fills the window): the rows whose column starts with one word, whichever
        case (:func:`core.search.starts`), are ranges of the sort index, read in
        order up to ``size`` each; every other row that may match is one the
        index finds for the words but not with that start, at most
        :attr:`rest_limit` of them. The same ``LIKE`` conditions decide all, so
        the rows and their order are those of the window query. None when this
        does not apply (the model reads the window query).
        """
        if (self._indexed is not None or column is None or not column.sort
                or column.join is not None or session.get_bind().dialect.name != "sqlite"):
            return None
        words = self.search_words(search)
        lead = column.sort[0]
        name = getattr(lead, "key", None)
        expression = text_search.match_expression(words)
        # The longest words first: their starts are the narrowest ranges.
        starts = sorted((found for found in (text_search.longest_start(alternatives[0][1])
                                             for alternatives in words
                                             if name in alternatives[0][0]) if found),
                        key=lambda found: -len(found[0]))
        if not starts or expression is None:
            return None
        query = self.id_query(search)
        keys = [*column.sort, *(self.tiebreak() if column.tiebreak is None else column.tiebreak)]
        wanted = query.add_columns(*keys)
        order = [k.desc() if descending else k.asc() for k in keys]
        # Matches early in the order (a first name, a surname sorting first) fill the
        # window from the first rows of the sort index: read those, up to a bound.
        bound = session.execute(self.id_query("").add_columns(*keys).order_by(*order)
                                .offset(self.PROBE_ROWS).limit(1)).first()
        early = wanted if bound is None else wanted.where(
            (tuple_(*keys) >= tuple_(*bound[1:])) if descending
            else (tuple_(*keys) <= tuple_(*bound[1:])))
        ids = [r[0] for r in session.execute(early.order_by(*order).limit(size))]
        if len(ids) == size or bound is None:
            return ids
        for start in starts:
            rest = text_search.found_ids(
                session.connection(), self.base,
                text_search.not_starting(expression, lead.key, start[0]), self.rest_limit)
            if rest is not None:
                break
        else:
            return None
        rows: dict[str, Any] = {}
        for spelling in start[1]:
            ranged = wanted.where(lead >= spelling, lead < text_search.after(spelling))
            rows.update((r[0], r) for r in session.execute(ranged.order_by(*order).limit(size)))
        if rest:
            id_column = query.selected_columns[0]
            rows.update((r[0], r) for r in session.execute(wanted.where(id_column.in_(rest))))
        ordered = sorted(rows.values(), reverse=descending,
                         key=lambda r: tuple((v is not None, v) for v in r[1:]))
        return [r[0] for r in ordered[:size]]

    def narrow(self, query: Select[Any], id_column: Any, search: str) -> Select[Any]:
        """``query`` kept to the index's candidates when :meth:`prepare_search` chose it."""
        if self._indexed is not None and self._indexed[0] == search:
            query = query.where(id_column.in_(text_search.matching_ids(self.base, self._indexed[1])))
        return query
