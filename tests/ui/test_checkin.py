"""Check-in mode at the sign-in table, by keyboard only, on the demo summit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from fieldapp.core.models import Event, Person, PersonOrganization
from fieldapp.services import events as ev


def _focus():
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _dialog(ctx, qtbot):
    from fieldapp.ui.checkin import CheckInDialog

    ctx.tasks.dialog_delay_ms = 60_000
    with ctx.store.session() as s:
        eid = s.scalar(select(Event.id).where(Event.kind == "summit"))
    dialog = CheckInDialog(ctx, eid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.waitUntil(lambda: dialog.search.hasFocus(), timeout=5000)
    return dialog, eid


def test_search_enter_checks_in_and_counts_update(ctx, qtbot, shots_dir: Path) -> None:
    dialog, eid = _dialog(ctx, qtbot)
    with ctx.store.session() as s:
        rows = ev.signup_rows(s, eid)
        before = ev.arrival_counts(s, eid)
    assert dialog.model.rowCount() == len(rows)
    dialog.grab().save(str(shots_dir / "checkin_start.png"))
    target = next(r for r in rows if r.email and r.status in ("scheduled", "confirmed"))

    qtbot.keyClicks(_focus(), target.email)
    assert dialog.model.rowCount() == 1
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.checked_in == 1 and not ctx.tasks.busy, timeout=5000)
    assert target.name in dialog.flash.text()
    assert dialog.search.text() == "" and dialog.search.hasFocus()
    assert dialog.counts.arrived == before.arrived + 1
    assert f"{before.arrived + 1:,} arrived / {before.rsvps:,} RSVPs" == dialog.count_label.text()

    # a name typed part way, Down to the second match, Enter
    prefix = rows[0].last_name[:3]
    qtbot.keyClicks(_focus(), prefix)
    matches = [r for r in ev.signup_rows(ctx.store.session(), eid, prefix)]
    assert dialog.model.rowCount() == len(matches) >= 2
    qtbot.keyClick(_focus(), Qt.Key.Key_Down)
    second = dialog.selected_signup()
    assert second == matches[1].signup_id
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.checked_in == 2 and not ctx.tasks.busy, timeout=5000)
    with ctx.store.session() as s:
        assert next(r for r in ev.signup_rows(s, eid) if r.signup_id == second).checked_in
    # the same person again: nothing new, and it says so
    qtbot.keyClicks(_focus(), target.email)
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "already" in dialog.flash.text() and not ctx.tasks.busy, timeout=5000)
    assert dialog.counts.arrived == before.arrived + 2
    dialog.grab().save(str(shots_dir / "checkin_done.png"))
    # Ctrl+Z takes back the last real check-in (the second person), as a new fact
    qtbot.keyClick(_focus(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "taken back" in dialog.flash.text() and not ctx.tasks.busy, timeout=5000)
    assert dialog.counts.arrived == before.arrived + 1
    with ctx.store.session() as s:
        assert not next(r for r in ev.signup_rows(s, eid) if r.signup_id == second).checked_in


def test_walk_in_by_keyboard(ctx, qtbot, shots_dir: Path) -> None:
    dialog, _eid = _dialog(ctx, qtbot)
    before = dialog.counts
    qtbot.keyClicks(_focus(), "Nadia Okafor")
    assert dialog.model.rowCount() == 0
    filled = {}

    def fill() -> None:
        walk = QApplication.activeModalWidget()
        assert walk is not None and walk.windowTitle() == "Walk-in"
        assert walk.first.text() == "Nadia" and walk.last.text() == "Okafor"  # carried over from the search
        walk.grab().save(str(shots_dir / "checkin_walkin.png"))
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)  # first -> last
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)  # last -> phone
        qtbot.keyClicks(_focus(), "414-555-0142")
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
        qtbot.keyClicks(_focus(), "nadia@example.org")
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)  # language
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)  # organization
        qtbot.keyClick(_focus(), Qt.Key.Key_Down)  # the first organization
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)  # do not call
        qtbot.keyClick(_focus(), Qt.Key.Key_Space)
        filled["org"] = walk.org.currentData()
        qtbot.keyClick(_focus(), Qt.Key.Key_Return)

    QTimer.singleShot(100, fill)
    qtbot.keyClick(_focus(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.checked_in == 1 and not ctx.tasks.busy, timeout=5000)
    assert dialog.counts.walk_ins == before.walk_ins + 1 and dialog.counts.arrived == before.arrived + 1
    with ctx.store.session() as s:
        person = s.scalars(select(Person).where(Person.email == "nadia@example.org")).one()
        assert person.phone == "414-555-0142" and person.do_not_call and not person.do_not_text
        assert s.scalar(select(PersonOrganization.organization_id)
                        .where(PersonOrganization.person_id == person.id)) == filled["org"] is not None


def test_search_stays_fast_with_thousands_of_signups(ctx, qtbot) -> None:
    """A summit with 3,000 signups: the model loads ids only, and rows on demand."""
    import datetime as dt

    from fieldapp.core.models import Signup
    from fieldapp.core.stamping import bulk_insert

    with ctx.store.transaction() as s:
        eid = s.scalar(select(Event.id).where(Event.kind == "summit"))
        people = [{"first_name": f"Guest{i:04d}", "last_name": f"Summit{i % 97:02d}",
                   "phone": f"608-555-{i:04d}", "email": f"guest{i}@example.org", "id": f"00000000-0000-4000-8000-{i:012d}"}
                  for i in range(3000)]
        bulk_insert(s, Person, people)
        bulk_insert(s, Signup, [{"id": f"00000000-0000-4000-9000-{i:012d}", "event_id": eid, "person_id": p["id"],
                                 "status": "confirmed", "signed_up_at": dt.datetime(2026, 11, 20, tzinfo=dt.UTC)}
                                for i, p in enumerate(people)])
    dialog, _ = _dialog(ctx, qtbot)
    assert dialog.model.rowCount() > 3000
    assert dialog.model.stats.rows_fetched <= 2 * dialog.model.PAGE
    qtbot.keyClicks(_focus(), "guest2999@")  # its speed: benchmarks/canvass_events.py
    assert dialog.model.rowCount() == 1
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.checked_in == 1 and not ctx.tasks.busy, timeout=5000)
