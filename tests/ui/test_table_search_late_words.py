"""A common word that sorts late fills the first window without scanning from the top.

A search word found in more rows than the index path takes (``INDEX_LIMIT``)
reads the table's sort index in order; when its rows sort late (the surname
"Ruiz" at 2,000,000 people) that read passes every earlier name first. The
people table then reads the ranges of the sort index where the name starts with
the word (each case, and what the index folds into a letter), and by id the few
other rows the index finds for the word (``IndexedSearch.first_window``). The
first window must be exactly the window query's: the same ids in the same
order, in both directions, for any word.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event

from fieldapp.core.db import Store, open_store
from fieldapp.core.ids import new_id
from fieldapp.core.models import Door, Person
from fieldapp.core.stamping import bulk_insert

# Surnames that start with a searched word in several cases, hold it inside, or only
# look like it once case-folded (the Kelvin sign, the long s), too short, or empty.
LAST = ["Ruiz", "RUIZ", "ruiz", "Aruiz", "Garcia-Ruiz", "\u017fmith", "Smith", "SMITH",
        "Smithers", "\u212aelly", "Kelly", "Abbot", "Zapata", "ZAPATA", "Ruíz", "O'Brien", "", "Ru"]
FIRST = ["Ana", "Ruiz", "Zoe", "Kelly", "Smithy", ""]
TERMS = ["ruiz", "RUIZ", "Ruiz", "smith", "kel", "kelly", "ana", "uiz", "o'b", "zap", "ruíz",
         "ana ruiz", "ruiz zo", "smithy smith", "ab ruiz", "kel ana",
         "ab", "ruiz ana", "ruiz%", "example", "zzz",
         # inside names only ("Ruiz", "Garcia-Ruiz", "Aruiz"), in one surname alone, phones
         "uiz", "arci", "apat", "zapata", "ZAP", "ata zoe", "4145550012", "555-0013", "0014"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("late") / "late.sqlite"
    store = open_store(path)
    door = {"id": new_id(), "street_number": "1", "house_number": 1, "street_name": "Main St",
            "unit": "", "zip": "53201", "address_key": "1 main st", "building_key": "1 main st"}
    people = [{"id": new_id(), "door_id": door["id"], "first_name": first, "last_name": last,
               "phone": f"414555{i:04d}" if i % 2 else f"(414) 555-{i:04d}",
               "email": f"{first.lower() or 'x'}.{i}@example.org" if i % 3 else ""}
              for i, (last, first) in enumerate(itertools.product(LAST, FIRST))]
    people += [{**p, "id": new_id(), "deleted": True} for p in people[:20]]
    with store.transaction() as session:
        bulk_insert(session, Door, [door])
        bulk_insert(session, Person, people)
    yield store
    store.close()


def _model(store: Store) -> Any:
    from fieldapp.ui.sources import PersonSource
    from fieldapp.ui.tablemodel import LazyTableModel

    source = PersonSource()
    source.index_limit = 0  # every word found at all is "in too many rows"
    source.PROBE_ROWS = 4  # a few rows of the sort index first, then the ranges
    model = LazyTableModel(store, source)
    model.WINDOW = 6
    return model


@pytest.mark.parametrize("limits", [(0, None), (20, 5)])
def test_the_first_window_is_the_window_querys_for_any_word(
        app, store: Store, limits: tuple[int, int | None]) -> None:
    """(With ``index_limit`` 20 and ``rest_limit`` 5, a start no name has is given up
    without asking the index: its other rows are more than the index reads by id.)"""
    model = _model(store)
    index_limit, rest_limit = limits
    model.source.index_limit = index_limit
    if rest_limit is not None:
        model.source.rest_limit = rest_limit
    quick = 0
    for term, column, order in itertools.product(
            TERMS, (0, 1, 2, 4), (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)):
        model._search, model._sort_column, model._sort_order = term, column, order
        with store.session() as session:
            model.source.prepare_search(session, term)
            expected = [row[0] for row in session.execute(model.window_query(0))]
            spec, descending = model._sorted_by()
            ranged = model.source.first_window(session, spec, descending, term, model.WINDOW)
            assert model.first_ids(session) == expected, (term, column, order)
        if ranged is not None:
            assert ranged == expected, (term, column, order)
            quick += 1
    # The name and e-mail orders find it their own way (ranges, or reading on from the
    # first rows), both ways, for every word but "ab" (too short for the index),
    # "zzz" and "ruiz%" (in no row: the index path); the phone and address orders
    # leave it to the window query, which stops early.
    if index_limit == 0:
        assert quick == 2 * 2 * (len(TERMS) - 3)
    model._search, model._sort_column = "ruiz", 0
    with store.session() as session:
        model.source.prepare_search(session, "ruiz")
        assert len(model.first_ids(session)) == model.WINDOW


def test_a_word_inside_names_reads_the_ranges_of_the_names_holding_it(
        app, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """"uiz" starts no name: the names of rows the index finds for it ("Ruiz") give the
    ranges; a surname no other column holds ("Zapata") needs no other row read, as
    the index counts as many rows holding "zap" as the ranges hold."""
    from fieldapp.core import search

    model = _model(store)
    model.source.rest_limit = 30  # more rows hold "uiz" than start with it: too many by id
    asked: list[str] = []
    found_ids = search.found_ids
    monkeypatch.setattr(search, "found_ids", lambda c, b, expression, limit: (
        asked.append(expression), found_ids(c, b, expression, limit))[1])
    for term in ("uiz", "zapata"):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            asked.clear()
            model._search, model._sort_column, model._sort_order = term, 0, order
            with store.session() as session:
                model.source.prepare_search(session, term)
                expected = [row[0] for row in session.execute(model.window_query(0))]
                spec, descending = model._sorted_by()
                ids = model.source.first_window(session, spec, descending, term, model.WINDOW)
            assert ids == expected and len(ids) == model.WINDOW, (term, order)
            if term == "uiz":  # "Aruiz" and "Garcia-Ruiz" are read by id from the index
                assert any('^"ruiz"' in e.lower() for e in asked), asked
            else:  # only Zapata holds "zap" and "apa": nothing else to read
                assert not [e for e in asked if " NOT " in e and "zap" in e.lower()], asked


def test_the_ranges_read_the_sort_index_in_order(app, store: Store) -> None:
    """Each range and the first rows are read from the index in order (no sort step,
    no scan of the table); the other rows come by id from the index's candidates."""
    model = _model(store)
    model._search = "smith"
    plans: list[str] = []

    def explain(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                executemany: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "people" in statement:
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            plans.append(" | ".join(str(r[-1]) for r in rows))

    with store.session() as session:
        model.source.prepare_search(session, "smith")
        connection = session.connection()
        event.listen(connection, "before_cursor_execute", explain)
        try:
            ids = model.first_ids(session)
        finally:
            event.remove(connection, "before_cursor_execute", explain)
    assert len(ids) == model.WINDOW
    ranges = sum(p.count("ix_people_sort_name (last_name>? AND last_name<?)") for p in plans)
    # "Smith", "SMITH", "\u017fmith": each spelling the names hold is a range of the name index
    assert ranges >= 3, plans
    for plan in plans:
        assert not re.search(r"SCAN people(?! USING)", plan), plan
        if "person_search" not in plan:  # the candidates by id are few, and sorted in Python
            assert "TEMP B-TREE" not in plan, plan
