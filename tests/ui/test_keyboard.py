"""Keyboard: focus moves in a sensible order on Canvass, Events check-in and Sync; no mouse needed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.test_canvass_page import _key, _page
from tests.ui.test_checkin import _dialog


def _tab_chain(start: QWidget, steps: int) -> list[QWidget]:
    """The widgets that Tab visits from ``start`` (start included)."""
    chain = [start]
    for _ in range(steps):
        widget = QApplication.focusWidget()
        assert widget is not None
        widget.focusNextChild()
        QApplication.processEvents()
        chain.append(QApplication.focusWidget())
    return chain


def test_canvass_tab_order_follows_the_walk_sheet(ctx, qtbot) -> None:
    page = _page(ctx, qtbot)
    page.go(next(i for i, d in enumerate(page.doors) if len(d.people) == 1 and not d.suppressed))
    assert page.result_picker.hasFocus()  # a door opens with the result keys ready
    _key(qtbot, Qt.Key.Key_1)  # canvassed: the one resident is chosen, focus on support
    assert page.support_picker.hasFocus()
    page.result_picker.setFocus()
    shown = [page._question_widgets[q] for q in page.visible_question_ids()]
    chain = _tab_chain(page.result_picker, 3 + len(shown) + 2)
    wanted = [page.result_picker, page.who_picker, page.support_picker, *shown, page.notes, page.no_call,
              page.no_text]
    assert chain[:len(wanted)] == wanted


def test_checkin_keyboard_keeps_the_cursor_in_the_search(ctx, qtbot) -> None:
    dialog, _eid = _dialog(ctx, qtbot)
    # The sign-in table is typed at: Tab never wanders off the search into buttons or the table,
    # and every button says its key (Enter, Ctrl+N, Ctrl+Z; Esc closes).
    assert _tab_chain(dialog.search, 2) == [dialog.search, dialog.search, dialog.search]
    for button, key in ((dialog.checkin_button, "Enter"), (dialog.walkin_button, "Ctrl+N"),
                        (dialog.undo_button, "Ctrl+Z")):
        assert key in button.text()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_sync_tab_order_reaches_every_action(ctx, qtbot) -> None:
    from fieldapp.ui.pages.sync import Page

    ctx.tasks.dialog_delay_ms = 60_000  # no progress dialog taking the focus
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=20_000)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.import_button.setFocus()
    qtbot.waitUntil(page.import_button.hasFocus)
    chain = _tab_chain(page.import_button, 4)
    # import, then export (the header's actions, left to right), then the review tabs
    assert chain[:3] == [page.import_button, page.export_button, page.tabs.tabBar()]


def test_canvass_correction_without_a_mouse(ctx, qtbot) -> None:
    page = _page(ctx, qtbot)
    page.go(next(i for i, d in enumerate(page.doors) if d.last_result and not d.suppressed))
    newest = page.history.item(0).data(Qt.ItemDataRole.UserRole)
    _key(qtbot, Qt.Key.Key_F2)  # the newest attempt of the door, into the form
    assert page.correcting == newest.id and page.result_picker.value() == newest.result_code
    assert page.result_picker.hasFocus()
