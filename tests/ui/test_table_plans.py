"""The doors and people tables read windows in index order: no sort step, no table scan.

Each sortable column of the big tables has an index in its sort order (the
column, then id, then deleted; or the column of the door's or person's rollup
row, then its id). SQLite's query plan for the count and for a window of ids,
in both orders, with and without a search, must show neither a temporary B-tree
for the ORDER BY nor a plain scan of the table (the count of a search, which
matches words inside values, reads every row and is left out).

That holds for a search whose words are too short for the trigram index or
found in more rows than ``INDEX_LIMIT`` (core.search): the rows are read in
index order. A search the index answers reads the index's candidates by id
and sorts them (at most ``INDEX_LIMIT``), never scanning the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.dialects import sqlite

from fieldapp.core.db import Store, open_store
from fieldapp.core.ids import new_id
from fieldapp.core.models import Door, Person
from fieldapp.core.stamping import bulk_insert

# Every sortable column is covered: values from another table (a turf's name,
# a count of people, the latest result, a person's address) sort by the rollup
# tables that triggers keep, through their own indexes.


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("plans") / "plans.sqlite"
    store = open_store(path)
    doors = [{"id": new_id(), "street_number": str(n), "house_number": n,
              "street_name": f"{n % 7} St", "unit": "", "zip": f"5320{n % 9}",
              "address_key": f"{n} {n % 7} st", "building_key": f"{n} {n % 7} st"}
             for n in range(300)]
    people = [{"id": new_id(), "door_id": d["id"], "first_name": "Ana", "last_name": f"L{i}",
               "phone": f"414555{i:04d}", "email": f"a{i}@example.org"}
              for i, d in enumerate(doors)]
    with store.transaction() as session:
        bulk_insert(session, Door, doors)
        bulk_insert(session, Person, people)
    yield store  # no ANALYZE: plans as a fresh store gets them
    store.close()


def _plan(store: Store, query: object) -> list[str]:
    compiled = query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})  # type: ignore[attr-defined]
    with store.engine.connect() as conn:
        return [str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]


def _check(plan: list[str], table: str, what: str) -> None:
    text = " | ".join(plan)
    assert "TEMP B-TREE" not in text, f"{what} sorts: {text}"
    assert not any(re.fullmatch(rf"SCAN {table}", step) for step in plan), f"{what} scans: {text}"
    assert any(table in step and "INDEX" in step for step in plan), f"{what}: {text}"


@pytest.mark.parametrize(("source_name", "table", "search"), [
    ("DoorSource", "doors", ""), ("DoorSource", "doors", "st"),
    ("PersonSource", "people", ""), ("PersonSource", "people", "ana"),
])
def test_every_column_sort_reads_an_index_in_order(app, store: Store, source_name: str,
                                                    table: str, search: str) -> None:
    from fieldapp.ui import sources
    from fieldapp.ui.tablemodel import LazyTableModel

    source = getattr(sources, source_name)()
    source.index_limit = -1  # as if the words were in too many rows: the ordered path
    model = LazyTableModel(store, source)
    model.set_search(search, wait=True)
    checked = 0
    for column, spec in enumerate(model.source.columns()):
        if not spec.sort:
            continue
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            for number in (0, 3):
                _check(_plan(store, model.window_query(number)), table,
                       f"{table} by {spec.key} {order.name} window {number} search {search!r}")
            checked += 1
    if not search:  # a search word matches inside values: its count reads every row
        _check(_plan(store, model.count_query()), table, f"count of {table}")
    sortable = [spec.key for spec in model.source.columns() if spec.sort]
    assert len(sortable) >= 5 and checked == 2 * len(sortable)  # each column, both ways


@pytest.mark.parametrize(("source_name", "table", "search", "index"), [
    ("DoorSource", "doors", "main 12", "door_search"), ("PersonSource", "people", "ana l12", "person_search"),
])
def test_a_search_the_index_answers_reads_its_candidates(app, store: Store, source_name: str,
                                                          table: str, search: str, index: str) -> None:
    from fieldapp.ui import sources
    from fieldapp.ui.tablemodel import LazyTableModel

    model = LazyTableModel(store, getattr(sources, source_name)())
    model.set_search(search, wait=True)
    assert model.source._indexed is not None
    for column, spec in enumerate(model.source.columns()):
        if spec.sort:
            model.sort(column, Qt.SortOrder.DescendingOrder)
            for query in (model.window_query(0), model.count_query()):
                plan = _plan(store, query)
                text = " | ".join(plan)
                assert any(step.startswith(f"SCAN {index} VIRTUAL TABLE") for step in plan), text
                assert not any(re.fullmatch(rf"SCAN {table}( .*)?", step) for step in plan), text


def test_windows_in_order_match_the_whole_ordered_list(app, store: Store) -> None:
    from fieldapp.ui.sources import DoorSource
    from fieldapp.ui.tablemodel import LazyTableModel

    model = LazyTableModel(store, DoorSource())
    model.WINDOW = 40  # several windows over the 300 doors
    model.refresh(wait=True)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(0, order)
        shown = [model.id_at(row) for row in range(model.rowCount())]
        assert shown == model.ids()
        assert len(set(shown)) == model.rowCount() == 300
        some = shown[217]
        model.refresh(wait=True)  # only the first window is loaded now
        assert model.row_of(some) == 217
    assert model.stats.window_fetches >= 7
