"""Dialogs for events: the event form, a shift, and adding someone to an event.

Each dialog saves through one service call on the database worker and closes
only when the service accepted the input; a refusal (end before start, an
unknown time zone...) is shown in the dialog so nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, or_, select

from fieldapp.core.models import EVENT_KINDS, SIGNUP_STATUSES, Person
from fieldapp.errors import FieldAppError
from fieldapp.services import events as ev
from fieldapp.services.progress import Progress
from fieldapp.ui import labels, theme
from fieldapp.ui.context import AppContext

log = logging.getLogger(__name__)

COMMON_ZONES = [
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "UTC",
]


def _qdt(value: dt.datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0)


def _py(value: QDateTime) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _datetime_edit() -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


def zone_box(current: str = "America/Chicago") -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    zones = COMMON_ZONES + sorted(z for z in zoneinfo.available_timezones() if z not in COMMON_ZONES)
    box.addItems(zones)
    completer = QCompleter(zones, box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    box.setCompleter(completer)
    box.setCurrentText(current)
    return box


class SavingDialog(QDialog):
    """A dialog whose OK runs a service call and stays open on a refusal.

    :attr:`saved` holds what the service returned once it accepted the input.
    """

    saved: Any = None

    def _setup_buttons(self, layout: QVBoxLayout, ok_text: str) -> None:
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {theme.BAD};")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("primary")
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def submit(self) -> None:  # overridden
        raise NotImplementedError

    def _save(self, ctx: AppContext, fn: Callable[[Any], Any], what: str, label: str = "") -> None:
        store = ctx.store

        def work(progress: Progress) -> Any:
            with store.transaction() as s:
                return fn(s)

        def done(result: Any) -> None:
            self.saved = result
            ctx.notify_changed(what)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.ok.setEnabled(True)
            self.message.setText(str(exc) if isinstance(exc, FieldAppError) else repr(exc))

        self.ok.setEnabled(False)
        self.message.setText("")
        ctx.tasks.run(work, label=label or self.tr("Saving…"), on_done=done, on_error=failed,
                      parent=self)


class EventDialog(SavingDialog):
    """Create or edit an event (times are typed in the event's own time zone)."""

    def __init__(self, ctx: AppContext, event_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.saved: Any = None
        self.setWindowTitle(self.tr("Edit event") if event_id else self.tr("New event"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        kinds = labels.event_kind_labels()
        for code in EVENT_KINDS:
            self.kind.addItem(labels.label(kinds, code), code)
        self.title_edit = QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(70)
        self.starts = _datetime_edit()
        self.ends = _datetime_edit()
        self.zone = zone_box()
        self.place = QLineEdit()
        self.address = QLineEdit()
        self.lat = QLineEdit()
        self.lon = QLineEdit()
        self.lat.setPlaceholderText(self.tr("latitude, e.g. 43.0389"))
        self.lon.setPlaceholderText(self.tr("longitude, e.g. -87.9065"))
        pin = QHBoxLayout()
        pin.addWidget(self.lat)
        pin.addWidget(self.lon)
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 100_000)
        self.capacity.setSpecialValueText(self.tr("no limit"))
        self.hosts = QListWidget()
        self.hosts.setFixedHeight(90)
        with ctx.store.session() as s:
            for oid, name, code in ev.organizations(s):
                item = QListWidgetItem(f"{name} ({code})")
                item.setData(Qt.ItemDataRole.UserRole, oid)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.hosts.addItem(item)
            info = ev.event_info(s, event_id) if event_id else None
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Starts"), self.starts)
        form.addRow(self.tr("Ends"), self.ends)
        form.addRow(self.tr("Time zone"), self.zone)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Map pin"), pin)
        form.addRow(self.tr("Capacity"), self.capacity)
        form.addRow(self.tr("Hosts"), self.hosts)
        layout.addLayout(form)
        self._setup_buttons(layout, self.tr("Save event"))
        if info is not None:
            self._fill(info)
        else:
            start = dt.datetime.combine(dt.date.today() + dt.timedelta(days=7), dt.time(18, 0))
            self.starts.setDateTime(_qdt(start))
            self.ends.setDateTime(_qdt(start + dt.timedelta(hours=2)))
        self.starts.dateTimeChanged.connect(self._keep_length)
        self._length = self.starts.dateTime().secsTo(self.ends.dateTime())
        self.ends.dateTimeChanged.connect(
            lambda _v: setattr(self, "_length", self.starts.dateTime().secsTo(self.ends.dateTime())))

    def _keep_length(self, value: QDateTime) -> None:
        self.ends.blockSignals(True)
        self.ends.setDateTime(value.addSecs(max(self._length, 0)))
        self.ends.blockSignals(False)

    def _fill(self, info: ev.EventInfo) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(info.kind), 0))
        self.title_edit.setText(info.title)
        self.description.setPlainText(info.description)
        self.starts.setDateTime(_qdt(info.starts_local))
        self.ends.setDateTime(_qdt(info.ends_local))
        self.zone.setCurrentText(info.timezone)
        self.place.setText(info.place_name)
        self.address.setText(info.address)
        self.lat.setText("" if info.lat is None else f"{info.lat:.6f}")
        self.lon.setText("" if info.lon is None else f"{info.lon:.6f}")
        self.capacity.setValue(info.capacity or 0)
        for i in range(self.hosts.count()):
            item = self.hosts.item(i)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) in info.host_organization_ids:
                item.setCheckState(Qt.CheckState.Checked)

    def _number(self, edit: QLineEdit, what: str) -> float | None:
        text = edit.text().strip().replace(",", ".")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            raise FieldAppError(self.tr("{what}: {text!r} is not a number").format(what=what, text=text)) from None

    def value(self) -> ev.EventInput:
        hosts = []
        for i in range(self.hosts.count()):
            item = self.hosts.item(i)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                hosts.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return ev.EventInput(
            kind=str(self.kind.currentData()), title=self.title_edit.text(),
            starts_local=_py(self.starts.dateTime()), ends_local=_py(self.ends.dateTime()),
            timezone=self.zone.currentText().strip(), description=self.description.toPlainText(),
            place_name=self.place.text(), address=self.address.text(),
            lat=self._number(self.lat, self.tr("Latitude")), lon=self._number(self.lon, self.tr("Longitude")),
            capacity=self.capacity.value() or None, host_organization_ids=hosts,
        )

    def submit(self) -> None:
        try:
            data = self.value()
        except FieldAppError as exc:
            self.message.setText(str(exc))
            return
        event_id = self.event_id
        if event_id:
            def update(s: Any) -> str:
                ev.update_event(s, event_id, data)
                return event_id

            self._save(self.ctx, update, "events")
        else:
            self._save(self.ctx, lambda s: ev.create_event(s, data), "events")


