"""Canvass data quality: who a result covers, the canvasser prompt, live counts, whole corrections."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from fieldapp.core.models import ContactAttempt, Volunteer
from fieldapp.services import canvass
from tests.ui.test_canvass_page import _key, _page, _wait_saved


def _door_with(page, people: int) -> int:
    return next(i for i, d in enumerate(page.doors) if len(d.people) == people and not d.suppressed)


def _today(session, door_id: str) -> list[ContactAttempt]:
    since = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)
    return [a for a in session.scalars(select(ContactAttempt).where(
        ContactAttempt.door_id == door_id, canvass.live_attempts_clause()))
        if a.attempted_at.replace(tzinfo=a.attempted_at.tzinfo or dt.UTC) >= since]


def test_one_resident_door_chooses_itself(ctx, qtbot) -> None:
    page = _page(ctx, qtbot)
    page.go(_door_with(page, 1))
    door = page.current_door()
    assert page.who_picker.value() == door.people[0].id
    _key(qtbot, Qt.Key.Key_1)  # canvassed: straight on to support, no question of who
    assert page.support_picker.hasFocus()
    _key(qtbot, Qt.Key.Key_1)
    _key(qtbot, Qt.Key.Key_Return)
    _wait_saved(ctx, qtbot, page, 1)
    with ctx.store.session() as s:
        assert [(a.person_id, a.support) for a in _today(s, door.id)] == [(door.people[0].id, 1)]


def test_not_home_covers_the_household_and_talk_needs_a_person(ctx, qtbot) -> None:
    page = _page(ctx, qtbot)
    page.go(_door_with(page, 3) if any(len(d.people) == 3 for d in page.doors) else _door_with(page, 2))
    door = page.current_door()
    assert page.who_picker.value() == "household"  # right for not home
    _key(qtbot, Qt.Key.Key_1)  # canvassed at a door of several: who is asked
    assert page.who_picker.hasFocus()
    page.support_picker.pick(1)
    _key(qtbot, Qt.Key.Key_Return)  # no person picked: not saved, the form says why
    assert page.saved_count == 0 and "person you spoke with" in page.status_label.text()
    assert page.who_picker.hasFocus()
    page.result_picker.setFocus()
    _key(qtbot, Qt.Key.Key_2)  # not home: the whole household again
    assert page.who_picker.value() == "household"
    _key(qtbot, Qt.Key.Key_Return)
    _wait_saved(ctx, qtbot, page, 1)
    with ctx.store.session() as s:
        rows = _today(s, door.id)
        assert [(a.result_code, a.person_id, a.support) for a in rows] == [("not_home", None, None)]


def test_canvasser_asked_once_before_the_first_save(ctx, qtbot) -> None:
    page = _page(ctx, qtbot, canvasser_asked=False)
    assert page.canvasser_box.currentData() is None
    with ctx.store.session() as s:
        some_volunteer = s.scalars(select(Volunteer.id)).first()
    door = page.current_door()
    _key(qtbot, Qt.Key.Key_2)  # not home
    _key(qtbot, Qt.Key.Key_Return)
    dialog = page.canvasser_dialog
    assert dialog is not None and dialog.isVisible() and page.saved_count == 0
    row = next(i for i in range(dialog.list.count())
               if dialog.list.item(i).data(Qt.ItemDataRole.UserRole) == some_volunteer)
    dialog.list.setCurrentRow(row)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # the keyboard picks; the save goes on
    _wait_saved(ctx, qtbot, page, 1)
    assert page.canvasser_box.currentData() == some_volunteer
    with ctx.store.session() as s:
        assert [a.canvasser_id for a in _today(s, door.id)] == [some_volunteer]
    # the second save does not ask again
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.result_picker)
    _key(qtbot, Qt.Key.Key_2)
    _key(qtbot, Qt.Key.Key_Return)
    assert page.canvasser_dialog is None
    _wait_saved(ctx, qtbot, page, 2)
    # F4 changes it at any time
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.result_picker)
    _key(qtbot, Qt.Key.Key_F4)
    assert page.canvasser_dialog is not None
    page.canvasser_dialog.reject()


def test_counts_go_down_as_results_are_saved(ctx, qtbot) -> None:
    page = _page(ctx, qtbot)
    page.go(next(i for i, d in enumerate(page.doors) if not d.suppressed and not d.last_result))
    before = page.counts()
    assert str(before["to_knock"]) in page.header.subtitle_label.text()
    _key(qtbot, Qt.Key.Key_2)
    _key(qtbot, Qt.Key.Key_Return)
    _wait_saved(ctx, qtbot, page, 1)
    after = page.counts()
    assert after["to_knock"] == before["to_knock"] - 1
    assert after["with_result"] == before["with_result"] + 1
    assert f"{after['to_knock']} to knock" in page.header.subtitle_label.text()


def test_correcting_a_household_result_fixes_every_record(ctx, qtbot) -> None:
    page = _page(ctx, qtbot)
    row = _door_with(page, 2)
    door = page.doors[row]
    with ctx.store.transaction() as s:  # the old way: support copied to every resident
        canvass.record_result(s, door_id=door.id, result_code="canvassed", whole_household=True, support=1,
                              attempted_at=dt.datetime.now(dt.UTC))
    page.go(row)
    page._load_history(door.id)
    page.history.setCurrentRow(0)
    page.start_correction()
    assert page.result_picker.value() == "canvassed"
    page.who_picker.pick(door.people[0].id)
    page.support_picker.pick(3)
    _key(qtbot, Qt.Key.Key_Return)
    _wait_saved(ctx, qtbot, page, 1)
    with ctx.store.session() as s:
        rows = _today(s, door.id)
        assert sorted((a.person_id == door.people[0].id, a.support) for a in rows) == [(False, None), (True, 3)]
