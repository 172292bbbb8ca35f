"""Canvass door list: the units of one building stay told apart in a narrow list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontMetrics


def test_unit_comes_right_after_the_house_number(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from fieldapp.ui.pages.canvass import Page

    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1024, 700)  # a small laptop screen: the list is narrow beside the form
    page.show()
    page.refresh_now()
    qtbot.waitUntil(lambda: not ctx.tasks.busy and bool(page.doors), timeout=10_000)
    rows = {page.door_table.item(r, 1).text(): r for r in range(page.door_table.rowCount())}
    units = [t for t in rows if " Apt " in t]
    assert units, "the demo turf has apartment buildings"
    text = units[0]
    number, unit_word, unit_no = text.split()[:3]
    assert number.isdigit() and unit_word == "Apt" and unit_no.isdigit()
    door = page.doors[rows[text]]
    assert door.address.startswith(number) and door.address.endswith(f"Apt {unit_no}")
    assert page.door_table.item(rows[text], 1).toolTip() == door.address  # whole, on hover
    # "2147 Apt 3" is in sight, whatever is cut at the right
    shown = QFontMetrics(page.door_table.font()).horizontalAdvance(f"{number} Apt {unit_no} ·")
    assert page.door_table.columnWidth(1) > shown + 12
    plain = [t for t in rows if " Apt " not in t and "·" not in t]
    assert plain and page.doors[rows[plain[0]]].address == plain[0]  # no unit: as before
    Path("/tmp/shots/gaps").mkdir(parents=True, exist_ok=True)
    page.grab().save("/tmp/shots/gaps/canvass-1024.png")