class ShiftDialog(SavingDialog):
    """Add or edit a shift (role, times in the event's zone, capacity)."""

    def __init__(self, ctx: AppContext, event_id: str, shift: ev.ShiftInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.shift = shift
        self.saved: Any = None
        with ctx.store.session() as s:
            info = ev.event_info(s, event_id)
        self.setWindowTitle(self.tr("Edit shift") if shift else self.tr("New shift"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.role = QLineEdit(shift.role if shift else "volunteer")
        self.starts = _datetime_edit()
        self.ends = _datetime_edit()
        self.starts.setDateTime(_qdt(shift.starts_local if shift else info.starts_local))
        self.ends.setDateTime(_qdt(shift.ends_local if shift else info.ends_local))
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 100_000)
        self.capacity.setSpecialValueText(self.tr("no limit"))
        self.capacity.setValue((shift.capacity or 0) if shift else 0)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Starts ({zone})").format(zone=info.timezone), self.starts)
        form.addRow(self.tr("Ends"), self.ends)
        form.addRow(self.tr("Capacity"), self.capacity)
        layout.addLayout(form)
        self._setup_buttons(layout, self.tr("Save shift"))

    def submit(self) -> None:
        start, end = _py(self.starts.dateTime()), _py(self.ends.dateTime())
        role, cap = self.role.text(), self.capacity.value() or None
        event_id = self.event_id
        if self.shift is not None:
            sid = self.shift.id
            self._save(self.ctx, lambda s: ev.update_shift(
                s, sid, starts_local=start, ends_local=end, role=role, capacity=cap), "shifts")
        else:
            self._save(self.ctx, lambda s: ev.add_shift(
                s, event_id, starts_local=start, ends_local=end, role=role, capacity=cap), "shifts")


class AddSignupDialog(SavingDialog):
    """Sign someone up: find them by name, phone or email; pick a shift and status."""

    def __init__(self, ctx: AppContext, event_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.saved: Any = None
        self.setWindowTitle(self.tr("Add a signup"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search people by name, phone or email"))
        layout.addWidget(self.search)
        self.people = QListWidget()
        layout.addWidget(self.people, 1)
        form = QFormLayout()
        self.shift = QComboBox()
        self.shift.addItem(self.tr("(the whole event)"), None)
        with ctx.store.session() as s:
            for sh in ev.shifts(s, event_id):
                cap = f" · {sh.taken}/{sh.capacity}" if sh.capacity else ""
                self.shift.addItem(f"{sh.role} {sh.starts_local:%H:%M}–{sh.ends_local:%H:%M}{cap}", sh.id)
        self.status = QComboBox()
        statuses = labels.signup_status_labels()
        for code in SIGNUP_STATUSES:
            self.status.addItem(labels.label(statuses, code), code)
        self.status.setCurrentIndex(max(self.status.findData("scheduled"), 0))
        form.addRow(self.tr("Shift"), self.shift)
        form.addRow(self.tr("Status"), self.status)
        layout.addLayout(form)
        self._setup_buttons(layout, self.tr("Sign up"))
        self.search.textChanged.connect(self._find)

    def _find(self, text: str) -> None:
        self.people.clear()
        q = text.strip().lower()
        if len(q) < 2:
            return
        like = q.replace("%", "").replace("_", "") + "%"
        digits = "".join(ch for ch in q if ch.isdigit())
        cond = [func.lower(Person.first_name).like(like), func.lower(Person.last_name).like(like),
                func.lower(Person.first_name + " " + Person.last_name).like(like),
                func.lower(Person.email).like(like)]
        if len(digits) >= 4:
            cond.append(Person.phone.like("%" + digits[-4:]))
        with self.ctx.store.session() as s:
            rows = s.execute(
                select(Person.id, Person.first_name, Person.last_name, Person.phone, Person.email)
                .where(Person.deleted.is_(False), Person.merged_into_id.is_(None), or_(*cond))
                .order_by(Person.last_name, Person.first_name).limit(50)
            ).all()
        for pid, first, last, phone, email in rows:
            item = QListWidgetItem(f"{first} {last}  ·  {phone or '-'}  ·  {email or '-'}")
            item.setData(Qt.ItemDataRole.UserRole, pid)
            self.people.addItem(item)
        if rows:
            self.people.setCurrentRow(0)

    def submit(self) -> None:
        item = self.people.currentItem()
        if item is None:
            self.message.setText(self.tr("Find and pick a person first."))
            return
        pid = str(item.data(Qt.ItemDataRole.UserRole))
        shift, status, event_id = self.shift.currentData(), str(self.status.currentData()), self.event_id
        self._save(self.ctx, lambda s: ev.sign_up(s, event_id, pid, shift_id=shift, status=status), "signups")
