"""Check-in mode for the sign-in table, and the signup table model it shares.

Built for a summit with thousands of signups: the list is a lazy model whose
search runs in SQL (:func:`fieldapp.services.events.search_clause`), so typing
a name queries ids once and fetches only the rows on screen.

Keyboard: type in the big search box (name, phone digits or email); the first
match is selected; **Enter** checks the selected person in; Up/Down move the
selection without leaving the box; **Ctrl+N** opens the walk-in form; the
arrivals-against-RSVPs count updates after each check-in.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from fieldapp.core.models import CheckIn, Organization, Person, Shift, Signup
from fieldapp.errors import FieldAppError
from fieldapp.services import events as ev
from fieldapp.services import rules
from fieldapp.services.progress import Progress
from fieldapp.ui import errordialog, labels, theme
from fieldapp.ui.context import AppContext
from fieldapp.ui.event_dialogs import SavingDialog
from fieldapp.ui.tablemodel import CENTER, Column, LazyTableModel, RowSource
from fieldapp.ui.widgets import make_table_view

log = logging.getLogger(__name__)


def _checked_in_expr(event_id: str) -> Any:
    live = select(CheckIn.id).where(
        CheckIn.event_id == event_id,
        CheckIn.person_id == Signup.person_id,
        rules.live_check_in(),
    )
    return live.exists()


class SignupSource(RowSource):
    """The signups of one event, searched in SQL by name, phone or email."""

    def __init__(self, event_id: str | None = None) -> None:
        self.event_id = event_id

    def columns(self) -> list[Column]:
        statuses = labels.signup_status_labels()
        return [
            Column("name", QCoreApplication.translate("CheckIn", "Name"), sort=[func.lower(Person.last_name), func.lower(Person.first_name)]),
            Column("phone", QCoreApplication.translate("CheckIn", "Phone"), sort=[Person.phone]),
            Column("email", QCoreApplication.translate("CheckIn", "Email"), sort=[Person.email]),
            Column("status", QCoreApplication.translate("CheckIn", "Status"), sort=[Signup.status],
                   fmt=lambda v: labels.label(statuses, v[0]) + (" · " + QCoreApplication.translate("CheckIn", "waitlist") if v[1] else "")
                   + (" · " + QCoreApplication.translate("CheckIn", "walk-in") if v[2] else "")),
            Column("shift", QCoreApplication.translate("CheckIn", "Shift"), sort=[]),
            Column("org", QCoreApplication.translate("CheckIn", "Org"), sort=[]),
            Column("in", QCoreApplication.translate("CheckIn", "Arrived"), sort=[], align=CENTER, fmt=lambda v: "✓" if v else ""),
        ]

    def id_query(self, search: str) -> Select[Any]:
        return (
            select(Signup.id)
            .join(Person, Person.id == Signup.person_id)
            .where(Signup.event_id == (self.event_id or ""), Signup.deleted.is_(False), ev.search_clause(search))
        )

    def tiebreak(self) -> list[Any]:
        return [Signup.id]

    def fetch(self, session: Session, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        if not ids:
            return {}
        rows = session.execute(
            select(
                Signup.id, Person.last_name, Person.first_name, Person.phone, Person.email, Signup.status,
                Signup.waitlisted, Signup.walk_in, Shift.role, Organization.short_code,
                _checked_in_expr(self.event_id or ""),
            )
            .join(Person, Person.id == Signup.person_id)
            .outerjoin(Shift, Shift.id == Signup.shift_id)
            .outerjoin(Organization, Organization.id == Signup.organization_id)
            .where(Signup.id.in_(list(ids)))
        )
        return {
            r[0]: (f"{r[1]}, {r[2]}".strip(", "), r[3], r[4], (r[5], r[6], r[7]), r[8] or "", r[9] or "", bool(r[10]))
            for r in rows
        }

    def role_data(self, role: int, column: int, values: tuple[Any, ...]) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and len(values) > 6:
            if values[6]:
                return QColor(theme.GOOD)
            status = values[3][0] if values[3] else None
            if status == "declined" or (values[3] and values[3][1]):
                return QColor(theme.MUTED)
        return None


class WalkInDialog(SavingDialog):
    """Someone who did not sign up: name, contact, consent, organization."""

    def __init__(self, ctx: AppContext, event_id: str, parent: QWidget | None = None,
                 prefill: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.saved: ev.CheckInResult | None = None
        self.setWindowTitle(self.tr("Walk-in"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.first = QLineEdit()
        self.last = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        parts = prefill.split()
        if parts and not any(ch.isdigit() for ch in prefill) and "@" not in prefill:
            self.first.setText(parts[0])
            self.last.setText(" ".join(parts[1:]))
        elif "@" in prefill:
            self.email.setText(prefill.strip())
        elif prefill.strip():
            self.phone.setText(prefill.strip())
        self.language = QComboBox()
        for code, name in labels.language_labels().items():
            self.language.addItem(name, code)
        self.org = QComboBox()
        self.org.addItem(self.tr("(none)"), None)
        with ctx.store.session() as s:
            for oid, name, code in ev.organizations(s):
                self.org.addItem(f"{name} ({code})", oid)
        self.no_call = QCheckBox(self.tr("Do not call"))
        self.no_text = QCheckBox(self.tr("Do not text"))
        self.no_email = QCheckBox(self.tr("Do not email"))
        consent = QHBoxLayout()
        for box in (self.no_call, self.no_text, self.no_email):
            consent.addWidget(box)
        form.addRow(self.tr("First name"), self.first)
        form.addRow(self.tr("Last name"), self.last)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Email"), self.email)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Organization"), self.org)
        form.addRow(self.tr("Consent"), consent)
        layout.addLayout(form)
        self._setup_buttons(layout, self.tr("Check in"))
        self.first.setFocus()

    def data(self) -> ev.WalkInInput:
        return ev.WalkInInput(
            first_name=self.first.text(), last_name=self.last.text(), phone=self.phone.text(),
            email=self.email.text(), language=str(self.language.currentData() or "en"),
            do_not_call=self.no_call.isChecked(), do_not_text=self.no_text.isChecked(),
            do_not_email=self.no_email.isChecked(), organization_id=self.org.currentData(),
        )

    @property
    def result_value(self) -> ev.CheckInResult | None:
        """The check-in the service made, once it accepted the walk-in."""
        return self.saved

    def submit(self) -> None:
        data = self.data()
        event_id = self.event_id
        self._save(self.ctx, lambda s: ev.walk_in(s, event_id, data), "signups",
                   label=self.tr("Checking in…"))


class _SearchKeys(QObject):
    """Up/Down in the search box move the selection in the list."""

    def __init__(self, dialog: CheckInDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Down:
                self.dialog.move_selection(1)
                return True
            if event.key() == Qt.Key.Key_Up:
                self.dialog.move_selection(-1)
                return True
        # Ctrl+Z in the empty search box takes back the last check-in (with text in the
        # box it stays the line edit's own undo).
        if (event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Z
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and not self.dialog.search.text()):
            if event.type() == QEvent.Type.KeyPress:
                self.dialog.undo_last()
            event.accept()
            return True
        return False


class CheckInDialog(QDialog):
    """The sign-in table: search, one key to check in, walk-ins, live counts."""

    def __init__(self, ctx: AppContext, event_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.checked_in = 0
        self.last: tuple[ev.CheckInResult, str] | None = None  # for Ctrl+Z
        with ctx.store.session() as s:
            self.info = ev.event_info(s, event_id)
        self.setWindowTitle(self.tr("Check-in: {title}").format(title=self.info.title))
        self.resize(1100, 760)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        title = QLabel(self.info.title)
        title.setObjectName("pageTitle")
        when = QLabel(labels.event_when(self.info.starts_at, self.info.ends_at, self.info.timezone)
                      + (" · " + self.info.place_name if self.info.place_name else ""))
        when.setObjectName("pageSubtitle")
        top = QHBoxLayout()
        texts = QVBoxLayout()
        texts.addWidget(title)
        texts.addWidget(when)
        top.addLayout(texts, 1)
        self.count_label = QLabel("")
        self.count_label.setStyleSheet(f"font-size: 20pt; font-weight: 600; color: {theme.ACCENT_DARK};")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.count_label)
        layout.addLayout(top)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type a name, phone number or email, then Enter to check in"))
        font = QFont(self.search.font())
        font.setPointSize(18)
        self.search.setFont(font)
        self.search.setMinimumHeight(52)
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)

        self.source = SignupSource(event_id)
        self.model = LazyTableModel(ctx.store, self.source, self)
        self.table = make_table_view(self.model, self, widths=[230, 130, 250, 170, 90, 70])
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.flash = QLabel("")
        self.flash.setStyleSheet(f"font-size: 13pt; color: {theme.GOOD}; font-weight: 600;")
        bottom.addWidget(self.flash, 1)
        self.undo_button = QPushButton(self.tr("Undo last (Ctrl+Z)"))
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo_button.setEnabled(False)
        bottom.addWidget(self.undo_button)
        self.walkin_button = QPushButton(self.tr("Walk-in… (Ctrl+N)"))
        self.walkin_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.checkin_button = QPushButton(self.tr("Check in (Enter)"))
        self.checkin_button.setObjectName("primary")
        self.checkin_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close = QPushButton(self.tr("Close"))
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bottom.addWidget(self.walkin_button)
        bottom.addWidget(self.checkin_button)
        bottom.addWidget(close)
        layout.addLayout(bottom)

        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self.check_in_selected)
        self.search.installEventFilter(_SearchKeys(self))
        self.checkin_button.clicked.connect(self.check_in_selected)
        self.walkin_button.clicked.connect(self.open_walk_in)
        close.clicked.connect(self.accept)
        self.table.doubleClicked.connect(lambda _i: self.check_in_selected())
        self.undo_button.clicked.connect(self.undo_last)
        shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        shortcut.activated.connect(self.open_walk_in)
        self.model.refresh()
        self._select_first()
        self.update_counts()
        self.search.setFocus()

    # ------------------------------------------------------------------ list

    def _on_search(self, text: str) -> None:
        # The query is indexed and limited to the rows on screen; no debounce needed.
        self.model.set_search(text)
        self._select_first()

    def _select_first(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.table.clearSelection()

    def move_selection(self, delta: int) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        row = max(0, min(self.model.rowCount() - 1, row + delta))
        if self.model.rowCount():
            self.table.selectRow(row)

    def selected_signup(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.id_at(rows[0].row())

    def update_counts(self) -> None:
        with self.ctx.store.session() as s:
            c = ev.arrival_counts(s, self.event_id)
        self.counts = c
        self.count_label.setText(self.tr("{arrived:,} arrived / {rsvps:,} RSVPs").format(
            arrived=c.arrived, rsvps=c.rsvps))
        self.count_label.setToolTip(self.tr("%Ln of the RSVPs", "", c.arrived_from_rsvps) + ", "
                                      + self.tr("%Ln walk-in(s)", "", c.walk_ins) + ", "
                                      + self.tr("%Ln waitlisted", "", c.waitlisted))

    # ------------------------------------------------------------------ actions

    def check_in_selected(self) -> None:
        signup_id = self.selected_signup()
        if signup_id is None:
            if self.search.text().strip():
                self.flash.setStyleSheet(f"font-size: 13pt; color: {theme.WARN}; font-weight: 600;")
                self.flash.setText(self.tr("Nobody matches. Press Ctrl+N to add a walk-in."))
            return
        values = self.model.values_at(self.table.selectionModel().selectedRows()[0].row()) or ()
        last, _, first = (str(values[0]) if values else "").partition(", ")
        name = f"{first} {last}".strip()
        store = self.ctx.store

        def work(progress: Progress) -> ev.CheckInResult:
            with store.transaction() as s:
                return ev.check_in(s, signup_id)

        self.ctx.tasks.run(work, label=self.tr("Checking in…"),
                           on_done=lambda r: self._checked(r, name), on_error=self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        errordialog.show_problem(self, exc if isinstance(exc, FieldAppError) else str(exc))

    def _checked(self, result: ev.CheckInResult, name: str) -> None:
        if result.already:
            self.flash.setStyleSheet(f"font-size: 13pt; color: {theme.WARN}; font-weight: 600;")
            self.flash.setText(self.tr("{name} was already checked in.").format(name=name))
        else:
            self.checked_in += 1
            self.last = (result, name)
            self.undo_button.setEnabled(True)
            self.flash.setStyleSheet(f"font-size: 13pt; color: {theme.GOOD}; font-weight: 600;")
            self.flash.setText(self.tr("✓ {name} checked in.").format(name=name))
        self.ctx.notify_changed("signups")
        self.search.clear()
        self.model.refresh()
        self._select_first()
        self.update_counts()
        self.search.setFocus()

    def undo_last(self) -> None:
        """Take back the last check-in (a mistaken Enter): a new fact supersedes it."""
        if self.last is None:
            return
        result, name = self.last
        self.last = None
        self.undo_button.setEnabled(False)
        store = self.ctx.store

        def work(progress: Progress) -> None:
            with store.transaction() as s:
                ev.undo_check_in(s, result.check_in_id)

        def done(_r: None) -> None:
            self.flash.setStyleSheet(f"font-size: 13pt; color: {theme.WARN}; font-weight: 600;")
            self.flash.setText(self.tr("Check-in of {name} taken back.").format(name=name))
            self.ctx.notify_changed("signups")
            self.model.refresh()
            self._select_first()
            self.update_counts()
            self.search.setFocus()

        self.ctx.tasks.run(work, label=self.tr("Undoing…"), on_done=done, on_error=self._failed, parent=self)

    def open_walk_in(self) -> None:
        dialog = WalkInDialog(self.ctx, self.event_id, self, prefill=self.search.text())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            name = f"{dialog.first.text()} {dialog.last.text()}".strip()
            self._checked(dialog.result_value, name)


__all__ = ["CheckInDialog", "SignupSource", "WalkInDialog"]
