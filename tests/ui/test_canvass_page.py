"""Canvass entry driven by the keyboard only, as a captain types in a walk sheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from fieldapp.core.models import ContactAttempt, Door
from fieldapp.services import canvass


def _page(ctx, qtbot, *, canvasser_asked: bool = True):
    from fieldapp.ui.pages.canvass import Page

    ctx.tasks.dialog_delay_ms = 60_000  # no progress dialog stealing the focus from the keyboard test
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 820)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitActive(page)
    qtbot.waitUntil(lambda: not ctx.tasks.busy and bool(page.doors), timeout=10000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    page.canvasser_confirmed = canvasser_asked  # the prompt has its own test
    return page


def _key(qtbot, key, text: str = "") -> None:
    """A key press to whatever has the focus (no mouse, no widget picked by the test)."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key)


def _wait_saved(ctx, qtbot, page, count: int) -> None:
    qtbot.waitUntil(lambda: page.saved_count == count and not ctx.tasks.busy, timeout=10000)


def test_keyboard_only_entry_of_three_doors(ctx, qtbot, shots_dir: Path) -> None:
    page = _page(ctx, qtbot)
    page.grab().save(str(shots_dir / "canvass_start.png"))
    page.go(next(i for i, d in enumerate(page.doors) if len(d.people) >= 2 and not d.suppressed))
    first = page.current
    door1 = page.doors[first]

    # Door 1: canvassed (1) -> who did we talk to? (2, the second resident) -> support 2,
    # rent_cap "yes" (1) -> the follow-up appears -> volunteer "yes" (1), tenure "rent" (1), then Enter.
    _key(qtbot, Qt.Key.Key_1)
    assert page.who_picker.hasFocus() and page.who_picker.value() is None
    _key(qtbot, Qt.Key.Key_2)
    assert page.who_picker.value() == door1.people[1].id
    assert page.support_picker.hasFocus()
    _key(qtbot, Qt.Key.Key_2)
    by_key = {q.key: q for q in page.questions}
    assert page.visible_question_ids() == [by_key["rent_cap"].id, by_key["tenure"].id]
    _key(qtbot, Qt.Key.Key_1)
    assert page.visible_question_ids() == [by_key["rent_cap"].id, by_key["volunteer"].id, by_key["tenure"].id]
    _key(qtbot, Qt.Key.Key_1)
    _key(qtbot, Qt.Key.Key_1)
    page.grab().save(str(shots_dir / "canvass_entry.png"))
    _key(qtbot, Qt.Key.Key_Return)
    _wait_saved(ctx, qtbot, page, 1)
    assert page.current > first  # moved on to the next door to knock
    door2 = page.current_door()

    # Door 2: not home (2), Enter.
    _key(qtbot, Qt.Key.Key_2)
    _key(qtbot, Qt.Key.Key_Return)
    _wait_saved(ctx, qtbot, page, 2)
    door3 = page.current_door()

    # Door 3: do not knock (0), a note typed after Tab-ing to the notes field, Enter.
    _key(qtbot, Qt.Key.Key_0)
    for _ in range(2 + len(page.questions)):
        if page.notes.hasFocus():
            break
        _key(qtbot, Qt.Key.Key_Tab)
    assert page.notes.hasFocus()
    qtbot.keyClicks(page.notes, "Big dog")
    _key(qtbot, Qt.Key.Key_Return)
    _wait_saved(ctx, qtbot, page, 3)
    page.grab().save(str(shots_dir / "canvass_saved.png"))

    with ctx.store.session() as s:
        a1 = [a for a in s.scalars(select(ContactAttempt).where(ContactAttempt.door_id == door1.id,
                                                                ContactAttempt.result_code == "canvassed"))
              if a.attempted_at.date() >= dt.date.today() - dt.timedelta(days=1)]
        # one conversation, one supporter: the person spoken with, not the whole household
        assert [(a.person_id, a.support) for a in a1] == [(door1.people[1].id, 2)]
        answers = a1[0].answers
        assert answers == {by_key["rent_cap"].id: "yes", by_key["volunteer"].id: "yes", by_key["tenure"].id: "rent"}
        newest = canvass.door_history(s, door2.id)[0]
        assert newest.result_code == "not_home" and newest.person_id is None and newest.support is None
        assert newest.attempted_at.date() >= dt.date.today() - dt.timedelta(days=1)
        d3 = s.get(Door, door3.id)
        assert d3.do_not_knock and d3.do_not_knock_reason == "Big dog"
    # the do-not-knock door shows why, in the list and on the form
    assert page.doors[page.doors.index(next(d for d in page.doors if d.id == door3.id))].suppressed
    page.go(next(i for i, d in enumerate(page.doors) if d.id == door3.id))
    assert page.suppressed_label.isVisible() and "Do not knock" in page.suppressed_label.text()
    page.grab().save(str(shots_dir / "canvass_suppressed.png"))


def test_language_toggle_and_correction(ctx, qtbot, shots_dir: Path) -> None:
    page = _page(ctx, qtbot)
    rent = next(q for q in page.questions if q.key == "rent_cap")
    page.lang_box.setCurrentIndex(page.lang_box.findData("es"))
    assert page._question_labels[rent.id].text().startswith("¿Apoya")
    page.lang_box.setCurrentIndex(page.lang_box.findData("en"))
    assert page._question_labels[rent.id].text().startswith("Do you support")

    door = page.current_door()
    _key(qtbot, Qt.Key.Key_3)  # refused
    _key(qtbot, Qt.Key.Key_Return)
    _wait_saved(ctx, qtbot, page, 1)
    page.go(next(i for i, d in enumerate(page.doors) if d.id == door.id))
    page.history.setCurrentRow(0)
    page.start_correction()
    assert page.result_picker.value() == "refused"
    _key(qtbot, Qt.Key.Key_9)  # come back
    _key(qtbot, Qt.Key.Key_Return)
    _wait_saved(ctx, qtbot, page, 2)
    with ctx.store.session() as s:
        hist = canvass.door_history(s, door.id)
        assert hist[0].result_code == "come_back" and hist[0].supersedes_id is not None
        assert "refused" not in {h.result_code for h in hist if h.supersedes_id is None and h.id == hist[0].supersedes_id}
        full = canvass.door_history(s, door.id, include_superseded=True)
        assert any(h.superseded and h.result_code == "refused" for h in full)


def test_consent_flags_by_keyboard(ctx, qtbot) -> None:
    page = _page(ctx, qtbot)
    page.go(next(i for i, d in enumerate(page.doors) if len(d.people) >= 2 and not d.suppressed))
    door = page.current_door()
    _key(qtbot, Qt.Key.Key_3)  # refused
    for _ in range(6 + len(page.questions)):
        if page.no_call.hasFocus():
            break
        _key(qtbot, Qt.Key.Key_Tab)
    assert page.no_call.hasFocus()
    _key(qtbot, Qt.Key.Key_Space)
    _key(qtbot, Qt.Key.Key_Return)
    _wait_saved(ctx, qtbot, page, 1)
    from fieldapp.core.models import Person

    with ctx.store.session() as s:
        people = [s.get(Person, p.id) for p in door.people]
        assert all(p.do_not_call and canvass.person_suppression(p, "call") == "Do not call" for p in people)
    row = next(i for i, d in enumerate(page.doors) if d.id == door.id)
    assert all(p.do_not_call for p in page.doors[row].people)
    page.go(row)
    assert "no calls" in page.who_picker.options()[0][1]
