"""The main window on a demo store: pages, the Doors and People tables, details."""

from __future__ import annotations

from sqlalchemy import func, select

from fieldapp.core.models import Door, Person
from fieldapp.ui.main_window import PAGE_MODULES, TITLE_ROLE
from fieldapp.ui.tablemodel import IdRole


def test_window_opens_and_every_page_switches(window, qtbot, shots_dir) -> None:
    assert window.windowTitle() == "Fair Rent Milwaukee 2026"
    assert list(window.pages) == PAGE_MODULES
    for key in PAGE_MODULES:
        page = window.show_page(key)
        qtbot.wait(10)
        assert window.stack.currentWidget() is page
        assert window.current_key() == key
        assert type(page).__name__ != "BrokenPage", f"page {key} failed to load"
        assert window.sidebar.currentItem().data(TITLE_ROLE) == page.title()
        assert window.grab().save(str(shots_dir / f"{key}.png"))


def test_sidebar_click_switches_page(window, qtbot) -> None:
    window.sidebar.setCurrentRow(PAGE_MODULES.index("people"))
    assert window.current_key() == "people"


def test_doors_table_counts_and_search_filters(window, ctx, qtbot) -> None:
    page = window.show_page("doors")
    with ctx.store.session() as s:
        total = s.scalar(select(func.count()).select_from(Door).where(Door.deleted.is_(False)))
        kilbourn = s.scalar(select(func.count()).select_from(Door)
                         .where(Door.address_key.like("%kilbourn%")))
    assert total == 300
    assert page.model.rowCount() == total
    assert page.count_label.text() == "300 doors"

    page.search.setText("Kilbourn")
    page.search.flush()
    assert 0 < kilbourn < total
    assert page.model.rowCount() == kilbourn
    shown = {page.model.index(r, 0).data() for r in range(page.model.rowCount())}
    assert all("Kilbourn" in text for text in shown)
    assert page.count_label.text() == f"{kilbourn} doors match"

    page.search.setText("no such street anywhere")
    page.search.flush()
    assert page.model.rowCount() == 0
    page.search.setText("")
    page.search.flush()
    assert page.model.rowCount() == total


def test_doors_sort_by_people_count(window, qtbot) -> None:
    from PySide6.QtCore import Qt

    page = window.show_page("doors")
    page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    counts = [page.model.index(r, 4).data() for r in range(20)]
    assert counts == sorted(counts, key=int, reverse=True)
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    first = page.model.values_at(0)[0]
    last = page.model.values_at(page.model.rowCount() - 1)[0]
    assert first != last


def test_door_detail_shows_household(window, ctx, qtbot) -> None:
    page = window.show_page("doors")
    with ctx.store.session() as s:
        door_id, n = s.execute(
            select(Person.door_id, func.count()).group_by(Person.door_id)
            .order_by(func.count().desc()).limit(1)
        ).one()
        names = [f"{p.first_name} {p.last_name}" for p in
                 s.scalars(select(Person).where(Person.door_id == door_id))]
    assert page.select_door(door_id)
    assert page.table.selectionModel().selectedRows()[0].data(IdRole) == door_id
    text = page.detail.text()
    assert f"Household ({n})" in text
    for name in names:
        assert name in text


def test_person_search_and_detail_link_to_door(window, ctx, qtbot) -> None:
    page = window.show_page("people")
    with ctx.store.session() as s:
        person = s.scalars(select(Person).where(Person.phone != "").limit(1)).one()
        same_last = s.scalar(select(func.count()).select_from(Person)
                             .where(Person.last_name.like(f"%{person.last_name}%")))
    page.search.setText(person.last_name)
    page.search.flush()
    assert page.model.rowCount() >= 1
    assert page.model.rowCount() <= same_last + 50  # also matches first names / emails
    assert page.select_person(person.id)
    assert person.phone in page.detail.text()
    # The address link opens the door on the Doors page.
    page.detail.door_activated.emit(person.door_id)
    assert window.current_key() == "doors"
    assert window.page("doors").detail.current_id == person.door_id


def test_pages_refresh_after_a_change(window, ctx, qtbot) -> None:
    page = window.show_page("doors")
    before = page.model.rowCount()
    with ctx.store.transaction() as s:
        door = s.scalars(select(Door).limit(1)).one()
        door.deleted = True
    ctx.notify_changed("doors")
    assert page.model.rowCount() == before - 1


def test_pages_are_built_after_the_window_shows(ctx, qtbot) -> None:
    from fieldapp.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert win.built_pages() == [PAGE_MODULES[0]]  # only the first page before showing
    titles = [win.sidebar.item(i).data(TITLE_ROLE) for i in range(win.sidebar.count())]
    assert "Doors" in titles and "Settings" in titles
    win.show()
    qtbot.waitUntil(lambda: len(win.built_pages()) == len(PAGE_MODULES), timeout=20000)
    assert [win.sidebar.item(i).data(TITLE_ROLE) for i in range(win.sidebar.count())] == [
        win.page(k).title() for k in PAGE_MODULES]



def test_sidebar_titles_known_before_the_pages_are_the_pages_own(ctx, qtbot) -> None:
    """The sidebar is filled without importing the pages; its titles are theirs."""
    from fieldapp.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert win.built_pages() == [PAGE_MODULES[0]]
    sidebar = [win.sidebar.item(i).data(TITLE_ROLE) for i in range(win.sidebar.count())]
    assert sidebar == [win.page(key).title() for key in PAGE_MODULES]
    assert all(type(win.page(key)).__name__ != "BrokenPage" for key in PAGE_MODULES)
