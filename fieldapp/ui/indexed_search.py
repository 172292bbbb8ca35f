"""Doors and people searches that find their first window quickly at any size.

:class:`IndexedSearch` is mixed into a :class:`~fieldapp.ui.tablemodel.RowSource`
whose search words may be looked up in a trigram index (``fieldapp.core.search``).
The first window of a search is the first ``size`` matching rows in the table's
order; which way finds them fastest depends on how many rows hold the words and
where they sort, so each search picks its way from what the index counts:

* few rows hold the words (up to ``index_limit``): the index's candidates, sorted
  (:meth:`IndexedSearch.prepare_search`; every window and the count use them);
* more, in an order whose first column no word is looked for in (phone, address,
  language): the matches spread over that order, and the window query, reading the
  sort index in order, stops after about ``size * rows / matches`` rows (sorting
  the candidates costs more: about five rows read in order each);
* more, in an order that starts with a column a word is looked for in (the name):
  the matches gather where that column holds the word. The first rows of the sort
  index first, then the ranges of the sort index where the column starts with the
  word, or with a value the index finds holding it ("Ruiz" for "uiz"), and the
  other rows the index finds, if any: when the index counts as many rows holding
  a piece of the word as the ranges hold, there are none, found without reading
  them.

Every way keeps the same ``LIKE`` conditions, so the rows and their order are the
window query's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, cast

from sqlalchemy import Select, select, tuple_, union_all
from sqlalchemy.orm import Session

from fieldapp.core import search as text_search
from fieldapp.ui.tablemodel import Column, RowSource, order_by

Words = list[list[tuple[list[str], str]]]
Start = tuple[str, list[str], list[tuple[list[str], str]]]  # start, its spellings, its word


class IndexedSearch:
    """A source whose search may find its candidates in a trigram index (core.search)."""

    base = ""
    index_limit = text_search.INDEX_LIMIT
    #: Rows of the sort index read first, before looking for a late-sorting word's rows.
    PROBE_ROWS = 20_000
    #: Most rows read by id for a late-sorting word (those not found by their column's start).
    rest_limit = text_search.INDEX_LIMIT
    #: Rows the index finds whose values are looked at for the start of a range.
    SAMPLE = 64
    _indexed: tuple[str, str] | None = None
    #: The search whose words the index finds in more than ``index_limit`` rows.
    _many: tuple[str, str] | None = None
    #: How the last first window was found (for figures and logs): "first rows",
    #: "ranges", "ranges + rest by id", "read on"; "" when by the window query.
    last_way = ""
    # Given by the RowSource it is mixed into.
    id_query: Callable[[str], Select[Any]]
    tiebreak: Callable[[], list[Any]]

    def search_words(self, search: str) -> Words:
        raise NotImplementedError

    def prepare_search(self, session: Session, search: str) -> None:
        """Keep the id query to the index's candidates when they are few."""
        self._indexed = self._many = None
        expression = text_search.match_expression(self.search_words(search))
        if expression is None:
            return
        if text_search.candidates(session.connection(), self.base, expression,
                                  self.index_limit) <= self.index_limit:
            self._indexed = (search, expression)
        else:
            self._many = (search, expression)

    def first_window(self, session: Session, column: Column | None, descending: bool,
                     search: str, size: int) -> list[str] | None:
        """The first ``size`` ids in ``column``'s order, the quickest way (the module's
        docstring); None when the window query is as quick (the model reads it)."""
        self.last_way = ""
        if (self._indexed is not None or column is None or not column.sort
                or session.get_bind().dialect.name != "sqlite"):
            return None
        words = self.search_words(search)
        expression = text_search.match_expression(words)
        if expression is None:
            return None  # words too short for the index: the window query
        name = getattr(column.sort[0], "key", None)
        if column.join is not None or not any(name in alts[0][0] for alts in words):
            return None  # the matches spread over this order: the window query stops early
        return self._gathered(session, column, descending, search, words, expression, size)

    def _gathered(self, session: Session, column: Column, descending: bool, search: str,
                  words: Words, expression: str, size: int) -> list[str] | None:
        """The first window of an order led by a searched column (see the module)."""
        lead = column.sort[0]
        keys = [*column.sort, *(self.tiebreak() if column.tiebreak is None else column.tiebreak)]
        wanted = self.id_query(search).add_columns(*keys)
        order = order_by(cast(RowSource, self), column, descending=descending)
        # Matches early in the order (a first name, a surname sorting first) fill the
        # window from the first rows of the sort index: read those, up to a bound.
        bound = session.execute(self.id_query("").add_columns(*keys).order_by(*order)
                                .offset(self.PROBE_ROWS).limit(1)).first()
        if bound is not None and None in bound[1:]:
            return None  # (no row value compares with NULL: the window query)
        early = wanted if bound is None else wanted.where(
            (tuple_(*keys) >= tuple_(*bound[1:])) if descending
            else (tuple_(*keys) <= tuple_(*bound[1:])))
        ids = [r[0] for r in session.execute(early.order_by(*order).limit(size))]
        if len(ids) == size or bound is None:
            self.last_way = "first rows"
            return ids
        for start, spellings, word in self._starts(session, lead, words, expression):
            found = self._rest(session, lead, expression, start, spellings, word)
            if found is not None:
                break
        else:  # no range found: read on from the bound (the window query, not read twice)
            self.last_way = "read on"
            later = wanted.where((tuple_(*keys) < tuple_(*bound[1:])) if descending
                                 else (tuple_(*keys) > tuple_(*bound[1:])))
            return ids + [r[0] for r in session.execute(
                later.order_by(*order).limit(size - len(ids)))]
        held, rest = found
        self.last_way = "ranges + rest by id" if rest else "ranges"
        ranged = [select(*q.subquery().c) for q in (
            wanted.where(lead >= s, lead < text_search.after(s)).order_by(*order).limit(size)
            for s in held)]
        rows = {r[0]: r for r in session.execute(union_all(*ranged))} if ranged else {}
        if rest:
            id_column = wanted.selected_columns[0]
            rows.update((r[0], r) for r in session.execute(wanted.where(id_column.in_(rest))))
        ordered = sorted(rows.values(), reverse=descending,
                         key=lambda r: tuple((v is not None, v) for v in r[1:]))
        return [r[0] for r in ordered[:size]]

    def _starts(self, session: Session, lead: Any, words: Words, expression: str) -> Iterator[Start]:
        """Starts of the lead column whose ranges may hold the matches: the words' own
        (the longest first: the narrowest ranges), then those of the lead values of
        rows the index finds, when they hold a word (the most found first)."""
        mine = [alts for alts in words if lead.key in alts[0][0]]
        own = [(*found, alts) for alts in mine
               if (found := text_search.longest_start(alts[0][1])) is not None]
        yield from sorted(own, key=lambda start: -len(start[0]))
        sample = text_search.some_ids(session.connection(), self.base, expression, self.SAMPLE)
        id_column = self.id_query("").selected_columns[0]
        values = Counter(v for (v,) in session.execute(select(lead).where(id_column.in_(sample))))
        for value, _times in values.most_common(2):
            found = text_search.longest_start(value or "")
            for alts in mine:
                if found is not None and alts[0][1].lower() in found[0].lower():
                    yield (*found, alts)
                    break

    def _rest(self, session: Session, lead: Any, expression: str, start: str,
              spellings: list[str], word: list[tuple[list[str], str]]) -> tuple[list[str], list[str]] | None:
        """The spellings of ``start`` the lead column holds, and the ids of the rows the
        index finds for ``expression`` whose lead does not start with ``start``; None
        when more than :attr:`rest_limit` (known without asking when the ranges hold
        fewer rows than the index found beyond that).

        Every row holding the word holds each piece of 3 characters the word and the
        start share, and so does every row whose lead starts with the start: when the
        index counts as many rows holding such a piece as the ranges hold (deleted
        rows too, as the index does), there is no other row, and none is read."""
        connection = session.connection()
        counts = text_search.start_counts(connection, lead.table.name, lead.key, spellings)
        held = [s for s, n in zip(spellings, counts, strict=True) if n]
        total: int = sum(counts)
        if len(word) == 1 and total:  # the word alone (no phone digits besides)
            shorter = min(start, word[0][1], key=len)
            for piece in text_search.trigrams(shorter)[:2]:
                if text_search.rows_holding(connection, self.base, piece) == total:
                    return held, []
        if (self._many is not None and self._many[1] == expression
                and self.index_limit + 1 - total > self.rest_limit):
            return None  # the other rows are more than the index finds by id: none read
        rest = text_search.found_ids(connection, self.base,
                                     text_search.not_starting(expression, lead.key, start),
                                     self.rest_limit)
        return None if rest is None else (held, rest)

    def narrow(self, query: Select[Any], id_column: Any, search: str) -> Select[Any]:
        """``query`` kept to the index's candidates when :meth:`prepare_search` chose it."""
        if self._indexed is not None and self._indexed[0] == search:
            query = query.where(id_column.in_(text_search.matching_ids(self.base, self._indexed[1])))
        return query
