"""The Events page: create, duplicate and cancel events, shifts, signups and waitlist."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from fieldapp.core.models import Event, Person
from fieldapp.services import events as ev


def _page(ctx, qtbot):
    from fieldapp.ui.pages.events import Page

    ctx.tasks.dialog_delay_ms = 60_000
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 860)
    page.source.now = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)  # the demo's day
    page.show()
    qtbot.waitExposed(page)
    return page


def test_events_page_shows_shifts_signups_and_counts(ctx, qtbot, shots_dir: Path) -> None:
    page = _page(ctx, qtbot)
    assert page.model.rowCount() == 5
    with ctx.store.session() as s:
        launch = s.scalar(select(Event.id).where(Event.kind == "canvass_launch"))
    page.select_event(launch)
    assert page.event_id == launch
    assert page.shift_table.rowCount() == 2
    assert page.signup_model.rowCount() > 0
    assert "RSVPs" in page.arrivals.text()
    assert "Saturday canvass launch" in page.summary.text() and "America/Chicago" in page.summary.text()
    page.grab().save(str(shots_dir / "events_page.png"))


def test_create_duplicate_cancel_through_dialogs(ctx, qtbot, monkeypatch, shots_dir: Path) -> None:
    from fieldapp.ui.event_dialogs import EventDialog, ShiftDialog

    page = _page(ctx, qtbot)
    dialog = EventDialog(ctx, None, page)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("rally"))
    dialog.title_edit.setText("Rally at City Hall")
    dialog.starts.setDateTime(QDateTime(2026, 12, 12, 12, 0, 0))
    dialog.ends.setDateTime(QDateTime(2026, 12, 12, 11, 0, 0))  # before the start: refused in the dialog
    dialog.zone.setCurrentText("America/Chicago")
    dialog.submit()
    qtbot.waitUntil(lambda: not ctx.tasks.busy)
    assert "end after it starts" in dialog.message.text() and dialog.saved is None
    dialog.show()
    dialog.grab().save(str(shots_dir / "event_dialog_refused.png"))
    dialog.ends.setDateTime(QDateTime(2026, 12, 12, 14, 0, 0))
    dialog.lat.setText("43.0417")
    dialog.lon.setText("-87.9095")
    dialog.capacity.setValue(1)
    dialog.hosts.item(0).setCheckState(dialog.hosts.item(0).checkState().__class__.Checked)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None and not ctx.tasks.busy)
    eid = dialog.saved
    with ctx.store.session() as s:
        info = ev.event_info(s, eid)
    assert info.starts_at == dt.datetime(2026, 12, 12, 18, 0, tzinfo=dt.UTC)
    assert info.lat == 43.0417 and info.capacity == 1 and len(info.host_organization_ids) == 1

    page.reload()
    page.select_event(eid)
    shift = ShiftDialog(ctx, eid, None, page)
    qtbot.addWidget(shift)
    shift.role.setText("marshal")
    shift.capacity.setValue(1)
    shift.submit()
    qtbot.waitUntil(lambda: shift.saved is not None and not ctx.tasks.busy)

    # two people for a one-seat shift: the second is waitlisted; a decline promotes them
    with ctx.store.transaction() as s:
        a, b = s.scalars(select(Person.id).limit(2)).all()
        first = ev.sign_up(s, eid, a, shift_id=shift.saved)
        second = ev.sign_up(s, eid, b, shift_id=shift.saved)
    assert second.waitlisted
    ctx.notify_changed("signups")
    page.select_event(eid)
    page.signup_model.refresh()
    row = page.signup_model.row_of(first.signup_id)
    page.signup_table.selectRow(row)
    page.status_box.setCurrentIndex(page.status_box.findData("declined"))
    page._apply_status()
    qtbot.waitUntil(lambda: not ctx.tasks.busy)
    with ctx.store.session() as s:
        rows = {r.signup_id: r for r in ev.signup_rows(s, eid)}
    assert rows[first.signup_id].status == "declined" and not rows[second.signup_id].waitlisted

    page.duplicate_event()
    qtbot.waitUntil(lambda: not ctx.tasks.busy)
    with ctx.store.session() as s:
        copies = [e for e in ev.list_events(s) if e.title == "Rally at City Hall"]
    assert len(copies) == 2
    assert {c.starts_local.replace(tzinfo=None) for c in copies} == {
        dt.datetime(2026, 12, 12, 12), dt.datetime(2026, 12, 19, 12)}

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.select_event(eid)
    page.toggle_cancel()
    qtbot.waitUntil(lambda: not ctx.tasks.busy)
    with ctx.store.session() as s:
        assert ev.event_info(s, eid).status == "cancelled"
    page.select_event(eid)
    assert page.cancel_button.text() == "Reinstate event"
    assert not page.checkin_button.isEnabled()


def test_count_label(ctx, qtbot) -> None:
    page = _page(ctx, qtbot)
    assert page.count_label.text() == "5 upcoming events"
