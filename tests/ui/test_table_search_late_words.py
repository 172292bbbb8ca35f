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
        "Smithers", "\u212aelly", "Kelly", "Abbot", "Zapata", "Ruíz", "O'Brien", "", "Ru"]
FIRST = ["Ana", "Ruiz", "Zoe", "Kelly", "Smithy", ""]
TERMS = ["ruiz", "RUIZ", "Ruiz", "smith", "kel", "kelly", "ana", "uiz", "o'b", "zap", "ruíz",
         "ana ruiz", "ruiz zo", "smithy smith", "ab ruiz", "kel ana",
         "ab", "ruiz ana", "ruiz%", "example", "zzz"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("late") / "late.sqlite"
    store = open_store(path)
    door = {"id": new_id(), "street_number": "1", "house_number": 1, "street_name": "Main St",
            "unit": "", "zip": "53201", "address_key": "1 main st", "building_key": "1 main st"}
    people = [{"id": new_id(), "door_id": door["id"], "first_name": first, "last_name": last,
               "phone": f"414555{i:04d}",
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


def test_the_first_window_is_the_window_querys_for_any_word(app, store: Store) -> None:
    model = _model(store)
    quick = 0
    for term, column, order in itertools.product(
            TERMS, (0, 2), (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)):
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
    # The ranges do the work for the words that start names or e-mails, both ways.
    assert quick >= 12
    model._search, model._sort_column = "ruiz", 0
    with store.session() as session:
        model.source.prepare_search(session, "ruiz")
        assert len(model.first_ids(session)) == model.WINDOW


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
    ranges = [p for p in plans if "ix_people_sort_name" in p and "<" in p and ">" in p]
    assert len(ranges) >= 8, plans  # "Smith", "SMITH", ... each a range of the name index
    for plan in plans:
        assert not re.search(r"SCAN people(?! USING)", plan), plan
        if "person_search" not in plan:  # the candidates by id are few, and sorted in Python
            assert "TEMP B-TREE" not in plan, plan
