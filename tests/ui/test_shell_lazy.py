"""Big tables stay lazy: 20,000 doors, and only the rows on screen are fetched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fieldapp.core.db import Store, open_store

N_DOORS = 20_000


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from fieldapp.services.demo import seed_demo

    path: Path = tmp_path_factory.mktemp("big") / "big.sqlite"
    store = open_store(path)
    seed_demo(store, doors=N_DOORS, seed=3, today=dt.date(2026, 11, 20))
    yield store
    store.close()


def test_scrolling_and_sorting_20000_doors_fetches_only_visible_pages(app, big_store, qtbot) -> None:
    from fieldapp.ui.context import AppContext
    from fieldapp.ui.main_window import MainWindow

    ctx = AppContext(big_store)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    page = win.show_page("doors")
    model = page.model
    assert model.rowCount() == model.WINDOW  # the first window shows before the count
    qtbot.waitUntil(lambda: model.rowCount() == N_DOORS)  # counted apart, on the worker
    assert model.stats.counts == 1
    assert page.count_label.text() == "20,000 doors"

    view = page.table
    view.scrollToBottom()
    qtbot.wait(20)
    last = model.index(N_DOORS - 1, 0).data()
    assert last  # the last row has its address
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            view.sortByColumn(column, order)
            view.scrollToTop()
            qtbot.wait(5)
            view.scrollToBottom()
            qtbot.wait(5)
    for step in range(0, N_DOORS, N_DOORS // 10):  # jumping around with the scroll bar
        view.scrollTo(model.index(step, 0))
        qtbot.wait(1)

    stats = model.stats
    # 12 sorts and 13 screens of ~25 rows each, a page (100 rows) per screen at most.
    assert stats.id_queries <= 1 + 2 * model.columnCount()
    assert stats.rows_fetched < 5_000, stats
    assert stats.rows_fetched < N_DOORS / 4
    # Descending by address puts the highest street name first.
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not model.loading)  # a slow previous sort makes the next one run in the background
    first, second = model.values_at(0)[0], model.values_at(1)[0]
    assert first.split(" ", 1)[1] >= second.split(" ", 1)[1]
    ctx.tasks.shutdown()


def test_search_in_a_big_table_is_filtered_in_sql(app, big_store, qtbot) -> None:
    from fieldapp.ui.sources import DoorSource
    from fieldapp.ui.tablemodel import LazyTableModel

    model = LazyTableModel(big_store, DoorSource())
    model.refresh()
    model.set_search("Vliet")
    n = model.rowCount()
    assert 0 < n < N_DOORS
    assert model.stats.rows_fetched == 0  # nothing was fetched until shown
    assert all("Vliet" in model.values_at(r)[0] for r in range(min(n, 50)))


def test_slow_id_queries_move_to_the_worker_and_stale_answers_are_dropped(app, big_store,
                                                                          qtbot) -> None:
    from fieldapp.ui.sources import DoorSource
    from fieldapp.ui.tablemodel import LazyTableModel
    from fieldapp.ui.tasks import TaskRunner

    tasks = TaskRunner()
    started: list[str] = []
    tasks.task_started.connect(started.append)
    model = LazyTableModel(big_store, DoorSource(), tasks=tasks)
    model.refresh(wait=True)  # the first load (and its count) here and now
    assert model.rowCount() == N_DOORS
    model.async_after_ms = -1  # as if the last query had been slow
    model.set_search("Vliet")
    model.set_search("Wells")  # typed on before the first answer came back
    assert model.loading
    assert len(started) == 2  # both queries went to the database worker
    qtbot.waitUntil(lambda: not model.loading and not tasks.busy, timeout=10000)
    assert model.search_text == "Wells"
    assert 0 < model.rowCount() < N_DOORS
    assert all("Wells" in model.values_at(r)[0] for r in range(20))
    assert model.stats.id_queries == 2  # the first load and "Wells"; "Vliet" was dropped
    tasks.shutdown()
